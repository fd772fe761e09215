using Microsoft.CodeAnalysis;
using RedshiftTyped.Generator.Queries;
using RedshiftTyped.Generator.Tests.Infrastructure;

namespace RedshiftTyped.Generator.Tests.Queries;

/// <summary>Editing one query file or one query snapshot regenerates that query only; nothing else runs again.</summary>
public sealed class QueryIncrementalTests
{
    private const string TopEvents = "/queries/tickit/top_events.sql";
    private const string RevenueSnapshot = "/query-snapshots/tickit/revenue_by_category.json";

    [Fact]
    public void EditingOneQueryFileRegeneratesThatQueryOnly()
    {
        var harness = new GeneratorHarness(QueryInputs.Sample());
        harness.Run();
        var before = harness.Sources.ToDictionary(s => s.HintName, s => s.Source);
        string text = harness.Texts.Single(t => t.Path == TopEvents).GetText()!.ToString();
        harness.ReplaceText(TopEvents, text.Replace("limit :top", "limit :top + 1", StringComparison.Ordinal));
        var result = harness.Run();

        // The file no longer matches its snapshot: the stale-hash error, in the file.
        var stale = Assert.Single(result.Diagnostics);
        Assert.Equal(("RTG101", TopEvents), (stale.Id, stale.Location.GetLineSpan().Path));

        AssertOnlyQueryPlanChanged(harness, "tickit/top_events.sql");
        Assert.Equal(["Generated.Queries.Tickit.TopEventsQuery.g.cs"], Changed(before, harness));
        Assert.All(harness.Reasons(TrackingNames.Tables), reason => Assert.True(
            reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, reason.ToString()));
    }

    [Fact]
    public void EditingOneQuerySnapshotRegeneratesThatQueryOnly()
    {
        var harness = new GeneratorHarness(QueryInputs.Sample());
        harness.Run();
        var before = harness.Sources.ToDictionary(s => s.HintName, s => s.Source);
        string text = harness.Texts.Single(t => t.Path == RevenueSnapshot).GetText()!.ToString();
        harness.ReplaceText(RevenueSnapshot, text.Replace("\"name\": \"revenue\"", "\"name\": \"takings\"", StringComparison.Ordinal));
        Assert.Empty(harness.Run().Diagnostics);

        AssertOnlyQueryPlanChanged(harness, "tickit/revenue_by_category.sql");
        Assert.Equal(["Generated.Queries.Tickit.RevenueByCategoryQuery.g.cs"], Changed(before, harness));
        Assert.Contains("public decimal? Takings { get; init; }", harness.Sources.Single(s => s.HintName.Contains("RevenueByCategory", StringComparison.Ordinal)).Source, StringComparison.Ordinal);
    }

    [Fact]
    public void WhitespaceInAQuerySnapshotStopsAtItsParse()
    {
        var harness = new GeneratorHarness(QueryInputs.Sample());
        harness.Run();
        var before = harness.Sources;
        string text = harness.Texts.Single(t => t.Path == RevenueSnapshot).GetText()!.ToString();
        harness.ReplaceText(RevenueSnapshot, "\n\n" + text.Replace("\": ", "\" :   ", StringComparison.Ordinal));
        harness.Run();

        Assert.Contains(IncrementalStepRunReason.Modified, harness.Reasons(TrackingNames.QuerySnapshots));
        Assert.All(harness.Reasons(TrackingNames.QuerySnapshotModels), reason => Assert.True(
            reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, reason.ToString()));
        Assert.All(harness.Reasons(TrackingNames.QueryPlans), reason => Assert.True(
            reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, reason.ToString()));
        Assert.Equal(before, harness.Sources);
    }

    /// <summary>Exactly one query plan is new or modified (that file's); the others are cached or unchanged.</summary>
    private static void AssertOnlyQueryPlanChanged(GeneratorHarness harness, string file)
    {
        var plans = harness.Result.TrackedSteps[TrackingNames.QueryPlans].SelectMany(s => s.Outputs).ToList();
        var modified = plans.Where(o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New).ToList();
        Assert.Equal(file, Assert.IsType<QueryEmitPlan>(Assert.Single(modified).Value).Query.File);
        Assert.Equal(2, plans.Count(o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        Assert.All(harness.Reasons(TrackingNames.QueryFolders), reason => Assert.True(
            reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, reason.ToString()));
    }

    private static List<string> Changed(Dictionary<string, string> before, GeneratorHarness harness)
    {
        var after = harness.Sources.ToDictionary(s => s.HintName, s => s.Source);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        return before.Keys.Where(hint => before[hint] != after[hint]).Order(StringComparer.Ordinal).ToList();
    }
}
