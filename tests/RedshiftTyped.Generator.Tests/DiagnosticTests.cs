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
    public void EveryDiagnosticLinksToItsSectionOfTheDocs()
    {
        var harness = new GeneratorHarness([("/snapshots/bad.json", "{")]);
        var diagnostic = Assert.Single(harness.Run().Diagnostics);
        Assert.EndsWith("docs/diagnostics.md#rtg001", diagnostic.Descriptor.HelpLinkUri, StringComparison.Ordinal);
        string docs = File.ReadAllText(Path.Combine(SnapshotFiles.ProjectDirectory, "..", "..", "docs", "diagnostics.md"));
        for (int i = 1; i <= 7; i++)
        {
            Assert.Contains($"## RTG00{i}", docs, StringComparison.Ordinal);
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
