using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using RedshiftTyped.Local.Catalog;
using RedshiftTyped.Local.Catalog.External;
using RedshiftTyped.Local.Statements;
using RedshiftTyped.Values;

namespace RedshiftTyped.Local.Engine;

/// <summary>
/// The Redshift system views and functions that schema tools query (redshift-typed capture among them), answered
/// from the engine's catalog and the server's own: <c>svv_redshift_tables</c> and <c>svv_redshift_columns</c>
/// (with COMMENT ON remarks, distribution and sort keys), <c>svv_table_info</c> (distribution style),
/// <c>stv_mv_info</c> (materialized views and whether they are stale), <c>svv_external_schemas</c>,
/// <c>svv_external_databases</c>, <c>svv_external_tables</c>, <c>svv_external_columns</c>,
/// <c>svv_external_partitions</c> and <c>pg_get_late_binding_view_cols()</c>. Columns follow the guide's pages
/// (r_SVV_REDSHIFT_TABLES.md, r_SVV_REDSHIFT_COLUMNS.md, r_STV_MV_INFO.md, r_SVV_EXTERNAL_*.md,
/// PG_GET_LATE_BINDING_VIEW_COLS.md). A statement that names one gets it as a temporary table on its own
/// connection, filled just before it runs: temporary tables come first in name resolution on both engines, so
/// the query runs unchanged, and no other statement can see or race with them. Late-binding views
/// (<c>WITH NO SCHEMA BINDING</c>) are created as plain views and remembered, with their definition.
/// </summary>
internal sealed class RedshiftSystemViews(IDatabaseBackend backend, string database, Dialect.RedshiftDialect dialect)
{
    private const string LateBindingFunction = "pg_get_late_binding_view_cols";

