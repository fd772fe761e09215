using System.Text;
using RedshiftTyped.Local.Engine;
using RedshiftTyped.Local.Statements;

namespace RedshiftTyped.Local.Catalog.External;

/// <summary>
/// The statements of Redshift Spectrum over the server's external data folder:
/// <list type="bullet">
/// <item><c>CREATE EXTERNAL SCHEMA [IF NOT EXISTS] s FROM DATA CATALOG DATABASE 'db' IAM_ROLE '...' [REGION '...']
/// [CREATE EXTERNAL DATABASE IF NOT EXISTS]</c> (also FROM HIVE METASTORE) — an engine schema plus the
/// options svv_external_schemas shows (r_CREATE_EXTERNAL_SCHEMA.md);</item>
/// <item><c>CREATE EXTERNAL TABLE s.t (cols) [PARTITIONED BY (cols)] [ROW FORMAT DELIMITED FIELDS TERMINATED BY 'x' |
/// ROW FORMAT SERDE '...' [WITH SERDEPROPERTIES (...)]] STORED AS PARQUET|TEXTFILE LOCATION 's3://...' [TABLE
/// PROPERTIES (...)]</c> — an engine table whose rows the <see cref="ExternalTableLoader"/> keeps equal to the
/// files (r_CREATE_EXTERNAL_TABLE.md);</item>
/// <item><c>ALTER TABLE s.t ADD [IF NOT EXISTS] PARTITION (k='v') LOCATION '...' ...</c>, <c>DROP PARTITION (...)</c>,
/// <c>SET LOCATION</c>, <c>SET TABLE PROPERTIES</c>, <c>SET FILE FORMAT</c> (r_ALTER_TABLE_external-table.md);</item>
/// <item><c>DROP SCHEMA s [DROP EXTERNAL DATABASE] [CASCADE]</c> of an external schema.</item>
/// </list>
/// What the server cannot do honestly (other catalogs, ORC/Avro files, CREATE EXTERNAL TABLE AS, writing files) fails
/// with a message that names it.
/// </summary>
internal sealed class ExternalStatements(LocalCatalog catalog, Func<RsTypeInfo, string> engineType, ExternalLocation locations)
{
    public StatementPlan? TryPlan(List<SqlToken> tokens)
    {
        var words = tokens.Where(t => !t.IsTrivia).ToList();
        if (words.Count < 3)
        {
            return null;
        }

        if (words[0].IsWord("create") && words[1].IsWord("external") && words[2].IsWord("schema"))
        {
            return CreateSchema(words);
        }

        if (words[0].IsWord("create") && words[1].IsWord("external") && words[2].IsWord("table"))
        {
            return CreateTable(words);
        }

        if (words[0].IsWord("alter") && words[1].IsWord("table"))
        {
            int at = 2;
            if (StatementTargets.ReadName(words, ref at) is { Schema: { } schema } name && catalog.External.Table(schema, name.Name) is { } table)
            {
                return Alter(table, words, at);
            }

            return null;
        }

        if (words[0].IsWord("drop") && words[1].IsWord("schema"))
        {
            return DropSchema(tokens, words);
        }

        return null;
    }

