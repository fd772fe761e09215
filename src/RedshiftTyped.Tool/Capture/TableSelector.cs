using System.Text.RegularExpressions;

namespace RedshiftTyped.Tool.Capture;

/// <summary>
/// Which tables to capture: system schemas never; then schema_filter (exact schema names), then
/// <c>--include</c> / <c>--exclude</c> globs on <c>schema.table</c> (<c>*</c> any run, <c>?</c> one character),
/// matched case-sensitively as Redshift names are.
/// </summary>
public sealed class TableSelector
{
    private readonly IReadOnlyList<string> _schemas;
    private readonly Regex[] _include;
    private readonly Regex[] _exclude;

    public TableSelector(IReadOnlyList<string> schemaFilter, IEnumerable<string> include, IEnumerable<string> exclude)
    {
        _schemas = schemaFilter;
        _include = include.Select(Glob).ToArray();
        _exclude = exclude.Select(Glob).ToArray();
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
        return (_include.Length == 0 || _include.Any(g => g.IsMatch(qualified))) && !_exclude.Any(g => g.IsMatch(qualified));
    }

    /// <summary>Whether a stored snapshot belongs to what this selection captures in <paramref name="database"/>.</summary>
    public bool Covers(Snapshots.TableSnapshot table, string database)
        => table.Database == database && Includes(table.Schema, table.Name);

    private static Regex Glob(string pattern)
        => new("^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.CultureInvariant | RegexOptions.Singleline);
}
