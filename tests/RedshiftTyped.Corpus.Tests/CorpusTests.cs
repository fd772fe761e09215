using RedshiftTyped.Corpus.Tests.Cases;
using RedshiftTyped.Corpus.Tests.Running;
using Xunit.Abstractions;

namespace RedshiftTyped.Corpus.Tests;

// One test per case and backend, so a failing case names itself. The cases run once per backend, in the collection
// fixture; these tests judge the stored results (CorpusVerdict).

[Collection(DuckDbCorpus.Name)]
public sealed class SharedCorpusOnDuckDb(DuckDbCorpusRun run, ITestOutputHelper output)
{
    public static TheoryData<string> Cases => new(CorpusSuite.Shared.Cases.Select(c => c.Id));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case(string id) => CorpusVerdict.JudgeCase(run, CorpusSuite.Shared, id, output);

    [Fact]
    public void Pass_rate_is_at_least_the_gate() => CorpusVerdict.JudgeGate(run, CorpusSuite.Shared);
}

[Collection(PostgresCorpus.Name)]
public sealed class SharedCorpusOnPostgres(PostgresCorpusRun run, ITestOutputHelper output)
{
    public static TheoryData<string> Cases => new(CorpusSuite.Shared.Cases.Select(c => c.Id));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case(string id) => CorpusVerdict.JudgeCase(run, CorpusSuite.Shared, id, output);

    [Fact]
    public void Pass_rate_is_at_least_the_gate() => CorpusVerdict.JudgeGate(run, CorpusSuite.Shared);
}

[Collection(DuckDbCorpus.Name)]
public sealed class ExtraCorpusOnDuckDb(DuckDbCorpusRun run, ITestOutputHelper output)
{
    public static TheoryData<string> Cases => new(CorpusSuite.Extra.Cases.Select(c => c.Id));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case(string id) => CorpusVerdict.JudgeCase(run, CorpusSuite.Extra, id, output);
}

[Collection(PostgresCorpus.Name)]
public sealed class ExtraCorpusOnPostgres(PostgresCorpusRun run, ITestOutputHelper output)
{
    public static TheoryData<string> Cases => new(CorpusSuite.Extra.Cases.Select(c => c.Id));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case(string id) => CorpusVerdict.JudgeCase(run, CorpusSuite.Extra, id, output);
}

/// <summary>The suites' files themselves: cases that parse, known-failure lists without unusable lines.</summary>
public sealed class SuiteFileTests
{
    [Fact]
    public void Known_failure_files_have_no_unusable_lines()
        => Assert.Empty(CorpusSuite.All.SelectMany(s => s.KnownFailures.Errors));

    [Fact]
    public void The_shared_corpus_is_gated_on_both_backends()
    {
        var gate = CorpusSuite.Shared.Gate;
        Assert.NotNull(gate);
        Assert.InRange(gate.MinimumPercent("duckdb"), 0.1, 100);
        Assert.InRange(gate.MinimumPercent("postgres"), 0.1, 100);
    }
}
