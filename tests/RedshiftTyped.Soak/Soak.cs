using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using RedshiftTyped.Local;
using RedshiftTyped.Tool;
using RedshiftTyped.Tool.Cli;

namespace RedshiftTyped.Soak;

/// <summary>What the soak saw, summed over its runs.</summary>
internal sealed class SoakReport
{
    public int Runs;
    public long FaultsInjected;
    public FaultStatistics Faults = new(0, 0, 0, 0, 0, 0);
    public long Retries;
    public long RowsCompared;
    public long Lost;
    public long Duplicated;
    public int FilesCompared;
    public int FilesDiffering;
    public long Unhandled;
    public int TemporaryFilesLeft;
    public readonly List<string> Failures = [];

    public bool Passed => Failures.Count == 0 && Lost == 0 && Duplicated == 0 && FilesDiffering == 0 && Unhandled == 0 && TemporaryFilesLeft == 0 && Runs > 0;
}

/// <summary>
/// Runs the TICKIT pipeline fault-free once per format and backend, then again under faults, and compares every table
/// with the fault-free export: row by row for CSV, byte for byte for every format.
/// </summary>
internal sealed class Soak(SoakSettings settings, TextWriter output)
{
    private static readonly (string Table, string Key)[] Tables =
    [
        ("users", "userid"), ("venue", "venueid"), ("category", "catid"), ("date", "dateid"), ("event", "eventid"), ("listing", "listid"), ("sales", "salesid"),
    ];

    private readonly SoakReport _report = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly string _work = Directory.CreateTempSubdirectory("rt-soak-").FullName;
    private long _unobserved;

