using System.Collections.Generic;

namespace RedshiftTyped.Generator.Parsing;

/// <summary>A JSON value and where it sits in the file (character offsets), so diagnostics can point at it.</summary>
internal abstract class JsonNode
{
    protected JsonNode(int start, int length)
    {
        Start = start;
        Length = length;
    }

    public int Start { get; }

    public int Length { get; }

    /// <summary>How the value is named in messages: "a string", "an array"…</summary>
    public abstract string Description { get; }
}

internal sealed class JsonObject(int start, int length, IReadOnlyList<JsonMember> members) : JsonNode(start, length)
{
    public IReadOnlyList<JsonMember> Members { get; } = members;

    public override string Description => "an object";

    /// <summary>The first member of that name (JSON allows duplicates; the reader keeps the first, as most do).</summary>
    public JsonMember? Find(string name)
    {
        foreach (var member in Members)
        {
            if (member.Name == name)
            {
                return member;
            }
        }

        return null;
    }
}

internal sealed class JsonMember(string name, int nameStart, int nameLength, JsonNode value)
{
    public string Name { get; } = name;

    public int NameStart { get; } = nameStart;

    public int NameLength { get; } = nameLength;

    public JsonNode Value { get; } = value;
}

internal sealed class JsonArray(int start, int length, IReadOnlyList<JsonNode> items) : JsonNode(start, length)
{
    public IReadOnlyList<JsonNode> Items { get; } = items;

    public override string Description => "an array";
}

internal sealed class JsonString(int start, int length, string value) : JsonNode(start, length)
{
    public string Value { get; } = value;

    public override string Description => "a string";
}

internal sealed class JsonNumber(int start, int length, string text) : JsonNode(start, length)
{
    /// <summary>The number exactly as written.</summary>
    public string Text { get; } = text;

    public override string Description => "a number";
}

internal sealed class JsonBoolean(int start, int length, bool value) : JsonNode(start, length)
{
    public bool Value { get; } = value;

    public override string Description => "a boolean";
}

internal sealed class JsonNull(int start, int length) : JsonNode(start, length)
{
    public override string Description => "null";
}
