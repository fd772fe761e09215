using System.Diagnostics;
using System.Globalization;
using RedshiftTyped.Benchmarks.Tickit;
using RedshiftTyped.Connection;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Local;
using RedshiftTyped.Reading;
using RedshiftTyped.TestSupport;

namespace RedshiftTyped.Benchmarks.LocalServer;

/// <summary>
/// <c>--transport-memory [ROWS,ROWS…]</c> (default 1,000,000 and 5,000,000): the client's peak memory reading
/// <see cref="TransportBenchmarks"/>' table by UNLOAD (4 slices, files of at most 5 MB, 4 downloads at once) and by
/// 16 key-range chunks 4 at a time (CSV; unordered, and in key order), typed, at each size: issue 12's "peak memory flat between 1M and 5M rows".
/// The UNLOAD read runs twice: with the runtime's defaults (<c>unload</c>) and with <c>DOTNET_GCConserveMemory=7</c>
/// (<c>unload-conserve</c>, the setting the README recommends for UNLOAD reads and the tool ships); <c>tool-unload</c> is
/// <c>redshift-typed snapshot --transport unload</c> of the table to Parquet.
/// Each read runs in a child process of its own (<c>--transport-memory-child</c>) under <c>/usr/bin/time</c>, whose
/// <c>%M</c> is the kernel's maximum resident set (wait4's rusage), which a busy machine does not distort; the local server
/// and moto run outside it, so only the client is counted (as <see cref="Streaming.ClientMemoryHarness"/> does). Under each
/// line, the child's GC figures (heap maximum, heap after the read and a full collection, thread-pool threads) tell live
/// growth from garbage. <c>RT_TRANSPORT_MEMORY_CASES</c> (e.g. <c>unload</c>) picks the cases; <c>RT_CHILD_GC_HEAP_HARD_LIMIT</c>
/// (e.g. <c>0xA000000</c>) runs the children under that <c>DOTNET_GCHeapHardLimit</c>; <c>RT_CHILD_ARRAYPOOL=1</c> prints what the
/// shared array pools created and still hold (<see cref="ArrayPoolCensus"/>); <c>RT_CHILD_DOTNET_X=V</c> runs the children
/// with <c>DOTNET_X=V</c> (e.g. <c>RT_CHILD_DOTNET_GCLOHThreshold=0x200000</c>).
/// </summary>
internal static class TransportMemoryHarness
{
    private const string Role = "arn:aws:iam::123456789012:role/bench";

    public static async Task<int> RunAsync(IReadOnlyList<int> sizes)
    {
        if (!Streaming.PeakMemoryChild.IsAvailable()) return 2;

        await using var s3 = await MotoS3.StartAsync();
        string bucket = await s3.CreateBucketAsync("memory");
        Console.WriteLine($"# client peak memory by transport (child process, kernel max RSS); load: {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine($"{"case",-28} {"rows",10} {"peak MB",9} {"alloc MB",9} {"wall s",7}");
        foreach (int rows in sizes)
        {
            // A fresh server per size: the table is rebuilt, and nothing of the last size stays in it.
            await using var local = await LocalClient.StartAsync(new LocalServerOptions { S3Endpoint = s3.Endpoint, Slices = 4 });
            await TransportBenchmarks.FillAsync(local.Client, rows);
            string[] cases = Environment.GetEnvironmentVariable("RT_TRANSPORT_MEMORY_CASES")?.Split(',')
                ?? ["unload", "unload-conserve", "tool-unload", "chunks4", "chunks4-keyorder"];
            foreach (string name in cases)
            {
                if (name == "tool-unload")
                {
                    await MeasureToolAsync(local.Server.Endpoint.ToString(), s3.Endpoint, bucket, rows);
                    continue;
                }

                await MeasureAsync(name, local.Server.Endpoint.ToString(), s3.Endpoint, bucket, rows);
            }
        }

        return 0;
    }

    /// <summary><c>--transport-memory-child CASE ENDPOINT S3ENDPOINT BUCKET ROWS</c>: one typed read, then its allocated bytes.</summary>
    public static async Task<int> RunChildAsync(string name, string endpoint, string s3Endpoint, string bucket, int rows)
    {
        using var client = new RedshiftClient(LocalServerDefaults.ApplyTo(new RedshiftConnectionOptions
        {
            Endpoint = endpoint, PollInterval = 0.05, S3Endpoint = s3Endpoint,
        }));
        var options = name switch
        {
            "unload" or "unload-conserve" => new SnapshotOptions
            {
                Transport = SnapshotTransport.Unload,
                Unload = new UnloadOptions { S3Prefix = $"s3://{bucket}/{Guid.NewGuid():N}/", IamRole = Role, MaxFileSizeMb = 5, DownloadParallelism = UnloadParallelism() },
            },
            "chunks4" => Chunks(rows, ChunkOrder.Unordered),
            "chunks4-keyorder" => Chunks(rows, ChunkOrder.KeyOrder),
            _ => throw new ArgumentException($"Unknown case '{name}': give unload, chunks4 or chunks4-keyorder."),
        };
        using var census = Environment.GetEnvironmentVariable("RT_CHILD_ARRAYPOOL") == "1" ? new ArrayPoolCensus() : null;
        long maxHeap = 0, maxCommitted = 0, maxThreads = 0, maxRss = 0, committedAtMaxRss = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            // The managed heap as the GC sees it, every 20 ms: with the kernel's peak this tells live growth from garbage.
            while (!sampling.IsCancellationRequested)
            {
                maxHeap = Math.Max(maxHeap, GC.GetTotalMemory(false));
                maxCommitted = Math.Max(maxCommitted, GC.GetGCMemoryInfo().TotalCommittedBytes);
                maxThreads = Math.Max(maxThreads, ThreadPool.ThreadCount);
                // The resident set beside the GC's committed bytes at its highest: what of the peak is the managed heap.
                long rss = ResidentBytes();
                if (rss > maxRss)
                {
                    maxRss = rss;
                    committedAtMaxRss = GC.GetGCMemoryInfo().TotalCommittedBytes;
                }

                await Task.Delay(20, CancellationToken.None);
            }
        });
        long read = 0;
        await foreach (var sale in client.SnapshotAsync(TickitDatabase.Public.Sales, options))
        {
            read += sale.Qtysold > 0 ? 1 : 0;
        }

