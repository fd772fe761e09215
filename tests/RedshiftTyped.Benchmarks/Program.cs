using BenchmarkDotNet.Running;
using RedshiftTyped.Benchmarks.Generator;
using RedshiftTyped.Benchmarks.LocalServer;

// `dotnet run -c Release -- --quick` times the generator once in this process (a first run includes JIT, as a real
// build does); anything else goes to BenchmarkDotNet, e.g. `-- --filter *Generator*`.
// `-- --quick-server` reads a 1,000,000-row result from the local server once (rows/s and bytes allocated per row).
if (args.Contains("--quick-server"))
{
    await QuickServingTiming.RunAsync();
    return;
}

// `-- --profile-decode Event` runs the generated decoder on one table's page for 20 s, for a profiler to attach
// (DOTNET_PerfMapEnabled=1 perf record -g -p <pid>).
if (Array.IndexOf(args, "--profile-decode") is int profile and >= 0)
{
    var bench = new RedshiftTyped.Benchmarks.Decoding.DecodeBenchmarks { Page = Enum.Parse<RedshiftTyped.Benchmarks.Decoding.DecodeBenchmarks.Table>(args[profile + 1]) };
    bench.Setup();
    var until = DateTime.UtcNow.AddSeconds(20);
    while (DateTime.UtcNow < until)
    {
        bench.GeneratedDecoder();
    }

    return;
}

if (args.Contains("--quick-decode"))
{
    RedshiftTyped.Benchmarks.Decoding.QuickDecodeTiming.Run();
    return;
}

if (args.Contains("--quick"))
{
    QuickGeneratorTiming.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
