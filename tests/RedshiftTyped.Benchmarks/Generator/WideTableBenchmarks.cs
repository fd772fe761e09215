using BenchmarkDotNet.Attributes;

namespace RedshiftTyped.Benchmarks.Generator;

/// <summary>
/// The widest legal table, 1,600 columns (Redshift's limit): the generator alone, and the generator plus the compile of
/// what it generates (what a build waits for) — as generated now (decoders under <c>#nullable disable warnings</c>) and
/// as before (their nullable flow analysis on), side by side. Goal: a build stays interactive on the widest table.
/// </summary>
[MemoryDiagnoser]
public class WideTableBenchmarks
{
    private readonly WideTableCompilation _wide = new();

    [Benchmark(Baseline = true)]
    public int Generate() => _wide.Generate();

    [Benchmark]
    public long GenerateAndCompile() => _wide.GenerateAndCompile();

    [Benchmark]
    public long GenerateAndCompileWithDecoderNullableAnalysis() => _wide.GenerateAndCompile(nullableWarningsInDecoders: true);
}
