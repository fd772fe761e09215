using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace RedshiftTyped.Typed;

/// <summary>
/// A SUPER value: the exact JSON text Redshift sent, parsed only when asked. Keeping the text means nothing is lost
/// (large numbers, key order) and rows that never look inside a SUPER pay nothing for it.
/// </summary>
public sealed class RedshiftSuper : IEquatable<RedshiftSuper>
{
    /// <summary>A SUPER value from its JSON text, kept exactly as Redshift sent it.</summary>
    public RedshiftSuper(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        Json = json;
    }

    /// <summary>The JSON text as sent.</summary>
    public string Json { get; }

    /// <summary>Parses the text; the element is independent of any document and can be kept.</summary>
    public JsonElement ToJsonElement()
    {
        using var document = JsonDocument.Parse(Json);
        return document.RootElement.Clone();
    }

    /// <summary>Deserializes the text with source-generated metadata (trimming- and AOT-safe).</summary>
    public T? Deserialize<T>(JsonTypeInfo<T> typeInfo) => JsonSerializer.Deserialize(Json, typeInfo);

    /// <inheritdoc/>
    public bool Equals(RedshiftSuper? other) => other is not null && string.Equals(Json, other.Json, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as RedshiftSuper);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Json);

    /// <inheritdoc/>
    public override string ToString() => Json;
}