    private StatementPlan CreateSchema(List<SqlToken> words)
    {
        int at = 3;
        bool ifNotExists = At(words, at, "if", "not", "exists");
        if (ifNotExists) at += 3;
        var name = StatementTargets.ReadName(words, ref at) ?? throw new EngineFailure("ERROR: CREATE EXTERNAL SCHEMA needs a schema name");
        string source = "DATA CATALOG";
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        string? database = null;
        for (int i = at; i < words.Count; i++)
        {
            var w = words[i];
            if (w.IsWord("from") && i + 1 < words.Count)
            {
                source = words[i + 1].Text.ToUpperInvariant();
                if (source == "DATA" || source == "HIVE") source += " " + (i + 2 < words.Count ? words[i + 2].Text.ToUpperInvariant() : "");
                string? unsupported = source switch
                {
                    "POSTGRES" or "MYSQL" => "federated queries (CREATE EXTERNAL SCHEMA FROM " + source + ")",
                    "KINESIS" or "MSK" or "KAFKA" => "streaming ingestion (CREATE EXTERNAL SCHEMA FROM " + source + ")",
                    "REDSHIFT" => "datashares (CREATE EXTERNAL SCHEMA FROM REDSHIFT)",
                    _ when source.StartsWith("DATA", StringComparison.Ordinal) || source.StartsWith("HIVE", StringComparison.Ordinal) => null,
                    _ => "external schemas FROM " + source,
                };
                if (unsupported is not null)
                {
                    throw new EngineFailure($"ERROR: {unsupported} is not supported by the local server");
                }
            }
            else if (w.Kind == SqlTokenKind.Word && i + 1 < words.Count && words[i + 1].Kind == SqlTokenKind.String
                     && w.Text.ToUpperInvariant() is "DATABASE" or "REGION" or "IAM_ROLE" or "CATALOG_ROLE" or "SCHEMA" or "URI" or "SECRET_ARN" or "CATALOG_ID")
            {
                string value = Unquote(words[i + 1].Text);
                if (w.IsWord("database")) database = value;
                else options[w.Text.ToUpperInvariant()] = value;
            }
            else if (w.IsWord("iam_role") && i + 1 < words.Count && words[i + 1].IsWord("default"))
            {
                options["IAM_ROLE"] = "default";
            }
        }

        if (database is null)
        {
            throw new EngineFailure("ERROR: CREATE EXTERNAL SCHEMA ... FROM DATA CATALOG needs DATABASE 'name'");
        }

        string schema = name.Name;
        var external = new ExternalSchema(schema, database, catalog.External.NextOid(), options);
        return new StatementPlan($"CREATE SCHEMA {(ifNotExists ? "IF NOT EXISTS " : "")}{PostgresBackend.Quote(schema)}")
            .After((_, _) =>
            {
                if (!ifNotExists || catalog.External.Schema(schema) is null)
                {
                    catalog.External.Register(external);
                }
            });
    }

