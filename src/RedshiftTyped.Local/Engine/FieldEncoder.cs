using System.Globalization;
using System.Text;
using RedshiftTyped.DataApi.Model;

namespace RedshiftTyped.Local.Engine;

/// <summary>
/// Encodes engine values as the Data API sends them (DATA-API-FACTS §4): integers as longValue, float4/float8 as
/// doubleValue, numeric as exact text, bool as booleanValue, dates and times as Redshift prints them (BC dates and
/// years past 9999 included, see <see cref="TemporalText"/>), timestamptz in UTC with <c>+00</c>, intervals in
/// PostgreSQL's style, CHAR(n) blank-padded, SUPER as compact JSON with floats in Redshift's form
/// (<see cref="SuperText"/>), varbyte as base64 text, NULL as <c>{"isNull":true}</c>. Accepts both CLR values
/// (DuckDB) and PostgreSQL text output (the PostgreSQL backend reads every column as text so numerics stay exact).
/// </summary>
internal static class FieldEncoder
{
    public static Field Encode(RsTypeInfo type, object? value)
    {
        if (value is null or DBNull)
        {
            return Field.Null;
        }

        var inv = CultureInfo.InvariantCulture;
        switch (type.Type)
        {
            case RsType.Int2:
            case RsType.Int4:
            case RsType.Int8:
                return Field.FromLong(value is string intText ? long.Parse(intText, inv) : Convert.ToInt64(value, inv));
            case RsType.Float4:
                return Field.FromDouble(value switch
                {
                    string f4 => ParseFloat4(f4),
                    float f => f,
                    _ => (float)Convert.ToDouble(value, inv),
                });
            case RsType.Float8:
                return Field.FromDouble(value is string d ? ParseDouble(d) : Convert.ToDouble(value, inv));
            case RsType.Numeric:
                return Field.FromString(value switch
                {
                    string numericText => numericText,
                    decimal m => FormatDecimal(m, type.Scale),
                    _ => Convert.ToString(value, inv)!,
                });
            case RsType.Bool:
                return Field.FromBoolean(value switch
                {
                    bool b => b,
                    string boolText => boolText is "t" or "true" or "1",
                    _ => Convert.ToBoolean(value, inv),
                });
            case RsType.Bpchar:
                return Field.FromString(value is string chars ? PadChar(chars, type.Length) : value.ToString()!);
            case RsType.Varchar:
                return Field.FromString(value is string varchars ? FitVarchar(varchars, type.Length) : Text(value));
            case RsType.Date:
                return Field.FromString(value switch
                {
                    DateOnly dateOnly => dateOnly.ToString("yyyy-MM-dd", inv),
                    DateTime dt => dt.ToString("yyyy-MM-dd", inv),
                    _ => value.ToString()!,
                });
            case RsType.Time:
                return Field.FromString(value switch
                {
                    TimeOnly t => FormatTime(t.ToTimeSpan()),
                    TimeSpan ts => FormatTime(ts),
                    _ => value.ToString()!,
                });
            case RsType.TimeTz:
                return Field.FromString(value switch
                {
                    DateTimeOffset o => FormatTime(o.TimeOfDay) + FormatOffset(o.Offset),
                    _ => value.ToString()!,
                });
            case RsType.Timestamp:
                return Field.FromString(value switch
                {
                    DateTime dt => FormatTimestamp(dt),
                    string tsText => TemporalText.NormalizeTimestamp(tsText),
                    _ => value.ToString()!,
                });
            case RsType.TimestampTz:
                return Field.FromString(value switch
                {
                    DateTime dt => FormatTimestampTz(dt.Kind == DateTimeKind.Local ? dt.ToUniversalTime() : dt),
                    DateTimeOffset o => FormatTimestampTz(o.UtcDateTime),
                    _ => value.ToString()!,
                });
            case RsType.Varbyte:
                return Field.FromString(Convert.ToBase64String(ReadBytes(value)));
            case RsType.Super:
                return Field.FromString(value is string json ? SuperText.Normalize(json) : SuperText.FromValue(value));
            case RsType.Interval:
            case RsType.IntervalYearToMonth:
            case RsType.IntervalDayToSecond:
                return Field.FromString(value is TimeSpan span ? TemporalText.Interval(span) : value.ToString()!);
            default:
                return Field.FromString(Text(value));
        }
    }

    private static string Text(object value) => value switch
    {
        string plain => plain,
        byte[] bytes => Convert.ToHexStringLower(bytes),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };

