using System.Text;
using System.Text.Json;
using RedshiftTyped.Generator.Tests.Infrastructure;

namespace RedshiftTyped.Generator.Tests;

/// <summary>
/// Seeded random schemas built from naming hazards — keywords, names of generated and inherited members, digits,
/// quotes, spaces, unicode, case variants — must always generate code that compiles without a warning.
/// </summary>
public sealed class HostileNameTests
{
    private static readonly string[] Pieces =
    [
        "class", "int", "Equals", "ToString", "GetHashCode", "RedshiftTable", "Descriptor", "record", "value", "2", "_", " ", "\"",
        "ü", "名", "😀", "ID", "id", "Id", "public", "Public", "$", "-", ".", "namespace", "global", "System", "Database", "object",
        "string", "reader", "fields", "c0", "s_columns", "Count", "Append", "Build", "ArrowSchema", "@", "\\", "\t", "Column1", "Table",
    ];

    private static readonly string[] Types = ["int4", "varchar", "numeric", "timestamptz", "super", "varbyte", "bool", "date", "intervald2s", "timetz"];

    [Theory]
    [InlineData(1, "PascalCase")]
    [InlineData(2, "PascalCase")]
    [InlineData(3, "Keep")]
    [InlineData(4, "Keep")]
    [InlineData(32, "Keep")] // once generated `public record DecodeJson(…)` for a table named record
    [InlineData(56, "Keep")]
    public void RandomHostileSchemasCompileCleanly(int seed, string naming)
    {
        var random = new Random(seed);
        var files = new List<(string, string)>();
        for (int t = 0; t < 25; t++)
        {
            files.Add(($"/snapshots/{t}.json", Snapshot(random, t)));
        }

        var harness = new GeneratorHarness(files, properties: new Dictionary<string, string> { ["RedshiftTypedNaming"] = naming });
        var result = harness.Run();

        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error && d.Id != "RTG005");
        Assert.NotEmpty(harness.Sources);
    }

    [Theory]
    [InlineData("Keep")]
    [InlineData("PascalCase")]
    public void ContextualKeywordsAsTableAndColumnNamesCompile(string naming)
    {
        string[] names = ["record", "var", "dynamic", "nameof", "value", "global", "async", "await", "partial", "required", "init", "file", "scoped"];
        var files = names.Select((name, i) => ($"/snapshots/{i}.json", JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["formatVersion"] = 1, ["database"] = name, ["schema"] = name, ["name"] = name, ["kind"] = "table",
            ["columns"] = names.Select((column, c) => new Dictionary<string, object>
            {
                ["name"] = column, ["ordinal"] = c + 1, ["type"] = "integer", ["typeName"] = "int4", ["nullable"] = c % 2 == 0,
            }).ToArray(),
        })));

        var harness = new GeneratorHarness(files, properties: new Dictionary<string, string> { ["RedshiftTypedNaming"] = naming });
        Assert.Empty(harness.Run().Diagnostics);
        Assert.Equal(names.Length * 2, harness.Sources.Count);
    }

    [Theory]
    [InlineData("Keep")]
    [InlineData("PascalCase")]
    public void ColumnHandleNameHazardsCompile(string naming)
    {
        // Tables named like the nested class Column; columns named like it, like its renamed handle, and like the
        // names the handles and the projected decoders use (s_columns, projection, f0, c0).
        string[] tables = ["column", "Column", "columns", "t"];
        string[] columns = ["Column", "column", "ColumnValue", "Column_Value", "s_columns", "projection", "fields", "f0", "c0", "RedshiftTable", "Descriptor"];
        var files = tables.Select((table, i) => ($"/snapshots/{i}.json", JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["formatVersion"] = 1, ["database"] = "db", ["schema"] = "s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["name"] = table, ["kind"] = "table",
            ["columns"] = columns.Select((column, c) => new Dictionary<string, object>
            {
                ["name"] = column, ["ordinal"] = c + 1, ["type"] = "x", ["typeName"] = c % 2 == 0 ? "varchar" : "int4", ["nullable"] = c % 3 == 0,
            }).ToArray(),
        })));

        var harness = new GeneratorHarness(files, properties: new Dictionary<string, string> { ["RedshiftTypedNaming"] = naming });
        var result = harness.Run();

        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        Assert.All(harness.Sources.Where(s => !s.HintName.EndsWith("Database.g.cs", StringComparison.Ordinal)),
            s => Assert.Contains("public static class Column", s.Source, StringComparison.Ordinal));
    }

    private static string Snapshot(Random random, int index)
    {
        var columns = new List<object>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        int count = random.Next(0, 8);
        for (int c = 1; c <= count; c++)
        {
            // A table's column names are unique in Redshift (RTG010 otherwise); a repeat is made unique without another
            // draw, so each seed keeps the schema it had.
            string name = Name(random);
            name = names.Add(name) ? name : name + " " + c.ToString(System.Globalization.CultureInfo.InvariantCulture);
            names.Add(name);
            columns.Add(new Dictionary<string, object?>
            {
                ["name"] = name,
                ["ordinal"] = c,
                ["type"] = "x",
                ["typeName"] = Types[random.Next(Types.Length)],
                ["precision"] = 38,
                ["scale"] = random.Next(0, 10),
                ["nullable"] = random.Next(2) == 0,
                ["comment"] = random.Next(3) == 0 ? Name(random) + " <&> */ \n" : null,
            });
        }

        var table = new Dictionary<string, object?>
        {
            ["formatVersion"] = 1,
            ["database"] = random.Next(3) == 0 ? Name(random) : "db",
            ["schema"] = random.Next(2) == 0 ? Name(random) : "public",
            ["name"] = Name(random) + (random.Next(4) == 0 ? string.Empty : index.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ["kind"] = "table",
            ["comment"] = random.Next(2) == 0 ? "/// </summary> \"quoted\"" : null,
            ["columns"] = columns,
        };
        return JsonSerializer.Serialize(table);
    }

    private static string Name(Random random)
    {
        var name = new StringBuilder();
        int pieces = random.Next(1, 4);
        for (int i = 0; i < pieces; i++)
        {
            name.Append(Pieces[random.Next(Pieces.Length)]);
        }

        return name.ToString();
    }
}
