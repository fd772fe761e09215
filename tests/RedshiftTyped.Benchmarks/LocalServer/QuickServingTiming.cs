using System.Diagnostics;

namespace RedshiftTyped.Benchmarks.LocalServer;

/// <summary>One timed pass of <see cref="ResultServingBenchmarks"/>, for a quick look without BenchmarkDotNet's repetitions.</summary>
internal static class QuickServingTiming
{
    public static async Task RunAsync()
    {
        var bench = new ResultServingBenchmarks();
        var setup = Stopwatch.StartNew();
        await bench.SetupAsync();
        Console.WriteLine($"execute + encode both statements: {setup.Elapsed.TotalSeconds:F1} s");
        foreach (var (name, read) in new (string, Func<Task<long>>)[] { ("GetStatementResult", bench.GetStatementResult), ("GetStatementResultV2", bench.GetStatementResultV2) })
        {
            long allocated = GC.GetTotalAllocatedBytes(precise: true);
            var timer = Stopwatch.StartNew();
            long bytes = await read();
            timer.Stop();
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            Console.WriteLine($"{name}: {ResultServingBenchmarks.Rows / timer.Elapsed.TotalSeconds:N0} rows/s, {bytes / 1e6:F0} MB served, {allocated / (double)ResultServingBenchmarks.Rows:F0} B allocated per row");
        }

        await bench.CleanupAsync();
    }
}
