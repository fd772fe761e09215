using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using RedshiftTyped.Generator.Tests.Infrastructure;

namespace RedshiftTyped.Generator.Tests;

/// <summary>
/// The generated source, compared with the committed files under Approved/ (REDSHIFT_TYPED_ACCEPT=1 rewrites them).
/// Every run also compiles the output with zero diagnostics (see <see cref="GeneratorHarness.Run"/>).
/// </summary>
public sealed partial class ApprovedSourceTests
{
    [Fact]
    public void Tickit() => VerifyCase("tickit", "tickit");

    [Fact]
    public void SyntheticSchemaWithEveryTypeAndNamingHazard() => VerifyCase("synthetic", "synthetic");

    [Fact]
    public void SyntheticSchemaWithDatabaseNamesKept()
        => VerifyCase("synthetic", "synthetic-keep", new Dictionary<string, string> { ["RedshiftTypedNaming"] = "Keep" });

    [Fact]
    public void TickitSnapshotsProduceNoDiagnostics()
    {
        var harness = new GeneratorHarness(SnapshotFiles.Load("tickit"));
        Assert.Empty(harness.Run().Diagnostics);
    }

    [Fact]
    public void TablesAndSchemasNamedLikeObjectMembersOrTheirClassCompile()
    {
        static string Snapshot(string schema, string name, string columns) => $$"""
            {"formatVersion": 1, "database": "db", "schema": "{{schema}}", "name": "{{name}}", "kind": "view", "columns": [{{columns}}]}
            """;
        const string column = """{"name": "x", "ordinal": 1, "type": "integer", "typeName": "int4", "nullable": true}""";
        var harness = new GeneratorHarness([
            ("/snapshots/1.json", Snapshot("public", "equals", column)),
            ("/snapshots/2.json", Snapshot("public", "public", column)),
            ("/snapshots/3.json", Snapshot("ToString", "GetType", column)),
            ("/snapshots/4.json", Snapshot("db_database", "redshift_table", column)),
            ("/snapshots/5.json", Snapshot("public", "no columns", string.Empty)),
        ]);

        // Run() fails on any compile error or warning (CS0542, CS0108…) in the output.
        harness.Run();
        string entry = harness.Sources.Single(s => s.HintName.EndsWith("DbDatabase.g.cs", StringComparison.Ordinal)).Source;
        Assert.Contains("Equals_2 => global::Generated.Db.Public.Equals_2.RedshiftTable.Descriptor", entry, StringComparison.Ordinal);
        Assert.Contains("Public_2 => global::Generated.Db.Public.Public.RedshiftTable.Descriptor", entry, StringComparison.Ordinal);
        Assert.Contains("public static partial class ToString_2", entry, StringComparison.Ordinal);
    }

    [Fact]
    public void CapturedTickitSnapshotsGiveTheSameRecordsAsTheHandWrittenOnes()
    {
        // schema-snapshots/tickit is what `redshift-typed capture` wrote from the local server; the hand-written files
        // under Snapshots/tickit follow the DDL. Precision details differ (the catalog reports none for integers), the
        // records and their readers must not.
        string captured = Path.Combine(SnapshotFiles.ProjectDirectory, "..", "..", "schema-snapshots", "tickit");
        var files = Directory.EnumerateFiles(captured, "*.json", SearchOption.AllDirectories)
            .Select(path => ("/snapshots/" + Path.GetRelativePath(captured, path).Replace('\\', '/'), File.ReadAllText(path)))
            .ToList();
        Assert.Equal(7, files.Count);

        var fromCapture = new GeneratorHarness(files);
        Assert.Empty(fromCapture.Run().Diagnostics);
        var fromDdl = new GeneratorHarness(SnapshotFiles.Load("tickit"));
        fromDdl.Run();

        Assert.Equal(fromDdl.Sources.Select(s => s.HintName), fromCapture.Sources.Select(s => s.HintName));
        foreach (var ((hint, expected), (_, actual)) in fromDdl.Sources.Zip(fromCapture.Sources))
        {
            Assert.True(Shape(expected) == Shape(actual), $"{hint}: the captured snapshot gives a different record or decoder.");
        }
    }

    /// <summary>The lines that make a record's shape: property declarations and decoder calls.</summary>
    private static string Shape(string source) => string.Join("\n", source.Split('\n')
        .Where(line => line.Contains("{ get; init; }", StringComparison.Ordinal) || line.Contains("FieldReader.Read", StringComparison.Ordinal)));

    [Theory]
    [InlineData("numeric(12,3)", "null", "null", "Decimal128Type(12, 3)")]
    [InlineData("numeric", "null", "null", "Decimal128Type(18, 0)")]
    [InlineData("numeric(12,3)", "10", "2", "Decimal128Type(10, 2)")]
    public void ArrowDecimalShapeComesFromTheSnapshotThenTheDeclaredType(string declared, string precision, string scale, string expected)
    {
        string json = $$"""
            {"formatVersion": 1, "database": "d", "schema": "s", "name": "t", "kind": "table", "columns": [
              {"name": "n", "ordinal": 1, "type": "{{declared}}", "typeName": "numeric", "precision": {{precision}}, "scale": {{scale}}, "nullable": true}]}
            """;
        var harness = new GeneratorHarness([("/snapshots/t.json", json)]);
        harness.Run();
        Assert.Contains(expected, harness.Sources.Single(s => s.HintName == "Generated.D.S.T.g.cs").Source, StringComparison.Ordinal);
    }

    [Fact]
    public void OutputIsIndependentOfFileOrder()
    {
        var files = SnapshotFiles.Load("synthetic");
        var forward = new GeneratorHarness(files);
        forward.Run();
        var backward = new GeneratorHarness(files.Reverse());
        backward.Run();
        Assert.Equal(forward.Sources, backward.Sources);
    }

    private static void VerifyCase(string snapshots, string approvedFolder, IReadOnlyDictionary<string, string>? properties = null)
    {
        var harness = new GeneratorHarness(SnapshotFiles.Load(snapshots), properties: properties);
        var result = harness.Run();
        var files = harness.Sources.Select(s => (s.HintName, ScrubVersion(s.Source))).ToList();
        files.Add(("diagnostics", FormatDiagnostics(result.Diagnostics)));
        Approvals.VerifyFolder(approvedFolder, files);
    }

    internal static string FormatDiagnostics(IEnumerable<Diagnostic> diagnostics) => string.Concat(diagnostics
        .Select(d =>
        {
            var span = d.Location.GetLineSpan();
            return string.Create(
                CultureInfo.InvariantCulture,
                $"{d.Id} {d.Severity} {span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})-({span.EndLinePosition.Line + 1},{span.EndLinePosition.Character + 1}): {d.GetMessage(CultureInfo.InvariantCulture)}\n");
        })
        .Order(StringComparer.Ordinal));

    private static string ScrubVersion(string source) => VersionPattern().Replace(source, "GeneratedCode(\"RedshiftTyped.Generator\", \"VERSION\")");

    [GeneratedRegex("GeneratedCode\\(\"RedshiftTyped\\.Generator\", \"[^\"]*\"\\)")]
    private static partial Regex VersionPattern();
}