    private static readonly Dictionary<string, string> Definitions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["svv_redshift_tables"] = "database_name varchar, schema_name varchar, table_name varchar, table_type varchar, table_acl varchar, remarks varchar",
        ["svv_redshift_columns"] = "database_name varchar, schema_name varchar, table_name varchar, column_name varchar, ordinal_position integer, " +
            "data_type varchar, column_default varchar, is_nullable varchar, encoding varchar, distkey boolean, sortkey integer, column_acl varchar, remarks varchar",
        ["svv_table_info"] = "\"database\" varchar, \"schema\" varchar, \"table\" varchar, diststyle varchar, sortkey1 varchar, sortkey_num integer",
        ["stv_mv_info"] = "db_name varchar, \"schema\" varchar, name varchar, updated_upto_xid bigint, is_stale varchar, owner_user_name varchar, " +
            "state integer, autorefresh varchar, autorewrite varchar",
        ["svv_external_schemas"] = "esoid integer, eskind integer, schemaname varchar, esowner integer, databasename varchar, esoptions varchar",
        ["svv_external_databases"] = "eskind integer, esoptions varchar, databasename varchar, location varchar, parameters varchar",
        ["svv_external_tables"] = "redshift_database_name varchar, schemaname varchar, tablename varchar, tabletype varchar, location varchar, " +
            "input_format varchar, output_format varchar, serialization_lib varchar, serde_parameters varchar, compressed integer, parameters varchar",
        ["svv_external_columns"] = "redshift_database_name varchar, schemaname varchar, tablename varchar, columnname varchar, external_type varchar, " +
            "columnnum integer, part_key integer, is_nullable varchar",
        ["svv_external_partitions"] = "schemaname varchar, tablename varchar, \"values\" varchar, location varchar, input_format varchar, " +
            "output_format varchar, serialization_lib varchar, serde_parameters varchar, compressed integer, parameters varchar",
        [LateBindingFunction] = "view_schema varchar, view_name varchar, col_name varchar, col_type varchar, col_num integer",
    };

    private readonly bool _postgres = backend is PostgresBackend;

    /// <summary>Whether <paramref name="name"/> is one of the views answered here (their temporary tables are not user tables).</summary>
    public static bool IsSystemView(string name) => Definitions.ContainsKey(name);

    /// <summary>
    /// Prepares a statement: a late-binding CREATE VIEW loses its clause (and is remembered once it succeeds);
    /// <c>pg_get_late_binding_view_cols() alias(column types...)</c> becomes a read of its temporary table.
    /// Returns the SQL to run, the system views it needs, and the late-binding view it creates with its query.
    /// </summary>
    public (string Sql, IReadOnlyList<string> Needed, (string Schema, string Name, string Query)? LateBindingView) Prepare(string sql)
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

    /// <summary>Creates and fills the temporary tables the statement needs, on its connection.</summary>
    public void Materialize(IEngineConnection connection, LocalCatalog catalog, IReadOnlyList<string> needed)
    {
        if (needed.Count == 0)
        {
            return;
        }

        // Listings first: the temporary tables made below must not list themselves.
        var tables = Query(connection, backend.ListTablesSql)
            .Where(r => IsUserTable(r[0]!, r[1]!))
            .Select(r => (Schema: r[0]!, Name: r[1]!, Type: r[2]!)).ToList();
        var columns = needed.Contains("svv_redshift_columns")
            ? Query(connection, backend.ListColumnsSql).Where(r => IsUserTable(r[0]!, r[1]!)).ToList()
            : [];
        var comments = needed.Any(n => n is "svv_redshift_tables" or "svv_redshift_columns")
            ? Query(connection, Comments.ListSql(backend))
            : [];
        foreach (string view in needed)
        {
            var rows = view switch
            {
                "svv_redshift_tables" => RedshiftTables(catalog, tables, comments),
                "svv_redshift_columns" => RedshiftColumns(catalog, columns, comments),
                "svv_table_info" => catalog.Tables
                    .Where(t => catalog.External.Table(t.Schema, t.Name) is null && tables.Any(x => x.Schema == t.Schema && x.Name == t.Name))
                    .Select(t => new object?[] { database, t.Schema, t.Name, DistStyle(t), t.SortKey.FirstOrDefault(), t.SortKey.Count }),
                "stv_mv_info" => catalog.MaterializedViews.All.Select(v => new object?[]
                {
                    database, v.Schema, v.Name, 0L, v.Stale ? "t" : "f", "local", 0, v.AutoRefresh ? "t" : "f", "f",
                }),
                "svv_external_schemas" => catalog.External.Schemas.Select(s => new object?[] { s.Oid, 1, s.Name, 100, s.Database, Json(s.Options) }),
                "svv_external_databases" => catalog.External.Schemas.DistinctBy(s => s.Database).Select(s => new object?[]
                {
                    1, Json(s.Options), s.Database, "", "{}",
                }),
                "svv_external_tables" => catalog.External.Tables.Select(t => new object?[]
                {
                    database, t.Schema, t.Name, "TABLE", t.Location.TrimEnd('/'), t.Classes.Input, t.Classes.Output, t.Classes.Serde,
                    SerdeParameters(t), 0, Json(t.Properties),
                }),
                "svv_external_columns" => catalog.External.Tables.SelectMany(t => t.AllColumns.Select((c, i) => new object?[]
                {
                    database, t.Schema, t.Name, c.Name, ExternalValues.ExternalTypeName(c.Type), i + 1,
                    i < t.Columns.Count ? 0 : i - t.Columns.Count + 1, "true",
                })),
                "svv_external_partitions" => catalog.External.Tables.SelectMany(t => t.Partitions.Select(p => new object?[]
                {
                    t.Schema, t.Name, JsonSerializer.Serialize(p.Values), p.Location.TrimEnd('/'), t.Classes.Input, t.Classes.Output,
                    t.Classes.Serde, SerdeParameters(t), 0, "{}",
                })),
                LateBindingFunction => LateBindingColumns(connection, catalog, dialect),
                _ => [],
            };
            Fill(connection, view, rows.ToList());
        }
    }

    private static bool IsUserTable(string schema, string name)
        => schema is not ("pg_catalog" or "information_schema" or "temp" or "pg_temp") && !schema.StartsWith("pg_temp", StringComparison.Ordinal)
           && !IsSystemView(name);

    /// <summary>Local tables and views (external tables are in svv_external_tables), with their COMMENT ON remarks.</summary>
    private IEnumerable<object?[]> RedshiftTables(LocalCatalog catalog, List<(string Schema, string Name, string Type)> tables, List<string?[]> comments)
        => tables.Where(t => catalog.External.Table(t.Schema, t.Name) is null).Select(t => new object?[]
        {
            database, t.Schema, t.Name, catalog.MaterializedViews.Find(t.Schema, t.Name) is null ? t.Type : "VIEW", null,
            comments.FirstOrDefault(c => c[0] == t.Schema && c[1] == t.Name && c[2] is null)?[3],
        });

    /// <summary>
    /// Every column of the local tables and views, with the declared type where the server's catalog knows it
    /// (format_type style: <c>character varying(30)</c>, <c>numeric(8,2)</c>), distribution and sort keys, and remarks.
    /// </summary>
    private IEnumerable<object?[]> RedshiftColumns(LocalCatalog catalog, List<string?[]> columns, List<string?[]> comments)
    {
        foreach (var r in columns)
        {
            string schema = r[0]!, table = r[1]!, column = r[2]!;
            if (catalog.External.Table(schema, table) is not null)
            {
                continue;
            }

            var declaredTable = catalog.Find(schema, table);
            var declared = declaredTable?.Column(column);
            var type = declared?.Type ?? Operations.CatalogOperations.EngineType(r[3]!);
            int sortPosition = declaredTable?.SortKey.ToList().IndexOf(column) + 1 ?? 0;
            yield return
            [
                database, schema, table, column, int.Parse(r[6]!, CultureInfo.InvariantCulture), DeclaredName(type),
                declared is not null ? declared.Default : r[5], (declared?.Nullable ?? r[4] == "YES") ? "YES" : "NO", declared?.Encoding,
                declaredTable?.DistKey == column, sortPosition, null,
                comments.FirstOrDefault(c => c[0] == schema && c[1] == table && c[2] == column)?[3],
            ];
        }
    }

    /// <summary>A type as Redshift's catalog spells it: <c>character varying(30)</c>, <c>numeric(8,2)</c>, <c>integer</c>.</summary>
    private static string DeclaredName(RsTypeInfo type)
        => RedshiftTypeNames.DeclaredName(RedshiftTypeNames.Parse(type.TypeName), Positive(type.Length ?? (type.Type is RsType.Varchar or RsType.Bpchar ? type.ReportedPrecision : null)),
               type.Type == RsType.Numeric ? type.ReportedPrecision : null, type.Type == RsType.Numeric ? type.ReportedScale : null)
           ?? type.TypeName;

    /// <summary>KEY(listid), EVEN, ALL, or AUTO(EVEN) as svv_table_info prints them.</summary>
    private static string DistStyle(CatalogTable table) => table.DistStyle?.ToUpperInvariant() switch
    {
        "KEY" => $"KEY({table.DistKey})",
        "AUTO" or null => "AUTO(EVEN)",
        var style => style,
    };

    private static string SerdeParameters(ExternalTable table)
    {
        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in table.SerdeProperties) parameters[key] = value;
        if (table.Format is ExternalFormat.Delimited)
        {
            string delimiter = table.Delimiter.ToString();
            parameters["field.delim"] = delimiter;
            parameters["serialization.format"] = delimiter;
        }
        else if (table.Format is ExternalFormat.Parquet)
        {
            parameters["serialization.format"] = "1";
        }

        return Json(parameters);
    }

    private static string Json(IEnumerable<KeyValuePair<string, string>> values)
        => JsonSerializer.Serialize(values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal));

    /// <summary>
    /// The columns of every late-binding view as the view computes them now, with the types the dialect layer plans for
    /// its query against the tables as they are now (varchar(50) for a varchar(50) column, not the engine's unbounded
    /// varchar). A view whose tables are gone has no columns until they are back, as in Redshift.
    /// </summary>
    private static List<object?[]> LateBindingColumns(IEngineConnection connection, LocalCatalog catalog, Dialect.RedshiftDialect dialect)
    {
        var rows = new List<object?[]>();
        foreach (var ((schema, name), definition) in catalog.LateBindingViews.OrderBy(k => k.Key.Schema, StringComparer.Ordinal).ThenBy(k => k.Key.Name, StringComparer.Ordinal))
        {
            IReadOnlyList<(string Name, RsTypeInfo Type)> columns;
            try
            {
                columns = QueryColumns.Describe(connection, $"SELECT * FROM {Quote(schema)}.{Quote(name)} LIMIT 0", dialect.PlannedColumns(definition));
            }
            catch (DbException)
            {
                continue;
            }

            rows.AddRange(columns.Select((column, i) => new object?[] { schema, name, column.Name, DeclaredName(column.Type), i + 1 }));
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

                values.Add(row[i] switch { bool b => b ? "true" : "false", var v => Convert.ToString(v, CultureInfo.InvariantCulture)! });
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
                row[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary><c>CREATE [OR REPLACE] VIEW name AS query WITH NO SCHEMA BINDING</c>: drops the clause, returns the view and its query.</summary>
    private static (string, string, string)? StripLateBinding(List<SqlToken> tokens)
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
        bool qualified = words[w + 1].Token.IsSymbol(".");
        var view = qualified ? (first, RedshiftDdlTranslator.Identifier(words[w + 2].Token)) : ("public", first);
        int asWord = words.FindIndex(w + 1, x => x.Token.IsWord("as"));
        string query = asWord < 0 ? "" : string.Concat(tokens.Skip(words[asWord].Index + 1).Take(words[end - 4].Index - words[asWord].Index - 1).Select(t => t.Text)).Trim();
        for (int i = words[end - 4].Index; i <= words[end - 1].Index; i++)
        {
            tokens[i] = new SqlToken(SqlTokenKind.Whitespace, i == words[end - 4].Index ? " " : string.Empty);
        }

        return (view.Item1, view.Item2, query);
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
