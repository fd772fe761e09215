using System.Globalization;
using System.Numerics;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace RedshiftTyped.Export;

/// <summary>
/// Arrow values as invariant, lossless text: decimals exact from their 128-bit unscaled value (never through
/// <see cref="decimal"/>, which holds 28 digits to Redshift's 38), floating point in shortest round-trip form,
/// temporal values in ISO 8601 with microseconds, binary as base64.
/// </summary>
internal static class ArrowValueText
{
    private const long TicksPerMicrosecond = 10;

    /// <summary>The text of element <paramref name="index"/>; null for a null value.</summary>
    public static string? Format(IArrowArray array, int index)
    {
        if (array.IsNull(index))
        {
            return null;
        }

        return array switch
        {
            Int8Array a => a.GetValue(index)!.Value.ToString(CultureInfo.InvariantCulture),
            Int16Array a => a.GetValue(index)!.Value.ToString(CultureInfo.InvariantCulture),
            Int32Array a => a.GetValue(index)!.Value.ToString(CultureInfo.InvariantCulture),
            Int64Array a => a.GetValue(index)!.Value.ToString(CultureInfo.InvariantCulture),
            FloatArray a => Floating(a.GetValue(index)!.Value),
            DoubleArray a => Floating(a.GetValue(index)!.Value),
            Decimal128Array a => Decimal(Unscaled(a, index), ((Decimal128Type)a.Data.DataType).Scale),
            BooleanArray a => a.GetValue(index)!.Value ? "true" : "false",
            Date32Array a => Date(a.Values[index]),
            Time64Array a => Time(Micros(a.Values[index], ((Time64Type)a.Data.DataType).Unit)),
            TimestampArray a => Timestamp(a.Values[index], (TimestampType)a.Data.DataType),
            DurationArray a => Duration(Micros(a.Values[index], ((DurationType)a.Data.DataType).Unit)),
            StringArray a => a.GetString(index),
            BinaryArray a => Convert.ToBase64String(a.GetBytes(index)),
            _ => throw Unsupported(array.Data.DataType),
        };
    }

    /// <summary>The 128-bit two's-complement unscaled value Arrow stores little-endian.</summary>
    public static BigInteger Unscaled(Decimal128Array array, int index) => new(array.GetBytes(index), isUnsigned: false, isBigEndian: false);

    /// <summary>An unscaled integer and a scale as plain decimal text: (-5, 2) → <c>-0.05</c>.</summary>
    public static string Decimal(BigInteger unscaled, int scale)
    {
        string digits = BigInteger.Abs(unscaled).ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder(digits.Length + 3);
        if (unscaled.Sign < 0)
        {
            text.Append('-');
        }

        if (scale <= 0)
        {
            text.Append(digits);
            text.Append('0', -scale);
            return text.ToString();
        }

        string padded = digits.PadLeft(scale + 1, '0');
        text.Append(padded, 0, padded.Length - scale).Append('.').Append(padded, padded.Length - scale, scale);
        return text.ToString();
    }

    /// <summary>Days since 1970-01-01 as <c>yyyy-MM-dd</c>.</summary>
    public static string Date(int days) => DateOnly.FromDayNumber(UnixEpochDayNumber + days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Microseconds since midnight as <c>HH:mm:ss.ffffff</c>.</summary>
    public static string Time(long micros) => new TimeOnly(micros * TicksPerMicrosecond).ToString("HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 with microseconds; a timestamp with a zone is UTC and ends in Z.</summary>
    public static string Timestamp(long value, TimestampType type)
    {
        var instant = DateTime.UnixEpoch.AddTicks(Micros(value, type.Unit) * TicksPerMicrosecond);
        return string.IsNullOrEmpty(type.Timezone)
            ? instant.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture)
            : instant.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// An ISO 8601 duration in days and time, e.g. <c>P1DT2H3M4.000005S</c>. An Arrow duration is an exact span of
    /// microseconds (Redshift's month part is already folded in at 30 days), so there are no years or months to show.
    /// </summary>
    public static string Duration(long micros)
    {
        if (micros == 0)
        {
            return "PT0S";
        }

        var text = new StringBuilder(32);
        // long.MinValue has no positive counterpart; it cannot come from Redshift (its interval range is far smaller).
        ulong rest = micros < 0 ? (ulong)-micros : (ulong)micros;
        if (micros < 0)
        {
            text.Append('-');
        }

        text.Append('P');
        ulong days = rest / 86_400_000_000UL;
        rest %= 86_400_000_000UL;
        if (days > 0)
        {
            text.Append(days.ToString(CultureInfo.InvariantCulture)).Append('D');
        }

        if (rest > 0)
        {
            text.Append('T');
            ulong hours = rest / 3_600_000_000UL;
            ulong minutes = rest / 60_000_000UL % 60;
            ulong seconds = rest / 1_000_000UL % 60;
            ulong fraction = rest % 1_000_000UL;
            if (hours > 0) text.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('H');
            if (minutes > 0) text.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('M');
            if (seconds > 0 || fraction > 0)
            {
                text.Append(seconds.ToString(CultureInfo.InvariantCulture));
                if (fraction > 0) text.Append('.').Append(fraction.ToString("D6", CultureInfo.InvariantCulture));
                text.Append('S');
            }
        }

        return text.ToString();
    }

    /// <summary>A value in <paramref name="unit"/> as microseconds (nanoseconds are truncated toward zero).</summary>
    public static long Micros(long value, TimeUnit unit) => unit switch
    {
        TimeUnit.Second => value * 1_000_000,
        TimeUnit.Millisecond => value * 1_000,
        TimeUnit.Microsecond => value,
        _ => value / 1_000,
    };

    /// <summary>Throws <see cref="NotSupportedException"/> naming the first column whose type cannot be exported.</summary>
    public static void EnsureSupported(Schema schema)
    {
        foreach (var field in schema.FieldsList)
        {
            if (field.DataType is not (Int8Type or Int16Type or Int32Type or Int64Type or FloatType or DoubleType or Decimal128Type
                or BooleanType or Date32Type or Time64Type or TimestampType or DurationType or StringType or BinaryType))
            {
                throw Unsupported(field.DataType, field.Name);
            }
        }
    }

    public static NotSupportedException Unsupported(IArrowType type, string? column = null) => new(
        $"{(column is null ? "" : $"Column \"{column}\": ")}Arrow type {ArrowTypeText.Describe(type)} cannot be exported; the supported types are those Redshift columns map to: "
        + "int8/16/32/64, float, double, decimal128, bool, date32, time64, timestamp, duration, binary and string.");


    private const int UnixEpochDayNumber = 719_162; // DateOnly(1970, 1, 1).DayNumber

    private static string Floating(double value) => value switch
    {
        double.PositiveInfinity => "Infinity",
        double.NegativeInfinity => "-Infinity",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static string Floating(float value) => value switch
    {
        float.PositiveInfinity => "Infinity",
        float.NegativeInfinity => "-Infinity",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
