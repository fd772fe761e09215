using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Export;
using RedshiftTyped.IntegrationTests.Infrastructure;
using RedshiftTyped.IntegrationTests.Reading;
using RedshiftTyped.Queries;
using RedshiftTyped.Tool;
using RedshiftTyped.Tool.Cli;
using RedshiftTyped.Values;

namespace RedshiftTyped.IntegrationTests.Queries;

/// <summary>
/// The whole path, on both backends: query files (joins, aggregates of every numeric type, window functions, a CTE,
/// a CASE, date functions, every column type, every parameter type, no rows, many pages) are captured with
/// <c>redshift-typed capture</c>, generated, compiled and read through the real client; the typed rows equal what
/// <c>redshift-typed sql</c> prints for the same statement, by count and checksum, as JSON and as CSV results.
/// </summary>
public abstract class TypedQueryRoundTripTests(TypedQueryFixture fixture)
{
    public static TheoryData<string> Queries() => new(TypedQueryFixture.Cases.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Typed_rows_equal_the_sql_commands_output(string name)
    {
        var (property, values, expectRows) = TypedQueryFixture.Cases[name];
        var query = fixture.Compiled.Get("TickitQueries", property);

        await using var reader = await CompiledQueries.OpenAsync(fixture.Client, query, values);
        var rows = await CompiledQueries.RowsAsync(reader);
        var typed = new RowChecksum();
        rows.ForEach(row => typed.Add(CompiledQueries.Values(row, query)));
        var printed = await SqlCommandChecksumAsync(query, CompiledQueries.StatementOf(reader));

        Assert.Equal(printed.Count, typed.Count);
        Assert.Equal(printed.Hash(), typed.Hash());
        Assert.True(expectRows ? typed.Count > 0 : typed.Count == 0, $"{name} read {typed.Count} rows");
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Csv_results_read_the_same_rows(string name)
    {
        var (property, values, _) = TypedQueryFixture.Cases[name];
        var query = fixture.Compiled.Get("TickitQueries", property);

        var json = await ChecksumAsync(query, values, new QueryOptions());
        var csv = await ChecksumAsync(query, values, new QueryOptions { ResultFormat = ResultFormatString.CSV });

        Assert.Equal((json.Count, json.Hash()), (csv.Count, csv.Hash()));
    }

    [Fact]
    public void The_result_shape_comes_from_the_service_including_a_narrowing_override()
    {
        var everyType = fixture.Compiled.Get("TickitQueries", "EveryColumnType");

        Assert.Equal(
            ["int2", "int4", "int8", "float4", "float8", "numeric", "numeric", "bool", "char", "varchar", "date", "time", "timetz", "timestamp", "timestamptz", "varbyte", "super", "geometry"],
            everyType.Columns.Select(c => c.TypeName));
        Assert.Equal(typeof(int), everyType.Columns.Single(c => c.Name == "c_int4").ClrType);
        Assert.Equal(typeof(short?), everyType.Columns.Single(c => c.Name == "c_int2").ClrType);
        Assert.Equal(typeof(System.Data.SqlTypes.SqlDecimal?), everyType.Columns.Single(c => c.Name == "c_wide").ClrType);
        Assert.Equal((12, 4), (everyType.Columns.Single(c => c.Name == "c_num").Precision, everyType.Columns.Single(c => c.Name == "c_num").Scale));
    }

    [Fact]
    public async Task Arrow_batches_carry_every_row_and_write_to_parquet()
    {
        var query = fixture.Compiled.Get("TickitQueries", "ManyPages");
        await using var reader = await CompiledQueries.OpenAsync(fixture.Client, query, [(short)2]);
        string path = Path.Combine(Path.GetTempPath(), $"rt-query-{Guid.NewGuid():N}.parquet");
        try
        {
            var result = await CompiledQueries.Batches(reader).WriteToFileAsync(path, query.ArrowSchema, ExportFormat.Parquet);

            var rows = await ChecksumAsync(query, [(short)2], new QueryOptions());
            Assert.Equal(rows.Count, result.Rows);
            Assert.True(File.Exists(path));
            Assert.Equal(["salesid", "eventid", "pricepaid", "saletime"], query.ArrowSchema.FieldsList.Select(f => f.Name));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private async Task<RowChecksum> ChecksumAsync(QueryDescriptor query, object?[] values, QueryOptions options)
    {
        await using var reader = await CompiledQueries.OpenAsync(fixture.Client, query, values, options);
        var checksum = new RowChecksum();
        foreach (var row in await CompiledQueries.RowsAsync(reader))
        {
            checksum.Add(CompiledQueries.Values(row, query));
        }

        return checksum;
    }

    /// <summary>`redshift-typed sql` on the statement the typed read sent (its SQL and parameters), read back by the column types.</summary>
    private async Task<RowChecksum> SqlCommandChecksumAsync(QueryDescriptor query, Execution.SqlStatement statement)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        string[] parameters = statement.Parameters.SelectMany(p => new[] { "--param", $"{p.Name}={p.Value}" }).ToArray();
        int exit = await ToolApp.RunAsync(
            ["sql", "--endpoint", fixture.Server.Server.Endpoint.ToString(), "--database", fixture.Server.Server.Database, "--format", "csv",
             .. parameters, statement.Sql],
            new ToolConsole(output, error));
        Assert.True(exit == 0, error.ToString());
        var checksum = new RowChecksum();
        foreach (var fields in CsvRecordReader.Read(output.ToString()).Skip(1))
        {
            checksum.AddText(query.Columns, fields);
        }

        return checksum;
    }
}

/// <summary>A local server with TICKIT (small pages, so results span many) and every column type; the query files captured and compiled once.</summary>
public abstract class TypedQueryFixture(TestBackend backend) : IAsyncLifetime
{
    /// <summary>Each query file's entry property, its parameter values, and whether it returns rows.</summary>
    internal static readonly Dictionary<string, (string Property, object?[] Values, bool Rows)> Cases = new()
    {
        ["joins_and_aggregates"] = ("JoinsAndAggregates", [(short)3], true),
        ["window_functions"] = ("WindowFunctions", [50], true),
        ["cte_and_case"] = ("CteAndCase", [], true),
        ["dates"] = ("Dates", [2008], true),
        ["every_column_type"] = ("EveryColumnType", [], true),
        ["every_parameter_type"] = ("EveryParameterType",
        [
            (short)-7, 42, 9_007_199_254_740_993L, 1.5f, -2.25, 12.34m, true, "abc", "a 'quoted' text", new DateOnly(2024, 2, 29),
            new TimeOnly(13, 14, 15, 123), new DateTime(2024, 2, 29, 13, 14, 15, 250, DateTimeKind.Unspecified),
            new DateTimeOffset(2024, 2, 29, 13, 14, 15, TimeSpan.FromHours(2)), null, "",
        ], true),
        ["zero_rows"] = ("ZeroRows", [], false),
        ["many_pages"] = ("ManyPages", [(short)2], true),
    };

    public TestServer Server { get; private set; } = null!;

    public RedshiftClient Client { get; private set; } = null!;

    internal CompiledQueries Compiled { get; private set; } = null!;

    private QueryProject _project = null!;

    public async Task InitializeAsync()
    {
        Server = await TestServer.StartAsync(backend, o => { o.Sample = "tickit"; o.PageMaxBytes = 32 * 1024; });
        Client = Server.Client();
        await TypeProbe.CreateAsync(Client);
        _project = QueryProject.Create();
        string sources = Path.Combine(PostgresEnvironment.RepositoryRoot(), "tests", "RedshiftTyped.IntegrationTests", "Queries", "Sql");
        foreach (string file in Directory.EnumerateFiles(sources, "*.sql", SearchOption.AllDirectories))
        {
            _project.Write(Path.GetRelativePath(sources, file).Replace('\\', '/'), File.ReadAllText(file));
        }

        await _project.CaptureAsync(Server);

        // The 38-digit column needs all its digits: a hand-written override, as a user would add it to the snapshot.
        string everyType = _project.SnapshotPath("tickit/every_column_type.sql");
        File.WriteAllText(everyType, File.ReadAllText(everyType).Replace(
            "\"name\": \"c_wide\",", "\"name\": \"c_wide\",\n      \"override\": { \"clrType\": \"System.Data.SqlTypes.SqlDecimal\" },", StringComparison.Ordinal));
        Compiled = _project.Compile();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        _project.Dispose();
    }
}

/// <summary>A table with a column of every Redshift type, one row of values and one of NULLs.</summary>
internal static class TypeProbe
{
    public static async Task CreateAsync(RedshiftClient client)
    {
        await client.ExecuteAsync("""
            create table type_probe(
                c_int2 smallint, c_int4 integer not null, c_int8 bigint, c_float4 real, c_float8 double precision,
                c_num numeric(12,4), c_wide numeric(38,10), c_bool boolean, c_char char(5), c_varchar varchar(20), c_date date,
                c_time time, c_timetz timetz, c_ts timestamp, c_tstz timestamptz, c_varbyte varbyte(16), c_super super, c_geo geometry)
            """);
        await client.ExecuteAsync(new Execution.SqlStatement("""
            insert into type_probe values (-32768, 2147483647, 9223372036854775807, 123.456787109375, 2.3,
              -12345678.1234, :wide, true, 'ab', '', '2024-06-12',
              '14:30:45', '14:30:45+02', '2024-06-12 14:30:45.123456', '2024-06-12 14:30:45.123456-05:00', 'abc', '{"foo": "bar"}', 'POINT(1 2)')
            """).WithParameter("wide", "1234567890123456789012345678.1234567890"));
        await client.ExecuteAsync("insert into type_probe (c_int4) values (0)");
    }
}

public sealed class DuckDbTypedQueryFixture() : TypedQueryFixture(TestBackend.DuckDb);

public sealed class PostgresTypedQueryFixture() : TypedQueryFixture(TestBackend.Postgres);

public sealed class DuckDbTypedQueryRoundTripTests(DuckDbTypedQueryFixture fixture)
    : TypedQueryRoundTripTests(fixture), IClassFixture<DuckDbTypedQueryFixture>;

public sealed class PostgresTypedQueryRoundTripTests(PostgresTypedQueryFixture fixture)
    : TypedQueryRoundTripTests(fixture), IClassFixture<PostgresTypedQueryFixture>;
