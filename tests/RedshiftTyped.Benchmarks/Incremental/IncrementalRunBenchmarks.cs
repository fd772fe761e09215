using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using RedshiftTyped.Benchmarks.TypedQueries;
using RedshiftTyped.Execution;
using RedshiftTyped.Local;
using RedshiftTyped.Tool;
using RedshiftTyped.Tool.Cli;

namespace RedshiftTyped.Benchmarks.Incremental;

/// <summary>
/// A daily run of a 1,000,000-row table of which 0.1 % changed since the last run (400 updates moving the cursor, 300
/// inserts, 300 deletes), two ways, side by side: <c>redshift-typed snapshot</c> of the whole table (ingestion_type
/// snapshot) against the same command with <c>ingestion_type: cdc_with_deletes</c> from the state the previous run
/// left (restored before every iteration, so each one reads the same changes). Both write Parquet. Besides time, the
/// columns say what each run moved: <c>HTTP bytes</c> (every Data API request and response body, counted by the
/// client's handler), <c>Rows out</c> (rows in the file written) and <c>Keys fetched</c> (keys the delete detection
/// read for the digest buckets that changed). Local server on DuckDB, in this process.
/// </summary>
[Config(typeof(Config))]
public class IncrementalRunBenchmarks
{
    public const int Rows = 1_000_000;
    private const int Updates = 400, Inserts = 300, Deletes = 300;

    private LocalDataApiServer _server = null!;
    private CountingHandler _http = null!;
    private string _dir = null!;
    private string _baselineState = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _server = await LocalDataApiServer.StartAsync(new LocalServerOptions());
        _http = new CountingHandler();
        _dir = Directory.CreateTempSubdirectory("rt-incremental-bench-").FullName;
        await PrepareAsync(_server, _http, _dir, line => Console.WriteLine("// " + line));
        _baselineState = File.ReadAllText(Path.Combine(_dir, "cdc", "state.json"));
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public Task<RunFacts> FullSnapshot() => RunAsync(_server, _http, _dir, "snapshot");

    [Benchmark]
    public Task<RunFacts> CdcWithDeletes()
    {
        File.WriteAllText(Path.Combine(_dir, "cdc", "state.json"), _baselineState);
        return RunAsync(_server, _http, _dir, "cdc");
    }

    /// <summary>
    /// Loads the table, takes the cdc_with_deletes baseline (a first run: every row and key), changes 0.1 % of the
    /// rows, and measures one run of each kind (the figures the columns show).
    /// </summary>
    internal static async Task PrepareAsync(LocalDataApiServer server, CountingHandler http, string dir, Action<string> log)
    {
        using var client = new RedshiftClient(server.ClientOptions());
        await client.ExecuteAsync(new SqlStatement(
            "CREATE TABLE public.orders (id BIGINT NOT NULL, updated_at TIMESTAMP NOT NULL, customer VARCHAR(32), amount NUMERIC(12,2), status VARCHAR(16), PRIMARY KEY (id))"));
        var clock = Stopwatch.StartNew();
        await client.ExecuteAsync(new SqlStatement(string.Create(CultureInfo.InvariantCulture, $"""
            INSERT INTO public.orders
            SELECT i, TIMESTAMP '2024-01-01 00:00:00' + i * INTERVAL '1 second', 'customer ' || (i % 5000), (i % 100000) / 100.0,
                   CASE WHEN i % 3 = 0 THEN 'shipped' ELSE 'open' END
            FROM generate_series(1, {Rows}) AS g(i)
            """)));
        log($"loaded {Rows:N0} rows in {clock.Elapsed.TotalSeconds:0} s");
        var baseline = await RunAsync(server, http, dir, "cdc");
        log($"cdc_with_deletes baseline (first run): {baseline}");

        var random = new Random(13);
        var ids = Enumerable.Range(1, Rows).OrderBy(_ => random.Next()).Take(Updates + Deletes).ToList();
        string updated = string.Join(", ", ids.Take(Updates));
        string deleted = string.Join(", ", ids.Skip(Updates));
        await client.ExecuteAsync(new SqlStatement(
            $"UPDATE public.orders SET updated_at = TIMESTAMP '2025-01-01 00:00:00', status = 'changed', amount = amount + 1 WHERE id IN ({updated})"));
        await client.ExecuteAsync(new SqlStatement($"DELETE FROM public.orders WHERE id IN ({deleted})"));
        var inserted = Enumerable.Range(Rows + 1, Inserts).Select(id => string.Create(CultureInfo.InvariantCulture,
            $"({id}, TIMESTAMP '2025-01-01 00:00:01', 'customer new', 1.00, 'open')"));
        await client.ExecuteAsync(new SqlStatement($"INSERT INTO public.orders VALUES {string.Join(", ", inserted)}"));
        log($"changed {Updates} rows, deleted {Deletes}, inserted {Inserts} ({(Updates + Deletes + Inserts) * 100.0 / Rows:0.##} % of {Rows:N0})");
    }

