using RedshiftTyped.Corpus.Tests.Cases;
using RedshiftTyped.Corpus.Tests.Running;
using Xunit.Abstractions;

namespace RedshiftTyped.Corpus.Tests;

/// <summary>
/// The rules that turn a case's result into a test outcome: a pass passes unless the case is listed as a known failure
/// (then the list is wrong); a failure fails unless it is listed (then it is reported). The gate fails a suite whose pass
/// rate fell below its threshold.
/// </summary>
internal static class CorpusVerdict
{
    public static void JudgeCase(CorpusRun run, CorpusSuite suite, string id, ITestOutputHelper output)
    {
        var corpusCase = suite.Case(id);
        var result = run.Report(suite).ById[id];
        var known = suite.KnownFailures.Find(id, run.Backend);
        if (result.Passed)
        {
            if (known is null) return;
            string other = KnownFailureBackends(known.Backend, run.Backend);
            Assert.Fail($"{id} passes on {run.Backend} now: remove it from {suite.KnownFailures.Source} (line {known.Line}){other}.");
        }

        if (known is not null)
        {
            output.WriteLine($"known failure ({known.Reason}): {result.Summary()}");
            return;
        }

        Assert.Fail($"{id} on {run.Backend}: {result.Summary()}\n  sql: {corpusCase.Sql}\n  page: {corpusCase.Page}\n"
            + $"  Make the local server give the documented result, or list the case in {suite.KnownFailures.Source} with the reason.");
    }

    public static void JudgeGate(CorpusRun run, CorpusSuite suite)
    {
        var gate = suite.Gate ?? throw new InvalidOperationException($"Suite {suite.Name} has no pass-rate gate.");
        var report = run.Report(suite);
        double minimum = gate.MinimumPercent(run.Backend);
        Assert.True(report.PassPercent >= minimum,
            $"Corpus {suite.Name} on {run.Backend} passes {report.PassPercent:0.0} % ({report.Passed}/{report.Results.Count}), "
            + $"below the gate of {minimum:0.0} % in {gate.Source}: a change made cases fail (see the failing case tests).");
    }

    private static string KnownFailureBackends(string listed, string passing)
        => listed == "both" ? $", or keep it for {(passing == "duckdb" ? "postgres" : "duckdb")} only if it still fails there" : "";
}