        if (read != rows)
        {
            Console.Error.WriteLine($"Read {read} rows of {rows}.");
            return 1;
        }

        await sampling.CancelAsync();
        await sampler;
        if (census is not null) Console.WriteLine(census.Report());
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        // The census at the end, before the full collection below: the process's threads (the pool's and any others), the
        // last GC's view of the heap, and the CPU the read took (what a loaded machine distorts least).
        using var process = Process.GetCurrentProcess();
        int threadsAtEnd = process.Threads.Count;
        int poolThreadsAtEnd = ThreadPool.ThreadCount;
        double cpuSeconds = process.TotalProcessorTime.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RT_HEAP max heap {maxHeap >> 20} MB, max committed {maxCommitted >> 20} MB, gen2 collections {GC.CollectionCount(2)}, live after a full GC {GC.GetTotalMemory(true) >> 20} MB, LOH last {info.GenerationInfo[3].SizeAfterBytes >> 20} MB, pool threads max {maxThreads}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RT_HEAP sampled peak RSS {maxRss >> 20} MB, of which GC committed {committedAtMaxRss >> 20} MB and the rest {(maxRss - committedAtMaxRss) >> 20} MB"));
        var full = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RT_HEAP at end: CPU {cpuSeconds:F2} s, threads {threadsAtEnd} (pool {poolThreadsAtEnd}, pool max {maxThreads}); after a full GC: heap {full.HeapSizeBytes >> 20} MB, fragmented {full.FragmentedBytes >> 20} MB, committed {full.TotalCommittedBytes >> 20} MB; GC pause {GC.GetTotalPauseDuration().TotalMilliseconds:F0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RT_ALLOCATED {GC.GetTotalAllocatedBytes(precise: true)}"));
        return 0;
    }

    /// <summary><c>RT_UNLOAD_PARALLELISM</c> (default 4): the UNLOAD case's <see cref="UnloadOptions.DownloadParallelism"/>.</summary>
    private static int UnloadParallelism()
        => int.TryParse(Environment.GetEnvironmentVariable("RT_UNLOAD_PARALLELISM"), CultureInfo.InvariantCulture, out int n) ? n : 4;

