using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using RedshiftTyped.Benchmarks.Tickit;
using RedshiftTyped.Connection;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Execution;
using RedshiftTyped.Local;
using RedshiftTyped.Reading;
using RedshiftTyped.Typed;

namespace RedshiftTyped.Benchmarks.LocalServer;

/// <summary>A local Data API server started in this process and a <see cref="RedshiftClient"/> pointed at it.</summary>
internal sealed class LocalClient : IAsyncDisposable
{
    private LocalClient(LocalDataApiServer server, RedshiftClient client)
    {
        Server = server;
        Client = client;
    }

    public LocalDataApiServer Server { get; }

    public RedshiftClient Client { get; }

    public static async Task<LocalClient> StartAsync(LocalServerOptions? options = null, Action<RedshiftConnectionOptions>? configure = null)
    {
        var server = await LocalDataApiServer.StartAsync(options ?? new LocalServerOptions());
        var clientOptions = server.ClientOptions();
        configure?.Invoke(clientOptions);
        var client = new RedshiftClient(clientOptions);
        return new LocalClient(server, client);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>
/// End to end against the local server (DuckDB, in this process): a 200,000-row table shaped like TICKIT's sales read
/// with <see cref="RedshiftClient.SnapshotAsync{TRecord}"/> into generated <c>Sales</c> records, with JSON results
/// (GetStatementResult, each page's bytes decoded by the generated JSON decoder) and with CSV results
/// (GetStatementResultV2, decoded by the generated CSV decoder). Each invocation submits the statement, waits for it
/// and reads every page, so the figure per row includes the server's work, HTTP, and the client's decoding. The
/// memory diagnoser's allocations are process-wide: server and client together.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class ResultFormatBenchmarks
{
    public const int Rows = 200_000;

    private const string Ddl = """
        create table public.sales(
            salesid integer not null, listid integer not null distkey, sellerid integer not null, buyerid integer not null,
            eventid integer not null, dateid smallint not null sortkey, qtysold smallint not null,
            pricepaid decimal(8,2), commission decimal(8,2), saletime timestamp)
        """;

    // Seven integers, two numeric(8,2) (one with NULLs), a timestamp.
    private const string Fill = """
        insert into public.sales
        select i, i * 3 % 100000, i * 7 % 50000, i * 11 % 50000, i % 8000, cast(1827 + i % 365 as smallint), cast(1 + i % 4 as smallint),
               case when i % 10 = 0 then null else cast(i % 1000 + (i % 100) / 100.0 as decimal(8,2)) end,
               cast(i % 150 + 0.15 as decimal(8,2)),
               timestamp '2008-01-01 00:00:00' + (i * 37) * interval '1 second'
        from generate_series(1, 200000) as g(i)
        """;

    private LocalClient _local = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _local = await LocalClient.StartAsync();
        await _local.Client.ExecuteAsync(Ddl);
        await _local.Client.ExecuteAsync(Fill);
        if (await Json() != Rows || await Csv() != Rows)
        {
            throw new InvalidOperationException("The result does not have the expected rows.");
        }
    }

    [GlobalCleanup]
    public Task CleanupAsync() => _local.DisposeAsync().AsTask();

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows)]
    public Task<long> Json() => ReadAsync(ResultFormatString.JSON);

    [Benchmark(OperationsPerInvoke = Rows)]
    public Task<long> Csv() => ReadAsync(ResultFormatString.CSV);

    private async Task<long> ReadAsync(ResultFormatString format)
    {
        long rows = 0;
        await foreach (var sale in _local.Client.SnapshotAsync(TickitDatabase.Public.Sales, new SnapshotOptions { ResultFormat = format }))
        {
            rows += sale.Qtysold > 0 ? 1 : 0;
        }

        return rows;
    }
}

/// <summary>
/// Time to the rows of a 10-row query: this client (long polling where the endpoint honours it, else polls from 50 ms
/// up) against the connector's way with the raw Data API operations: ExecuteStatement, DescribeStatement, and while the
/// statement is not finished a fixed 2-second sleep before the next DescribeStatement, then GetStatementResult.
/// <para>
/// The local engine runs a 10-row query in well under a millisecond, sooner than Redshift ever does, so the first
/// DescribeStatement may already see FINISHED and the connector's loop never sleeps. <see cref="ExecutionMs"/> adds a
/// warehouse's execution time before each statement runs (the server's SlowStatementDelay, for every statement): 0 is
/// the local engine as is, 100 ms a small query on a warm Redshift cluster.
/// </para>
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class SmallQueryLatencyBenchmarks
{
    private const string Sql = "select cast(i as integer) as id, 'row ' || i as name from range(10) as t(i)";
    private static readonly TimeSpan ConnectorPollInterval = TimeSpan.FromSeconds(2);

    private LocalClient _local = null!;

    [Params(0, 100)]
    public int ExecutionMs { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var options = new LocalServerOptions();
        if (ExecutionMs > 0)
        {
            options.Faults.SlowStatementRate = 1;
            options.Faults.SlowStatementDelay = TimeSpan.FromMilliseconds(ExecutionMs);
        }

        _local = await LocalClient.StartAsync(options);
        if (await OurClient() != 10 || await ConnectorFixedTwoSecondPoll() != 10)
        {
            throw new InvalidOperationException("The query does not return 10 rows.");
        }
    }

    [GlobalCleanup]
    public Task CleanupAsync() => _local.DisposeAsync().AsTask();

    [Benchmark(Baseline = true)]
    public async Task<int> ConnectorFixedTwoSecondPoll()
    {
        var api = _local.Client.DataApi;
        var submitted = await api.ExecuteStatementAsync(new ExecuteStatementRequest
        {
            Sql = Sql, Database = _local.Server.Database, ClusterIdentifier = LocalServerDefaults.ClusterIdentifier,
        });
        var status = await api.DescribeStatementAsync(new DescribeStatementRequest { Id = submitted.Id });
        while (status.Status != StatusString.FINISHED)
        {
            if (status.Status == StatusString.FAILED || status.Status == StatusString.ABORTED)
            {
                throw new InvalidOperationException(status.Error);
            }

            await Task.Delay(ConnectorPollInterval);
            status = await api.DescribeStatementAsync(new DescribeStatementRequest { Id = submitted.Id });
        }

        var result = await api.GetStatementResultAsync(new GetStatementResultRequest { Id = submitted.Id });
        return result.Records?.Count ?? 0;
    }

    [Benchmark]
    public async Task<int> OurClient()
    {
        int rows = 0;
        await foreach (var page in _local.Client.QueryPagesAsync(new SqlStatement(Sql)))
        {
            rows += page.RowCount;
        }

        return rows;
    }
}
