using Microsoft.CodeAnalysis;
using RedshiftTyped.Generator.Tests.Infrastructure;
using static RedshiftTyped.Generator.Tests.Queries.QueryInputs;

namespace RedshiftTyped.Generator.Tests.Queries;

/// <summary>
/// Every mistake in a query file's header or statement, and every mismatch between a query file and its snapshot, is a
/// diagnostic located where the mistake is: in the .sql file, or in the query snapshot's JSON.
/// </summary>
public sealed class QueryDiagnosticTests
{
    private const string File = "tickit/q.sql";
    private const string SqlPath = "/queries/tickit/q.sql";
    private const string JsonPath = "/query-snapshots/tickit/q.json";

    [Fact]
    public void AnUndeclaredParameterIsReportedAtItsUse()
    {
        var d = SingleForSql("-- @param year int\nselect 1 as n\nwhere y = :year and t = :top\n");
        AssertAt(d, "RTG103", SqlPath, line: 3, column: 25);
        Assert.Equal(":top".Length, d.Location.SourceSpan.Length);
        Assert.Contains("add \"-- @param top <type>\"", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void ADeclaredParameterTheSqlDoesNotUseIsReportedAtItsName()
    {
        var d = SingleForSql("-- @param year int\n-- @param top int\nselect 1 as n where y = :year\n");
        AssertAt(d, "RTG104", SqlPath, line: 2, column: 11);
        Assert.Contains(":top", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownParameterTypeIsReportedAtTheType()
    {
        var d = SingleForSql("-- @param at geometry\nselect 1 as n where g = :at\n");
        AssertAt(d, "RTG105", SqlPath, line: 1, column: 14);
        Assert.Equal("geometry".Length, d.Location.SourceSpan.Length);
        Assert.Contains("numeric(p,s)", d.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-- @param n int\n-- @param n bigint\nselect 1 as n where x = :n\n", 2, 11)]
    [InlineData("-- @nullable n false\n-- @nullable n true\nselect 1 as n\n", 2, 14)]
    public void ADuplicateDeclarationIsReportedAtTheSecond(string sql, int line, int column)
        => AssertAt(SingleForSql(sql), "RTG106", SqlPath, line, column);

    [Theory]
    [InlineData("-- @parm n int\nselect 1 as n\n", 1, 4, "Unknown directive @parm")]
    [InlineData("-- @param n\nselect 1 as n where x = :n\n", 1, 4, "needs a type")]
    [InlineData("-- @param\nselect 1 as n\n", 1, 4, "needs a name and a type")]
    [InlineData("-- @param my-name int\nselect 1 as n\n", 1, 11, "letters, digits and _ only")]
    [InlineData("-- @nullable n maybe\nselect 1 as n\n", 1, 4, "true or false")]
    [InlineData("select 1 as n\n-- @param n int\n", 2, 1, "must be in the header")]
    public void AMalformedHeaderIsReportedAtTheLine(string sql, int line, int column, string message)
    {
        var d = Assert.Single(Diagnostics(sql), x => x.Id == "RTG107");
        AssertAt(d, "RTG107", SqlPath, line, column);
        Assert.Contains(message, d.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-- only a comment\n", 1, 1, "holds no SQL")]
    [InlineData("select 1 as n;\nselect 2 as n;\n", 2, 1, "second statement")]
    [InlineData("delete from sales where 1 = 1\n", 1, 1, "\"delete\" statements return no rows")]
    public void AFileThatIsNotOneQueryIsReported(string sql, int line, int column, string message)
    {
        var d = Assert.Single(Diagnostics(sql), x => x.Id == "RTG108");
        AssertAt(d, "RTG108", SqlPath, line, column);
        Assert.Contains(message, d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void AHintOnAColumnTheResultDoesNotHaveIsReportedAtTheHint()
    {
        var d = SingleForSql("-- @nullable total false\nselect 1 as n\n");
        AssertAt(d, "RTG109", SqlPath, line: 1, column: 14);
        Assert.Contains("its columns: n", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void AFileEditedWithoutRecaptureIsAnErrorInTheSqlFileNamingCapture()
    {
        const string Captured = "select 1 as n\n";
        var harness = new GeneratorHarness([(SqlPath, "select 2 as n\n"), (JsonPath, Snapshot(File, Captured, Column("n", 1, "integer", "int4")))]);
        var d = Assert.Single(harness.Run().Diagnostics);
        AssertAt(d, "RTG101", SqlPath, line: 1, column: 1);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Contains("run redshift-typed capture", d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains(Sha(Captured), d.GetMessage(), StringComparison.Ordinal);

        // The stale query still generates (from its snapshot), so the error is not buried under missing-type errors.
        Assert.Contains(harness.Sources, s => s.HintName.Contains("QQuery", StringComparison.Ordinal));
    }

    [Fact]
    public void CrLfLineEndsHashAsLf()
    {
        var harness = new GeneratorHarness([(SqlPath, "select 1\r\n  as n\r\n"), (JsonPath, Snapshot(File, "select 1\n  as n\n", Column("n", 1, "integer", "int4")))]);
        Assert.Empty(harness.Run().Diagnostics);
    }

    [Fact]
    public void AFileWithoutASnapshotIsAnError()
    {
        var harness = new GeneratorHarness([(SqlPath, "select 1 as n\n")]);
        var d = Assert.Single(harness.Run().Diagnostics);
        AssertAt(d, "RTG102", SqlPath, line: 1, column: 1);
        Assert.Contains("redshift-typed capture", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void ASnapshotWithoutItsFileIsAWarningAtItsFileMember()
    {
        var harness = new GeneratorHarness([(JsonPath, Snapshot(File, "select 1 as n\n", Column("n", 1, "integer", "int4")))]);
        var d = Assert.Single(harness.Run().Diagnostics);
        AssertAt(d, "RTG110", JsonPath, line: 4, column: 11);
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
    }

    [Fact]
    public void TwoSnapshotsOfOneFileAreAnErrorOnTheLater()
    {
        const string Sql = "select 1 as n\n";
        var harness = new GeneratorHarness([
            (SqlPath, Sql),
            ("/query-snapshots/a/q.json", Snapshot(File, Sql, Column("n", 1, "integer", "int4"))),
            ("/query-snapshots/b/q.json", Snapshot(File, Sql, Column("n", 1, "integer", "int4"))),
        ]);
        var d = Assert.Single(harness.Run().Diagnostics);
        AssertAt(d, "RTG111", "/query-snapshots/b/q.json", line: 4, column: 11);
        Assert.Contains("/query-snapshots/a/q.json", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void TwoFilesWithTheSameNameInAFolderAreRenamedWithAWarning()
    {
        var harness = new GeneratorHarness([.. Pair("tickit/top-events.sql", "select 1 as n\n"), .. Pair("tickit/top_events.sql", "select 2 as n\n")]);
        var d = Assert.Single(harness.Run().Diagnostics);
        AssertAt(d, "RTG006", "/queries/tickit/top_events.sql", line: 1, column: 1);
        Assert.Contains("named TopEvents_2 instead", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheSnapshotFamilyAppliesInsideQuerySnapshots()
    {
        const string Sql = "select a, b, c from t\n";
        var harness = new GeneratorHarness([
            (SqlPath, Sql),
            (JsonPath, Snapshot(File, Sql,
                Column("a", 1, "cidr", "cidr"),
                Column("b", 2, "integer", "int4", extra: ", \"override\": {\"ignore\": true}"),
                Column("A", 3, "integer", "int4"))),
        ]);
        var ids = harness.Run().Diagnostics.Select(d => (d.Id, d.Location.GetLineSpan().Path, d.Location.GetLineSpan().StartLinePosition.Line + 1)).Order().ToList();

        Assert.Equal([("RTG004", JsonPath, 10), ("RTG006", JsonPath, 12), ("RTG007", JsonPath, 11)], ids);
    }

    [Fact]
    public void AMemberGivenTwiceInAQuerySnapshotIsRtg008AtTheSecondName()
    {
        const string Sql = "select 1 as n\n";
        string json = Snapshot(File, Sql, Column("n", 1, "integer", "int4"))
            .Replace("\"database\": \"dev\",", "\"database\": \"dev\",\n  \"database\": \"prod\",", StringComparison.Ordinal);
        var diagnostics = new GeneratorHarness([(SqlPath, Sql), (JsonPath, json)]).Run().Diagnostics;
        AssertAt(Assert.Single(diagnostics, d => d.Id == "RTG008"), "RTG008", JsonPath, line: 6, column: 3);
    }

    [Fact]
    public void AQueryResultBeyondRedshiftsLimitsIsRtg009AndGeneratesNothing()
    {
        // Wider than any Redshift table, and a column name past 127 bytes: a diagnostic, not minutes of build or a
        // compiler error in generated code.
        const string Sql = "select 1 as n\n";
        var columns = Enumerable.Range(1, 1601).Select(i => Column("c" + i, i, "integer", "int4")).ToArray();
        var wide = new GeneratorHarness([(SqlPath, Sql), (JsonPath, Snapshot(File, Sql, columns))]);
        var diagnostics = wide.Run().Diagnostics;
        var tooWide = Assert.Single(diagnostics, d => d.Id == "RTG009");
        Assert.Contains("1,601 columns", tooWide.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(wide.Sources, s => s.Source.Contains("c1601", StringComparison.OrdinalIgnoreCase));

        var longName = new GeneratorHarness([(SqlPath, Sql), (JsonPath, Snapshot(File, Sql, Column(new string('n', 128), 1, "integer", "int4")))]);
        Assert.Contains("128 bytes", Assert.Single(longName.Run().Diagnostics, d => d.Id == "RTG009").GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"formatVersion\": 1, \"kind\": \"query\",}", "RTG001")]
    [InlineData("{\"formatVersion\": 2, \"kind\": \"query\"}", "RTG002")]
    [InlineData("{\"formatVersion\": 1, \"kind\": \"table\", \"file\": \"tickit/q.sql\", \"database\": \"d\", \"sha256\": \"x\", \"columns\": []}", "RTG003")]
    public void AMalformedQuerySnapshotIsReportedInTheJson(string json, string id)
    {
        var harness = new GeneratorHarness([(SqlPath, "select 1 as n\n"), (JsonPath, json)]);
        var diagnostics = harness.Run().Diagnostics;
        Assert.Contains(diagnostics, d => d.Id == id && d.Location.GetLineSpan().Path == JsonPath);

        // The file then has no usable snapshot.
        Assert.Contains(diagnostics, d => d.Id == "RTG102");
    }

    private static Diagnostic SingleForSql(string sql)
    {
        var diagnostics = Diagnostics(sql);
        Assert.True(diagnostics.Count == 1, string.Join("\n", diagnostics.Select(QueryGeneratorTests.Format)));
        return diagnostics[0];
    }

    /// <summary>The diagnostics of a query file whose snapshot matches it (one column, n).</summary>
    private static List<Diagnostic> Diagnostics(string sql)
    {
        var harness = new GeneratorHarness([(SqlPath, sql), (JsonPath, Snapshot(File, sql, Column("n", 1, "integer", "int4")))]);
        return [.. harness.Run().Diagnostics];
    }

    private static void AssertAt(Diagnostic diagnostic, string id, string path, int line, int column)
    {
        var span = diagnostic.Location.GetLineSpan();
        Assert.True(
            diagnostic.Id == id && span.Path == path && span.StartLinePosition.Line + 1 == line && span.StartLinePosition.Character + 1 == column,
            $"Expected {id} at {path}({line},{column}), got {QueryGeneratorTests.Format(diagnostic)}");
        Assert.Equal(
            $"https://github.com/redshift-typed/redshift-typed/blob/main/docs/diagnostics.md#{id.ToLowerInvariant()}",
            diagnostic.Descriptor.HelpLinkUri);
    }
}
