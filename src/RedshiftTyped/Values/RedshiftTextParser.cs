// Plumbing hidden from IntelliSense (EditorBrowsable(Never)) for generated code and the client; each method's name says
// what it reads, and the class summary how.
#pragma warning disable CS1591

using System.Data.SqlTypes;
using System.Globalization;

namespace RedshiftTyped.Values;

/// <summary>
/// A date or timestamp Redshift can hold but .NET's DateOnly, DateTime and DateTimeOffset cannot: before year 1
/// (Redshift prints <c>0044-03-15 BC</c>; its dates reach 4713 BC) or after 9999 (<c>10000-01-01</c>; up to 294276 AD).
/// </summary>
public sealed class DateOutOfRangeException(string text)
    : FormatException($"\"{text}\" is outside the years 1 to 9999 that .NET's DateOnly and DateTime hold (Redshift's dates run from 4713 BC to 294276 AD)")
{
    /// <summary>The value as Redshift printed it.</summary>
    public string Text { get; } = text;

    /// <summary>Whether <paramref name="text"/> is a date or timestamp of Redshift's beyond .NET's years 1 to 9999 (BC, or a five-digit year).</summary>
    public static bool Describes(string text)
    {
        string trimmed = text.Trim();
        if (trimmed.EndsWith(" BC", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        int dash = trimmed.IndexOf('-', 1);
        return dash > 4 && trimmed[..dash].All(char.IsAsciiDigit);
    }
}

/// <summary>
/// Parses the text forms Redshift sends (in stringValue and in CSV results), invariantly and exactly:
/// numerics without a detour through double, timestamps to the microsecond, varbyte from base64. Dates and timestamps
/// beyond .NET's years 1 to 9999 throw <see cref="DateOutOfRangeException"/>.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class RedshiftTextParser
{
    private static readonly string[] TimeFormats =
        ["HH:mm:ss", "HH:mm:ss.F", "HH:mm:ss.FF", "HH:mm:ss.FFF", "HH:mm:ss.FFFF", "HH:mm:ss.FFFFF", "HH:mm:ss.FFFFFF"];

    /// <summary>int2 text: <c>-?[0-9]+</c> only (no spaces, plus sign or trailing NULs, which .NET's parser would take).</summary>
    internal static short ParseInt16(string text)
        => short.Parse(Canonical(text, CanonicalText.IsInteger(text), "an integer"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    /// <summary>int4 text, as <see cref="ParseInt16"/>.</summary>
    internal static int ParseInt32(string text)
        => int.Parse(Canonical(text, CanonicalText.IsInteger(text), "an integer"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    /// <summary>int8 text, as <see cref="ParseInt16"/>.</summary>
    internal static long ParseInt64(string text)
        => long.Parse(Canonical(text, CanonicalText.IsInteger(text), "an integer"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    /// <summary>float4 text: digits with an optional exponent, or NaN, Infinity, -Infinity.</summary>
    internal static float ParseSingle(string text)
        => float.Parse(Canonical(text, CanonicalText.IsFloat(text), "a floating-point number"), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>float8 text, as <see cref="ParseSingle"/>.</summary>
    internal static double ParseDouble(string text)
        => double.Parse(Canonical(text, CanonicalText.IsFloat(text), "a floating-point number"), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>numeric text: <c>-?[0-9]+(.[0-9]+)?</c>, the one form Redshift prints (no exponent, spaces or plus sign).</summary>
    public static decimal ParseDecimal(string text)
        => decimal.Parse(Canonical(text, CanonicalText.IsNumeric(text), "a numeric"), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    /// <summary>Up to 38 significant digits, the full range of Redshift's numeric; the form of <see cref="ParseDecimal"/>.</summary>
    public static SqlDecimal ParseSqlDecimal(string text) => SqlDecimal.Parse(Canonical(text, CanonicalText.IsNumeric(text), "a numeric"));

    /// <summary><c>t</c>, <c>f</c>, <c>true</c> or <c>false</c>, as Redshift prints a boolean.</summary>
    public static bool ParseBoolean(string text) => text switch
    {
        "t" or "true" => true,
        "f" or "false" => false,
        _ => throw new FormatException("not a Redshift boolean (expected t, f, true or false)."),
    };

    /// <summary>
    /// The text when it holds only what Redshift's date and time forms hold (digits, <c>- : . +</c> and the one space of a
    /// timestamp), since .NET's exact-format parsers still skip trailing NULs.
    /// </summary>
    private static string Temporal(string text)
        => CanonicalText.IsTemporal(text) ? text : throw new FormatException("not a date or time as Redshift prints one (digits, '-', ':', '.', one space).");

    /// <summary>The text when <paramref name="canonical"/>; otherwise a FormatException naming the form expected.</summary>
    private static string Canonical(string text, bool canonical, string what)
        => canonical ? text : throw new FormatException($"not {what} as Redshift prints one ({Expected(what)}).");

    private static string Expected(string what) => what switch
    {
        "an integer" => "digits with an optional leading minus",
        "a numeric" => "digits, an optional point and digits, an optional leading minus; no exponent",
        _ => "digits, an optional point, digits and exponent, or NaN, Infinity, -Infinity",
    };

    /// <summary><c>YYYY-MM-DD</c> exactly (no spaces).</summary>
    public static DateOnly ParseDate(string text)
        => DateOutOfRangeException.Describes(text)
            ? throw new DateOutOfRangeException(text.Trim())
            : DateOnly.ParseExact(Temporal(text), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary><c>HH:MM:SS[.ffffff]</c> exactly (no spaces).</summary>
    public static TimeOnly ParseTime(string text)
        => TimeOnly.ParseExact(Temporal(text), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None);

    /// <summary><c>YYYY-MM-DD HH:MM:SS[.ffffff]</c> exactly (one space between, none around), Kind Unspecified.</summary>
    public static DateTime ParseTimestamp(string text)
    {
        ThrowIfBeyondRange(text);
        var (date, time) = SplitDateTime(text);
        return ParseDate(date).ToDateTime(ParseTime(time), DateTimeKind.Unspecified);
    }

    /// <summary><c>YYYY-MM-DD HH:MM:SS[.ffffff]+00</c> (any offset as ±HH[:MM]); returned in UTC.</summary>
    public static DateTimeOffset ParseTimestampTz(string text)
    {
        ThrowIfBeyondRange(text);
        var (date, rest) = SplitDateTime(text);
        var (time, offset) = SplitOffset(rest);
        var local = ParseDate(date).ToDateTime(ParseTime(time), DateTimeKind.Unspecified);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>
    /// <c>HH:MM:SS[.ffffff]±HH[:MM]</c> as a DateTimeOffset on 0001-01-02, the convention Npgsql uses for timetz
    /// (the day after the minimum, so that any offset stays in range).
    /// </summary>
    public static DateTimeOffset ParseTimeTz(string text)
    {
        var (time, offset) = SplitOffset(text);
        return new DateTimeOffset(new DateOnly(1, 1, 2).ToDateTime(ParseTime(time)), offset);
    }

    /// <summary>
    /// Day-to-second intervals as Redshift prints them: <c>1 day 02:03:04.5</c>, <c>-1 days -02:00:00</c>, <c>36:00:00</c>,
    /// <c>3 days</c>. An interval holding months (<c>1 year 2 mons</c>) throws <see cref="OverflowException"/>: a month has
    /// no fixed length (see <see cref="RedshiftInterval"/>).
    /// </summary>
    public static TimeSpan ParseInterval(string text) => RedshiftInterval.Parse(text).ToTimeSpan();

    private static void ThrowIfBeyondRange(string text)
    {
        if (DateOutOfRangeException.Describes(text))
        {
            throw new DateOutOfRangeException(text.Trim());
        }
    }

    /// <summary>Base64 without the white space <see cref="Convert.FromBase64String"/> would skip.</summary>
    public static byte[] ParseVarByte(string base64)
        => base64.AsSpan().ContainsAny(" \t\r\n")
            ? throw new FormatException("not base64 as the Data API sends varbyte (white space inside).")
            : Convert.FromBase64String(base64);

    private static (string Date, string Time) SplitDateTime(string text)
    {
        int split = text.IndexOf(' ', StringComparison.Ordinal);
        if (split != 10)
        {
            throw new FormatException("not a Redshift timestamp (expected YYYY-MM-DD HH:MM:SS[.ffffff]).");
        }

        return (text[..split], text[(split + 1)..]);
    }

    private static (string Time, TimeSpan Offset) SplitOffset(string text)
    {
        int sign = text.LastIndexOfAny(['+', '-']);
        if (sign < 0)
        {
            throw new FormatException("no time zone offset (Redshift prints +HH or +HH:MM).");
        }

        // ±HH or ±HH:MM, as Redshift prints offsets.
        string zone = text[(sign + 1)..];
        if (!(zone.Length == 2 || (zone.Length == 5 && zone[2] == ':')) || !CanonicalText.IsInteger(zone.AsSpan(0, 2)) || (zone.Length == 5 && !CanonicalText.IsInteger(zone.AsSpan(3))))
        {
            throw new FormatException("does not end in a time zone offset as Redshift prints one (+HH or +HH:MM).");
        }

        int hours = int.Parse(zone.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture);
        int minutes = zone.Length == 5 ? int.Parse(zone.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture) : 0;
        var offset = new TimeSpan(hours, minutes, 0);
        return (text[..sign], text[sign] == '-' ? offset.Negate() : offset);
    }
}