    private StatementPlan CreateTable(List<SqlToken> words)
    {
        int at = 3;
        var name = StatementTargets.ReadName(words, ref at) ?? throw new EngineFailure("ERROR: CREATE EXTERNAL TABLE needs a table name");
        if (name.Schema is null || catalog.External.Schema(name.Schema) is null)
        {
            throw new EngineFailure(name.Schema is null
                ? $"ERROR: external table \"{name.Name}\" must be qualified by an external schema name (CREATE EXTERNAL SCHEMA first)"
                : $"ERROR: external schema \"{name.Schema}\" does not exist");
        }

        if (at >= words.Count || !words[at].IsSymbol("("))
        {
            throw new EngineFailure(words.Any(w => w.IsWord("as"))
                ? "ERROR: CREATE EXTERNAL TABLE AS (writing query results to Amazon S3) is not supported by the local server"
                : "ERROR: CREATE EXTERNAL TABLE needs a column list");
        }

        var columns = ColumnList(words, ref at);
        var partitionColumns = new List<CatalogColumn>();
        var format = ExternalFormat.Delimited;
        string? storedAs = null;
        string? location = null;
        char delimiter = '\u0001';
        var serdeProperties = new Dictionary<string, string>(StringComparer.Ordinal);
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        while (at < words.Count)
        {
            var w = words[at];
            if (w.IsWord("partitioned") && At(words, at + 1, "by"))
            {
                at += 2;
                partitionColumns = ColumnList(words, ref at);
            }
            else if (w.IsWord("row") && At(words, at + 1, "format", "delimited"))
            {
                at += 3;
                while (at < words.Count && !words[at].IsWord("stored") && !words[at].IsWord("location") && !words[at].IsWord("row"))
                {
                    if (words[at].IsWord("fields") && At(words, at + 1, "terminated", "by") && at + 3 < words.Count)
                    {
                        delimiter = Delimiter(Unquote(words[at + 3].Text));
                        at += 4;
                    }
                    else if (words[at].IsWord("lines") && At(words, at + 1, "terminated", "by") && at + 3 < words.Count)
                    {
                        if (Delimiter(Unquote(words[at + 3].Text)) != '\n')
                        {
                            throw new EngineFailure("ERROR: LINES TERMINATED BY other than '\\n' is not supported by the local server");
                        }

                        at += 4;
                    }
                    else
                    {
                        at++;
                    }
                }
            }
            else if (w.IsWord("row") && At(words, at + 1, "format", "serde") && at + 3 < words.Count)
            {
                string serde = Unquote(words[at + 3].Text);
                format = serde switch
                {
                    "org.apache.hadoop.hive.serde2.OpenCSVSerde" => ExternalFormat.OpenCsv,
                    "org.openx.data.jsonserde.JsonSerDe" => ExternalFormat.Json,
                    "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe" => ExternalFormat.Delimited,
                    "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe" => ExternalFormat.Parquet,
                    _ => throw new EngineFailure($"ERROR: ROW FORMAT SERDE '{serde}' is not supported by the local server (OpenCSVSerde, JsonSerDe and delimited text are)"),
                };
                at += 4;
                if (At(words, at, "with", "serdeproperties"))
                {
                    at += 2;
                    foreach (var (key, value) in Properties(words, ref at)) serdeProperties[key] = value;
                }
            }
            else if (w.IsWord("stored") && At(words, at + 1, "as") && at + 2 < words.Count)
            {
                storedAs = words[at + 2].Text.ToUpperInvariant();
                at += 3;
            }
            else if (w.IsWord("location") && at + 1 < words.Count)
            {
                location = Unquote(words[at + 1].Text);
                at += 2;
            }
            else if (w.IsWord("table") && At(words, at + 1, "properties"))
            {
                at += 2;
                foreach (var (key, value) in Properties(words, ref at)) properties[key] = value;
            }
            else if (w.IsWord("as"))
            {
                throw new EngineFailure("ERROR: CREATE EXTERNAL TABLE AS (writing query results to Amazon S3) is not supported by the local server");
            }
            else
            {
                at++;
            }
        }

        switch (storedAs)
        {
            case "PARQUET":
                format = ExternalFormat.Parquet;
                break;
            case "TEXTFILE" or null:
                if (format == ExternalFormat.Parquet) throw new EngineFailure("ERROR: the Parquet SerDe needs STORED AS PARQUET");
                break;
            default:
                throw new EngineFailure($"ERROR: external tables STORED AS {storedAs} are not supported by the local server (PARQUET and TEXTFILE are)");
        }

        if (format == ExternalFormat.OpenCsv && serdeProperties.TryGetValue("separatorChar", out string? separator) && separator.Length > 0)
        {
            delimiter = separator[0];
        }

        if (location is null)
        {
            throw new EngineFailure("ERROR: CREATE EXTERNAL TABLE needs LOCATION 's3://bucket/prefix/'");
        }

        locations.Resolve(location);
        foreach (var column in columns.Concat(partitionColumns))
        {
            if (!ExternalValues.IsSupported(column.Type))
            {
                throw new EngineFailure($"ERROR: column {column.Name}: type {column.Type.TypeName} is not supported in external tables by the local server");
            }
        }

        if (partitionColumns.Any(p => columns.Any(c => c.Name == p.Name)))
        {
            throw new EngineFailure("ERROR: a partition column cannot have the name of a table column");
        }

        var table = new ExternalTable(name.Schema, name.Name, columns, partitionColumns, format, serdeProperties)
        {
            Delimiter = delimiter,
            Location = location,
            Properties = properties,
        };
        string engineColumns = string.Join(", ", table.AllColumns.Select(c => PostgresBackend.Quote(c.Name) + " " + engineType(c.Type)));
        return new StatementPlan($"CREATE TABLE {PostgresBackend.Quote(table.Schema)}.{PostgresBackend.Quote(table.Name)} ({engineColumns})")
            .After((_, _) =>
            {
                catalog.External.Register(table);
                catalog.Register(new CatalogTable(table.Schema, table.Name, [.. table.AllColumns], null, null, [], null));
            });
    }

