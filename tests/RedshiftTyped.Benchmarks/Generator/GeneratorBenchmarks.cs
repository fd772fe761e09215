using BenchmarkDotNet.Attributes;

namespace RedshiftTyped.Benchmarks.Generator;

/// <summary>
/// Generation for 1,000 tables × 20 columns: a cold run (new driver: every file parsed, every table emitted) and a
/// run after one snapshot was edited (only that table should be parsed and emitted again). Goal: cold under 2 s.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private const int Tables = 1000;
    private const int Columns = 20;
    private List<(string Path, string Text)> _files = [];
    private GeneratorRunner _warm = null!;
    private int _edit;

    [GlobalSetup]
    public void Setup() => _files = SyntheticSchema.Create(Tables, Columns);

    [Benchmark]
    public int Cold() => new GeneratorRunner(_files).Run();

    [IterationSetup(Target = nameof(AfterOneFileEdited))]
    public void Warm()
    {
        _warm = new GeneratorRunner(_files);
        _warm.Run();
        _warm.Replace(500, _files[500].Path, SyntheticSchema.Table(500, Columns, ++_edit));
    }

    [Benchmark]
    [InvocationCount(1)]
    public int AfterOneFileEdited() => _warm.Run();
}
