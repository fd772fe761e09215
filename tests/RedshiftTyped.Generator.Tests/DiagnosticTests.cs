using Microsoft.CodeAnalysis;
using RedshiftTyped.Generator.Tests.Infrastructure;

namespace RedshiftTyped.Generator.Tests;

/// <summary>Each RTG diagnostic, at the exact span of the offending JSON, with its help link.</summary>
public sealed class DiagnosticTests
{
    private const string Column = """{"name": "id", "ordinal": 1, "type": "integer", "typeName": "int4", "nullable": false}""";

    [Fact]
    public void MalformedJsonPointsAtTheFirstBadCharacter()
    {
        var diagnostic = Single("{\n  \"formatVersion\": 1,\n  \"database\": tickit\n}");
        AssertAt(diagnostic, "RTG001", DiagnosticSeverity.Error, line: 3, column: 15);
        Assert.Contains("unexpected character 't'", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void UnterminatedStringSpansFromItsQuote()
    {
        var diagnostic = Single("{\"formatVersion\": 1, \"database\": \"tick");
        AssertAt(diagnostic, "RTG001", DiagnosticSeverity.Error, line: 1, column: 34);
        Assert.Equal(5, diagnostic.Location.SourceSpan.Length);
    }

    [Fact]
    public void UnsupportedFormatVersionPointsAtTheNumber()
    {
        var diagnostic = Single(Table(version: "2"));
        AssertAt(diagnostic, "RTG002", DiagnosticSeverity.Error, line: 2, column: 20);
        Assert.Equal(1, diagnostic.Location.SourceSpan.Length);
        Assert.Contains("formatVersion 2", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void MissingMemberPointsAtTheObjectThatLacksIt()
    {
        var diagnostic = Single(Table(column: """{"name": "id", "ordinal": 1, "type": "integer", "nullable": false}"""));
        AssertAt(diagnostic, "RTG003", DiagnosticSeverity.Error, line: 9, column: 5);
        Assert.Contains("\"typeName\" is missing", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void WrongMemberTypePointsAtTheValue()
    {
        var diagnostic = Single(Table(kind: "\"tabel\""));
        AssertAt(diagnostic, "RTG003", DiagnosticSeverity.Error, line: 6, column: 11);
        Assert.Contains("expected table, view", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownTypeIsAWarningAtTheTypeName()
    {
        var diagnostic = Single(Table(column: """{"name": "ip", "ordinal": 1, "type": "cidr", "typeName": "cidr", "nullable": true}"""));
        AssertAt(diagnostic, "RTG004", DiagnosticSeverity.Warning, line: 9, column: 62);
        Assert.Equal("\"cidr\"".Length, diagnostic.Location.SourceSpan.Length);
    }

    [Fact]
    public void DuplicateTableIsReportedOnTheLaterFile()
    {
        var harness = new GeneratorHarness([("/snapshots/b.json", Table()), ("/snapshots/a.json", Table())]);
        var diagnostic = Assert.Single(harness.Run().Diagnostics);
        AssertAt(diagnostic, "RTG005", DiagnosticSeverity.Error, line: 5, column: 11);
        Assert.Equal("/snapshots/b.json", diagnostic.Location.GetLineSpan().Path);
        Assert.Contains("/snapshots/a.json", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Single(harness.Sources, s => s.HintName.EndsWith("T.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void ColumnCollisionIsAWarningAtTheLaterColumn()
    {
        string columns = Column + ",\n    " + Column.Replace("\"id\"", "\"ID\"", StringComparison.Ordinal).Replace("\"ordinal\": 1", "\"ordinal\": 2", StringComparison.Ordinal);
        var diagnostic = Single(Table(column: columns));
        AssertAt(diagnostic, "RTG006", DiagnosticSeverity.Warning, line: 10, column: 14);
        Assert.Contains("named Id_2 instead", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void TableCollisionIsAWarningAtTheLaterName()
    {
        var harness = new GeneratorHarness([("/snapshots/a.json", Table()), ("/snapshots/b.json", Table().Replace("\"name\": \"t\"", "\"name\": \"T\"", StringComparison.Ordinal))]);
        var diagnostic = Assert.Single(harness.Run().Diagnostics);
        AssertAt(diagnostic, "RTG006", DiagnosticSeverity.Warning, line: 5, column: 11);
        Assert.Equal("/snapshots/a.json", diagnostic.Location.GetLineSpan().Path);
    }

    [Theory]
    [InlineData("""{"clrType": "System.Guid"}""", "\"System.Guid\"")]
    [InlineData("""{"propertyName": "1st"}""", "\"1st\"")]
    [InlineData("""{"ignore": "yes"}""", "\"yes\"")]
    [InlineData("""[]""", "[]")]
    public void InvalidOverridePointsAtTheValue(string overrides, string offending)
    {
        string column = Column[..^1] + ", \"override\": " + overrides + "}";
        string json = Table(column: column);
        var diagnostic = Single(json);
        Assert.Equal("RTG007", diagnostic.Id);
        Assert.Equal(json.IndexOf(offending, json.IndexOf("override", StringComparison.Ordinal), StringComparison.Ordinal), diagnostic.Location.SourceSpan.Start);
        Assert.Equal(offending.Length, diagnostic.Location.SourceSpan.Length);
    }

    [Fact]
    public void InvalidRecordNamePointsAtTheValue()
    {
        string json = Table().Replace("\"recordName\": null", "\"recordName\": \"my record\"", StringComparison.Ordinal);
        var diagnostic = Single(json);
        Assert.Equal("RTG007", diagnostic.Id);
        Assert.Equal(json.IndexOf("\"my record\"", StringComparison.Ordinal), diagnostic.Location.SourceSpan.Start);
    }

    [Fact]
    public void DuplicateMemberIsAnErrorAtTheSecondName()
    {
        string json = Table().Replace("\"schema\": \"s\",", "\"schema\": \"s\",\n  \"schema\": \"other\",", StringComparison.Ordinal);
        var diagnostic = Single(json);
        AssertAt(diagnostic, "RTG008", DiagnosticSeverity.Error, line: 5, column: 3);
        Assert.Equal("\"schema\"".Length, diagnostic.Location.SourceSpan.Length);
        Assert.Contains("first on line 4", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateMemberInsideAColumnIsFoundToo()
    {
        var diagnostic = Single(Table(column: Column[..^1] + ", \"nullable\": true}"));
        Assert.Equal("RTG008", diagnostic.Id);
        Assert.Contains("\"nullable\"", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateColumnIsAnErrorAtTheSecondName()
    {
        string second = Column.Replace("\"ordinal\": 1", "\"ordinal\": 2", StringComparison.Ordinal);
        var diagnostic = Single(Table(column: Column + ",\n    " + second));
        AssertAt(diagnostic, "RTG010", DiagnosticSeverity.Error, line: 10, column: 14);
        Assert.Contains("first at ordinal 1", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void MoreColumnsThanRedshiftAllowsIsAnErrorAtTheArrayAndGeneratesNothing()
    {
        var harness = new GeneratorHarness([("/snapshots/t.json", Wide(1601))]);
        var diagnostic = Assert.Single(harness.Run().Diagnostics);
        AssertAt(diagnostic, "RTG009", DiagnosticSeverity.Error, line: 8, column: 14);
        Assert.Contains("1,601 columns", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Sources, s => s.HintName.EndsWith(".T.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AHugeSnapshotIsRefusedWithinATimeBudget()
    {
        // 200,000 columns (53 MB) kept a build busy for minutes. The budget is one only a hang would exceed, not a benchmark.
        string json = Wide(200_000);
        var diagnostics = await Task.Run(() => new GeneratorHarness([("/snapshots/t.json", json)]).Run().Diagnostics).WaitAsync(TimeSpan.FromSeconds(120));
        Assert.Equal("RTG009", Assert.Single(diagnostics).Id);
    }

    [Theory]
    [InlineData("name", "t", 128, 127)]
    [InlineData("schema", "s", 128, 127)]
    [InlineData("database", "d", 200, 127)]
    public void NamesLongerThan127BytesAreErrorsAtTheName(string member, string value, int length, int limit)
    {
        string name = new('n', length);
        string json = Table().Replace($"\"{member}\": \"{value}\"", $"\"{member}\": \"{name}\"", StringComparison.Ordinal);
        var diagnostic = Single(json);
        Assert.Equal("RTG009", diagnostic.Id);
        Assert.Equal(json.IndexOf("\"" + name, StringComparison.Ordinal), diagnostic.Location.SourceSpan.Start);
        Assert.Contains($"at most {limit} bytes", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void AColumnNameOf127BytesOfMultibyteCharactersIsFineAnd128IsNot()
    {
        // 'é' is two bytes in UTF-8: Redshift counts bytes, not characters.
        string fits = new string('é', 63) + "x";
        Assert.Empty(new GeneratorHarness([("/snapshots/t.json", Table(column: Column.Replace("\"id\"", $"\"{fits}\"", StringComparison.Ordinal)))]).Run().Diagnostics);
        string over = new('é', 64);
        var diagnostic = Single(Table(column: Column.Replace("\"id\"", $"\"{over}\"", StringComparison.Ordinal)));
        Assert.Equal("RTG009", diagnostic.Id);
        Assert.Contains("128 bytes", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void ACommentLongerThanAnyRedshiftTextIsAnErrorNotACompilerErrorInGeneratedCode()
    {
        // A 50 MB comment became CS8103 ("combined length of user strings") in generated code.
        string comment = new('c', 50 * 1024 * 1024);
        string json = Table().Replace("\"kind\": \"table\",", $"\"kind\": \"table\",\n  \"comment\": \"{comment}\",", StringComparison.Ordinal);
        var harness = new GeneratorHarness([("/snapshots/t.json", json)]);
        var diagnostic = Assert.Single(harness.Run().Diagnostics);
        AssertAt(diagnostic, "RTG009", DiagnosticSeverity.Error, line: 7, column: 14);
        Assert.Contains("52,428,800 bytes", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Sources, s => s.HintName.EndsWith(".T.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void TheWidestLegalTableGeneratesAndCompilesCleanly()
    {
        var harness = new GeneratorHarness([("/snapshots/t.json", Wide(1600))]);
        Assert.Empty(harness.Run().Diagnostics);
        Assert.Contains(harness.Sources, s => s.HintName.EndsWith(".T.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryDiagnosticLinksToItsSectionOfTheDocs()
    {
        var harness = new GeneratorHarness([("/snapshots/bad.json", "{")]);
        var diagnostic = Assert.Single(harness.Run().Diagnostics);
        Assert.EndsWith("docs/diagnostics.md#rtg001", diagnostic.Descriptor.HelpLinkUri, StringComparison.Ordinal);
        string docs = File.ReadAllText(Path.Combine(SnapshotFiles.ProjectDirectory, "..", "..", "docs", "diagnostics.md"));
        foreach (var descriptor in RedshiftTyped.Generator.Diagnostics.DiagnosticDescriptors.All)
        {
            Assert.Contains($"## {descriptor.Id}", docs, StringComparison.Ordinal);
            Assert.EndsWith("#" + descriptor.Id.ToLowerInvariant(), descriptor.HelpLinkUri, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ABrokenSnapshotDoesNotStopTheOthers()
    {
        var harness = new GeneratorHarness([("/snapshots/bad.json", "{"), ("/snapshots/good.json", Table())]);
        Assert.Single(harness.Run().Diagnostics);
        Assert.Contains(harness.Sources, s => s.HintName == "Generated.D.S.T.g.cs");
    }

    [Fact]
    public void UnknownMembersAreIgnored()
    {
        string json = Table().Replace("\"kind\": \"table\"", "\"kind\": \"table\", \"capturedBy\": {\"tool\": [1, 2]}", StringComparison.Ordinal);
        var harness = new GeneratorHarness([("/snapshots/t.json", json)]);
        Assert.Empty(harness.Run().Diagnostics);
    }

    [Fact]
    public void JsonFilesOutsideTheSchemaItemsAreNotRead()
    {
        var harness = new GeneratorHarness([("/config/appsettings.json", "{ not a snapshot")]);
        Assert.Empty(harness.Run().Diagnostics);
        Assert.Empty(harness.Sources);
    }

    private static Diagnostic Single(string json)
    {
        var harness = new GeneratorHarness([("/snapshots/t.json", json)]);
        var diagnostics = harness.Run().Diagnostics;
        return Assert.Single(diagnostics);
    }

    private static void AssertAt(Diagnostic diagnostic, string id, DiagnosticSeverity severity, int line, int column)
    {
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(severity, diagnostic.Severity);
        Assert.Equal(LocationKind.ExternalFile, diagnostic.Location.Kind);
        var start = diagnostic.Location.GetLineSpan().StartLinePosition;
        Assert.Equal((line, column), (start.Line + 1, start.Character + 1));
    }

    /// <summary>The one-table snapshot with <paramref name="columns"/> integer columns, one per line.</summary>
    private static string Wide(int columns)
        => Table(column: string.Join(",\n    ", Enumerable.Range(1, columns).Select(i =>
            $$"""{"name": "c{{i}}", "ordinal": {{i}}, "type": "integer", "typeName": "int4", "nullable": true}""")));

    /// <summary>A valid one-table snapshot, one member per line, with parts to spoil.</summary>
    private static string Table(string version = "1", string kind = "\"table\"", string column = Column) => $$"""
        {
          "formatVersion": {{version}},
          "database": "d",
          "schema": "s",
          "name": "t",
          "kind": {{kind}},
          "recordName": null,
          "columns": [
            {{column}}
          ]
        }

        """;
}
