using BenchmarkDotNet.Running;
using RedshiftTyped.Benchmarks.Generator;

// `dotnet run -c Release -- --quick` times the generator once in this process (a first run includes JIT, as a real
// build does); anything else goes to BenchmarkDotNet, e.g. `-- --filter *Generator*`.
if (args.Contains("--quick"))
{
    QuickGeneratorTiming.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
