using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using RedshiftTyped.Generator.Tests.Infrastructure;
using static RedshiftTyped.Generator.Tests.Queries.QueryInputs;

namespace RedshiftTyped.Generator.Tests.Queries;

/// <summary>
/// Typed queries in the generator: the sample's queries against approved files, and the shapes the generated code takes
/// (parameters, nullability hints, folders, names). Every run also compiles the output with no error and no warning.
/// </summary>
public sealed partial class QueryGeneratorTests
{
    [Fact]
    public void SampleQueriesMatchTheApprovedFiles()
    {
        var harness = new GeneratorHarness(Sample());
        var result = harness.Run();
        Assert.Empty(result.Diagnostics);
        var files = harness.Sources
            .Where(s => s.HintName.Contains(".Queries.", StringComparison.Ordinal))
            .Select(s => (s.HintName, ScrubVersion(s.Source)))
            .ToList();
        Assert.Equal(4, files.Count);
        Approvals.VerifyFolder("tickit-queries", files);
    }

    [Fact]
    public void RowsParametersAndEntryPointAreNamedAfterTheFileAndItsFolder()
    {
        const string Sql = "-- Top events.\n-- @param year int\n-- @param top int\nselect eventid, sum(qtysold) as tickets from sales where y = :year group by eventid limit :top\n";
        string source = Generate(Pair("tickit/top_events.sql", Sql,
            Column("eventid", 1, "integer", "int4", nullable: false), Column("tickets", 2, "bigint", "int8")));

        Assert.Contains("namespace Generated.Queries.Tickit", source, StringComparison.Ordinal);
        Assert.Contains("public sealed partial record TopEventsRow", source, StringComparison.Ordinal);
        Assert.Contains("public required int Eventid { get; init; }", source, StringComparison.Ordinal);
        Assert.Contains("public long? Tickets { get; init; }", source, StringComparison.Ordinal);
        Assert.Contains("public sealed record TopEventsParameters(int Year, int Top);", source, StringComparison.Ordinal);
        Assert.Contains("public static partial class TickitQueries", source, StringComparison.Ordinal);
        Assert.Contains("QueryDescriptor<global::Generated.Queries.Tickit.TopEventsParameters, global::Generated.Queries.Tickit.TopEventsRow> TopEvents => global::Generated.Queries.Tickit.TopEventsQuery.Query;", source, StringComparison.Ordinal);
        Assert.Contains("kind: global::RedshiftTyped.Typed.TableKind.Query", source, StringComparison.Ordinal);
        Assert.Contains("new(\"query tickit/top_events.sql\", \"tickets\"", source, StringComparison.Ordinal);
    }

    [Fact]
    public void AHeaderHintNarrowsNullabilityAndWinsOverTheSnapshot()
    {
        const string Sql = "-- @nullable tickets false\n-- @nullable id true\nselect id, sum(q) as tickets from t group by id\n";
        string source = Generate(Pair("q.sql", Sql, Column("id", 1, "integer", "int4", nullable: false), Column("tickets", 2, "bigint", "int8")));

        Assert.Contains("public required long Tickets { get; init; }", source, StringComparison.Ordinal);
        Assert.Contains("public int? Id { get; init; }", source, StringComparison.Ordinal);
    }

