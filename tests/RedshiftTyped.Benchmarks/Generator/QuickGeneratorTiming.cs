using System.Diagnostics;

namespace RedshiftTyped.Benchmarks.Generator;

/// <summary>One-shot timings in a fresh process, JIT included, as a command-line build experiences them.</summary>
internal static class QuickGeneratorTiming
{
    /// <summary>
    /// The widest legal table (1,600 columns): the generator alone and the generator plus the compile of its output, each
    /// a first run (JIT included, as a build) and then seven warm runs (median, and the fastest in CPU time).
    /// </summary>
    public static void RunWide()
    {
        var wide = new WideTableCompilation();
        var first = Measure(() => wide.Generate());
        var firstCompile = Measure(() => wide.GenerateAndCompile());
        var generate = new List<(double Wall, double Cpu)>();
        var compile = new List<(double Wall, double Cpu)>();
        var before = new List<(double Wall, double Cpu)>();
        for (int i = 0; i < 7; i++)
        {
            // Interleaved, so the machine's load weighs on both alike.
            generate.Add(Measure(() => wide.Generate()));
            compile.Add(Measure(() => wide.GenerateAndCompile()));
            before.Add(Measure(() => wide.GenerateAndCompile(nullableWarningsInDecoders: true)));
        }

        Console.WriteLine($"1 table x {WideTableCompilation.Columns} columns -> {wide.Generate():N0} chars of source, {wide.GenerateAndCompile():N0} bytes of IL");
        Console.WriteLine($"(wall clock depends on the load of this shared machine: load average {LoadAverage()}; CPU time is the fairer comparison)");
        Console.WriteLine($"generator only:             first {first.Wall,7:F0} ms wall {first.Cpu,7:F0} ms CPU; 7 warm runs: median {Median(generate, t => t.Wall),7:F0} ms wall {Median(generate, t => t.Cpu),7:F0} ms CPU, fastest {generate.Min(t => t.Cpu),7:F0} ms CPU");
        Console.WriteLine($"generator + compile to IL:  first {firstCompile.Wall,7:F0} ms wall {firstCompile.Cpu,7:F0} ms CPU; 7 warm runs: median {Median(compile, t => t.Wall),7:F0} ms wall {Median(compile, t => t.Cpu),7:F0} ms CPU, fastest {compile.Min(t => t.Cpu),7:F0} ms CPU");
        Console.WriteLine($"  as before (decoder nullable analysis on):                 7 warm runs: median {Median(before, t => t.Wall),7:F0} ms wall {Median(before, t => t.Cpu),7:F0} ms CPU, fastest {before.Min(t => t.Cpu),7:F0} ms CPU");
    }

    private static (double Wall, double Cpu) Measure(Action action)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        action();
        process.Refresh();
        return (clock.Elapsed.TotalMilliseconds, (process.TotalProcessorTime - cpu).TotalMilliseconds);
    }

    private static double Median(List<(double Wall, double Cpu)> runs, Func<(double Wall, double Cpu), double> pick)
        => runs.Select(pick).Order().ElementAt(runs.Count / 2);

    private static string LoadAverage()
        => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

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
