using System.Collections.Concurrent;
using System.Data.Common;
using RedshiftTyped.Local.Statements;
using RedshiftTyped.Values;

namespace RedshiftTyped.Local.Engine;

/// <summary>
/// The Redshift system views and functions that schema tools query (redshift-typed capture among them), answered
/// from the server's own catalog: <c>svv_redshift_tables</c>, <c>svv_redshift_columns</c> (distribution and sort
/// keys), <c>svv_table_info</c> (distribution style), <c>stv_mv_info</c>, <c>svv_external_tables</c>,
/// <c>svv_external_columns</c> (empty: there is no Spectrum here) and <c>pg_get_late_binding_view_cols()</c>.
/// A statement that names one gets it as a temporary table on its own connection, filled just before it runs:
/// temporary tables come first in name resolution on both engines, so the query runs unchanged, and no other
/// statement can see or race with them. Late-binding views (<c>WITH NO SCHEMA BINDING</c>) are created as
/// plain views and remembered here.
/// </summary>
internal sealed class RedshiftSystemViews(IDatabaseBackend backend, string database)
{
    private const string LateBindingFunction = "pg_get_late_binding_view_cols";

    private static readonly Dictionary<string, string> Definitions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["svv_redshift_tables"] = "database_name varchar, schema_name varchar, table_name varchar, table_type varchar, table_acl varchar, remarks varchar",
        ["svv_redshift_columns"] = "database_name varchar, schema_name varchar, table_name varchar, column_name varchar, ordinal_position integer, " +
            "data_type varchar, column_default varchar, is_nullable varchar, encoding varchar, distkey boolean, sortkey integer, column_acl varchar, remarks varchar",
        ["svv_table_info"] = "\"database\" varchar, \"schema\" varchar, \"table\" varchar, diststyle varchar, sortkey1 varchar, sortkey_num integer",
        ["stv_mv_info"] = "db_name varchar, \"schema\" varchar, name varchar, is_stale varchar, state integer, autorefresh varchar",
        ["svv_external_tables"] = "schemaname varchar, tablename varchar, location varchar",
        ["svv_external_columns"] = "schemaname varchar, tablename varchar, columnname varchar, external_type varchar, columnnum integer, part_key integer, is_nullable varchar",
        [LateBindingFunction] = "view_schema varchar, view_name varchar, col_name varchar, col_type varchar, col_num integer",
    };

    private readonly ConcurrentDictionary<(string Schema, string Name), bool> _lateBindingViews = new();
    private readonly bool _postgres = backend is PostgresBackend;

    /// <summary>
    /// Prepares a statement: a late-binding CREATE VIEW loses its clause (and is remembered once it succeeds);
    /// <c>pg_get_late_binding_view_cols() alias(column types...)</c> becomes a read of its temporary table.
    /// Returns the SQL to run, the system views it needs, and the late-binding view it creates, if any.
    /// </summary>
    public (string Sql, IReadOnlyList<string> Needed, (string, string)? LateBindingView) Prepare(string sql)
    {
        // Almost every statement names none of them: skip the lexing then.
        if (!Definitions.Keys.Any(name => sql.Contains(name, StringComparison.OrdinalIgnoreCase))
            && !sql.Contains("binding", StringComparison.OrdinalIgnoreCase))
        {
            return (sql, [], null);
        }

        var tokens = SqlLexer.Tokenize(sql);
        var needed = tokens.Where(t => t.Kind == SqlTokenKind.Word && Definitions.ContainsKey(t.Text))
            .Select(t => t.Text.ToLowerInvariant()).Distinct().ToList();
        var lateBinding = StripLateBinding(tokens);
        if (needed.Contains(LateBindingFunction))
        {
            RewriteLateBindingCall(tokens);
        }

        return (needed.Count == 0 && lateBinding is null ? sql : string.Concat(tokens.Select(t => t.Text)), needed, lateBinding);
    }

    public void RememberLateBindingView((string Schema, string Name) view) => _lateBindingViews[view] = true;

    public void Forget(string schema, string name) => _lateBindingViews.TryRemove((schema, name), out _);

    /// <summary>Creates and fills the temporary tables the statement needs, on its connection.</summary>
    public void Materialize(IEngineConnection connection, LocalCatalog catalog, IReadOnlyList<string> needed)
    {
        if (needed.Count == 0)
        {
            return;
        }

        // Listings first: the temporary tables made below must not list themselves.
        var tables = Query(connection, backend.ListTablesSql)
            .Where(r => r[0] is not ("pg_catalog" or "information_schema" or "temp" or "pg_temp") && !r[0]!.StartsWith("pg_temp", StringComparison.Ordinal))
            .Select(r => (Schema: r[0]!, Name: r[1]!, Type: r[2]!)).ToList();
        foreach (string view in needed)
        {
            var rows = view switch
            {
                "svv_redshift_tables" => tables.Select(t => new object?[] { database, t.Schema, t.Name, t.Type, null, null }),
                "svv_redshift_columns" => RedshiftColumns(catalog),
                "svv_table_info" => catalog.Tables.Select(t => new object?[] { database, t.Schema, t.Name, DistStyle(t), t.SortKey.FirstOrDefault(), t.SortKey.Count }),
                LateBindingFunction => LateBindingColumns(connection),
                _ => [],
            };
            Fill(connection, view, rows.ToList());
        }
    }

    private IEnumerable<object?[]> RedshiftColumns(LocalCatalog catalog)
        => catalog.Tables.SelectMany(t => t.Columns.Select((c, i) => new object?[]
        {
            database, t.Schema, t.Name, c.Name, i + 1, c.Type.DeclaredName, c.Default, c.Nullable ? "YES" : "NO", c.Encoding,
            c.Name == t.DistKey, t.SortKey.ToList().IndexOf(c.Name) + 1, null, null,
        }));

    /// <summary>KEY(listid), EVEN, ALL, or AUTO(EVEN) as svv_table_info prints them.</summary>
    private static string DistStyle(CatalogTable table) => table.DistStyle?.ToUpperInvariant() switch
    {
        "KEY" => $"KEY({table.DistKey})",
        "AUTO" or null => "AUTO(EVEN)",
        var style => style,
    };

    private List<object?[]> LateBindingColumns(IEngineConnection connection)
    {
        var rows = new List<object?[]>();
        foreach (var (schema, name) in _lateBindingViews.Keys.OrderBy(k => k.Schema, StringComparer.Ordinal).ThenBy(k => k.Name, StringComparer.Ordinal))
        {
            try
            {
                using var command = connection.CreateCommand($"SELECT * FROM {Quote(schema)}.{Quote(name)} LIMIT 0", []);
                using var reader = command.ExecuteReader();
                var described = connection.DescribeColumns(reader);
                for (int i = 0; i < reader.FieldCount; i++)
                {
                    var metadata = described[i].Type.ToResultMetadata(reader.GetName(i), described[i].Nullable);
                    var type = RedshiftTypeNames.Parse(metadata.TypeName);
                    string declared = RedshiftTypeNames.DeclaredName(type, Positive(described[i].Type.Length), Positive(metadata.Precision), metadata.Scale)
                        ?? metadata.TypeName ?? "unknown";
                    rows.Add([schema, name, reader.GetName(i), declared, i + 1]);
                }
            }
            catch (DbException)
            {
                // A late-binding view whose tables are gone has no columns until they are back, as in Redshift.
            }
        }

        return rows;
    }

    private void Fill(IEngineConnection connection, string view, List<object?[]> rows)
    {
        Execute(connection, _postgres ? $"DROP TABLE IF EXISTS pg_temp.{view}" : $"DROP TABLE IF EXISTS temp.{view}", []);
        Execute(connection, $"CREATE TEMP TABLE {view} ({Definitions[view]})", []);
        if (rows.Count == 0)
        {
            return;
        }

        var columnTypes = Definitions[view].Split(',').Select(d => d.Trim().Split(' ')[^1]).ToArray();
        foreach (var row in rows)
        {
            // Values travel as parameters; NULLs as a cast of NULL.
            var values = new List<string>();
            var parts = new List<string>();
            for (int i = 0; i < row.Length; i++)
            {
                if (row[i] is null)
                {
                    parts.Add($"CAST(NULL AS {columnTypes[i]})");
                    continue;
                }

                values.Add(row[i] switch { bool b => b ? "true" : "false", var v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)! });
                parts.Add($"CAST(${values.Count} AS {columnTypes[i]})");
            }

            Execute(connection, $"INSERT INTO {view} VALUES ({string.Join(", ", parts)})", values);
        }
    }

    private static void Execute(IEngineConnection connection, string sql, IReadOnlyList<string> values)
    {
        using var command = connection.CreateCommand(sql, values);
        command.ExecuteNonQuery();
    }

    private static List<string?[]> Query(IEngineConnection connection, string sql)
    {
        using var command = connection.CreateCommand(sql, []);
        using var reader = command.ExecuteReader();
        var rows = new List<string?[]>();
        while (reader.Read())
        {
            var row = new string?[reader.FieldCount];
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary><c>CREATE [OR REPLACE] VIEW name AS ... WITH NO SCHEMA BINDING</c>: drops the clause, returns the view.</summary>
    private static (string, string)? StripLateBinding(List<SqlToken> tokens)
    {
        var words = tokens.Select((t, i) => (Token: t, Index: i)).Where(x => !x.Token.IsTrivia).ToList();
        int w = 0;
        if (words.Count < 8 || !words[w++].Token.IsWord("create"))
        {
            return null;
        }

        if (words[w].Token.IsWord("or") && words[w + 1].Token.IsWord("replace"))
        {
            w += 2;
        }

        if (!words[w++].Token.IsWord("view"))
        {
            return null;
        }

        int end = words.Count;
        if (words[end - 1].Token.IsSymbol(";"))
        {
            end--;
        }

        if (end < 4 || !(words[end - 4].Token.IsWord("with") && words[end - 3].Token.IsWord("no") && words[end - 2].Token.IsWord("schema") && words[end - 1].Token.IsWord("binding")))
        {
            return null;
        }

        string first = RedshiftDdlTranslator.Identifier(words[w].Token);
        var view = words[w + 1].Token.IsSymbol(".") ? (first, RedshiftDdlTranslator.Identifier(words[w + 2].Token)) : ("public", first);
        for (int i = words[end - 4].Index; i <= words[end - 1].Index; i++)
        {
            tokens[i] = new SqlToken(SqlTokenKind.Whitespace, i == words[end - 4].Index ? " " : string.Empty);
        }

        return view;
    }

    /// <summary><c>pg_get_late_binding_view_cols() cols(view_schema name, ...)</c> → <c>pg_get_late_binding_view_cols cols</c>.</summary>
    private static void RewriteLateBindingCall(List<SqlToken> tokens)
    {
        for (int i = 0; i < tokens.Count; i++)
        {
            if (!tokens[i].IsWord(LateBindingFunction))
            {
                continue;
            }

            int open = Next(tokens, i);
            int close = open < 0 ? -1 : Next(tokens, open);
            if (open < 0 || !tokens[open].IsSymbol("(") || close < 0 || !tokens[close].IsSymbol(")"))
            {
                continue;
            }

            Blank(tokens, open, close);
            int alias = Next(tokens, close);
            if (alias >= 0 && tokens[alias].IsWord("as"))
            {
                alias = Next(tokens, alias);
            }

            int columns = alias >= 0 ? Next(tokens, alias) : -1;
            if (columns >= 0 && tokens[columns].IsSymbol("("))
            {
                int depth = 0;
                for (int k = columns; k < tokens.Count; k++)
                {
                    if (tokens[k].IsSymbol("(")) depth++;
                    bool last = tokens[k].IsSymbol(")") && --depth == 0;
                    tokens[k] = new SqlToken(SqlTokenKind.Whitespace, string.Empty);
                    if (last) break;
                }
            }
        }
    }

    private static void Blank(List<SqlToken> tokens, int from, int to)
    {
        for (int k = from; k <= to; k++)
        {
            tokens[k] = new SqlToken(SqlTokenKind.Whitespace, string.Empty);
        }
    }

    private static int Next(List<SqlToken> tokens, int from)
    {
        for (int i = from + 1; i < tokens.Count; i++)
        {
            if (!tokens[i].IsTrivia && tokens[i].Text.Length > 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static int? Positive(int? value) => value is > 0 ? value : null;

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
