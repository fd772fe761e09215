using System.Text.Json;
using Microsoft.CodeAnalysis.Text;
using RedshiftTyped.Generator.Model;
using RedshiftTyped.Generator.Parsing;
using RedshiftTyped.Generator.Tests.Infrastructure;

namespace RedshiftTyped.Generator.Tests;

/// <summary>The published JSON Schema (docs/schema-snapshot.schema.json) and the generator agree.</summary>
public sealed class SnapshotSchemaTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(
        File.ReadAllText(Path.Combine(SnapshotFiles.ProjectDirectory, "..", "..", "docs", "schema-snapshot.schema.json"))).RootElement;

    [Fact]
    public void EveryTypeNameTheSchemaListsIsMapped()
    {
        var names = Schema.GetProperty("$defs").GetProperty("column").GetProperty("properties").GetProperty("typeName").GetProperty("examples")
            .EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(21, names.Count);
        Assert.All(names, name => Assert.True(TypeMapping.TryMap(name, out _), name));
        Assert.False(TypeMapping.TryMap("cidr", out _));
    }

    [Fact]
    public void EveryKindTheSchemaListsIsAccepted()
    {
        foreach (var kind in Schema.GetProperty("properties").GetProperty("kind").GetProperty("enum").EnumerateArray())
        {
            string json = MinimalSnapshot().Replace("\"table\"", JsonSerializer.Serialize(kind.GetString()), StringComparison.Ordinal);
            var result = SnapshotParser.Parse("t.json", SourceText.From(json), GeneratorOptions.Default, CancellationToken.None);
            Assert.Empty(result.Diagnostics);
        }
    }

    [Fact]
    public void EachRequiredMemberIsRequiredByTheGenerator()
    {
        foreach (var member in Schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()!))
        {
            var doc = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(MinimalSnapshot())!;
            doc.Remove(member);
            var result = SnapshotParser.Parse("t.json", SourceText.From(JsonSerializer.Serialize(doc)), GeneratorOptions.Default, CancellationToken.None);
            Assert.Null(result.Table);
            Assert.Contains(result.Diagnostics, d => d.Id == "RTG003" && d.Arguments[0].Contains($"\"{member}\"", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void TheCommittedTickitSnapshotsFollowTheFormat()
    {
        foreach (var (path, text) in SnapshotFiles.Load("tickit"))
        {
            Assert.EndsWith("\n", text, StringComparison.Ordinal);
            Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
            var names = JsonDocument.Parse(text).RootElement.EnumerateObject().Select(p => p.Name).ToList();
            Assert.Equal(
                ["formatVersion", "database", "schema", "name", "kind", "comment", "distStyle", "distKey", "sortKeys", "primaryKey", "recordName", "columns"],
                names);
            Assert.EndsWith(JsonDocument.Parse(text).RootElement.GetProperty("name").GetString() + ".json", path, StringComparison.Ordinal);
        }
    }

    private static string MinimalSnapshot() => """
        {"formatVersion": 1, "database": "d", "schema": "s", "name": "t", "kind": "table",
         "columns": [{"name": "id", "ordinal": 1, "type": "integer", "typeName": "int4", "nullable": false}]}
        """;
}
