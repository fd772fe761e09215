using System.Text.RegularExpressions;

namespace RedshiftTyped.Tool.Capture;

/// <summary>The table selection matches nothing (or one of its filters does): an error, since a check of nothing passes.</summary>
internal sealed class SelectionException(string message) : Exception(message);

/// <summary>
/// Which tables to capture: system schemas never; then schema_filter (exact schema names), then
/// <c>--include</c> / <c>--exclude</c> globs on <c>schema.table</c> (<c>*</c> any run, <c>?</c> one character),
/// matched case-sensitively as Redshift names are. Globs compile to non-backtracking regular expressions, so matching
/// takes time linear in the name whatever the pattern (a backtracking <c>*a*a*a*a*a*a*b</c> is exponential).
/// </summary>
public sealed class TableSelector
{
    private readonly IReadOnlyList<string> _schemas;
    private readonly (string Pattern, Regex Regex)[] _include;
    private readonly (string Pattern, Regex Regex)[] _exclude;

    public TableSelector(IReadOnlyList<string> schemaFilter, IEnumerable<string> include, IEnumerable<string> exclude)
    {
        _schemas = schemaFilter;
        _include = include.Select(p => (p, Glob(p))).ToArray();
        _exclude = exclude.Select(p => (p, Glob(p))).ToArray();
    }

    /// <summary>pg_catalog, information_schema, pg_internal, pg_toast, pg_temp_*, pg_toast_temp_*, pg_automv and catalog_history.</summary>
    public static bool IsSystemSchema(string schema)
        => schema is "pg_catalog" or "information_schema" or "pg_internal" or "pg_toast" or "pg_automv" or "catalog_history"
           || schema.StartsWith("pg_temp_", StringComparison.Ordinal)
           || schema.StartsWith("pg_toast_temp_", StringComparison.Ordinal);

    public bool IncludesSchema(string schema)
        => !IsSystemSchema(schema) && (_schemas.Count == 0 || _schemas.Contains(schema, StringComparer.Ordinal));

    public bool Includes(string schema, string table)
    {
        if (!IncludesSchema(schema))
        {
            return false;
        }

        string qualified = $"{schema}.{table}";
        return (_include.Length == 0 || _include.Any(g => g.Regex.IsMatch(qualified))) && !_exclude.Any(g => g.Regex.IsMatch(qualified));
    }

    /// <summary>Whether a stored snapshot belongs to what this selection captures in <paramref name="database"/>.</summary>
    public bool Covers(Snapshots.TableSnapshot table, string database)
        => table.Database == database && Includes(table.Schema, table.Name);

    /// <summary>
    /// Whether the command also checks or captures typed query files: then a selection of no tables (<c>--exclude '*'</c>)
    /// still checks something, and is allowed; a filter that matches nothing is still an error.
    /// </summary>
    internal bool QueriesInScope { get; set; }

    /// <summary>
    /// Throws <see cref="SelectionException"/> when a schema_filter entry names no schema of the database, an
    /// <c>--include</c> glob matches none of its tables, or the whole selection matches no table (unless query files are
    /// in scope). An <c>--exclude</c> that matches nothing excludes nothing, which is harmless, so it passes.
    /// </summary>
    /// <param name="database">The database, for the message.</param>
    /// <param name="schemas">Every schema the Data API listed.</param>
    /// <param name="tables">Every table and view of the schema-filtered schemas, before the globs.</param>
    /// <param name="selected">How many tables the whole selection kept.</param>
    public void EnsureMatches(string database, IReadOnlyCollection<string> schemas, IReadOnlyCollection<(string Schema, string Table)> tables, int selected)
    {
        var problems = new List<string>();
        foreach (string schema in _schemas.Where(s => !schemas.Contains(s, StringComparer.Ordinal)))
        {
            string known = string.Join(", ", schemas.Where(s => !IsSystemSchema(s)).Order(StringComparer.Ordinal).Take(10));
            problems.Add($"schema_filter \"{schema}\" names no schema of {database} (its schemas: {(known.Length == 0 ? "none" : known)}); schema names are case-sensitive");
        }

        foreach (var (pattern, regex) in _include)
        {
            if (!tables.Any(t => regex.IsMatch($"{t.Schema}.{t.Table}")))
            {
                problems.Add($"--include \"{pattern}\" matches no table of {database}{InSchemas()}; globs match schema.table, e.g. \"public.sales*\"");
            }
        }

        if (problems.Count == 0 && selected == 0 && !QueriesInScope)
        {
            problems.Add(Filtered
                ? $"the selection ({Describe()}) matches no table of {database}"
                : $"{database} has no tables or views the Data API lists (system schemas are never captured)");
        }

        if (problems.Count > 0)
        {
            throw new SelectionException(string.Join("; ", problems) + ". Fix the filter: a selection that matches nothing would check nothing.");
        }
    }

    private bool Filtered => _schemas.Count > 0 || _include.Length > 0 || _exclude.Length > 0;

    private string InSchemas() => _schemas.Count == 0 ? string.Empty : $" in schema_filter {string.Join(",", _schemas)}";

    private string Describe() => string.Join(", ", new[]
    {
        _schemas.Count == 0 ? null : $"schema_filter {string.Join(",", _schemas)}",
        _include.Length == 0 ? null : string.Join(" ", _include.Select(g => $"--include \"{g.Pattern}\"")),
        _exclude.Length == 0 ? null : string.Join(" ", _exclude.Select(g => $"--exclude \"{g.Pattern}\"")),
    }.Where(s => s is not null));

    /// <summary><c>*</c> any run, <c>?</c> one character, anything else literally; linear-time matching.</summary>
    internal static Regex Glob(string pattern)
        => new("^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.CultureInvariant | RegexOptions.Singleline | RegexOptions.NonBacktracking);
}
