using System.Text.Json;
using RedshiftTyped.Generator.Parsing;
using RedshiftTyped.Generator.Tests.Infrastructure;

namespace RedshiftTyped.Generator.Tests;

/// <summary>The generator's own JSON reader agrees with System.Text.Json, and its spans cover exactly each value's text.</summary>
public sealed class JsonReaderTests
{
    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string>
        {
            """{"a": [1, -2.5e+3, 0, true, false, null, "x\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"], "b": {}, "c": []}""",
            "  \n[ ]\n",
            "\"only a string\"",
            "-0.0E-0",
        };
        foreach (var (_, text) in SnapshotFiles.Load("tickit").Concat(SnapshotFiles.Load("synthetic")))
        {
            data.Add(text);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void ReadsWhatSystemTextJsonReads(string text)
    {
        var node = JsonReader.Parse(text, out var error);
        Assert.Null(error);
        using var expected = JsonDocument.Parse(text);
        AssertSame(expected.RootElement, node!, text);
    }

    [Theory]
    [InlineData("{\"a\": 1,}", 8)]
    [InlineData("[1 2]", 3)]
    [InlineData("{\"a\" 1}", 5)]
    [InlineData("{'a': 1}", 1)]
    [InlineData("[01]", 2)]
    [InlineData("[1.]", 3)]
    [InlineData("\"tab\there\"", 4)]
    [InlineData("\"\\x\"", 2)]
    [InlineData("\"\\u12\"", 2)]
    [InlineData("[tru]", 1)]
    [InlineData("{} {}", 3)]
    [InlineData("// comment\n{}", 0)]
    [InlineData("", 0)]
    public void RejectsWhatIsNotJsonAndSaysWhere(string text, int position)
    {
        Assert.Null(JsonReader.Parse(text, out var error));
        Assert.NotNull(error);
        Assert.Equal(position, error.Position);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(text));
    }

    [Fact]
    public void EveryTruncationOfASnapshotIsAnErrorNotACrash()
    {
        string text = SnapshotFiles.Load("synthetic").Single(f => f.Path.EndsWith("naming hazards.json", StringComparison.Ordinal)).Text.TrimEnd();
        for (int length = 0; length < text.Length; length++)
        {
            Assert.Null(JsonReader.Parse(text[..length], out var error));
            Assert.InRange(error!.Position, 0, length);
        }
    }

    [Fact]
    public void DeepNestingIsAnError()
    {
        Assert.Null(JsonReader.Parse(new string('[', 1000) + new string(']', 1000), out var error));
        Assert.Contains("nesting", error!.Message, StringComparison.Ordinal);
    }

    private static void AssertSame(JsonElement expected, JsonNode actual, string text)
    {
        // The span is the value's exact text.
        Assert.Equal(expected.GetRawText(), text.Substring(actual.Start, actual.Length));
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var members = Assert.IsType<JsonObject>(actual).Members;
                var expectedMembers = expected.EnumerateObject().ToList();
                Assert.Equal(expectedMembers.Count, members.Count);
                for (int i = 0; i < members.Count; i++)
                {
                    Assert.Equal(expectedMembers[i].Name, members[i].Name);
                    Assert.Equal('"', text[members[i].NameStart]);
                    AssertSame(expectedMembers[i].Value, members[i].Value, text);
                }

                break;
            case JsonValueKind.Array:
                var items = Assert.IsType<JsonArray>(actual).Items;
                var expectedItems = expected.EnumerateArray().ToList();
                Assert.Equal(expectedItems.Count, items.Count);
                for (int i = 0; i < items.Count; i++)
                {
                    AssertSame(expectedItems[i], items[i], text);
                }

                break;
            case JsonValueKind.String:
                Assert.Equal(expected.GetString(), Assert.IsType<JsonString>(actual).Value);
                break;
            case JsonValueKind.Number:
                Assert.Equal(expected.GetRawText(), Assert.IsType<JsonNumber>(actual).Text);
                break;
            case JsonValueKind.True or JsonValueKind.False:
                Assert.Equal(expected.GetBoolean(), Assert.IsType<JsonBoolean>(actual).Value);
                break;
            default:
                Assert.IsType<JsonNull>(actual);
                break;
        }
    }
}
