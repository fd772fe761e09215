using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace RedshiftTyped.Local.Engine;

/// <summary>
/// PostgreSQL through a pooled Npgsql data source, one pooled connection per statement. Sessions run in UTC so
/// timestamptz text is already in Redshift's <c>+00</c> form, and results are read as text so numerics stay exact.
/// </summary>
internal sealed class PostgresBackend(string connectionString) : IDatabaseBackend
{
    private NpgsqlDataSource? _dataSource;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Timezone = "UTC" };
        if (builder.MaxPoolSize < 50) builder.MaxPoolSize = 50;
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        foreach (string sql in (string[])["CREATE SCHEMA IF NOT EXISTS public", .. RedshiftFunctions])
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Common Redshift functions PostgreSQL lacks, so everyday Redshift SQL runs unchanged.</summary>
    private static readonly string[] RedshiftFunctions =
    [
        "CREATE OR REPLACE FUNCTION public.getdate() RETURNS timestamp LANGUAGE sql STABLE AS $$ SELECT (now() AT TIME ZONE 'UTC')::timestamp $$",
        "CREATE OR REPLACE FUNCTION public.nvl(anycompatible, anycompatible) RETURNS anycompatible LANGUAGE sql IMMUTABLE AS $$ SELECT coalesce($1, $2) $$",
        "CREATE OR REPLACE FUNCTION public.nvl2(anyelement, anycompatible, anycompatible) RETURNS anycompatible LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN $1 IS NOT NULL THEN $2 ELSE $3 END $$",
        "CREATE OR REPLACE FUNCTION public.json_parse(text) RETURNS json LANGUAGE sql IMMUTABLE AS $$ SELECT $1::json $$",
        "CREATE OR REPLACE FUNCTION public.charindex(text, text) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT strpos($2, $1) $$",
        "CREATE OR REPLACE FUNCTION public.len(text) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT length($1) $$",
        "CREATE OR REPLACE FUNCTION public.dateadd(text, integer, timestamp) RETURNS timestamp LANGUAGE sql IMMUTABLE AS $$ SELECT $3 + ($2 || ' ' || $1)::interval $$",
        // TO_HEX of a VARBYTE (r_TO_HEX.md); PostgreSQL's own to_hex takes only integers.
        "CREATE OR REPLACE FUNCTION public.to_hex(bytea) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT encode($1, 'hex') $$",
        // The rows of the session's last UNLOAD (PG_LAST_UNLOAD_COUNT.md); UNLOAD sets the setting (Unload/UnloadPlanner).
        "CREATE OR REPLACE FUNCTION public.pg_last_unload_count() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT coalesce(nullif(current_setting('redshift_typed.last_unload_count', true), '')::bigint, 0) $$",
    ];

    public async Task<IEngineConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var source = _dataSource ?? throw new InvalidOperationException("The PostgreSQL backend is not initialised.");
        var connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return new PostgresEngineConnection(connection);
    }

    public bool NeedsBooleanLiteralDefaults => false;

    public string EngineType(RsTypeInfo type) => type.Type switch
    {
        RsType.Int2 => "smallint",
        RsType.Int4 => "integer",
        RsType.Int8 => "bigint",
        RsType.Float4 => "real",
        RsType.Float8 => "double precision",
        RsType.Numeric => $"numeric({type.Precision ?? 18},{type.Scale ?? 0})",
        RsType.Bool => "boolean",
        RsType.Bpchar => $"char({type.Length ?? 1})",
        RsType.Varchar => $"varchar({type.Length ?? 256})",
        RsType.Date => "date",
        RsType.Time => "time",
        RsType.TimeTz => "timetz",
        RsType.Timestamp => "timestamp",
        RsType.TimestampTz => "timestamptz",
        RsType.Varbyte => "bytea",
        RsType.Super => "json",
        RsType.Interval or RsType.IntervalYearToMonth or RsType.IntervalDayToSecond => "interval",
        _ => "text",
    };

    public async Task BulkInsertAsync(IEngineConnection connection, string schema, string table, IReadOnlyList<RsTypeInfo> types,
        IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        var npgsql = ((PostgresEngineConnection)connection).Connection;
        string target = $"{Quote(schema)}.{Quote(table)}";
        await using var importer = await npgsql.BeginBinaryImportAsync($"COPY {target} FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < row.Length; i++)
            {
                if (row[i] is null)
                {
                    await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await importer.WriteAsync(row[i], DbType(types[i]), cancellationToken).ConfigureAwait(false);
                }
            }
        }

        await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static NpgsqlDbType DbType(RsTypeInfo type) => type.Type switch
    {
        RsType.Int2 => NpgsqlDbType.Smallint,
        RsType.Int4 => NpgsqlDbType.Integer,
        RsType.Int8 => NpgsqlDbType.Bigint,
        RsType.Float4 => NpgsqlDbType.Real,
        RsType.Float8 => NpgsqlDbType.Double,
        RsType.Numeric => NpgsqlDbType.Numeric,
        RsType.Bool => NpgsqlDbType.Boolean,
        RsType.Bpchar => NpgsqlDbType.Char,
        RsType.Date => NpgsqlDbType.Date,
        RsType.Timestamp => NpgsqlDbType.Timestamp,
        RsType.TimestampTz => NpgsqlDbType.TimestampTz,
        _ => NpgsqlDbType.Varchar,
    };

    /// <summary>A double-quoted identifier with inner quotes doubled.</summary>
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public string ListTablesSql =>
        "SELECT table_schema, table_name, CASE WHEN table_type = 'VIEW' THEN 'VIEW' WHEN table_type = 'LOCAL TEMPORARY' THEN 'LOCAL TEMPORARY' " +
        "WHEN table_schema IN ('pg_catalog', 'information_schema') THEN 'SYSTEM TABLE' ELSE 'TABLE' END " +
        "FROM information_schema.tables ORDER BY 1, 2";

    public string ListColumnsSql =>
        "SELECT table_schema, table_name, column_name, CASE WHEN data_type = 'USER-DEFINED' THEN udt_name ELSE data_type END || " +
        "COALESCE('(' || character_maximum_length || ')', CASE WHEN data_type = 'numeric' AND numeric_precision IS NOT NULL THEN '(' || numeric_precision || ',' || numeric_scale || ')' END, ''), " +
        "is_nullable, column_default, ordinal_position FROM information_schema.columns ORDER BY 1, 2, 7";

    public string ListSchemasSql => "SELECT schema_name FROM information_schema.schemata WHERE schema_name NOT LIKE 'pg_toast%' AND schema_name NOT LIKE 'pg_temp%' ORDER BY 1";

    public async ValueTask DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }
}

