using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace RedshiftTyped.Local.Engine;

/// <summary>
/// PostgreSQL through a pooled Npgsql data source, one pooled connection per statement. Sessions run in UTC so
/// timestamptz text is already in Redshift's <c>+00</c> form, and results are read as text so numerics stay exact.
/// Statements run as the connection's role, so the server refuses to start as a role that could reach the host's files
/// or programs (<see cref="RoleCheckSql"/>).
/// </summary>
internal sealed class PostgresBackend(string connectionString) : IDatabaseBackend
{
    private NpgsqlDataSource? _dataSource;

    /// <summary>
    /// What the connection's role may do outside the database: superuser, CREATEROLE (before PostgreSQL 16 it can grant
    /// itself any predefined role), membership of pg_read_server_files / pg_write_server_files /
    /// pg_execute_server_program (COPY to and from files and programs), and EXECUTE on the server-side file functions.
    /// </summary>
    internal const string RoleCheckSql = """
        select r.rolname, r.rolsuper, r.rolcreaterole and current_setting('server_version_num')::int < 160000,
               pg_has_role(current_user, 'pg_read_server_files', 'MEMBER'),
               pg_has_role(current_user, 'pg_write_server_files', 'MEMBER'),
               pg_has_role(current_user, 'pg_execute_server_program', 'MEMBER'),
               has_function_privilege('pg_catalog.pg_read_file(text)', 'EXECUTE')
                 or has_function_privilege('pg_catalog.pg_read_binary_file(text)', 'EXECUTE')
                 or has_function_privilege('pg_catalog.pg_ls_dir(text)', 'EXECUTE'),
               has_function_privilege('pg_catalog.lo_import(text)', 'EXECUTE')
                 or has_function_privilege('pg_catalog.lo_export(oid, text)', 'EXECUTE')
        from pg_catalog.pg_roles r where r.rolname = current_user
        """;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Timezone = "UTC" };
        if (builder.MaxPoolSize < 50) builder.MaxPoolSize = 50;
        // Named in messages without the password.
        string server = $"PostgreSQL at {builder.Host ?? "localhost"}:{builder.Port}, database \"{builder.Database ?? builder.Username}\" as \"{builder.Username}\"";
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        NpgsqlConnection connection;
        try
        {
            connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new LocalServerStartException(
                $"{server} could not be reached: {(ex is PostgresException pg ? pg.MessageText : ex.Message).TrimEnd('.')}. Check --connection-string (Host, Port, Username, Database) and that PostgreSQL is running.", ex);
        }

        await using (connection)
        {
            await RefusePrivilegedRoleAsync(connection, server, cancellationToken).ConfigureAwait(false);
            foreach (string sql in (string[])["CREATE SCHEMA IF NOT EXISTS public", .. PreludeScripts.For(Dialect.Functions.EngineKind.Postgres)])
            {
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Checked once at start-up (<see cref="InitializeAsync"/>): nothing to turn off later.</summary>
    public Task LockDownAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Statements run as the connection's role. One that may read or write the host's files or run its programs would
    /// give that to every Data API caller (<c>COPY … PROGRAM</c>, <c>pg_read_file</c>, <c>lo_import</c>), so the server
    /// does not start as one. (Dropping privileges per statement with SET ROLE would not hold: RESET ROLE undoes it.)
    /// </summary>
    private static async Task RefusePrivilegedRoleAsync(NpgsqlConnection connection, string server, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(RoleCheckSql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        string role = reader.GetString(0);
        // A superuser has every other power, so that alone is named.
        var powers = reader.GetBoolean(1)
            ? ["is a superuser"]
            : new[]
            {
                reader.GetBoolean(2) ? "has CREATEROLE (before PostgreSQL 16 it can grant itself pg_read_server_files)" : null,
                reader.GetBoolean(3) ? "is a member of pg_read_server_files" : null,
                reader.GetBoolean(4) ? "is a member of pg_write_server_files" : null,
                reader.GetBoolean(5) ? "is a member of pg_execute_server_program" : null,
                reader.GetBoolean(6) ? "may execute pg_read_file" : null,
                reader.GetBoolean(7) ? "may execute lo_import/lo_export" : null,
            }.OfType<string>().ToList();
        if (powers.Count > 0)
        {
            throw new LocalServerStartException(
                $"{server}: the role \"{role}\" {string.Join(", ", powers)}, so any Data API caller could read and write this machine's files " +
                "through it (COPY … PROGRAM, pg_read_file, lo_import). Connect as a role without them, e.g. CREATE ROLE redshift_local LOGIN; " +
                "CREATE DATABASE dev OWNER redshift_local; then Username=redshift_local;Database=dev.");
        }
    }

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
