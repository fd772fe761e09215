using System.Diagnostics;

namespace RedshiftTyped.Benchmarks.Decoding;

/// <summary>
/// <see cref="DecodeBenchmarks"/> without BenchmarkDotNet's separate process: each method is warmed up, then timed in
/// interleaved rounds of thread CPU time; prints the median round as rows/s, the ratios the goals are stated in, and the
/// bytes allocated per row. For a quick look while optimising; the BenchmarkDotNet run is the reference.
/// </summary>
internal static class QuickDecodeTiming
{
    public static void Run()
    {
        Console.WriteLine("table   method                           rows/s   vs tokenizer   vs reflection   B/row");
        foreach (var table in Enum.GetValues<DecodeBenchmarks.Table>())
        {
            var bench = new DecodeBenchmarks { Page = table };
            bench.Setup();
            var methods = new (string Name, Func<int> Run)[]
            {
                ("TokenizerOnly", bench.TokenizerOnly),
                ("GeneratedDecoder", bench.GeneratedDecoder),
                ("FieldObjectsMappedByReflection", bench.FieldObjectsMappedByReflection),
            };
            var measured = MeasureInterleaved([.. methods.Select(m => m.Run)]);
            var results = methods.Select((m, i) => (m.Name, measured[i])).ToList();
            double tokenizer = results[0].Item2.RowsPerSecond;
            double reflection = results[2].Item2.RowsPerSecond;
            foreach (var (name, (rowsPerSecond, bytesPerRow)) in results)
            {
                Console.WriteLine($"{table,-7} {name,-30} {rowsPerSecond,10:N0}   {rowsPerSecond / tokenizer,11:P0}   {rowsPerSecond / reflection,12:F1}x   {bytesPerRow,5:N0}");
            }

            Console.WriteLine($"{table,-7} page: {bench.PageBytes / (double)DecodeBenchmarks.Rows:N0} bytes of JSON per row");
        }
    }

    /// <summary>
    /// Rounds of about 100 ms of this thread's CPU time per method, the methods interleaved round by round, so that the
    /// load of a shared machine (other processes taking the cores) moves all three alike; the median round counts.
    /// </summary>
    private static List<(double RowsPerSecond, double BytesPerRow)> MeasureInterleaved(IReadOnlyList<Func<int>> runs)
    {
        foreach (var run in runs)
        {
            for (int i = 0; i < 50; i++)
            {
                run();
            }
        }

        var rates = runs.Select(_ => new List<double>()).ToList();
        var bytes = new double[runs.Count];
        for (int round = 0; round < 9; round++)
        {
            for (int m = 0; m < runs.Count; m++)
            {
                long allocated = GC.GetAllocatedBytesForCurrentThread();
                int ops = 0;
                long start = ThreadCpu.Nanoseconds();
                long elapsed;
                do
                {
                    runs[m]();
                    ops++;
                    elapsed = ThreadCpu.Nanoseconds() - start;
                }
                while (elapsed < 100_000_000);

                bytes[m] = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)ops / DecodeBenchmarks.Rows;
                rates[m].Add(ops * (double)DecodeBenchmarks.Rows / (elapsed / 1e9));
            }
        }

        return [.. rates.Select((r, m) => (r.Order().ElementAt(r.Count / 2), bytes[m]))];
    }
}

/// <summary>CPU time of the calling thread (Linux CLOCK_THREAD_CPUTIME_ID; elsewhere wall-clock as a fallback).</summary>
internal static class ThreadCpu
{
    private static readonly bool Available = OperatingSystem.IsLinux();

    public static long Nanoseconds()
    {
        if (Available && clock_gettime(3, out var time) == 0)
        {
            return (time.Seconds * 1_000_000_000) + time.Nanoseconds;
        }

        return Stopwatch.GetTimestamp() * (1_000_000_000 / Stopwatch.Frequency);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int clock_gettime(int clock, out TimeSpec time);

    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