internal sealed class PostgresEngineConnection(NpgsqlConnection connection) : IEngineConnection
{
    public NpgsqlConnection Connection => connection;

    public int Pid => connection.ProcessID;

    public DbCommand CreateCommand(string sql, IReadOnlyList<string> parameterValues)
    {
        var command = new NpgsqlCommand(sql, connection)
        {
            // Text results: numeric at any width, bytea as \x hex, timestamptz in the session's UTC.
            AllResultTypesAreUnknown = true,
        };
        foreach (string value in parameterValues)
        {
            // Type "unknown": PostgreSQL infers the type from the context and casts the text, as Redshift does.
            command.Parameters.Add(new NpgsqlParameter { Value = value, NpgsqlDbType = NpgsqlDbType.Unknown });
        }

        return command;
    }

    public IReadOnlyList<(RsTypeInfo Type, bool Nullable)> DescribeColumns(DbDataReader reader)
    {
        var npgsql = (NpgsqlDataReader)reader;
        var schema = npgsql.GetColumnSchema();
        var columns = new (RsTypeInfo, bool)[reader.FieldCount];
        for (int i = 0; i < columns.Length; i++)
        {
            string name = npgsql.GetDataTypeName(i);
            var type = RsTypeInfo.Parse(name) ?? MapOther(name);
            if (type.Type == RsType.Numeric)
            {
                type = type with { Precision = schema[i].NumericPrecision ?? 38, Scale = schema[i].NumericScale ?? 0 };
            }
            else if (type.Type is RsType.Varchar && name == "text")
            {
                type = type with { Length = 65535 };
            }

            columns[i] = (type, true);
        }

        return columns;
    }

    private static RsTypeInfo MapOther(string name) => name switch
    {
        "bytea" => new RsTypeInfo(RsType.Varbyte),
        "json" or "jsonb" => new RsTypeInfo(RsType.Super),
        "name" or "unknown" => new RsTypeInfo(RsType.Varchar),
        "oid" or "xid" => new RsTypeInfo(RsType.Int8),
        _ => new RsTypeInfo(RsType.Varchar),
    };

    public object? ReadValue(DbDataReader reader, int ordinal, RsTypeInfo type)
        => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>Results arrive as text already, numerics at any width.</summary>
    public string? ExactRewrite(DbDataReader reader, IReadOnlyList<(RsTypeInfo Type, bool Nullable)> columns, string sql) => null;

    public async ValueTask DisposeAsync() => await connection.DisposeAsync().ConfigureAwait(false);
}
