using System.Data;
using System.Data.Common;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace RedshiftTyped.Local.Engine;

/// <summary>
/// Embedded DuckDB: one database (in memory or a file) shared by all statements, one duplicated connection per
/// statement. DuckDB runs readers in parallel (MVCC), so nothing here serialises them. Once the server's own set-up is
/// done, <see cref="LockDownAsync"/> turns external access off (no files, no network, no extensions) and locks the
/// configuration so that no statement can turn it back on.
/// </summary>
internal sealed class DuckDbBackend(string path, int? threads = null, IReadOnlyList<string>? allowedDirectories = null) : IDatabaseBackend
{
    private DuckDBConnection? _root;
    private int _nextPid = 10000;
    private volatile bool _locked;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        _root = new DuckDBConnection($"Data Source={path}");
        try
        {
            await _root.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DuckDBException ex)
        {
            throw new LocalServerStartException(
                $"the DuckDB database \"{path}\" could not be opened: {FirstLine(ex.Message)}. Give a database file in a writable directory, or :memory:.", ex);
        }

        // Sessions run in UTC as Redshift's do, and / on integers truncates as Redshift's does; set for the whole database
        // because the locked configuration refuses a per-connection SET later.
        string[] settings = [.. threads is int n and > 0 ? [$"SET threads = {n}"] : (string[])[], .. GlobalSettings];
        foreach (string sql in (string[])[.. settings, "CREATE SCHEMA IF NOT EXISTS public", .. PreludeScripts.For(Dialect.Functions.EngineKind.DuckDb)])
        {
            await ExecuteAsync(_root, sql, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// <c>allowed_directories</c> (when given), then <c>enable_external_access = false</c> and <c>lock_configuration =
    /// true</c>: read_csv/read_parquet/read_text, COPY … TO, ATTACH, EXPORT DATABASE, INSTALL and LOAD fail with DuckDB's
    /// "Permission Error", and SET cannot undo it ("the configuration has been locked").
    /// </summary>
    public async Task LockDownAsync(CancellationToken cancellationToken)
    {
        var root = _root ?? throw new InvalidOperationException("The DuckDB backend is not initialised.");
        var directories = allowedDirectories ?? [];
        if (directories.Count > 0)
        {
            string list = string.Join(", ", directories.Select(d => "'" + Path.GetFullPath(d).Replace("'", "''", StringComparison.Ordinal) + "'"));
            await ExecuteAsync(root, $"SET allowed_directories = [{list}]", cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(root, "SET enable_external_access = false", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(root, "SET lock_configuration = true", cancellationToken).ConfigureAwait(false);
        _locked = true;
    }

    private static async Task ExecuteAsync(DuckDBConnection connection, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim().TrimEnd('.');

    /// <summary>Session settings Redshift's behaviour needs, for every connection: UTC sessions, truncating integer division.</summary>
    private static readonly string[] GlobalSettings = ["SET GLOBAL TimeZone = 'UTC'", "SET GLOBAL integer_division = true"];

    public async Task<IEngineConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var root = _root ?? throw new InvalidOperationException("The DuckDB backend is not initialised.");
        // In memory, a duplicate connection shares the database; for a file, DuckDB.NET shares one database
        // instance between connections to the same path.
        var connection = path == ":memory:" ? root.Duplicate() : new DuckDBConnection($"Data Source={path}");
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        // Redshift's default schema is public (DuckDB's is main); UTC and integer division are set globally at start-up,
        // and per connection too until the configuration is locked (a file database opened anew).
        foreach (string setting in _locked ? ["SET schema = 'public'"] : (string[])["SET schema = 'public'", "SET TimeZone = 'UTC'", "SET integer_division = true"])
        {
            await ExecuteAsync(connection, setting, cancellationToken).ConfigureAwait(false);
        }

        return new DuckDbEngineConnection(connection, Interlocked.Increment(ref _nextPid));
    }

    public bool NeedsBooleanLiteralDefaults => true;

    public string EngineType(RsTypeInfo type) => type.Type switch
    {
        RsType.Int2 => "SMALLINT",
        RsType.Int4 => "INTEGER",
        RsType.Int8 => "BIGINT",
        RsType.Float4 => "REAL",
        RsType.Float8 => "DOUBLE",
        RsType.Numeric => $"DECIMAL({type.Precision ?? 18},{type.Scale ?? 0})",
        RsType.Bool => "BOOLEAN",
        RsType.Bpchar or RsType.Varchar => "VARCHAR",
        RsType.Date => "DATE",
        RsType.Time => "TIME",
        RsType.TimeTz => "TIMETZ",
        RsType.Timestamp => "TIMESTAMP",
        RsType.TimestampTz => "TIMESTAMPTZ",
        RsType.Varbyte => "BLOB",
        RsType.Super => "JSON",
        RsType.Interval or RsType.IntervalYearToMonth or RsType.IntervalDayToSecond => "INTERVAL",
        _ => "VARCHAR",
    };

    public async Task BulkInsertAsync(IEngineConnection connection, string schema, string table, IReadOnlyList<RsTypeInfo> types,
        IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        var duck = ((DuckDbEngineConnection)connection).Connection;
        await Task.Run(() =>
        {
            using var appender = duck.CreateAppender(schema, table);
            foreach (var row in rows)
            {
                var appended = appender.CreateRow();
                for (int i = 0; i < row.Length; i++)
                {
                    appended = row[i] switch
                    {
                        null => appended.AppendNullValue(),
                        bool b => appended.AppendValue(b),
                        short s => appended.AppendValue(s),
                        int n => appended.AppendValue(n),
                        long l => appended.AppendValue(l),
                        decimal m => appended.AppendValue(m),
                        double d => appended.AppendValue(d),
                        float f => appended.AppendValue(f),
                        DateOnly d => appended.AppendValue((DateOnly?)d),
                        DateTime t => appended.AppendValue(t),
                        string text => appended.AppendValue(text),
                        var other => throw new NotSupportedException($"Cannot append {other.GetType()}."),
                    };
                }

                appended.EndRow();
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    public string ListTablesSql =>
        "SELECT table_schema, table_name, CASE WHEN table_type = 'VIEW' THEN 'VIEW' WHEN table_type = 'LOCAL TEMPORARY' THEN 'LOCAL TEMPORARY' ELSE 'TABLE' END " +
        "FROM information_schema.tables WHERE table_catalog = current_database() OR table_catalog = 'temp' ORDER BY 1, 2";

    public string ListColumnsSql =>
        "SELECT table_schema, table_name, column_name, data_type, is_nullable, column_default, ordinal_position " +
        "FROM information_schema.columns WHERE table_catalog = current_database() OR table_catalog = 'temp' ORDER BY 1, 2, 7";

    public string ListSchemasSql =>
        "SELECT DISTINCT schema_name FROM information_schema.schemata WHERE catalog_name = current_database() AND schema_name <> 'main' " +
        "UNION SELECT 'pg_catalog' UNION SELECT 'information_schema' ORDER BY 1";

    public ValueTask DisposeAsync()
    {
        _root?.Dispose();
        return ValueTask.CompletedTask;
    }
}

internal sealed class DuckDbEngineConnection(DuckDBConnection connection, int pid) : IEngineConnection
{
    public DuckDBConnection Connection => connection;

    public int Pid => pid;

    public DbCommand CreateCommand(string sql, IReadOnlyList<string> parameterValues)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (string value in parameterValues)
        {
            // A VARCHAR value; DuckDB casts it to the type the placeholder's context needs, as Redshift does.
            command.Parameters.Add(new DuckDBParameter(value));
        }

        return command;
    }

    public IReadOnlyList<(RsTypeInfo Type, bool Nullable)> DescribeColumns(DbDataReader reader)
    {
        DataTable? schema = null;
        var columns = new (RsTypeInfo, bool)[reader.FieldCount];
        for (int i = 0; i < columns.Length; i++)
        {
            string name = reader.GetDataTypeName(i);
            RsTypeInfo type;
            switch (name)
            {
                case "Decimal":
                    schema ??= reader.GetSchemaTable();
                    var row = schema!.Rows[i];
                    type = new RsTypeInfo(RsType.Numeric, Precision: Convert.ToInt32(row["NumericPrecision"], System.Globalization.CultureInfo.InvariantCulture),
                        Scale: Convert.ToInt32(row["NumericScale"], System.Globalization.CultureInfo.InvariantCulture));
                    break;
                default:
                    type = Map(name);
                    break;
            }

            columns[i] = (type, true);
        }

        return columns;
    }

    private static RsTypeInfo Map(string duckType) => duckType switch
    {
        "SmallInt" or "TinyInt" or "UnsignedTinyInt" => new RsTypeInfo(RsType.Int2),
        "Integer" or "UnsignedSmallInt" => new RsTypeInfo(RsType.Int4),
        "BigInt" or "UnsignedInteger" => new RsTypeInfo(RsType.Int8),
        "HugeInt" or "UnsignedBigInt" or "UnsignedHugeInt" => new RsTypeInfo(RsType.Numeric, Precision: 38, Scale: 0),
        "Float" => new RsTypeInfo(RsType.Float4),
        "Double" => new RsTypeInfo(RsType.Float8),
        "Boolean" => new RsTypeInfo(RsType.Bool),
        "Date" => new RsTypeInfo(RsType.Date),
        "Time" or "TimeNs" => new RsTypeInfo(RsType.Time),
        "TimeTz" => new RsTypeInfo(RsType.TimeTz),
        "Timestamp" or "TimestampS" or "TimestampMs" or "TimestampNs" => new RsTypeInfo(RsType.Timestamp),
        "TimestampTz" => new RsTypeInfo(RsType.TimestampTz),
        "Blob" or "Bit" => new RsTypeInfo(RsType.Varbyte),
        "Interval" => new RsTypeInfo(RsType.Interval),
        "List" or "Struct" or "Map" or "Array" or "Union" => new RsTypeInfo(RsType.Super),
        _ => new RsTypeInfo(RsType.Varchar),
    };

    public object? ReadValue(DbDataReader reader, int ordinal, RsTypeInfo type)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        switch (type.Type)
        {
            case RsType.Timestamp or RsType.TimestampTz or RsType.Date or RsType.Interval or RsType.IntervalYearToMonth or RsType.IntervalDayToSecond:
                return ReadTemporal(reader, ordinal, type);
            default:
                var value = reader.GetValue(ordinal);
                return value is System.Numerics.BigInteger big ? big.ToString(System.Globalization.CultureInfo.InvariantCulture) : value;
        }
    }

    /// <summary>
    /// Dates and timestamps outside System.DateTime (BC, years past 9999) and intervals with months, which
    /// DuckDB.NET cannot convert, are read as DuckDB's parts and handed over as Redshift's text.
    /// </summary>
    private object ReadTemporal(DbDataReader reader, int ordinal, RsTypeInfo type)
    {
        switch (DataTypeName(reader, ordinal))
        {
            case "Timestamp" or "TimestampTz":
                var timestamp = reader.GetFieldValue<DuckDBTimestamp>(ordinal);
                var (date, time) = (timestamp.Date, timestamp.Time);
                long micros = ((time.Hour * 60L + time.Min) * 60 + time.Sec) * 1_000_000 + time.Microsecond;
                if (date.Year is >= 1 and <= 9999)
                {
                    return new DateTime(date.Year, date.Month, date.Day, 0, 0, 0, type.Type == RsType.TimestampTz ? DateTimeKind.Utc : DateTimeKind.Unspecified)
                        .AddTicks(micros * 10);
                }

                return type.Type == RsType.TimestampTz
                    ? TemporalText.TimestampTz(date.Year, date.Month, date.Day, micros)
                    : TemporalText.Timestamp(date.Year, date.Month, date.Day, micros);
            case "Date":
                var day = reader.GetFieldValue<DuckDBDateOnly>(ordinal);
                return day.Year is >= 1 and <= 9999 ? new DateOnly(day.Year, day.Month, day.Day) : TemporalText.Date(day.Year, day.Month, day.Day);
            case "Interval":
                var interval = reader.GetFieldValue<DuckDBInterval>(ordinal);
                // DuckDB.NET exposes the microseconds unsigned; the engine keeps them signed.
                return TemporalText.Interval(interval.Months, interval.Days, unchecked((long)interval.Micros));
            default:
                return reader.GetValue(ordinal);
        }
    }

    private DbDataReader? _namedReader;
    private string?[] _dataTypeNames = [];

    /// <summary>The engine type of a column, looked up once per reader (values are read row after row).</summary>
    private string DataTypeName(DbDataReader reader, int ordinal)
    {
        if (!ReferenceEquals(reader, _namedReader))
        {
            _namedReader = reader;
            _dataTypeNames = new string?[reader.FieldCount];
        }

        return _dataTypeNames[ordinal] ??= reader.GetDataTypeName(ordinal);
    }

    /// <summary>
    /// DuckDB.NET reads decimals through System.Decimal (28 digits); wider ones (numeric(38,s) at full width)
    /// are selected again as text, which DuckDB prints exactly with their full scale.
    /// </summary>
    public string? ExactRewrite(DbDataReader reader, IReadOnlyList<(RsTypeInfo Type, bool Nullable)> columns, string sql)
    {
        var wide = new List<string>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < columns.Count; i++)
        {
            string name = reader.GetName(i);
            if (!names.Add(name))
            {
                return null;
            }

            if (columns[i].Type is { Type: RsType.Numeric, Precision: > 28 })
            {
                wide.Add(name);
            }
        }

        if (wide.Count == 0)
        {
            return null;
        }

        string replacements = string.Join(", ", wide.Select(n => $"CAST({PostgresBackend.Quote(n)} AS VARCHAR) AS {PostgresBackend.Quote(n)}"));
        return $"SELECT * REPLACE ({replacements}) FROM ({sql}\n) AS exact_numeric_source";
    }

    public ValueTask DisposeAsync()
    {
        connection.Dispose();
        return ValueTask.CompletedTask;
    }
}
