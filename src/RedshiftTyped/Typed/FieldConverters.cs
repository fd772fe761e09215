using System.Data.SqlTypes;
using System.Globalization;
using System.Text.Json;
using RedshiftTyped.Values;

namespace RedshiftTyped.Typed;

/// <summary>
/// How one .NET type is made from each Field member (and from CSV text). Static abstract members let
/// <see cref="JsonFieldReader"/> share one loop that the JIT specialises per type: no boxing, no delegates.
/// </summary>
internal interface IFieldConverter<TSelf, T>
    where TSelf : IFieldConverter<TSelf, T>
{
    static virtual T FromLong(long value, ColumnDescriptor column) => throw DecodeErrors.Mismatch(column, "a longValue");

    static virtual T FromDouble(double value, ColumnDescriptor column) => throw DecodeErrors.Mismatch(column, "a doubleValue");

    static virtual T FromBoolean(bool value, ColumnDescriptor column) => throw DecodeErrors.Mismatch(column, "a booleanValue");

    static virtual T FromBlob(ref Utf8JsonReader reader, ColumnDescriptor column) => throw DecodeErrors.Mismatch(column, "a blobValue");

    /// <summary>The reader is on a stringValue's String token.</summary>
    static virtual T FromString(ref Utf8JsonReader reader, ColumnDescriptor column) => TSelf.FromText(reader.GetString()!, column);

    /// <summary>A value as text: a stringValue, or a CSV field.</summary>
    static abstract T FromText(string text, ColumnDescriptor column);
}

