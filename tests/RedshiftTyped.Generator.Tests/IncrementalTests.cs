using System.Reflection;
using Microsoft.CodeAnalysis;
using RedshiftTyped.Generator.Emit;
using RedshiftTyped.Generator.Tests.Infrastructure;

namespace RedshiftTyped.Generator.Tests;

/// <summary>The generator does no work it does not have to: each kind of edit reaches only the steps it must.</summary>
public sealed class IncrementalTests
{
    private const string SalesPath = "/snapshots/tickit/public/sales.json";

    private static readonly string[] StepNames = typeof(RedshiftSchemaGenerator).Assembly
        .GetType("RedshiftTyped.Generator.TrackingNames")!
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (string)f.GetValue(null)!)
        .ToArray();

    [Fact]
    public void EveryStepIsTracked()
    {
        var harness = Tickit();
        harness.Run();
        foreach (string step in StepNames)
        {
            Assert.True(harness.Result.TrackedSteps.ContainsKey(step), $"The step {step} did not run.");
        }
    }

    [Fact]
    public void RunningTwiceLeavesEveryStepCachedOrUnchanged()
    {
        var harness = Tickit();
        harness.Run();
        var first = harness.Sources;
        harness.CloneCompilation();
        harness.Run();

        Assert.Equal(first, harness.Sources);
        foreach (string step in StepNames)
        {
            Assert.All(harness.Reasons(step), reason => Assert.True(
                reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {reason}"));
        }

        AssertOutputsNotRegenerated(harness);
    }

    [Fact]
    public void UnrelatedCSharpEditLeavesEveryStepCached()
    {
        var harness = Tickit();
        harness.Run();
        harness.ReplaceUserSource("class UserCode { public int Added => 42; }");
        harness.Run();

        foreach (string step in StepNames)
        {
            Assert.All(harness.Reasons(step), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        }

        AssertOutputsNotRegenerated(harness);
    }

    [Fact]
    public void JsonWhitespaceEditStopsAtTheParser()
    {
        var harness = Tickit();
        harness.Run();
        var before = harness.Sources;
        string text = harness.Texts.Single(t => t.Path == SalesPath).GetText()!.ToString();
        harness.ReplaceText(SalesPath, "\n\n  " + text.Replace("\": ", "\" :   ", StringComparison.Ordinal));
        harness.Run();

        // The file changed and its spans moved, so the parse result (which carries locations) is new…
        Assert.Contains(IncrementalStepRunReason.Modified, harness.Reasons(TrackingNames.Parsed));

        // …but the span-free model is equal, so nothing downstream runs again.
        Assert.All(harness.Reasons(TrackingNames.Tables), reason => Assert.True(
            reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, reason.ToString()));
        Assert.All(harness.Reasons(TrackingNames.TablePlans), reason => Assert.True(
            reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, reason.ToString()));
        Assert.All(harness.Reasons(TrackingNames.Naming), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        AssertOutputsNotRegenerated(harness);
        Assert.Equal(before, harness.Sources);
    }

    [Fact]
    public void ChangingOneTableRegeneratesOnlyThatTable()
    {
        var harness = Tickit();
        harness.Run();
        var before = harness.Sources.ToDictionary(s => s.HintName, s => s.Source);
        string text = harness.Texts.Single(t => t.Path == SalesPath).GetText()!.ToString();
        harness.ReplaceText(SalesPath, text.Replace("\"name\": \"commission\"", "\"name\": \"fee\"", StringComparison.Ordinal));
        harness.Run();

        // Exactly one table plan is new: the sales table's. The keys are equal, so naming and the entry point stay.
        var plans = harness.Result.TrackedSteps[TrackingNames.TablePlans].SelectMany(s => s.Outputs).ToList();
        var modified = plans.Where(o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New).ToList();
        var plan = Assert.IsType<TableEmitPlan>(Assert.Single(modified).Value);
        Assert.Equal("sales", plan.Table.Name);
        Assert.Equal(6, plans.Count(o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        Assert.All(harness.Reasons(TrackingNames.Naming), reason => Assert.True(
            reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, reason.ToString()));

        var after = harness.Sources.ToDictionary(s => s.HintName, s => s.Source);
        var changed = before.Keys.Where(hint => before[hint] != after[hint]).ToList();
        Assert.Equal(["Generated.Tickit.Public.Sales.g.cs"], changed);
        Assert.Contains("public decimal? Fee { get; init; }", after["Generated.Tickit.Public.Sales.g.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public void AddingATableLeavesTheOtherTablesAlone()
    {
        var harness = Tickit();
        harness.Run();
        var before = harness.Sources.ToDictionary(s => s.HintName, s => s.Source);
        string text = harness.Texts.Single(t => t.Path == SalesPath).GetText()!.ToString();
        var withNew = Queries.QueryInputs.Sample().Append(("/snapshots/tickit/public/sales_copy.json", text.Replace("\"name\": \"sales\"", "\"name\": \"sales_copy\"", StringComparison.Ordinal)));
        var grown = new GeneratorHarness(withNew);
        grown.Run();
        var after = grown.Sources.ToDictionary(s => s.HintName, s => s.Source);

        Assert.Contains("Generated.Tickit.Public.SalesCopy.g.cs", after.Keys);
        Assert.All(before.Keys.Where(k => !k.EndsWith("TickitDatabase.g.cs", StringComparison.Ordinal)), hint => Assert.Equal(before[hint], after[hint]));
    }

    private static void AssertOutputsNotRegenerated(GeneratorHarness harness)
    {
        foreach (var (name, steps) in harness.Result.TrackedOutputSteps)
        {
            Assert.All(steps.SelectMany(s => s.Outputs), output => Assert.True(
                output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{name}: {output.Reason}"));
        }
    }

    /// <summary>The TICKIT tables with the sample's typed queries, so every step of both halves runs.</summary>
    private static GeneratorHarness Tickit() => new(Queries.QueryInputs.Sample());
}
