using System.Text.Json;
using Microsoft.CodeAnalysis.Text;
using RedshiftTyped.Generator.Model;
using RedshiftTyped.Generator.Parsing;
using RedshiftTyped.Generator.Tests.Infrastructure;

namespace RedshiftTyped.Generator.Tests.Queries;

/// <summary>The published JSON Schema of query snapshots (docs/query-snapshot.schema.json), the generator and the committed files agree.</summary>
public sealed class QuerySnapshotSchemaTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(
        File.ReadAllText(Path.Combine(SnapshotFiles.ProjectDirectory, "..", "..", "docs", "query-snapshot.schema.json"))).RootElement;

    [Fact]
    public void EachRequiredMemberIsRequiredByTheGenerator()
    {
        string minimal = QueryInputs.Snapshot("q.sql", "select 1 as n\n", QueryInputs.Column("n", 1, "integer", "int4"));
        Assert.NotNull(SnapshotParser.ParseQuery("q.json", SourceText.From(minimal), GeneratorOptions.Default, CancellationToken.None).Model);
        foreach (var member in Schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()!))
        {
            var doc = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(minimal)!;
            doc.Remove(member);
            var result = SnapshotParser.ParseQuery("q.json", SourceText.From(JsonSerializer.Serialize(doc)), GeneratorOptions.Default, CancellationToken.None);
            Assert.Null(result.Model);
            Assert.Contains(result.Diagnostics, d => d.Id is "RTG002" or "RTG003" && d.Arguments[0].Contains(member, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void TheCommittedSampleSnapshotsFollowTheFormat()
    {
        var files = QueryInputs.Sample().Where(f => f.Path.StartsWith("/query-snapshots/", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, files.Count);
        foreach (var (path, text) in files)
        {
            Assert.EndsWith("\n", text, StringComparison.Ordinal);
            Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
            var root = JsonDocument.Parse(text).RootElement;
            Assert.Equal(Schema.GetProperty("properties").EnumerateObject().Select(p => p.Name), root.EnumerateObject().Select(p => p.Name));
            Assert.Equal(path["/query-snapshots/".Length..^".json".Length] + ".sql", root.GetProperty("file").GetString());
            Assert.Matches(Schema.GetProperty("properties").GetProperty("sha256").GetProperty("pattern").GetString()!, root.GetProperty("sha256").GetString());
            var columnMembers = Schema.GetProperty("$defs").GetProperty("column").GetProperty("properties").EnumerateObject().Select(p => p.Name).Where(n => n != "override");
            Assert.All(root.GetProperty("columns").EnumerateArray(), c => Assert.Equal(columnMembers, c.EnumerateObject().Select(p => p.Name).Where(n => n != "override")));
        }
    }
}
