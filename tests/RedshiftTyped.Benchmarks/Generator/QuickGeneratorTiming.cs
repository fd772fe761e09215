using System.Diagnostics;

namespace RedshiftTyped.Benchmarks.Generator;

/// <summary>One-shot timings in a fresh process, JIT included, as a command-line build experiences them.</summary>
internal static class QuickGeneratorTiming
{
    public static void Run()
    {
        var files = SyntheticSchema.Create(1000, 20);
        var clock = Stopwatch.StartNew();
        var runner = new GeneratorRunner(files);
        int sources = runner.Run();
        var cold = clock.Elapsed;

        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        clock.Restart();
        new GeneratorRunner(files).Run();
        var coldJitted = clock.Elapsed;
        long coldAllocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        runner.Replace(500, files[500].Path, SyntheticSchema.Table(500, 20, 1));
        allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        clock.Restart();
        runner.Run();
        var edit = clock.Elapsed;
        long editAllocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        clock.Restart();
        runner.Run();
        var unchanged = clock.Elapsed;

        // Later edits (other tables), once every path has been jitted.
        var edits = new List<double>();
        for (int i = 1; i <= 5; i++)
        {
            runner.Replace(100 * i, files[100 * i].Path, SyntheticSchema.Table(100 * i, 20, i + 1));
            clock.Restart();
            runner.Run();
            edits.Add(clock.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine($"1,000 tables x 20 columns -> {sources} sources (load average matters: the machine is shared)");
        Console.WriteLine($"cold, first run in process (JIT included): {cold.TotalMilliseconds,8:F0} ms");
        Console.WriteLine($"cold, new driver, JIT warm:                 {coldJitted.TotalMilliseconds,8:F0} ms, {coldAllocated / 1048576.0:F1} MB allocated");
        Console.WriteLine($"after one file edited:                      {edit.TotalMilliseconds,8:F1} ms, {editAllocated / 1048576.0:F2} MB allocated");
        Console.WriteLine($"nothing changed:                            {unchanged.TotalMilliseconds,8:F1} ms");
        Console.WriteLine($"five later one-file edits:                  {string.Join(", ", edits.Select(e => e.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))} ms");
    }
}
