using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using RedshiftTyped.Local;

namespace RedshiftTyped.Benchmarks.ColdStart;

/// <summary>
/// <c>--cold-start [ROUNDS]</c> and <c>--quick-cold-start</c>: whole cold processes of the <c>redshift-typed</c> tool,
/// the shipped ReadyToRun package against the same code as a plain JIT build (and, in the full run, the shipped build
/// with a runtime setting put back, to show what each setting of its runtimeconfig.json is worth), for
/// <c>sql "select 1"</c> and for <c>snapshot</c> of a pipeline spec naming TICKIT's <c>sales</c> (100,000 rows) to
/// Parquet. One local server (DuckDB, TICKIT sample) serves every run. The runs are interleaved, in a new order each
/// round, so load that comes and goes on a shared machine falls on every build alike; the first round warms the disk
/// cache and the server and is not counted. Prints the median wall and CPU time per command and build, the ratios to the
/// JIT build, and the load average. Exits non-zero only when a run fails (never on a time).
/// </summary>
internal static class ColdStartHarness
{
    /// <summary>issue 16: the Lakeflow connector's poll-0 time for sales (100,000 rows), measured there (no PyPI here to rerun it).</summary>
    private const double ConnectorPollZeroSeconds = 5.97;

    private const int SalesRows = 100_000;

    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Runs <c>--quick-cold-start</c> (3 rounds at most), or <c>--cold-start [ROUNDS]</c> (10 by default). Either takes
    /// <c>--also NAME=DIR</c> (repeatable): one more build to run alongside, a folder holding a published
    /// <c>redshift-typed.dll</c> (the tool published another way, say without the composite image).
    /// </summary>
    public static Task<int> RunAsync(string[] args)
    {
        var extra = new List<ToolBuild>();
        for (int i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--also")
            {
                if (args[i + 1].Split('=', 2) is not [{ Length: > 0 } name, { Length: > 0 } directory] || !File.Exists(Path.Combine(directory, "redshift-typed.dll")))
                {
                    Console.WriteLine($"cold-start: --also {args[i + 1]}: write NAME=DIR, DIR a folder holding a published redshift-typed.dll");
                    return Task.FromResult(2);
                }

                extra.Add(new ToolBuild(name, Path.GetFullPath(directory), new Dictionary<string, string>()));
            }
        }

        int at = Array.IndexOf(args, "--cold-start");
        if (at < 0)
        {
            return RunAsync(quick: true, rounds: 3, extra);
        }

        return RunAsync(quick: false, at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out int rounds) && rounds > 0 ? rounds : 10, extra);
    }

    private static async Task<int> RunAsync(bool quick, int rounds, List<ToolBuild> extra)
    {
        // Quick (test.sh's smoke step): two builds, at most 3 counted rounds, none started after 40 s.
        TimeSpan budget = quick ? TimeSpan.FromSeconds(40) : TimeSpan.MaxValue;
        var clock = Stopwatch.StartNew();
        Console.WriteLine($"cold-start: {(quick ? "quick" : "full")} run, load average {LoadAverage()} (1, 5, 15 min; {Environment.ProcessorCount} cores)");

        string work = Directory.CreateTempSubdirectory("rt-cold-start-").FullName;
        try
        {
            var jit = ToolBuilds.Jit();
            var shipped = await ToolBuilds.ShippedAsync(work);
            var builds = new List<ToolBuild> { jit, shipped };
            if (!quick)
            {
                // What the runtimeconfig settings the package ships are worth: the shipped build with each put back.
                builds.Add(shipped with { Name = "R2R, TieredPGO on", Environment = new Dictionary<string, string> { ["DOTNET_TieredPGO"] = "1" } });
                builds.Add(shipped with { Name = "R2R, TieredCompilation off", Environment = new Dictionary<string, string> { ["DOTNET_TieredCompilation"] = "0" } });
            }

            builds.AddRange(extra);
            foreach (var build in builds.DistinctBy(b => b.Directory))
            {
                var (r2r, managed) = build.ReadyToRunAssemblies();
                Console.WriteLine($"cold-start: {build.Name}: {build.Directory} ({r2r} of {managed} assemblies ReadyToRun)");
            }

            await using var server = await LocalDataApiServer.StartAsync(new LocalServerOptions { Sample = "tickit" });
            string endpoint = server.Endpoint.ToString().TrimEnd('/');
            string pipeline = Path.Combine(work, "pipeline.json");
            File.WriteAllText(pipeline, """
                { "connection_name": "redshift", "default_destination_catalog": "main", "default_destination_schema": "tickit",
                  "objects": [ { "table": { "source_table": "public.sales" } } ] }
                """);

            var commands = new[]
            {
                new ToolCommand("sql \"select 1\"", _ => ["sql", "select 1", "--endpoint", endpoint], CheckSelectOne),
                new ToolCommand($"snapshot sales ({SalesRows:N0} rows)", output => ["snapshot", "--endpoint", endpoint, "--pipeline", pipeline, "--out", output],
                    CheckSnapshot),
            };

            var results = new Dictionary<(ToolCommand, ToolBuild), List<ChildRun>>();
            var random = new Random(16);
            int counted = 0;
            for (int round = 0; round <= rounds; round++)
            {
                if (round > 1 && clock.Elapsed > budget)
                {
                    break;
                }

                // Every (command, build) pair once per round, in a new order each round.
                var order = commands.SelectMany(c => builds.Select(b => (Command: c, Build: b))).OrderBy(_ => random.Next()).ToList();
                foreach (var (command, build) in order)
                {
                    string output = Path.Combine(work, "out");
                    if (Directory.Exists(output))
                    {
                        Directory.Delete(output, recursive: true);
                    }

                    var run = await ChildProcessTimer.RunAsync("dotnet", [build.Assembly, .. command.Arguments(output)], build.Environment, RunTimeout);
                    string? problem = run.ExitCode != 0 ? run.Error.Trim() : command.Check(run, output);
                    if (problem is not null)
                    {
                        Console.WriteLine($"cold-start: FAILED: {build.Name} {command.Name} exited {run.ExitCode}: {problem}");
                        return 1;
                    }

                    if (round > 0)
                    {
                        (results.TryGetValue((command, build), out var list) ? list : results[(command, build)] = []).Add(run);
                    }
                }

                counted = round;
            }

            Print(commands, builds, results, counted);
            Console.WriteLine($"cold-start: load average {LoadAverage()} at the end; {clock.Elapsed.TotalSeconds:F0} s in all");
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static void Print(ToolCommand[] commands, List<ToolBuild> builds, Dictionary<(ToolCommand, ToolBuild), List<ChildRun>> results, int rounds)
    {
        Console.WriteLine();
        Console.WriteLine($"Cold processes, median of {rounds} interleaved round(s) (CPU = user + system of the whole process):");
        Console.WriteLine();
        Console.WriteLine("| command | build | median wall | median CPU | wall ÷ JIT | CPU ÷ JIT |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|");
        foreach (var command in commands)
        {
            var jit = results[(command, builds[0])];
            double jitWall = Median(jit, r => r.Wall), jitCpu = Median(jit, r => r.Cpu);
            foreach (var build in builds)
            {
                var runs = results[(command, build)];
                double wall = Median(runs, r => r.Wall), cpu = Median(runs, r => r.Cpu);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {command.Name} | {build.Name} | {wall * 1000:N0} ms | {cpu * 1000:N0} ms | {wall / jitWall:0.00} | {cpu / jitCpu:0.00} |"));
            }
        }

        var shipped = builds[1];
        double sql = Median(results[(commands[0], shipped)], r => r.Wall);
        double snapshot = Median(results[(commands[1], shipped)], r => r.Wall);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"goal sql \"select 1\" cold <= 300 ms: {sql * 1000:N0} ms wall ({Median(results[(commands[0], shipped)], r => r.Cpu) * 1000:N0} ms CPU)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"goal snapshot <= 0.25 of the connector's poll-0 {ConnectorPollZeroSeconds} s (issue 16's figure, not rerun here) = {ConnectorPollZeroSeconds * 0.25:0.00} s: " +
            $"{snapshot:0.00} s wall = {snapshot / ConnectorPollZeroSeconds:0.00} of it ({Median(results[(commands[1], shipped)], r => r.Cpu):0.00} s CPU)"));
        Console.WriteLine("(wall times are for a quiet machine only; on a loaded one read the CPU columns)");
    }

    private static double Median(List<ChildRun> runs, Func<ChildRun, TimeSpan> measure)
    {
        var sorted = runs.Select(r => measure(r).TotalSeconds).Order().ToList();
        int middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>The default table format: a cell holding 1, then the row count.</summary>
    private static string? CheckSelectOne(ChildRun run, string output)
        => run.Output.Contains("| 1 ", StringComparison.Ordinal) && run.Output.Contains("(1 row)", StringComparison.Ordinal)
            ? null
            : $"no row holding 1 in its output: {run.Output.Trim()}";

    /// <summary>The manifest says sales was written whole.</summary>
    private static string? CheckSnapshot(ChildRun run, string output)
    {
        string manifest = Path.Combine(output, "manifest.json");
        if (!File.Exists(manifest))
        {
            return $"no {manifest}";
        }

        using var document = JsonDocument.Parse(File.ReadAllText(manifest));
        long rows = document.RootElement.GetProperty("totals").GetProperty("rows").GetInt64();
        return rows == SalesRows ? null : $"the manifest counts {rows} rows, not {SalesRows}";
    }

    private static string LoadAverage()
        => File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>A tool command line to start cold, given the folder it may write to, and a check of what it did (null when right).</summary>
    private sealed record ToolCommand(string Name, Func<string, string[]> Arguments, Func<ChildRun, string, string?> Check);
}