internal static class TextParsing
{
    /// <summary>Runs a RedshiftTextParser function, turning its failures into errors that name table and column.</summary>
    public static T Parse<T>(string text, ColumnDescriptor column, Func<string, T> parse)
    {
        try
        {
            return parse(text);
        }
        catch (DateOutOfRangeException ex)
        {
            throw DecodeErrors.BeyondClrRange(column, text, ex);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
        {
            throw DecodeErrors.BadText(column, text, ex);
        }
    }

    /// <summary>The raw UTF-8 of a string token, when it can be used as is (not escaped, in one segment).</summary>
    public static bool TryRawUtf8(ref Utf8JsonReader reader, out ReadOnlySpan<byte> utf8)
    {
        utf8 = reader.HasValueSequence || reader.ValueIsEscaped ? default : reader.ValueSpan;
        return !reader.HasValueSequence && !reader.ValueIsEscaped;
    }

    public static T Integer<T>(long value, ColumnDescriptor column)
        where T : System.Numerics.IBinaryInteger<T>
    {
        try
        {
            return T.CreateChecked(value);
        }
        catch (OverflowException ex)
        {
            throw DecodeErrors.BadText(column, value.ToString(CultureInfo.InvariantCulture), ex);
        }
    }
}

internal readonly struct Int16Converter : IFieldConverter<Int16Converter, short>
{
    public static short FromLong(long value, ColumnDescriptor column) => value == (short)value ? (short)value : TextParsing.Integer<short>(value, column);

    public static short FromText(string text, ColumnDescriptor column)
        => TextParsing.Parse(text, column, static t => short.Parse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
}

internal readonly struct Int32Converter : IFieldConverter<Int32Converter, int>
{
    public static int FromLong(long value, ColumnDescriptor column) => value == (int)value ? (int)value : TextParsing.Integer<int>(value, column);

    public static int FromText(string text, ColumnDescriptor column)
        => TextParsing.Parse(text, column, static t => int.Parse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
}

internal readonly struct Int64Converter : IFieldConverter<Int64Converter, long>
{
    public static long FromLong(long value, ColumnDescriptor column) => value;

    public static long FromText(string text, ColumnDescriptor column)
        => TextParsing.Parse(text, column, static t => long.Parse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
}

internal readonly struct SingleConverter : IFieldConverter<SingleConverter, float>
{
    public static float FromLong(long value, ColumnDescriptor column) => value;

    // float4 arrives widened to double (123.456787109375); narrowing restores the stored float exactly.
    public static float FromDouble(double value, ColumnDescriptor column) => (float)value;

    public static float FromText(string text, ColumnDescriptor column)
        => TextParsing.Parse(text, column, static t => float.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture));
}

internal readonly struct DoubleConverter : IFieldConverter<DoubleConverter, double>
{
    public static double FromLong(long value, ColumnDescriptor column) => value;

    public static double FromDouble(double value, ColumnDescriptor column) => value;

    public static double FromText(string text, ColumnDescriptor column)
        => TextParsing.Parse(text, column, static t => double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture));
}

internal readonly struct DecimalConverter : IFieldConverter<DecimalConverter, decimal>
{
    public static decimal FromLong(long value, ColumnDescriptor column) => value;

    public static decimal FromString(ref Utf8JsonReader reader, ColumnDescriptor column)
        => TextParsing.TryRawUtf8(ref reader, out var utf8) ? DecimalText.Parse(utf8, column) : FromText(reader.GetString()!, column);

    public static decimal FromText(string text, ColumnDescriptor column) => DecimalText.Parse(text, column);
}

internal readonly struct SqlDecimalConverter : IFieldConverter<SqlDecimalConverter, SqlDecimal>
{
    public static SqlDecimal FromLong(long value, ColumnDescriptor column) => new(value);

    public static SqlDecimal FromText(string text, ColumnDescriptor column)
        => TextParsing.Parse(text, column, RedshiftTextParser.ParseSqlDecimal);
}

internal readonly struct BooleanConverter : IFieldConverter<BooleanConverter, bool>
{
    public static bool FromBoolean(bool value, ColumnDescriptor column) => value;

    public static bool FromText(string text, ColumnDescriptor column) => TextParsing.Parse(text, column, RedshiftTextParser.ParseBoolean);
}

/// <summary>Any value as its text: stringValue as is; numbers and booleans printed invariantly; blobs as base64.</summary>
internal readonly struct StringConverter : IFieldConverter<StringConverter, string>
{
    public static string FromLong(long value, ColumnDescriptor column) => value.ToString(CultureInfo.InvariantCulture);

    public static string FromDouble(double value, ColumnDescriptor column) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string FromBoolean(bool value, ColumnDescriptor column) => value ? "true" : "false";

    public static string FromBlob(ref Utf8JsonReader reader, ColumnDescriptor column) => reader.GetString()!;

    public static string FromText(string text, ColumnDescriptor column) => text;
}

internal readonly struct DateConverter : IFieldConverter<DateConverter, DateOnly>
{
    public static DateOnly FromString(ref Utf8JsonReader reader, ColumnDescriptor column)
        => TextParsing.TryRawUtf8(ref reader, out var utf8) && Utf8Temporal.TryParseDate(utf8, out var value)
            ? value
            : FromText(reader.GetString()!, column);

    public static DateOnly FromText(string text, ColumnDescriptor column) => TextParsing.Parse(text, column, RedshiftTextParser.ParseDate);
}

internal readonly struct TimeConverter : IFieldConverter<TimeConverter, TimeOnly>
{
    public static TimeOnly FromString(ref Utf8JsonReader reader, ColumnDescriptor column)
        => TextParsing.TryRawUtf8(ref reader, out var utf8) && Utf8Temporal.TryParseTime(utf8, out var value)
            ? value
            : FromText(reader.GetString()!, column);

    public static TimeOnly FromText(string text, ColumnDescriptor column) => TextParsing.Parse(text, column, RedshiftTextParser.ParseTime);
}

internal readonly struct TimeTzConverter : IFieldConverter<TimeTzConverter, DateTimeOffset>
{
    public static DateTimeOffset FromText(string text, ColumnDescriptor column) => TextParsing.Parse(text, column, RedshiftTextParser.ParseTimeTz);
}

internal readonly struct TimestampConverter : IFieldConverter<TimestampConverter, DateTime>
{
    public static DateTime FromString(ref Utf8JsonReader reader, ColumnDescriptor column)
        => TextParsing.TryRawUtf8(ref reader, out var utf8) && Utf8Temporal.TryParseTimestamp(utf8, out var value)
            ? value
            : FromText(reader.GetString()!, column);

    public static DateTime FromText(string text, ColumnDescriptor column) => TextParsing.Parse(text, column, RedshiftTextParser.ParseTimestamp);
}

internal readonly struct TimestampTzConverter : IFieldConverter<TimestampTzConverter, DateTimeOffset>
{
    public static DateTimeOffset FromString(ref Utf8JsonReader reader, ColumnDescriptor column)
        => TextParsing.TryRawUtf8(ref reader, out var utf8) && Utf8Temporal.TryParseTimestampUtc(utf8, out var value)
            ? value
            : FromText(reader.GetString()!, column);

    public static DateTimeOffset FromText(string text, ColumnDescriptor column)
        => TextParsing.Parse(text, column, RedshiftTextParser.ParseTimestampTz);
}

internal readonly struct IntervalConverter : IFieldConverter<IntervalConverter, TimeSpan>
{
    public static TimeSpan FromText(string text, ColumnDescriptor column) => TextParsing.Parse(text, column, RedshiftTextParser.ParseInterval);
}

/// <summary>SUPER arrives as JSON text in stringValue; a scalar SUPER may arrive as a number or boolean.</summary>
internal readonly struct SuperConverter : IFieldConverter<SuperConverter, RedshiftSuper>
{
    public static RedshiftSuper FromLong(long value, ColumnDescriptor column) => new(value.ToString(CultureInfo.InvariantCulture));

    public static RedshiftSuper FromDouble(double value, ColumnDescriptor column) => new(value.ToString("R", CultureInfo.InvariantCulture));

    public static RedshiftSuper FromBoolean(bool value, ColumnDescriptor column) => new(value ? "true" : "false");

    public static RedshiftSuper FromText(string text, ColumnDescriptor column) => new(text);
}

/// <summary>VARBYTE arrives as base64 in stringValue (blobValue is accepted too).</summary>
internal readonly struct VarByteConverter : IFieldConverter<VarByteConverter, byte[]>
{
    public static byte[] FromString(ref Utf8JsonReader reader, ColumnDescriptor column)
    {
        try
        {
            return reader.GetBytesFromBase64();
        }
        catch (FormatException ex)
        {
            throw DecodeErrors.BadText(column, reader.GetString()!, ex);
        }
    }

    public static byte[] FromBlob(ref Utf8JsonReader reader, ColumnDescriptor column) => FromString(ref reader, column);

    public static byte[] FromText(string text, ColumnDescriptor column) => TextParsing.Parse(text, column, RedshiftTextParser.ParseVarByte);
}