    public async Task<SoakReport> RunAsync()
    {
        TaskScheduler.UnobservedTaskException += (_, _) => Interlocked.Increment(ref _unobserved);
        AppDomain.CurrentDomain.UnhandledException += (_, _) => Interlocked.Increment(ref _unobserved);
        try
        {
            File.WriteAllText(Path.Combine(_work, "pipeline.json"), Pipeline());
            // With PostgreSQL to soak too, DuckDB's runs stop starting at two thirds of the budget.
            var duckDbBudget = settings.Postgres is null ? settings.Budget : settings.Budget * 2 / 3;
            await SoakAsync("DuckDB", new LocalServerOptions { Sample = "tickit" }, settings.Runs, ["csv", "parquet", "csv", "arrow-file"], duckDbBudget);
            if (settings.Postgres is { } postgres)
            {
                string database = await CreateDatabaseAsync(postgres);
                try
                {
                    await SoakAsync("PostgreSQL", new LocalServerOptions { Sample = "tickit", Backend = LocalBackend.Postgres, PostgresConnectionString = database },
                        settings.PostgresRuns, ["csv", "parquet"], settings.Budget);
                }
                finally
                {
                    await DropDatabaseAsync(postgres, database);
                }
            }
        }
        catch (Exception ex)
        {
            _report.Failures.Add($"the soak itself failed: {ex}");
        }
        finally
        {
            Directory.Delete(_work, recursive: true);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        _report.Unhandled += Interlocked.Read(ref _unobserved);
        Print();
        return _report;
    }

    /// <param name="backend">For the figures.</param>
    /// <param name="options">The server to soak.</param>
    /// <param name="faultedRuns">Runs under faults.</param>
    /// <param name="formats">The formats the runs take in turn: every format is compared row by row (a multiset), and every table but the chunked ones byte for byte.</param>
    /// <param name="budget">No run starts past this time since the soak began (two always run).</param>
    private async Task SoakAsync(string backend, LocalServerOptions options, int faultedRuns, string[] formats, TimeSpan budget)
    {
        var serverLogs = new SoakCounters();
        await using var server = await LocalDataApiServer.StartAsync(options, loggerFactory: serverLogs);
        File.WriteAllText(Path.Combine(_work, "conn.json"), $$$"""
            {"endpoint": "{{{server.Endpoint}}}", "poll_interval": 0.2,
             "retry": {"max_retries": 20, "base_delay": "00:00:00.010", "max_delay": "00:00:00.200", "total_timeout": "00:03:00"}}
            """);

        var expected = new Dictionary<string, Dictionary<string, RowCensus>>();
        foreach (string format in formats.Distinct())
        {
            expected[format] = await SnapshotAsync(server, backend, format, faults: null, label: $"{backend} fault-free {format}");
        }

        for (int run = 0; run < faultedRuns; run++)
        {
            if (run >= 2 && _clock.Elapsed > budget)
            {
                output.WriteLine($"soak: time budget of {budget.TotalSeconds:0} s reached; {faultedRuns - run} {backend} runs left out");
                break;
            }

            string format = formats[run % formats.Length];
            var before = server.FaultStatistics;
            var census = await SnapshotAsync(server, backend, format, settings.Faults(seed: 1000 + run), $"{backend} faulted run {run + 1} ({format}, seed {1000 + run})");
            var after = server.FaultStatistics;
            server.Faults = new FaultInjectionOptions();
            Add(after, before);
            Compare(census, expected[format], $"{backend} run {run + 1}");
            _report.Runs++;
        }

        _report.Unhandled += serverLogs.Errors;
        if (serverLogs.Errors > 0)
        {
            _report.Failures.Add($"{backend}: the server logged {serverLogs.Errors} unexpected errors");
        }
    }

    /// <summary>One run of `redshift-typed snapshot`; the census of each table it wrote.</summary>
    private async Task<Dictionary<string, RowCensus>> SnapshotAsync(LocalDataApiServer server, string backend, string format, FaultInjectionOptions? faults, string label)
    {
        string outDir = Path.Combine(_work, Guid.NewGuid().ToString("N"));
        var clientLogs = new SoakCounters();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        server.Faults = faults ?? new FaultInjectionOptions();
        var clock = Stopwatch.StartNew();
        int exit = await ToolApp.RunAsync(
            ["snapshot", "--pipeline", Path.Combine(_work, "pipeline.json"), "--out", outDir, "--format", format, "--connection", Path.Combine(_work, "conn.json"), "--parallelism", "2"],
            new ToolConsole(stdout, stderr, logs: clientLogs));
        output.WriteLine($"soak: {label}: exit {exit} in {clock.Elapsed.TotalSeconds:0.0} s, {clientLogs.Retries} retries");
        _report.Retries += faults is null ? 0 : clientLogs.Retries;

        string errors = stderr.ToString();
        if (exit != 0 || errors.Length > 0)
        {
            _report.Failures.Add($"{label}: exit {exit}: {errors.Trim()}");
        }

        if (errors.Contains("   at ", StringComparison.Ordinal) || errors.Contains("unexpected", StringComparison.Ordinal))
        {
            _report.Unhandled++;
        }

        var leftovers = Directory.EnumerateFiles(outDir, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f).StartsWith('.') || f.EndsWith(".tmp", StringComparison.Ordinal)).ToList();
        _report.TemporaryFilesLeft += leftovers.Count;
        foreach (string file in leftovers)
        {
            _report.Failures.Add($"{label}: temporary file left behind: {file}");
        }

        var census = new Dictionary<string, RowCensus>(StringComparer.Ordinal);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "manifest.json")));
        foreach (var table in manifest.RootElement.GetProperty("tables").EnumerateArray())
        {
            string source = table.GetProperty("source").GetString()!;
            if (table.GetProperty("status").GetString() != "ok")
            {
                _report.Failures.Add($"{label}: {source} failed: {table.GetProperty("error")}");
                continue;
            }

            string path = Path.Combine(outDir, table.GetProperty("path").GetString()!);
            census[source] = format switch
            {
                "csv" => RowCensus.OfCsv(path),
                "parquet" => await RowCensus.OfParquetAsync(path),
                _ => RowCensus.OfArrowFile(path),
            };
        }

        Directory.Delete(outDir, recursive: true);
        return census;
    }

    private void Compare(Dictionary<string, RowCensus> actual, Dictionary<string, RowCensus> expected, string label)
    {
        foreach (var (table, want) in expected)
        {
            if (!actual.TryGetValue(table, out var got))
            {
                _report.Failures.Add($"{label}: {table} was not written");
                continue;
            }

            var (lost, duplicated) = got.Compare(want);
            _report.RowsCompared += want.Count;
            _report.Lost += lost;
            _report.Duplicated += duplicated;
            // A table read in key-range chunks is exported unordered (pages as the chunks deliver them), so its rows are
            // compared as a multiset; every other table must also come out byte for byte as the fault-free run wrote it.
            bool byBytes = !ChunkedTables.Contains(table);
            if (byBytes) _report.FilesCompared++;
            if (byBytes && got.FileHash != want.FileHash)
            {
                _report.FilesDiffering++;
                _report.Failures.Add($"{label}: {table} differs from the fault-free export (SHA-256 {got.FileHash[..12]}… vs {want.FileHash[..12]}…)");
            }

            if (lost + duplicated > 0)
            {
                _report.Failures.Add($"{label}: {table}: {lost} rows lost, {duplicated} duplicated");
            }
        }
    }

    private void Add(FaultStatistics after, FaultStatistics before)
    {
        var delta = new FaultStatistics(after.Throttles - before.Throttles, after.ServerErrors - before.ServerErrors,
            after.ConnectionResets - before.ConnectionResets, after.SlowStatements - before.SlowStatements,
            after.UnknownStatuses - before.UnknownStatuses, after.RateLimited - before.RateLimited);
        var sum = _report.Faults;
        _report.Faults = new FaultStatistics(sum.Throttles + delta.Throttles, sum.ServerErrors + delta.ServerErrors,
            sum.ConnectionResets + delta.ConnectionResets, sum.SlowStatements + delta.SlowStatements, sum.UnknownStatuses + delta.UnknownStatuses,
            sum.RateLimited + delta.RateLimited);
        _report.FaultsInjected += delta.FailedRequests;
    }

    private void Print()
    {
        var r = _report;
        string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
        output.WriteLine($"soak: {r.Runs} faulted runs of the TICKIT pipeline ({Tables.Length} tables) under 30% throttling, 10% server errors, " +
                         $"5% connection resets, {settings.Latency.TotalMilliseconds:0} ms latency; loopback only");
        output.WriteLine($"soak: faults injected {Count(r.FaultsInjected)} ({Count(r.Faults.Throttles)} throttles, {Count(r.Faults.ServerErrors)} server errors, " +
                         $"{Count(r.Faults.ConnectionResets)} connection resets); client retries {Count(r.Retries)}");
        output.WriteLine($"soak: rows compared {Count(r.RowsCompared)}; lost {Count(r.Lost)}; duplicated {Count(r.Duplicated)}; " +
                         $"files identical to the fault-free export {r.FilesCompared - r.FilesDiffering}/{r.FilesCompared}");
        output.WriteLine($"soak: unhandled exceptions {r.Unhandled}; temporary files left {r.TemporaryFilesLeft}; time {_clock.Elapsed.TotalSeconds:0} s");
        foreach (string failure in r.Failures)
        {
            output.WriteLine($"soak: FAILED: {failure}");
        }

        output.WriteLine(r.Passed ? "soak: ok" : "soak: FAILED");
    }

    private static string Pipeline() => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["connection_name"] = "soak",
        ["default_destination_catalog"] = "main",
        ["default_destination_schema"] = "tickit",
        ["objects"] = Tables.Select(t => new Dictionary<string, object>
        {
            ["table"] = new Dictionary<string, object>
            {
                ["source_table"] = "public." + t.Table,
                // Sales is read in key-range chunks (several statements), the rest in one statement each.
                ["table_configuration"] = ChunkedTables.Contains("public." + t.Table)
                    ? new Dictionary<string, object> { ["primary_keys"] = new[] { t.Key }, ["chunk_rows"] = "40000" }
                    : new Dictionary<string, object> { ["primary_keys"] = new[] { t.Key } },
            },
        }).ToArray(),
    });

    /// <summary>The tables the pipeline reads in key-range chunks (the rest in one statement each).</summary>
    private static readonly HashSet<string> ChunkedTables = new(StringComparer.Ordinal) { "public.sales" };

    private static async Task<string> CreateDatabaseAsync(string admin)
    {
        string name = "rt_soak_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    private static async Task DropDatabaseAsync(string admin, string database)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(database).Database}\"", connection);
        await command.ExecuteNonQueryAsync();
    }
}