    /// <summary>
    /// <c>redshift-typed snapshot --transport unload</c> of the same table to Parquet, the tool as built (its runtimeconfig,
    /// with <c>System.GC.ConserveMemory</c>), 4 downloads at once: the whole process's peak.
    /// </summary>
    private static async Task MeasureToolAsync(string endpoint, string s3Endpoint, string bucket, int rows)
    {
        string work = Path.Combine(Path.GetTempPath(), $"rt-transport-memory-{Environment.ProcessId}");
        Directory.CreateDirectory(work);
        try
        {
            string pipeline = Path.Combine(work, "pipeline.json");
            await File.WriteAllTextAsync(pipeline, """
                {"connection_name": "memory", "default_destination_catalog": "main", "default_destination_schema": "tickit",
                 "objects": [{"table": {"source_table": "public.sales", "table_configuration": {"primary_keys": ["salesid"]}}}]}
                """);
            string[] arguments =
            [
                Path.Combine(AppContext.BaseDirectory, "redshift-typed.dll"), "snapshot", "--pipeline", pipeline, "--out", Path.Combine(work, "out"),
                "--endpoint", endpoint, "--poll-interval", "0.05", "--transport", "unload", "--s3-prefix", $"s3://{bucket}/tool-{Guid.NewGuid():N}/",
                "--iam-role", Role, "--s3-endpoint", s3Endpoint,
            ];
            // RT_CHILD_DOTNET_X=V applies here too (an environment variable wins over the runtimeconfig: GCConserveMemory=0 undoes the tool's).
            var run = await Streaming.PeakMemoryChild.RunAsync("tool-unload", arguments, ChildRuntimeSettings().ToDictionary(s => s.Name, s => s.Value));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"tool-unload",-28} {rows,10:N0} {run.PeakMb,9:N1} {"-",9} {run.Elapsed.TotalSeconds,7:N1}"));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>This process's resident set, from /proc/self/statm (pages).</summary>
    private static long ResidentBytes()
    {
        string[] fields = File.ReadAllText("/proc/self/statm").Split(' ');
        return long.Parse(fields[1], CultureInfo.InvariantCulture) * Environment.SystemPageSize;
    }

    /// <summary>16 key-range chunks of CSV pages, 4 at a time, split on salesid.</summary>
    private static SnapshotOptions Chunks(int rows, ChunkOrder order)
        => new SnapshotOptions { ResultFormat = ResultFormatString.CSV, ChunkRows = rows / 16, ChunkParallelism = 4, ChunkOrder = order }
            .OrderBy(RedshiftTyped.Benchmarks.Tickit.Public.Sales.RedshiftTable.Column.Salesid);

    /// <summary>
    /// <c>RT_CHILD_DOTNET_X=V</c> in the harness's environment becomes <c>DOTNET_X=V</c> in the children's only (e.g.
    /// <c>RT_CHILD_DOTNET_GCLOHThreshold=0x400000</c>): a runtime setting measured on the read alone, not on the local server.
    /// </summary>
    private static IEnumerable<(string Name, string Value)> ChildRuntimeSettings()
    {
        const string Prefix = "RT_CHILD_DOTNET_";
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && key.StartsWith(Prefix, StringComparison.Ordinal) && entry.Value is string value)
            {
                yield return ("DOTNET_" + key[Prefix.Length..], value);
            }
        }
    }

    private static async Task MeasureAsync(string name, string endpoint, string s3Endpoint, string bucket, int rows)
    {
        var environment = new Dictionary<string, string>();
        if (Environment.GetEnvironmentVariable("RT_CHILD_GC_HEAP_HARD_LIMIT") is { Length: > 0 } limit)
        {
            // Only the child: a read whose live set stays under the limit succeeds (growth was garbage); one that grows fails.
            environment["DOTNET_GCHeapHardLimit"] = limit;
        }

        if (name == "unload-conserve")
        {
            // The same read in a process configured as the README recommends for UNLOAD reads (and the tool ships).
            environment["DOTNET_GCConserveMemory"] = "7";
        }

        foreach (var (setting, value) in ChildRuntimeSettings())
        {
            environment[setting] = value;
        }

        var run = await Streaming.PeakMemoryChild.RunAsync(name,
            [typeof(TransportMemoryHarness).Assembly.Location, "--transport-memory-child", name, endpoint, s3Endpoint, bucket, rows.ToString(CultureInfo.InvariantCulture)],
            environment);
        string? allocated = run.Output.Split('\n').FirstOrDefault(l => l.StartsWith("RT_ALLOCATED ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{name} printed no RT_ALLOCATED line: {run.Output}");
        double allocMb = long.Parse(allocated["RT_ALLOCATED ".Length..], CultureInfo.InvariantCulture) / (1024.0 * 1024);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-28} {rows,10:N0} {run.PeakMb,9:N1} {allocMb,9:N0} {run.Elapsed.TotalSeconds,7:N1}"));
        foreach (string line in run.Output.Split('\n').Where(l => l.StartsWith("RT_HEAP ", StringComparison.Ordinal) || l.StartsWith("RT_POOL ", StringComparison.Ordinal)))
        {
            Console.WriteLine("    " + line);
        }
    }
}
