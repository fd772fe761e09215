using System.Data.SqlTypes;
using System.Globalization;
using System.Text;
using System.Text.Json;
using RedshiftTyped.Values;

namespace RedshiftTyped.Incremental.Offsets;

/// <summary>
/// Cursor and key values in an offset: written as JSON numbers (integer types) or as the text Redshift itself prints
/// (timestamps with microseconds, exact decimals), and read back by the column's type into the .NET values a read
/// decodes (<see cref="RedshiftValueDecoder"/>), so an offset compares equal to the rows it came from. The same text
/// identifies a key tuple (<see cref="KeyText"/>).
/// </summary>
internal static class OffsetValues
{
    /// <summary>The value's canonical text: what the offset stores, and what identifies it.</summary>
    public static string Text(object value) => value switch
    {
        string s => s,
        short or int or long => ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture),
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        SqlDecimal s => s.ToString(),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        DateTimeOffset dto => dto.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "+00",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>One string per key tuple, equal for equal keys: the values' texts, separated by a unit separator.</summary>
    public static string KeyText(IReadOnlyList<object?> key)
    {
        if (key.Count == 1)
        {
            return key[0] is { } single ? Text(single) : "\u2400";
        }

        var text = new StringBuilder();
        for (int i = 0; i < key.Count; i++)
        {
            if (i > 0)
            {
                text.Append('\u001f');
            }

            text.Append(key[i] is { } value ? Text(value).Replace("\u001f", "\u001f\u001f", StringComparison.Ordinal) : "\u2400");
        }

        return text.ToString();
    }

    public static void Write(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case short s:
                json.WriteNumberValue(s);
                break;
            case int i:
                json.WriteNumberValue(i);
                break;
            case long l:
                json.WriteNumberValue(l);
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            default:
                json.WriteStringValue(Text(value));
                break;
        }
    }

    /// <summary>Reads a value written by <see cref="Write"/> back as the column's .NET value.</summary>
    /// <exception cref="FormatException">The JSON is not a value of the column's type (the message names <paramref name="path"/>).</exception>
    public static object? Read(JsonElement element, OffsetColumn column, string path)
    {
        try
        {
            return element.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.Number or JsonValueKind.String or JsonValueKind.True or JsonValueKind.False
                    => RedshiftValueDecoder.FromText(element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText(),
                        column.Type, column.Precision, column.Name),
                _ => throw new FormatException($"expected a value, found {element.ValueKind}"),
            };
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
        {
            throw ChangeOffsetJson.Invalid(path, $"not a {column.TypeName} value of column \"{column.Name}\" ({ex.Message.TrimEnd('.')})");
        }
    }

    /// <summary>
    /// Orders two values of one column as Redshift does for numbers and times; text by ordinal (used where the server's
    /// order is not at hand: a lookback's high-water mark).
    /// </summary>
    public static int Compare(object? left, object? right)
    {
        if (left is null || right is null)
        {
            return left is null ? (right is null ? 0 : -1) : 1;
        }

        return (left, right) switch
        {
            (string a, string b) => string.CompareOrdinal(a, b),
            (SqlDecimal a, SqlDecimal b) => a.CompareTo(b),
            (DateTimeOffset a, DateTimeOffset b) => a.UtcTicks.CompareTo(b.UtcTicks),
            (IComparable a, _) when left.GetType() == right.GetType() => a.CompareTo(right),
            _ => string.CompareOrdinal(Text(left), Text(right)),
        };
    }
}
