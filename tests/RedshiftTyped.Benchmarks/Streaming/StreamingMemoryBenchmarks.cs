using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using RedshiftTyped.Benchmarks.Tickit;
using RedshiftTyped.Connection;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Export;
using RedshiftTyped.Local;
using RedshiftTyped.Reading;

namespace RedshiftTyped.Benchmarks.Streaming;

/// <summary>
/// A typed snapshot of a TICKIT-shaped sales table streamed to Parquet, at 1,000,000 and at 5,000,000 rows: the peak
/// working set of the reading process must be about the same, because rows stream page by page into row groups and
/// nothing holds the table. The local server runs in a process of its own, so its stored results are not counted.
/// The read is chunked (a million rows per statement), as a table past the Data API's result cap must be.
/// </summary>
[Config(typeof(Config))]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 2)]
[MemoryDiagnoser]
public class StreamingMemoryBenchmarks
{
    private Process? _server;
    private RedshiftClient? _client;
    private string _output = "";

    [Params(1_000_000, 5_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        (_server, string endpoint) = await OutOfProcessServer.StartAsync();
        _client = new RedshiftClient(LocalServerDefaults.ApplyTo(new RedshiftConnectionOptions { Endpoint = endpoint, PollInterval = 0.5 }));
        await _client.ExecuteAsync(TickitSalesDdl);
        await _client.ExecuteAsync(string.Create(CultureInfo.InvariantCulture, $"""
            insert into public.sales
            select i, i % 50000 + 1, i % 49990 + 1, i % 49989 + 1, i % 8798 + 1, (i % 365 + 1827)::smallint, (i % 4 + 1)::smallint,
                   (i % 100000) / 100.0 + 20, (i % 100000) / 1000.0 + 3,
                   timestamp '2008-01-01 00:00:00' + (i % 31536000) * interval '1 second'
            from generate_series(1, {Rows}) as g(i)
            """));
        _output = Path.Combine(Path.GetTempPath(), $"rt-streaming-{Environment.ProcessId}.parquet");
    }

    [Benchmark]
    public async Task<long> SnapshotToParquet()
    {
        // 5,000,000 rows are past the result cap of one statement (the local server enforces the Data API's 500 MB), so
        // the table is read in key-range chunks of a million rows: one statement at 1M, five at 5M.
        var options = new SnapshotOptions { ResultFormat = ResultFormatString.CSV, ChunkRows = 1_000_000 }.OrderBy("salesid");
        var result = await _client!.SnapshotBatchesAsync(TickitDatabase.Public.Sales, options)
            .WriteToFileAsync(_output, TickitDatabase.Public.Sales.ArrowSchema, ExportFormat.Parquet);
        return result.Rows == Rows ? result.Rows : throw new InvalidOperationException($"Wrote {result.Rows} rows of {Rows}.");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        PeakWorkingSetColumn.Record(Rows, Process.GetCurrentProcess().PeakWorkingSet64);
        _client?.Dispose();
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
        }

        _server?.Dispose();
        File.Delete(_output);
    }

    private const string TickitSalesDdl = """
        create table public.sales(
            salesid integer not null, listid integer not null distkey, sellerid integer not null, buyerid integer not null,
            eventid integer not null, dateid smallint not null sortkey, qtysold smallint not null,
            pricepaid decimal(8,2), commission decimal(8,2), saletime timestamp)
        """;

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(new PeakWorkingSetColumn());
            // Each case runs in a process of its own (that is what makes the peak per case); on a loaded machine
            // building that process can take longer than BenchmarkDotNet's default two minutes.
            WithBuildTimeout(TimeSpan.FromMinutes(10));
        }
    }
}

/// <summary>The benchmark process's peak working set, recorded by each run's cleanup (every case runs in its own process).</summary>
public sealed class PeakWorkingSetColumn : IColumn
{
    private static string FileFor(int rows) => Path.Combine(Path.GetTempPath(), $"rt-peak-working-set-{rows}.txt");

    public static void Record(int rows, long bytes) => File.WriteAllText(FileFor(rows), bytes.ToString(CultureInfo.InvariantCulture));

    public string Id => nameof(PeakWorkingSetColumn);

    public string ColumnName => "Peak working set";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Size;

    public string Legend => "Peak working set of the benchmark process (the server runs apart)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        int rows = (int)benchmarkCase.Parameters["Rows"];
        return File.Exists(FileFor(rows))
            ? string.Create(CultureInfo.InvariantCulture, $"{long.Parse(File.ReadAllText(FileFor(rows)), CultureInfo.InvariantCulture) / (1024.0 * 1024):N0} MB")
            : "?";
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}

/// <summary>`redshift-typed local` in a child process, on a free port.</summary>
internal static class OutOfProcessServer
{
    public static async Task<(Process Server, string Endpoint)> StartAsync()
    {
        string tool = Path.Combine(AppContext.BaseDirectory, "redshift-typed.dll");
        var start = new ProcessStartInfo("dotnet", [tool, "local", "--port", "0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var server = Process.Start(start) ?? throw new InvalidOperationException("Could not start the local server.");
        while (await server.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("Listening on ", StringComparison.Ordinal))
            {
                _ = server.StandardOutput.ReadToEndAsync();
                _ = server.StandardError.ReadToEndAsync();
                return (server, line["Listening on ".Length..].Trim());
            }
        }

        throw new InvalidOperationException("The local server exited before listening: " + await server.StandardError.ReadToEndAsync());
    }
}