    private StatementPlan Alter(ExternalTable table, List<SqlToken> words, int at)
    {
        if (At(words, at, "add"))
        {
            at++;
            bool ifNotExists = At(words, at, "if", "not", "exists");
            if (ifNotExists) at += 3;
            var partitions = new List<ExternalPartition>();
            while (At(words, at, "partition"))
            {
                at++;
                var values = PartitionSpec(table, words, ref at);
                if (!At(words, at, "location") || at + 1 >= words.Count)
                {
                    throw new EngineFailure("ERROR: ADD PARTITION needs LOCATION 's3://bucket/prefix/'");
                }

                string location = Unquote(words[at + 1].Text);
                locations.Resolve(location);
                partitions.Add(new ExternalPartition(values, location));
                at += 2;
                if (at < words.Count && words[at].IsSymbol(",")) at++;
            }

            return new StatementPlan(null).After((_, _) => table.AddPartitions(partitions, ifNotExists));
        }

        if (At(words, at, "drop", "partition"))
        {
            at += 2;
            var values = PartitionSpec(table, words, ref at);
            return new StatementPlan(null).After((_, _) => table.DropPartitions([values]));
        }

        if (At(words, at, "set", "location") && at + 2 < words.Count)
        {
            string location = Unquote(words[at + 2].Text);
            locations.Resolve(location);
            return new StatementPlan(null).After((_, _) => table.Location = location);
        }

        if (At(words, at, "set", "table", "properties"))
        {
            at += 3;
            var changed = Properties(words, ref at);
            return new StatementPlan(null).After((_, _) =>
            {
                var properties = new Dictionary<string, string>(table.Properties, StringComparer.Ordinal);
                foreach (var (key, value) in changed) properties[key] = value;
                table.Properties = properties;
            });
        }

        if (At(words, at, "set", "file", "format") && at + 3 < words.Count)
        {
            var format = words[at + 3].Text.ToUpperInvariant() switch
            {
                "PARQUET" => ExternalFormat.Parquet,
                "TEXTFILE" => ExternalFormat.Delimited,
                var other => throw new EngineFailure($"ERROR: external tables STORED AS {other} are not supported by the local server (PARQUET and TEXTFILE are)"),
            };
            return new StatementPlan(null).After((_, _) =>
            {
                table.Format = format;
                table.Properties = new Dictionary<string, string>(table.Properties, StringComparer.Ordinal);
            });
        }

        throw new EngineFailure($"ERROR: this ALTER TABLE of external table {table.Schema}.{table.Name} is not supported by the local server");
    }

    private StatementPlan? DropSchema(List<SqlToken> tokens, List<SqlToken> words)
    {
        int at = 2;
        bool ifExists = At(words, at, "if", "exists");
        if (ifExists) at += 2;
        var names = new List<string>();
        while (StatementTargets.ReadName(words, ref at) is { } name)
        {
            names.Add(name.Name);
            if (at < words.Count && words[at].IsSymbol(",")) at++;
            else break;
        }

        var external = names.Where(n => catalog.External.Schema(n) is not null).ToList();
        if (external.Count == 0)
        {
            return null;
        }

        // DROP EXTERNAL DATABASE is Glue's business; the local tables of an external schema go with it.
        var sql = new StringBuilder("DROP SCHEMA ").Append(ifExists ? "IF EXISTS " : "").Append(string.Join(", ", names.Select(PostgresBackend.Quote))).Append(" CASCADE");
        return new StatementPlan(sql.ToString()).After((_, _) =>
        {
            foreach (string schema in external)
            {
                foreach (var table in catalog.External.Tables.Where(t => t.Schema == schema))
                {
                    catalog.Drop(table.Schema, table.Name);
                }

                catalog.External.ForgetSchema(schema);
            }
        });
    }

