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
        ["HH:mm:ss", "HH:mm:ss.F", "HH:mm:ss.FF", "HH:mm:ss.FFF", "HH:mm:ss.FFFF", "HH:mm:ss.FFFFF", "HH:mm:ss.FFFFFF", "HH:mm"];

    public static decimal ParseDecimal(string text)
        => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Up to 38 significant digits, the full range of Redshift's numeric.</summary>
    public static SqlDecimal ParseSqlDecimal(string text)
    {
        string plain = text.Trim();
        if (plain.Contains('e') || plain.Contains('E'))
        {
            // SqlDecimal.Parse takes no exponent; such values come only from float casts and fit decimal.
            return new SqlDecimal(ParseDecimal(plain));
        }

        return SqlDecimal.Parse(plain);
    }

    public static bool ParseBoolean(string text) => text.Trim().ToLowerInvariant() switch
    {
        "t" or "true" or "1" or "y" or "yes" => true,
        "f" or "false" or "0" or "n" or "no" => false,
        _ => throw new FormatException($"\"{text}\" is not a Redshift boolean (expected t, f, true or false)."),
    };

    public static DateOnly ParseDate(string text)
        => DateOutOfRangeException.Describes(text)
            ? throw new DateOutOfRangeException(text.Trim())
            : DateOnly.ParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static TimeOnly ParseTime(string text)
        => TimeOnly.ParseExact(text.Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None);

    /// <summary><c>YYYY-MM-DD HH:MM:SS[.ffffff]</c> (a <c>T</c> separator is accepted too), Kind Unspecified.</summary>
    public static DateTime ParseTimestamp(string text)
    {
        ThrowIfBeyondRange(text);
        var (date, time) = SplitDateTime(text.Trim());
        return ParseDate(date).ToDateTime(ParseTime(time), DateTimeKind.Unspecified);
    }

    /// <summary><c>YYYY-MM-DD HH:MM:SS[.ffffff]+00</c> (any offset as ±HH[:MM]); returned in UTC.</summary>
    public static DateTimeOffset ParseTimestampTz(string text)
    {
        ThrowIfBeyondRange(text);
        var (date, rest) = SplitDateTime(text.Trim());
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
        var (time, offset) = SplitOffset(text.Trim());
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

    public static byte[] ParseVarByte(string base64) => Convert.FromBase64String(base64);

    private static (string Date, string Time) SplitDateTime(string text)
    {
        int split = text.IndexOfAny([' ', 'T']);
        if (split != 10)
        {
            throw new FormatException($"\"{text}\" is not a Redshift timestamp (expected YYYY-MM-DD HH:MM:SS[.ffffff]).");
        }

        return (text[..split], text[(split + 1)..]);
    }

    private static (string Time, TimeSpan Offset) SplitOffset(string text)
    {
        int sign = text.LastIndexOfAny(['+', '-']);
        if (text.EndsWith('Z'))
        {
            return (text[..^1], TimeSpan.Zero);
        }

        if (sign < 0)
        {
            return (text, TimeSpan.Zero);
        }

        string zone = text[(sign + 1)..];
        var parts = zone.Length == 4 && !zone.Contains(':') ? [zone[..2], zone[2..]] : zone.Split(':');
        int hours = int.Parse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture);
        int minutes = parts.Length > 1 ? int.Parse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture) : 0;
        var offset = new TimeSpan(hours, minutes, 0);
        return (text[..sign], text[sign] == '-' ? offset.Negate() : offset);
    }
}