    /// <summary>CHAR(n) values are blank-padded to n (r_Character_types.md); the engines may store them trimmed.</summary>
    private static string PadChar(string text, int? width) => width is int n && text.Length < n ? text.PadRight(n) : text;

    /// <summary>
    /// A VARCHAR(n) value longer than n bytes can only hold extra trailing blanks (longer values are refused when
    /// stored): Redshift truncates those to the column's length (r_Character_types.md, "Significance of trailing
    /// blanks"), which the engines' checks cannot do, so it happens here.
    /// </summary>
    private static string FitVarchar(string text, int? length)
    {
        if (length is not int n || text.Length == 0 || text[^1] != ' ' || Encoding.UTF8.GetByteCount(text) <= n)
        {
            return text;
        }

        int end = text.Length;
        int bytes = Encoding.UTF8.GetByteCount(text);
        while (end > 0 && text[end - 1] == ' ' && bytes > n)
        {
            end--;
            bytes--;
        }

        return text[..end];
    }

    /// <summary>The text of a field for CSV: NULL has none (an empty unquoted field), everything else as in JSON.</summary>
    public static string? CsvText(Field field) => field.Kind switch
    {
        FieldKind.Null => null,
        FieldKind.Boolean => field.BooleanValue!.Value ? "t" : "f",
        FieldKind.Long => field.LongValue!.Value.ToString(CultureInfo.InvariantCulture),
        FieldKind.Double => field.DoubleValue!.Value.ToString("R", CultureInfo.InvariantCulture),
        FieldKind.String => field.StringValue,
        FieldKind.Blob => Convert.ToBase64String(field.BlobValue!),
        _ => null,
    };

    /// <summary>Bytes the field takes in a GetStatementResult page, for page and size limits.</summary>
    public static int JsonSize(Field field) => field.Kind switch
    {
        FieldKind.Null => 15,
        FieldKind.Boolean => 21,
        FieldKind.Long => 16 + 20,
        FieldKind.Double => 17 + 24,
        FieldKind.String => 18 + Encoding.UTF8.GetByteCount(field.StringValue!),
        FieldKind.Blob => 16 + (field.BlobValue!.Length + 2) / 3 * 4,
        _ => 2,
    };

    /// <summary>Redshift's timestamp text as observed on the wire: always a fraction, trailing zeros trimmed, at least <c>.0</c>.</summary>
    public static string FormatTimestamp(DateTime value)
    {
        string text = value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        string fraction = Fraction(value.Ticks);
        return text + (fraction.Length == 0 ? ".0" : fraction);
    }

    /// <summary>timestamptz in UTC with the <c>+00</c> suffix; the fraction only when non-zero (PostgreSQL style).</summary>
    public static string FormatTimestampTz(DateTime utc)
        => utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + Fraction(utc.Ticks) + "+00";

    public static string FormatTime(TimeSpan value)
        => new DateTime(value.Ticks % TimeSpan.TicksPerDay).ToString("HH:mm:ss", CultureInfo.InvariantCulture) + Fraction(value.Ticks);

    private static string Fraction(long ticks) => TemporalText.Fraction(ticks % TimeSpan.TicksPerSecond / 10);

    private static string FormatOffset(TimeSpan offset)
    {
        string sign = offset < TimeSpan.Zero ? "-" : "+";
        var abs = offset.Duration();
        return abs.Minutes == 0
            ? $"{sign}{abs.Hours:D2}"
            : $"{sign}{abs.Hours:D2}:{abs.Minutes:D2}";
    }

    private static string FormatDecimal(decimal value, int? scale)
        => scale is int s ? value.ToString("F" + s.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);

    private static double ParseDouble(string text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        _ => double.Parse(text, CultureInfo.InvariantCulture),
    };

    private static double ParseFloat4(string text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        _ => float.Parse(text, CultureInfo.InvariantCulture),
    };

    private static byte[] ReadBytes(object value)
    {
        switch (value)
        {
            case byte[] bytes:
                return bytes;
            case Stream stream:
            {
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return copy.ToArray();
            }
            case string hex when hex.StartsWith("\\x", StringComparison.Ordinal):
                return Convert.FromHexString(hex.AsSpan(2));
            case string text:
                return Encoding.UTF8.GetBytes(text);
            default:
                return Encoding.UTF8.GetBytes(value.ToString()!);
        }
    }
}
