// The Data API and Secrets Manager shapes, one to one with AWS's model (botocore): each member is documented there
// (docs.aws.amazon.com/redshift-data/latest/APIReference); XML docs here would repeat it.
#pragma warning disable CS1591

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedshiftTyped.DataApi.Model;

/// <summary>Which member of the <see cref="Field"/> union is set.</summary>
public enum FieldKind : byte
{
    /// <summary>No member at all. AWS sent this for bool and float4 columns before September 2022.</summary>
    Empty = 0,
    Null,
    Boolean,
    Long,
    Double,
    String,
    Blob,
}

/// <summary>
/// One value of a result record: a tagged union with exactly one member set, as the service sends it.
/// Modelled as a tag rather than "the first non-null member" because <c>{"isNull":true}</c> and
/// <c>{"booleanValue":true}</c> are both booleans, and reading the first one turns NULLs into true.
/// </summary>
[JsonConverter(typeof(FieldJsonConverter))]
public readonly struct Field : IEquatable<Field>
{
    private readonly long _scalar;
    private readonly object? _reference;

    private Field(FieldKind kind, long scalar, object? reference)
    {
        Kind = kind;
        _scalar = scalar;
        _reference = reference;
    }

    public FieldKind Kind { get; }

    public bool IsNull => Kind == FieldKind.Null;
    public bool? BooleanValue => Kind == FieldKind.Boolean ? _scalar != 0 : null;
    public long? LongValue => Kind == FieldKind.Long ? _scalar : null;
    public double? DoubleValue => Kind == FieldKind.Double ? BitConverter.Int64BitsToDouble(_scalar) : null;
    public string? StringValue => Kind == FieldKind.String ? (string)_reference! : null;
    public byte[]? BlobValue => Kind == FieldKind.Blob ? (byte[])_reference! : null;

    public static Field Null { get; } = new(FieldKind.Null, 0, null);
    public static Field FromBoolean(bool value) => new(FieldKind.Boolean, value ? 1 : 0, null);
    public static Field FromLong(long value) => new(FieldKind.Long, value, null);
    public static Field FromDouble(double value) => new(FieldKind.Double, BitConverter.DoubleToInt64Bits(value), null);
    public static Field FromString(string value) => new(FieldKind.String, 0, value ?? throw new ArgumentNullException(nameof(value)));
    public static Field FromBlob(byte[] value) => new(FieldKind.Blob, 0, value ?? throw new ArgumentNullException(nameof(value)));

    public bool Equals(Field other) => Kind == other.Kind && _scalar == other._scalar && Kind switch
    {
        FieldKind.String => string.Equals((string)_reference!, (string)other._reference!, StringComparison.Ordinal),
        FieldKind.Blob => ((byte[])_reference!).AsSpan().SequenceEqual((byte[])other._reference!),
        _ => true,
    };

    public override bool Equals(object? obj) => obj is Field other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(Kind, _scalar, Kind == FieldKind.String ? _reference : null);
    public static bool operator ==(Field left, Field right) => left.Equals(right);
    public static bool operator !=(Field left, Field right) => !left.Equals(right);

    public override string ToString() => Kind switch
    {
        FieldKind.Empty => "{}",
        FieldKind.Null => "{isNull:true}",
        FieldKind.Boolean => $"{{booleanValue:{(BooleanValue!.Value ? "true" : "false")}}}",
        FieldKind.Long => string.Create(CultureInfo.InvariantCulture, $"{{longValue:{LongValue}}}"),
        FieldKind.Double => string.Create(CultureInfo.InvariantCulture, $"{{doubleValue:{DoubleValue:R}}}"),
        FieldKind.String => $"{{stringValue:\"{StringValue}\"}}",
        _ => $"{{blobValue:{Convert.ToBase64String(BlobValue!)}}}",
    };
}

/// <summary>Reads the Field union member by member; unknown members are skipped, as AWS clients must.</summary>
public sealed class FieldJsonConverter : JsonConverter<Field>
{
    public override Field Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"A Field must be a JSON object, found {reader.TokenType}.");
        }

        var field = default(Field);
        bool hasValue = false;
        try
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    throw new JsonException("Malformed Field object.");
                }

                if (reader.ValueTextEquals("isNull"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.True)
                    {
                        field = Field.Null;
                        hasValue = OneValue(hasValue);
                    }

                    continue;
                }

                Field? value = null;
                if (reader.ValueTextEquals("booleanValue"u8))
                {
                    reader.Read();
                    value = Field.FromBoolean(reader.GetBoolean());
                }
                else if (reader.ValueTextEquals("longValue"u8))
                {
                    reader.Read();
                    value = Field.FromLong(reader.GetInt64());
                }
                else if (reader.ValueTextEquals("doubleValue"u8))
                {
                    reader.Read();
                    value = Field.FromDouble(ReadDouble(ref reader));
                }
                else if (reader.ValueTextEquals("stringValue"u8))
                {
                    reader.Read();
                    value = Field.FromString(reader.GetString()!);
                }
                else if (reader.ValueTextEquals("blobValue"u8))
                {
                    reader.Read();
                    value = Field.FromBlob(reader.GetBytesFromBase64());
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }

                if (value is { } read)
                {
                    hasValue = OneValue(hasValue);
                    field = read;
                }
            }
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException)
        {
            // Utf8JsonReader's Get* on a value of another kind or outside its range (a longValue of 1e2 or of 20 digits,
            // a lone surrogate in a string): the answer is malformed, which the caller reports as the endpoint's fault.
            throw new JsonException($"A Field's value is not one the Data API sends: {ex.Message}", ex);
        }

        return field;
    }

    /// <summary>A Field is a union: exactly one of its members (isNull true counting as one) is set.</summary>
    private static bool OneValue(bool hadValue) => hadValue
        ? throw new JsonException("A Field holds more than one value (or a value and isNull); a Data API Field holds exactly one.")
        : true;

    /// <summary>AWS JSON sends non-finite doubles as the strings "NaN", "Infinity" and "-Infinity".</summary>
    internal static double ReadDouble(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.GetDouble();
        }

        return reader.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var other => throw new JsonException($"Expected a number for doubleValue, found \"{other}\"."),
        };
    }

    public override void Write(Utf8JsonWriter writer, Field value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        switch (value.Kind)
        {
            case FieldKind.Null: writer.WriteBoolean("isNull"u8, true); break;
            case FieldKind.Boolean: writer.WriteBoolean("booleanValue"u8, value.BooleanValue!.Value); break;
            case FieldKind.Long: writer.WriteNumber("longValue"u8, value.LongValue!.Value); break;
            case FieldKind.Double: WriteDouble(writer, value.DoubleValue!.Value); break;
            case FieldKind.String: writer.WriteString("stringValue"u8, value.StringValue); break;
            case FieldKind.Blob: writer.WriteBase64String("blobValue"u8, value.BlobValue); break;
            case FieldKind.Empty: break;
        }

        writer.WriteEndObject();
    }

    private static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber("doubleValue"u8, value);
        }
        else
        {
            writer.WriteString("doubleValue"u8, double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }
}