    /// <summary><c>(k='v', ...)</c>: the values in the order of the table's partition columns.</summary>
    private static List<string> PartitionSpec(ExternalTable table, List<SqlToken> words, ref int at)
    {
        if (at >= words.Count || !words[at].IsSymbol("("))
        {
            throw new EngineFailure("ERROR: PARTITION needs (column='value', ...)");
        }

        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        at++;
        while (at + 2 < words.Count && !words[at].IsSymbol(")"))
        {
            string key = RedshiftDdlTranslator.Identifier(words[at]);
            string value = words[at + 2].Kind == SqlTokenKind.String ? Unquote(words[at + 2].Text) : words[at + 2].Text;
            given[key] = value;
            at += 3;
            if (at < words.Count && words[at].IsSymbol(",")) at++;
        }

        at++;
        var missing = table.PartitionColumns.Where(c => !given.ContainsKey(c.Name)).Select(c => c.Name).ToList();
        if (missing.Count > 0 || given.Count != table.PartitionColumns.Count)
        {
            throw new EngineFailure($"ERROR: the partition of {table.Schema}.{table.Name} must give a value for each partition column ({string.Join(", ", table.PartitionColumns.Select(c => c.Name))})");
        }

        return table.PartitionColumns.Select(c => given[c.Name]).ToList();
    }

    private static List<CatalogColumn> ColumnList(List<SqlToken> words, ref int at)
    {
        if (at >= words.Count || !words[at].IsSymbol("("))
        {
            throw new EngineFailure("ERROR: a column list in parentheses is expected");
        }

        var columns = new List<CatalogColumn>();
        int depth = 0;
        var current = new List<SqlToken>();
        for (at++; at < words.Count; at++)
        {
            var w = words[at];
            if (w.IsSymbol("(")) depth++;
            if (w.IsSymbol(")") && depth-- == 0)
            {
                Add();
                at++;
                break;
            }

            if (depth == 0 && w.IsSymbol(","))
            {
                Add();
                continue;
            }

            current.Add(w);
        }

        return columns;

        void Add()
        {
            if (current.Count == 0) return;
            string name = RedshiftDdlTranslator.Identifier(current[0]);
            string typeText = string.Join(' ', current.Skip(1).Select(t => t.Text)).Replace(" (", "(", StringComparison.Ordinal).Replace("( ", "(", StringComparison.Ordinal).Replace(" )", ")", StringComparison.Ordinal).Replace(" ,", ",", StringComparison.Ordinal);
            var type = RsTypeInfo.Parse(typeText) ?? throw new EngineFailure($"ERROR: column {name}: type \"{typeText}\" is not supported in external tables by the local server");
            columns.Add(new CatalogColumn(name, type, true, null, null));
            current.Clear();
        }
    }

    /// <summary><c>('key'='value', ...)</c>.</summary>
    private static List<(string Key, string Value)> Properties(List<SqlToken> words, ref int at)
    {
        var result = new List<(string, string)>();
        if (at >= words.Count || !words[at].IsSymbol("("))
        {
            return result;
        }

        at++;
        while (at + 2 < words.Count && !words[at].IsSymbol(")"))
        {
            if (words[at].Kind == SqlTokenKind.String && words[at + 1].IsSymbol("=") && words[at + 2].Kind == SqlTokenKind.String)
            {
                result.Add((Unquote(words[at].Text), Unquote(words[at + 2].Text)));
                at += 3;
            }
            else
            {
                at++;
            }

            if (at < words.Count && words[at].IsSymbol(",")) at++;
        }

        at++;
        return result;
    }

    /// <summary>A delimiter as written: one character, an escape (<c>\t</c>, <c>\n</c>, <c>\A</c>), or octal <c>\ddd</c>.</summary>
    private static char Delimiter(string text) => text switch
    {
        "\\t" => '\t',
        "\\n" => '\n',
        "\\A" or "\\a" => '\u0001',
        _ when text.Length == 4 && text[0] == '\\' && text.Skip(1).All(c => c is >= '0' and <= '7') => (char)Convert.ToInt32(text[1..], 8),
        _ when text.Length == 1 => text[0],
        _ => throw new EngineFailure($"ERROR: delimiter '{text}' must be one ASCII character or an octal \\ddd escape"),
    };

    private static bool At(List<SqlToken> words, int at, params string[] expected)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            if (at + i >= words.Count || !words[at + i].IsWord(expected[i])) return false;
        }

        return true;
    }

    private static string Unquote(string literal)
        => literal.Length >= 2 && literal[0] == '\'' && literal[^1] == '\'' ? literal[1..^1].Replace("''", "'", StringComparison.Ordinal) : literal;
}
