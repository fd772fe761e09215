using System.Globalization;
using System.Text;

namespace RedshiftTyped.Local.Engine;

/// <summary>
/// Dates, timestamps and intervals as Redshift prints them, built from their parts. Redshift keeps PostgreSQL's
/// ranges (dates and timestamps from 4713 BC; r_Datetime_types.md) and text forms: a BC date is
/// <c>0044-03-15 BC</c>, a year past 9999 has all its digits, and an interval prints in PostgreSQL's
/// <c>postgres</c> style (<c>1 year 2 mons</c>, <c>-1 days -02:00:00</c>, <c>36:00:00</c>; r_interval_literals.md).
/// System.DateTime and TimeSpan hold neither, so values outside them are formatted here from the engine's parts.
/// </summary>
internal static class TemporalText
{
    private const long MicrosPerSecond = 1_000_000;
    private const long MicrosPerHour = 3_600 * MicrosPerSecond;

    /// <summary>A date from an astronomical year (0 = 1 BC, -43 = 44 BC, as DuckDB counts), month and day.</summary>
    public static string Date(int year, int month, int day)
    {
        var (shown, bc) = Era(year);
        return string.Create(CultureInfo.InvariantCulture, $"{shown:D4}-{month:D2}-{day:D2}{(bc ? " BC" : "")}");
    }

    /// <summary>A timestamp as the Data API sends it: always a fraction (at least <c>.0</c>), then the era.</summary>
    public static string Timestamp(int year, int month, int day, long microsOfDay)
    {
        var (shown, bc) = Era(year);
        string fraction = Fraction(microsOfDay % MicrosPerSecond);
        return string.Create(CultureInfo.InvariantCulture,
            $"{shown:D4}-{month:D2}-{day:D2} {Clock(microsOfDay)}{(fraction.Length == 0 ? ".0" : fraction)}{(bc ? " BC" : "")}");
    }

    /// <summary>A timestamptz in UTC: the fraction only when non-zero, <c>+00</c>, then the era (PostgreSQL's order).</summary>
    public static string TimestampTz(int year, int month, int day, long microsOfDay)
    {
        var (shown, bc) = Era(year);
        return string.Create(CultureInfo.InvariantCulture,
            $"{shown:D4}-{month:D2}-{day:D2} {Clock(microsOfDay)}{Fraction(microsOfDay % MicrosPerSecond)}+00{(bc ? " BC" : "")}");
    }

    /// <summary>
    /// PostgreSQL's timestamp text (<c>2024-06-12 14:30:45.5</c>, <c>0044-03-15 10:00:00 BC</c>, <c>12000-01-01 00:00:00</c>)
    /// with the fraction the Data API always sends (at least <c>.0</c>). Text that is not a timestamp passes through.
    /// </summary>
    public static string NormalizeTimestamp(string text)
    {
        bool bc = text.EndsWith(" BC", StringComparison.Ordinal);
        string body = bc ? text[..^3] : text;
        int space = body.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0 || body.IndexOf(':', space) < 0)
        {
            return text;
        }

        int dot = body.IndexOf('.', space);
        if (dot < 0)
        {
            body += ".0";
        }
        else
        {
            string trimmed = body.TrimEnd('0');
            body = trimmed.EndsWith('.') ? trimmed + "0" : trimmed;
        }

        return bc ? body + " BC" : body;
    }

    /// <summary>
    /// An interval in PostgreSQL's <c>postgres</c> style, from the three parts both engines keep (months, days,
    /// microseconds; signs independent): years and months from the months, then days, then the time of day with
    /// hours past 24 kept as hours. A field is printed when non-zero; a positive field after a negative one gets
    /// a <c>+</c>; a zero interval is <c>00:00:00</c>.
    /// </summary>
    public static string Interval(int months, int days, long micros)
    {
        var text = new StringBuilder();
        bool isZero = true, isBefore = false;
        void Part(long value, string unit)
        {
            if (value == 0)
            {
                return;
            }

            text.Append(isZero ? "" : " ").Append(isBefore && value > 0 ? "+" : "")
                .Append(value.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(unit).Append(value != 1 ? "s" : "");
            isBefore = value < 0;
            isZero = false;
        }

        Part(months / 12, "year");
        Part(months % 12, "mon");
        Part(days, "day");
        if (isZero || micros != 0)
        {
            bool minus = micros < 0;
            ulong magnitude = minus ? (ulong)(-(micros + 1)) + 1 : (ulong)micros;
            text.Append(isZero ? "" : " ").Append(minus ? "-" : isBefore ? "+" : "");
            ulong hours = magnitude / MicrosPerHour;
            ulong rest = magnitude % MicrosPerHour;
            text.Append(hours.ToString("D2", CultureInfo.InvariantCulture)).Append(':')
                .Append((rest / (60 * MicrosPerSecond)).ToString("D2", CultureInfo.InvariantCulture)).Append(':')
                .Append((rest % (60 * MicrosPerSecond) / MicrosPerSecond).ToString("D2", CultureInfo.InvariantCulture))
                .Append(Fraction((long)(magnitude % MicrosPerSecond)));
        }

        return text.ToString();
    }

    /// <summary>A day-to-second TimeSpan (days and time, one sign) as <see cref="Interval"/> prints it.</summary>
    public static string Interval(TimeSpan span) => Interval(0, span.Days, span.Ticks % TimeSpan.TicksPerDay / 10);

    private static (int Year, bool Bc) Era(int astronomicalYear)
        => astronomicalYear <= 0 ? (1 - astronomicalYear, true) : (astronomicalYear, false);

    private static string Clock(long microsOfDay)
    {
        long seconds = microsOfDay / MicrosPerSecond;
        return string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:D2}:{seconds / 60 % 60:D2}:{seconds % 60:D2}");
    }

    /// <summary>The fraction of a second, trailing zeros trimmed; empty when zero.</summary>
    public static string Fraction(long micros)
        => micros == 0 ? "" : "." + micros.ToString("D6", CultureInfo.InvariantCulture).TrimEnd('0');
}
