using System.Diagnostics;

namespace RedshiftTyped.Benchmarks.LocalServer;

/// <summary>
/// <c>--quick-server</c>: one pass of <see cref="ResultServingBenchmarks"/> (rows/s served as JSON and CSV, wall and
/// process CPU time per row, bytes allocated per row), then the server's memory for a stored 2,000,000-row JSON result
/// against its encoded size. CPU time and bytes are the figures a loaded machine distorts least.
/// </summary>
internal static class QuickServingTiming
{
    private const int MemoryRows = 2_000_000;
    private const int WarmUpRows = 50_000;

    public static async Task RunAsync()
    {
        var bench = new ResultServingBenchmarks();
        await bench.StartAsync();
        try
        {
            // Warm-up (JIT, tiering, the HTTP stack), as BenchmarkDotNet's warm-up iteration would: a small result each way.
            foreach (var (format, operation) in new[] { ("JSON", "GetStatementResult"), ("CSV", "GetStatementResultV2") })
            {
                string warm = await bench.ExecuteAsync(ResultServingBenchmarks.RowsSql(WarmUpRows), format);
                for (int i = 0; i < 3; i++) await bench.ReadAllAsync(operation, warm);
            }

            foreach (var (name, format, operation) in new[] { ("JSON", "JSON", "GetStatementResult"), ("CSV", "CSV", "GetStatementResultV2") })
            {
                var (id, executeWall, executeCpu) = await TimedAsync(() => bench.ExecuteAsync(ResultServingBenchmarks.RowsSql(ResultServingBenchmarks.Rows), format));
                Console.WriteLine($"{name}: execute + encode {ResultServingBenchmarks.Rows:N0} rows: {executeWall:F2} s wall, {executeCpu:F2} s CPU");
                long allocated = GC.GetTotalAllocatedBytes(precise: true);
                var (bytes, wall, cpu) = await TimedAsync(() => bench.ReadAllAsync(operation, id));
                allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
                Console.WriteLine($"{name}: {operation}: {ResultServingBenchmarks.Rows / wall:N0} rows/s wall, {cpu * 1e6 / ResultServingBenchmarks.Rows:F3} µs CPU per row, "
                    + $"{bytes / 1e6:F0} MB served, {allocated / (double)ResultServingBenchmarks.Rows:F0} B allocated per row");
            }
        }
        finally
        {
            await bench.CleanupAsync();
        }

        await MeasureMemoryAsync();
    }

    /// <summary>Managed heap (after a full GC) plus spilled bytes, held by a stored 2M-row JSON result, against the bytes it serves.</summary>
    private static async Task MeasureMemoryAsync()
    {
        var bench = new ResultServingBenchmarks();
        // The service's 500 MB cap counts the result's size; raised so that a server which counts it from Fields (36 B an
        // integer) stores the same 2M rows and the two memory figures compare.
        await bench.StartAsync(new Local.LocalServerOptions { ResultSizeLimitBytes = 2L * 1024 * 1024 * 1024 });
        try
        {
            long before = GC.GetTotalMemory(forceFullCollection: true);
            string id = await bench.ExecuteAsync(ResultServingBenchmarks.RowsSql(MemoryRows), "JSON");
            long heap = GC.GetTotalMemory(forceFullCollection: true) - before;
            long spilled = SpilledBytes(bench);
            long served = await bench.ReadAllAsync("GetStatementResult", id);
            Console.WriteLine($"memory: a stored {MemoryRows:N0}-row JSON result: {heap / 1e6:F0} MB managed heap + {spilled / 1e6:F0} MB spilled "
                + $"for {served / 1e6:F0} MB served: {(heap + spilled) / (double)served:F2}x its encoded size");
        }
        finally
        {
            await bench.CleanupAsync();
        }
    }

    /// <summary>The server's spilled result bytes (read by name, so this harness also builds against a server without spilling).</summary>
    private static long SpilledBytes(ResultServingBenchmarks bench)
    {
        object? storage = bench.Server.GetType().GetProperty("ResultStorage")?.GetValue(bench.Server);
        return storage?.GetType().GetProperty("SpilledBytes")?.GetValue(storage) is long spilled ? spilled : 0;
    }

    private static async Task<(T Value, double WallSeconds, double CpuSeconds)> TimedAsync<T>(Func<Task<T>> run)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        T value = await run();
        wall.Stop();
        process.Refresh();
        return (value, wall.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpu).TotalSeconds);
    }
}
