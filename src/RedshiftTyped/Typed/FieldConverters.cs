using System.Data.SqlTypes;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
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
    static virtual T FromString(ref Utf8JsonReader reader, ColumnDescriptor column)
        => TextParsing.TryRawUtf8(ref reader, out var utf8) && TSelf.TryFromUtf8(utf8, column, out T value)
            ? value
            : TSelf.FromText(reader.GetString()!, column);

    /// <summary>
    /// A stringValue's bytes with no escapes in them, straight from the response body; false (no error) when they must
    /// take the general path instead (invalid UTF-8, which the general path reports).
    /// </summary>
    static virtual bool TryFromUtf8(ReadOnlySpan<byte> utf8, ColumnDescriptor column, out T value)
        => TextParsing.TryFromText<TSelf, T>(utf8, column, out value);

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

    /// <summary>A stringValue's unescaped bytes through the converter's text path; false for invalid UTF-8.</summary>
    public static bool TryFromText<TConverter, T>(ReadOnlySpan<byte> utf8, ColumnDescriptor column, out T value)
        where TConverter : IFieldConverter<TConverter, T>
    {
        if (Utf8Text.TryToString(utf8, out string? text))
        {
            value = TConverter.FromText(text, column);
            return true;
        }

        value = default!;
        return false;
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

/// <summary>UTF-8 → string, refusing invalid UTF-8 instead of replacing it.</summary>
internal static class Utf8Text
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool TryToString(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out string? text)
    {
        try
        {
            text = Strict.GetString(utf8);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = null;
            return false;
        }
    }
}

internal readonly struct Int16Converter : IFieldConverter<Int16Converter, short>
{
    public static short FromLong(long value, ColumnDescriptor column) => value == (short)value ? (short)value : TextParsing.Integer<short>(value, column);

    public static short FromText(string text, ColumnDescriptor column)
        => TextParsing.Parse(text, column, RedshiftTextParser.ParseInt16);
}

internal readonly struct Int32Converter : IFieldConverter<Int32Converter, int>
{
    public static int FromLong(long value, ColumnDescriptor column) => value == (int)value ? (int)value : TextParsing.Integer<int>(value, column);

    public static int FromText(string text, ColumnDescriptor column)
        => TextParsing.Parse(text, column, RedshiftTextParser.ParseInt32);
}

internal readonly struct Int64Converter : IFieldConverter<Int64Converter, long>
{
    public static long FromLong(long value, ColumnDescriptor column) => value;

    public static long FromText(string text, ColumnDescriptor column)
        => TextParsing.Parse(text, column, RedshiftTextParser.ParseInt64);
}

internal readonly struct SingleConverter : IFieldConverter<SingleConverter, float>
{
    public static float FromLong(long value, ColumnDescriptor column) => value;

    // float4 arrives widened to double (123.456787109375); narrowing restores the stored float exactly.
    public static float FromDouble(double value, ColumnDescriptor column) => (float)value;

    public static float FromText(string text, ColumnDescriptor column)
        => TextParsing.Parse(text, column, RedshiftTextParser.ParseSingle);
}

internal readonly struct DoubleConverter : IFieldConverter<DoubleConverter, double>
{
    public static double FromLong(long value, ColumnDescriptor column) => value;

    public static double FromDouble(double value, ColumnDescriptor column) => value;

    public static double FromText(string text, ColumnDescriptor column)
        => TextParsing.Parse(text, column, RedshiftTextParser.ParseDouble);
}

internal readonly struct DecimalConverter : IFieldConverter<DecimalConverter, decimal>
{
    public static decimal FromLong(long value, ColumnDescriptor column) => value;

    public static bool TryFromUtf8(ReadOnlySpan<byte> utf8, ColumnDescriptor column, out decimal value)
    {
        value = DecimalText.Parse(utf8, column);
        return true;
    }

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
    public static bool TryFromUtf8(ReadOnlySpan<byte> utf8, ColumnDescriptor column, out DateOnly value)
        => Utf8Temporal.TryParseDate(utf8, out value) || TextParsing.TryFromText<DateConverter, DateOnly>(utf8, column, out value);

    public static DateOnly FromText(string text, ColumnDescriptor column) => TextParsing.Parse(text, column, RedshiftTextParser.ParseDate);
}

internal readonly struct TimeConverter : IFieldConverter<TimeConverter, TimeOnly>
{
    public static bool TryFromUtf8(ReadOnlySpan<byte> utf8, ColumnDescriptor column, out TimeOnly value)
        => Utf8Temporal.TryParseTime(utf8, out value) || TextParsing.TryFromText<TimeConverter, TimeOnly>(utf8, column, out value);

    public static TimeOnly FromText(string text, ColumnDescriptor column) => TextParsing.Parse(text, column, RedshiftTextParser.ParseTime);
}

internal readonly struct TimeTzConverter : IFieldConverter<TimeTzConverter, DateTimeOffset>
{
    public static DateTimeOffset FromText(string text, ColumnDescriptor column) => TextParsing.Parse(text, column, RedshiftTextParser.ParseTimeTz);
}

internal readonly struct TimestampConverter : IFieldConverter<TimestampConverter, DateTime>
{
    public static bool TryFromUtf8(ReadOnlySpan<byte> utf8, ColumnDescriptor column, out DateTime value)
        => Utf8Temporal.TryParseTimestamp(utf8, out value) || TextParsing.TryFromText<TimestampConverter, DateTime>(utf8, column, out value);

    public static DateTime FromText(string text, ColumnDescriptor column) => TextParsing.Parse(text, column, RedshiftTextParser.ParseTimestamp);
}

internal readonly struct TimestampTzConverter : IFieldConverter<TimestampTzConverter, DateTimeOffset>
{
    public static bool TryFromUtf8(ReadOnlySpan<byte> utf8, ColumnDescriptor column, out DateTimeOffset value)
        => Utf8Temporal.TryParseTimestampUtc(utf8, out value) || TextParsing.TryFromText<TimestampTzConverter, DateTimeOffset>(utf8, column, out value);

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

    /// <summary>Canonical padded base64 decodes here; anything else (false) takes the reader's path and its errors.</summary>
    public static bool TryFromUtf8(ReadOnlySpan<byte> utf8, ColumnDescriptor column, out byte[] value)
    {
        value = null!;
        if (utf8.Length % 4 != 0)
        {
            return false;
        }

        int padding = utf8.EndsWith("=="u8) ? 2 : utf8.EndsWith("="u8) ? 1 : 0;
        var bytes = new byte[(utf8.Length / 4 * 3) - padding];
        if (System.Buffers.Text.Base64.DecodeFromUtf8(utf8, bytes, out _, out int written) != System.Buffers.OperationStatus.Done || written != bytes.Length)
        {
            return false;
        }

        value = bytes;
        return true;
    }

    public static byte[] FromText(string text, ColumnDescriptor column) => TextParsing.Parse(text, column, RedshiftTextParser.ParseVarByte);
}
