using RedshiftTyped.Execution;
using RedshiftTyped.IntegrationTests.Infrastructure;
using RedshiftTyped.Reading;
using RedshiftTyped.Tool;
using RedshiftTyped.Tool.Cli;
using RedshiftTyped.Typed;
using RedshiftTyped.Values;
using Readings = RedshiftTyped.IntegrationTests.Generated.Dev.Public.Readings;

namespace RedshiftTyped.IntegrationTests.Reading;

/// <summary>
/// Values Redshift can send that .NET's types cannot hold, read end to end: dates before year 1 or after 9999, and
/// intervals with months, negative parts or more than 24 hours. Both backends print them as Redshift does (the local
/// server's FieldEncoder), so this runs on each.
/// </summary>
public abstract class OutOfRangeValueTests(TestBackend backend) : IAsyncLifetime
{
    private TestServer _server = null!;
    private RedshiftClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync(backend);
        _client = _server.Client();
        await ReadingsTable.CreateAsync(_client);
        // Computed rather than typed as 'YYYY-MM-DD BC' text: the DuckDB backend reads that text only in INSERT (see the report).
        await _client.ExecuteAsync("update public.readings set day = date '0001-01-01' - 1 where id = 3");
        await _client.ExecuteAsync("update public.readings set taken_at = cast('10000-01-01 00:00:00' as timestamp) where id = 5");
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Untyped_reads_return_the_documented_fallbacks_instead_of_throwing()
    {
        var rows = await _client.QueryAsync(new SqlStatement(
            "select date '0001-01-01' - 1 as bc, cast('10000-01-01' as date) as big, cast('0001-01-01 12:00:00' as timestamp) - interval '1 day' as ts, " +
            "interval '1 year 2 mons 3 days 04:05:06' as ym, interval '36 hours' as h, interval '-1 days -2 hours' as n")).ToListAsync();

        var row = rows.Single();
        Assert.Equal("0001-12-31 BC", row[0]);
        Assert.Equal("10000-01-01", row[1]);
        Assert.Equal("0001-12-31 12:00:00.0 BC", row[2]); // the Data API always sends a fraction
        Assert.Equal(new RedshiftInterval(14, 3, 14_706_000_000), row[3]);
        Assert.Equal(TimeSpan.FromHours(36), row[4]);
        Assert.Equal(-TimeSpan.FromHours(26), row[5]);
    }

    [Fact]
    public async Task A_typed_read_names_the_table_column_and_value_it_cannot_hold()
    {
        var ex = await Assert.ThrowsAsync<RowDecodeException>(() => _client.SnapshotAsync(Readings.RedshiftTable.Descriptor).ToListAsync().AsTask());

        Assert.Contains("of dev.public.readings", ex.Message);
        Assert.Contains("outside the years 1 to 9999", ex.Message);
        Assert.True(ex.Column?.Name is "day" or "taken_at", ex.Message);
    }

    [Fact]
    public async Task The_sql_command_prints_them_and_exits_0()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = await ToolApp.RunAsync(
            ["sql", "select day, taken_at, interval '1 year 2 mons' as i from public.readings where id in (3, 5) order by id", "--format", "csv",
             "--endpoint", _server.Server.Endpoint.ToString()],
            new ToolConsole(output, error));

        Assert.True(exit == 0, error.ToString());
        Assert.Contains("0001-12-31 BC", output.ToString());
        Assert.Contains("10000-01-01 00:00:00", output.ToString());
        Assert.Contains("1 year 2 mons", output.ToString());
    }

    [Fact]
    public async Task An_export_fails_that_table_naming_the_column_and_the_fix()
    {
        var ex = await Assert.ThrowsAsync<RowDecodeException>(async () =>
        {
            await foreach (var batch in _client.SnapshotBatchesAsync(TableReference.Parse("public.readings")))
            {
                batch.Dispose();
            }
        });

        Assert.Contains("Cast the column to varchar", ex.Message);
    }
}

public sealed class DuckDbOutOfRangeValueTests() : OutOfRangeValueTests(TestBackend.DuckDb);

public sealed class PostgresOutOfRangeValueTests() : OutOfRangeValueTests(TestBackend.Postgres);