    /// <summary>One <c>redshift-typed snapshot</c> run of public.orders, as a snapshot or as cdc_with_deletes, into DIR/kind/.</summary>
    internal static async Task<RunFacts> RunAsync(LocalDataApiServer server, CountingHandler http, string dir, string kind)
    {
        string outDir = Path.Combine(dir, kind);
        Directory.CreateDirectory(outDir);
        string configuration = kind == "cdc"
            ? """{"ingestion_type": "cdc_with_deletes", "cursor_field": "updated_at", "primary_keys": ["id"], "chunk_rows": 500000}"""
            : """{"primary_keys": ["id"], "chunk_rows": 500000}""";
        string spec = Path.Combine(dir, kind + ".json");
        File.WriteAllText(spec, $$"""
            {"default_destination_catalog": "main", "default_destination_schema": "bench",
             "objects": [{"table": {"source_table": "public.orders", "table_configuration": {{configuration}} } }]}
            """);
        http.Reset();
        var output = new StringWriter();
        var error = new StringWriter();
        var clock = Stopwatch.StartNew();
        int exit = await ToolApp.RunAsync(["snapshot", "--pipeline", spec, "--out", outDir, "--endpoint", server.Endpoint.ToString(), "--poll-interval", "0.05"],
            new ToolConsole(output, error, http));
        var elapsed = clock.Elapsed;
        if (exit != 0)
        {
            throw new InvalidOperationException($"redshift-typed snapshot ({kind}) exited {exit}: {output}{error}");
        }

        var table = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "manifest.json"))).RootElement.GetProperty("tables")[0];
        long keys = table.TryGetProperty("changes", out var changes) ? changes.GetProperty("keys_fetched_for_deletes").GetInt64() : 0;
        var facts = new RunFacts(table.GetProperty("rows").GetInt64(), keys, http.Bytes, table.GetProperty("bytes").GetInt64(), elapsed);
        string name = kind == "cdc" ? nameof(CdcWithDeletes) : nameof(FullSnapshot);
        MeasuredColumn.Record(name, facts);
        return facts;
    }

    /// <summary>What one run moved: rows in its file, keys fetched for deletes, HTTP body bytes, file bytes, and its time.</summary>
    public sealed record RunFacts(long RowsOut, long KeysFetched, long HttpBytes, long FileBytes, TimeSpan Elapsed)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{RowsOut:N0} rows out, {KeysFetched:N0} keys fetched, {HttpBytes:N0} HTTP bytes, {FileBytes:N0} file bytes, {Elapsed.TotalSeconds:0.00} s");
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default
                .WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1)
                .WithWarmupCount(0)
                .WithIterationCount(3)
                .WithInvocationCount(1)
                .WithUnrollFactor(1)
                // A full snapshot of 1,000,000 rows takes minutes on a loaded machine: past the in-process default timeout.
                .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(1), logOutput: true)));
            AddColumn(new MeasuredColumn("HTTP bytes", f => f.HttpBytes), new MeasuredColumn("Rows out", f => f.RowsOut), new MeasuredColumn("Keys fetched", f => f.KeysFetched));
        }
    }

    /// <summary>A figure of the last measured run of each benchmark (in process, so the column can read it).</summary>
    private sealed class MeasuredColumn(string name, Func<RunFacts, long> figure) : IColumn
    {
        private static readonly Dictionary<string, RunFacts> Measured = [];

        public static void Record(string benchmark, RunFacts facts)
        {
            lock (Measured)
            {
                Measured[benchmark] = facts;
            }
        }

        public string Id => nameof(MeasuredColumn) + name;

        public string ColumnName => name;

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => $"{name} of one run (the same every iteration)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            lock (Measured)
            {
                return Measured.TryGetValue(benchmarkCase.Descriptor.WorkloadMethod.Name, out var facts)
                    ? figure(facts).ToString("N0", CultureInfo.InvariantCulture)
                    : "?";
            }
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}

/// <summary>
/// <c>--quick-incremental</c>: the same two runs once each, without BenchmarkDotNet, printing what each moved and the
/// ratios (for a first look; the BenchmarkDotNet run is the measurement).
/// </summary>
internal static class QuickIncrementalTiming
{
    public static async Task RunAsync()
    {
        await using var server = await LocalDataApiServer.StartAsync(new LocalServerOptions());
        using var http = new CountingHandler();
        string dir = Directory.CreateTempSubdirectory("rt-incremental-quick-").FullName;
        try
        {
            await IncrementalRunBenchmarks.PrepareAsync(server, http, dir, Console.WriteLine);
            string baseline = File.ReadAllText(Path.Combine(dir, "cdc", "state.json"));
            var full = await IncrementalRunBenchmarks.RunAsync(server, http, dir, "snapshot");
            File.WriteAllText(Path.Combine(dir, "cdc", "state.json"), baseline);
            var cdc = await IncrementalRunBenchmarks.RunAsync(server, http, dir, "cdc");
            Console.WriteLine($"full snapshot:    {full}");
            Console.WriteLine($"cdc_with_deletes: {cdc}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratio: {(double)full.HttpBytes / cdc.HttpBytes:0.0}x fewer HTTP bytes, {(double)full.RowsOut / (cdc.RowsOut + cdc.KeysFetched):0.0}x fewer rows and keys, " +
                $"{full.Elapsed.TotalSeconds / cdc.Elapsed.TotalSeconds:0.0}x sooner"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
