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

if (args.Contains("--quick"))
{
    QuickGeneratorTiming.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(QuickServingTiming).Assembly).Run(args);
