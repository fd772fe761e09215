using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RedshiftTyped.Local.Engine;

/// <summary>
/// SUPER values as Redshift prints them: compact JSON (<c>{"name":"Joe"}</c>), a string scalar quoted (<c>"t"</c>),
/// integers and decimals as written (<c>5</c>, <c>1.22</c>), and a float (DOUBLE PRECISION) with its shortest
/// round-trip digits in exponent form, <c>2.22e+0</c> (r_is_float.md).
/// <para>
/// Storage contract (shared with the dialect's SUPER functions): the engine keeps a SUPER value as JSON text in
/// which a float is a number written with an exponent (<c>2.22e+0</c>), a decimal a number with a point and no
/// exponent, an integer a number with neither; so IS_FLOAT, IS_DECIMAL and IS_BIGINT can tell them apart from
/// the text. Storage/StoredValues (<c>rs_super(x)</c>, Storage/Prelude) converts values to that form when they are stored.
/// </para>
/// </summary>
internal static class SuperText
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Engine JSON text as Redshift prints it; text that is not JSON passes through unchanged.</summary>
    public static string Normalize(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, Compact))
            {
                Write(writer, document.RootElement);
            }

            return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (JsonException)
        {
            return json;
        }
    }

    /// <summary>A nested engine value (DuckDB LIST, STRUCT, MAP read as .NET collections) as SUPER text.</summary>
    public static string FromValue(object value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Compact))
        {
            WriteValue(writer, value);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>A double as Redshift prints a SUPER float: <c>2.22e+0</c>, <c>1.2345e+3</c>, <c>1e-5</c>.</summary>
    public static string Float(double value)
    {
        if (!double.IsFinite(value))
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0e+0" : "0e+0";
        }

        string shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        int exponentAt = shortest.IndexOfAny(['E', 'e']);
        int exponent = exponentAt < 0 ? 0 : int.Parse(shortest.AsSpan(exponentAt + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        string mantissa = exponentAt < 0 ? shortest : shortest[..exponentAt];
        int point = mantissa.IndexOf('.', StringComparison.Ordinal);
        string digits = point < 0 ? mantissa : mantissa.Remove(point, 1);
        int integerDigits = point < 0 ? mantissa.Length : point;
        int leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        exponent += integerDigits - leadingZeros - 1;
        var text = new StringBuilder();
        if (value < 0) text.Append('-');
        text.Append(digits[0]);
        if (digits.Length > 1) text.Append('.').Append(digits, 1, digits.Length - 1);
        text.Append('e').Append(exponent < 0 ? '-' : '+').Append(Math.Abs(exponent).ToString(CultureInfo.InvariantCulture));
        return text.ToString();
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.Number:
                string raw = element.GetRawText();
                writer.WriteRawValue(raw.AsSpan().IndexOfAny('e', 'E') >= 0 ? Float(element.GetDouble()) : raw, skipInputValidation: true);
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null or DBNull:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case double d:
                writer.WriteRawValue(Float(d), skipInputValidation: true);
                break;
            case float f:
                writer.WriteRawValue(Float(f), skipInputValidation: true);
                break;
            case decimal m:
                writer.WriteRawValue(m.ToString(CultureInfo.InvariantCulture), skipInputValidation: true);
                break;
            case sbyte or byte or short or ushort or int or uint or long or ulong or System.Numerics.BigInteger:
                writer.WriteRawValue(Convert.ToString(value, CultureInfo.InvariantCulture)!, skipInputValidation: true);
                break;
            case IDictionary map:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in map)
                {
                    writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "");
                    WriteValue(writer, entry.Value);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable items:
                writer.WriteStartArray();
                foreach (object? item in items)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            case IFormattable formattable:
                writer.WriteStringValue(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                writer.WriteStringValue(value.ToString());
                break;
        }
    }
}
