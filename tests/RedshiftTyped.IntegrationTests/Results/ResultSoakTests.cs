using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Local;
using Xunit.Abstractions;

namespace RedshiftTyped.IntegrationTests.Results;

/// <summary>
/// 2,000 statements with results of 10 to 100,000 rows (JSON and CSV, some read fully, some one page, some never),
/// released as they expire (the clock is moved past the 24-hour retention) or on request, with a memory budget small enough
/// that results spill. Afterwards the server holds no result, and the process's managed heap is back within 20 % of where
/// it started.
/// <para>The measure is <see cref="GC.GetTotalMemory(bool)"/> after a full collection: stored pages are managed arrays
/// (spilled ones are on disk and counted by <see cref="LocalDataApiServer.ResultStorage"/>, asserted to be zero), so a
/// leaked result shows there. The working set would measure the runtime's and DuckDB's allocators instead (freed GC
/// segments and the engine's buffer pool go back to the OS when they choose), not what the server keeps. The tests run
/// in a collection of their own, alone, so no other test's allocations are counted.</para>
/// </summary>
public abstract class ResultSoakTests(TestBackend backend, ITestOutputHelper output)
{
    private const int Statements = 2_000;
    private const int Batch = 100;
    private const int WarmUpBatches = 3;
    // Two at a time: with more, rarer peaks of concurrent 1-2 MB page buffers keep growing the shared array pool (bounded,
    // but slowly filled) for hundreds of statements, which the start figure would not include.
    private const int Parallelism = 2;

    [Fact]
    public async Task Memory_returns_to_its_start_after_2000_results_are_read_and_released()
    {
        var clock = new ManualClock();
        await using var server = await TestServer.StartAsync(backend, o =>
        {
            o.InitSqlFiles.Clear();
            o.TimeProvider = clock;
            o.ResultMemoryLimitBytes = 16 * 1024 * 1024;
        });
        using var client = server.Client();

        // Warm-up: three batches as the soak runs them (its concurrency, sizes, formats and reads, spilling). The JIT, the
        // array pools, Kestrel's and the HTTP client's buffers and connections take about that long to reach their steady
        // state (measured: the heap after each batch rises for 3-4 batches, then moves within a few MB without a trend), so
        // what the soak adds on top of the start figure is what the server keeps.
        var sizes = Sizes();
        for (int batch = 0; batch < WarmUpBatches; batch++)
        {
            await RunBatchAsync(client, sizes, batch);
            server.Server.ReleaseAllResults();
        }
        long start = GC.GetTotalMemory(forceFullCollection: true);

        long rows = 0;
        for (int batch = 0; batch < Statements / Batch; batch++)
        {
            rows += await RunBatchAsync(client, sizes, batch);

            // Between batches (no read in flight), half the time the retention passes, half the time the server is asked.
            if (batch % 2 == 0)
            {
                clock.Advance(TimeSpan.FromHours(25));
                Assert.Equal(Batch, server.Server.ReleaseExpiredResults());
            }
            else
            {
                Assert.Equal(Batch, server.Server.ReleaseAllResults());
            }
        }

        Assert.Equal(sizes.Sum(s => (long)s), rows);

        clock.Advance(TimeSpan.FromHours(25));
        server.Server.ReleaseExpiredResults();
        Assert.Equal(new ResultStorageStatistics(0, 0, 0), server.Server.ResultStorage);
        long end = GC.GetTotalMemory(forceFullCollection: true);
        output.WriteLine($"{backend}: {rows:N0} rows in {Statements} statements; managed heap {start / 1e6:F1} MB at the start, {end / 1e6:F1} MB at the end ({end / (double)start:F2}x)");
        Assert.True(end <= start * 1.2, $"managed heap {start / 1e6:F1} MB at the start, {end / 1e6:F1} MB after {Statements} results were released");
    }

    /// <summary>Statements <c>batch * Batch</c> on, <see cref="Parallelism"/> at once: JSON and CSV alternately, one in ten read fully, three one page.</summary>
    private static async Task<long> RunBatchAsync(RedshiftTyped.RedshiftClient client, int[] sizes, int batch)
    {
        long rows = 0;
        await Parallel.ForEachAsync(Enumerable.Range(batch * Batch, Batch), new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (i, _) =>
        {
            var format = i % 2 == 0 ? ResultFormatString.JSON : ResultFormatString.CSV;
            var reading = (i % 10) switch { 0 => Reading.Fully, 1 or 2 or 3 => Reading.FirstPage, _ => Reading.Not };
            Interlocked.Add(ref rows, await RunAsync(client, i, sizes[i], format, reading));
        });
        return rows;
    }

    private enum Reading
    {
        Not,
        FirstPage,
        Fully,
    }

    /// <summary>Runs one statement of <paramref name="rows"/> rows and reads it as told; returns the rows it reports.</summary>
    private static async Task<long> RunAsync(RedshiftTyped.RedshiftClient client, int index, int rows, ResultFormatString format, Reading reading)
    {
        string sql = $"select g as id, 'soak {index} row ' || g as label from generate_series(1, {rows}) as t(g)";
        var submitted = await client.DataApi.ExecuteStatementAsync(client.WithTarget(new ExecuteStatementRequest { Sql = sql, ResultFormat = format, WaitTimeSeconds = 30 }));
        DescribeStatementResponse described;
        do
        {
            described = await client.DataApi.DescribeStatementAsync(new DescribeStatementRequest { Id = submitted.Id, WaitTimeSeconds = 30 });
        }
        while (described.Status == StatusString.SUBMITTED || described.Status == StatusString.PICKED || described.Status == StatusString.STARTED);

        Assert.True(described.Status == StatusString.FINISHED, $"statement {index}: {described.Status} {described.Error}");
        long read = 0;
        string? token = null;
        while (reading != Reading.Not)
        {
            if (format == ResultFormatString.JSON)
            {
                var page = await client.DataApi.GetStatementResultAsync(new GetStatementResultRequest { Id = submitted.Id, NextToken = token });
                read += page.Records!.Count;
                token = page.NextToken;
            }
            else
            {
                var page = await client.DataApi.GetStatementResultV2Async(new GetStatementResultV2Request { Id = submitted.Id, NextToken = token });
                read += page.Records!.Sum(r => r.CSVRecords!.Count(c => c == '\n'));
                token = page.NextToken;
            }

            if (token is null || reading == Reading.FirstPage) break;
        }

        if (reading == Reading.Fully) Assert.Equal(rows, read);
        return described.ResultRows ?? -1;
    }

    /// <summary>
    /// Result sizes from 10 to 100,000 rows: one statement in 100 at 100,000, the rest log-uniform over 10 to 10,000
    /// (about 4 M rows in all, so the test stays near a minute per backend).
    /// </summary>
    private static int[] Sizes()
    {
        var random = new Random(16);
        return Enumerable.Range(0, Statements)
            .Select(i => i % 100 == 50 ? 100_000 : (int)Math.Round(10 * Math.Pow(1000, random.NextDouble())))
            .ToArray();
    }
}

/// <summary>The soak tests measure the process's heap: they run alone, after the parallel tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ResultSoak
{
    public const string Name = "Result soak";
}

[Collection(ResultSoak.Name)]
public sealed class DuckDbResultSoakTests(ITestOutputHelper output) : ResultSoakTests(TestBackend.DuckDb, output);

[Collection(ResultSoak.Name)]
public sealed class PostgresResultSoakTests(ITestOutputHelper output) : ResultSoakTests(TestBackend.Postgres, output);