    [Fact]
    public void ASnapshotOverrideNarrowsNullabilityAndRetypes()
    {
        const string Sql = "select a, b from t\n";
        string source = Generate(Pair("q.sql", Sql,
            Column("a", 1, "bigint", "int8", extra: ", \"override\": {\"nullable\": false, \"propertyName\": \"Total\"}"),
            Column("b", 2, "numeric(38,2)", "numeric", extra: ", \"override\": {\"clrType\": \"System.Data.SqlTypes.SqlDecimal\"}")));

        Assert.Contains("public required long Total { get; init; }", source, StringComparison.Ordinal);
        Assert.Contains("public global::System.Data.SqlTypes.SqlDecimal? B { get; init; }", source, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryParameterTypeGetsItsDotNetType()
    {
        string[] declarations =
        [
            "a smallint", "b integer", "c bigint", "d real", "e double precision", "f numeric(12,2)", "g boolean", "h char(3)",
            "i varchar(20) nullable", "j date", "k time", "l timestamp", "m timestamp with time zone", "n int nullable",
        ];
        string sql = string.Concat(declarations.Select(d => "-- @param " + d + "\n"))
            + "select " + string.Join(", ", declarations.Select(d => ":" + d[0])) + "\n";
        string source = Generate(Pair("every_type.sql", sql));

        Assert.Contains(
            "public sealed record EveryTypeParameters(short A, int B, long C, float D, double E, decimal F, bool G, string H, string? I, "
            + "global::System.DateOnly J, global::System.TimeOnly K, global::System.DateTime L, global::System.DateTimeOffset M, int? N);",
            source, StringComparison.Ordinal);
        Assert.Contains("new(\"i\", \"varchar(20)\", true, typeof(string), \"I\"),", source, StringComparison.Ordinal);
        Assert.Contains("new(\"n\", \"int\", true, typeof(int?), \"N\"),", source, StringComparison.Ordinal);
    }

    [Fact]
    public void AQueryWithoutParametersHasNoParametersRecord()
    {
        string source = Generate(Pair("reports/all.sql", "select 1 as n\n"));

        Assert.DoesNotContain("AllParameters", source, StringComparison.Ordinal);
        Assert.Contains("global::RedshiftTyped.Queries.QueryDescriptor<global::Generated.Queries.Reports.AllRow> All =>", source, StringComparison.Ordinal);
    }

    [Fact]
    public void NestedFoldersNestTheirEntryClassesAndRootFilesGoToRootQueries()
    {
        var harness = new GeneratorHarness([.. Pair("tickit/reports/monthly.sql", "select 1 as n\n"), .. Pair("top.sql", "select 1 as n\n")]);
        Assert.Empty(harness.Run().Diagnostics);
        string nested = harness.Sources.Single(s => s.HintName.Contains("Monthly", StringComparison.Ordinal)).Source;
        string root = harness.Sources.Single(s => s.HintName.Contains("TopQuery", StringComparison.Ordinal)).Source;

        Assert.Contains("namespace Generated.Queries.Tickit.Reports", nested, StringComparison.Ordinal);
        Assert.Matches(@"class TickitQueries\s*\{\s*public static partial class Reports\s*\{[^}]*Monthly =>", nested);
        Assert.Contains("public static partial class RootQueries", root, StringComparison.Ordinal);

        // Every entry class is documented once, the outer one of a nested folder too.
        Assert.Equal(3, harness.Sources.Count(s => s.HintName.EndsWith(".Queries.g.cs", StringComparison.Ordinal)));
    }

    [Fact]
    public void QueriesStayOutOfTheNamespaceOfADatabaseNamedQueries()
    {
        const string Table = """
            {"formatVersion": 1, "database": "queries", "schema": "tickit", "name": "top_events_row", "kind": "table",
             "columns": [{"name": "x", "ordinal": 1, "type": "integer", "typeName": "int4", "nullable": true}]}
            """;
        var harness = new GeneratorHarness([("/snapshots/t.json", Table), .. Pair("tickit/top_events.sql", "select 1 as n\n")]);
        Assert.Empty(harness.Run().Diagnostics);

        Assert.Contains(harness.Sources, s => s.Source.Contains("namespace Generated.Queries_2.Tickit", StringComparison.Ordinal));
        Assert.Contains(harness.Sources, s => s.Source.Contains("namespace Generated.Queries.Tickit", StringComparison.Ordinal));
    }

    [Fact]
    public void KeepNamingKeepsTheFileAndParameterNames()
    {
        var harness = new GeneratorHarness(Pair("tickit/top_events.sql", "-- @param min_qty int\nselect 1 as n where 1 < :min_qty\n"),
            properties: new Dictionary<string, string> { ["RedshiftTypedNaming"] = "Keep" });
        Assert.Empty(harness.Run().Diagnostics);
        string source = harness.Sources.Single(s => s.HintName.Contains("top_events", StringComparison.Ordinal)).Source;

        Assert.Contains("public sealed record top_eventsParameters(int min_qty);", source, StringComparison.Ordinal);
        Assert.Contains("public static partial class tickitQueries", source, StringComparison.Ordinal);
    }

    [Fact]
    public void OutputIsIndependentOfFileOrder()
    {
        var files = Sample();
        var forward = new GeneratorHarness(files);
        forward.Run();
        var backward = new GeneratorHarness(files.Reverse());
        backward.Run();
        Assert.Equal(forward.Sources, backward.Sources);
    }

    private static string Generate((string Path, string Text)[] files)
    {
        var harness = new GeneratorHarness(files);
        var result = harness.Run();
        Assert.True(result.Diagnostics.IsEmpty, string.Join("\n", result.Diagnostics));
        return string.Join("\n", harness.Sources.Where(s => s.HintName.Contains("Query.g.cs", StringComparison.Ordinal)).Select(s => s.Source));
    }

    private static string ScrubVersion(string source) => VersionPattern().Replace(source, "GeneratedCode(\"RedshiftTyped.Generator\", \"VERSION\")");

    [GeneratedRegex("GeneratedCode\\(\"RedshiftTyped\\.Generator\", \"[^\"]*\"\\)")]
    private static partial Regex VersionPattern();

    internal static string Format(Diagnostic d)
    {
        var span = d.Location.GetLineSpan();
        return string.Create(CultureInfo.InvariantCulture,
            $"{d.Id} {span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {d.GetMessage(CultureInfo.InvariantCulture)}");
    }
}
