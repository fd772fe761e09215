using System.Globalization;
using System.Text;

namespace RedshiftTyped.Values;

/// <summary>
/// An interval as Redshift holds it: months, days and microseconds, each signed, kept apart because a month has no fixed
/// number of days and a day (across a time-zone change) no fixed number of hours. Parsed from the text Redshift prints
/// (<c>1 year 2 mons 3 days 04:05:06.5</c>, <c>-1 days -02:00:00</c>, <c>36:00:00</c>, <c>3 mons</c>; the verbose
/// <c>@ 1 year 2 mons ago</c> form too). A day-to-second interval converts to a <see cref="TimeSpan"/>; one with months
/// does not.
/// </summary>
/// <param name="Months">Years and months, as months.</param>
/// <param name="Days">Days (and weeks).</param>
/// <param name="Microseconds">Hours, minutes, seconds and their fraction, as microseconds.</param>
public readonly record struct RedshiftInterval(int Months, int Days, long Microseconds)
{
    /// <summary>Whether the interval holds months (a year-to-month interval, or a mixed one).</summary>
    public bool HasMonths => Months != 0;

    /// <summary>
    /// Days of 24 hours plus the time part. Throws <see cref="OverflowException"/> when the interval holds months, which
    /// have no fixed length.
    /// </summary>
    public TimeSpan ToTimeSpan() => HasMonths
        ? throw new OverflowException($"the interval {this} holds months, which a TimeSpan cannot (a month has no fixed length)")
        : TimeSpan.FromDays(Days) + TimeSpan.FromTicks(checked(Microseconds * 10));

    /// <summary>Parses Redshift's interval text; throws <see cref="FormatException"/> saying what it could not read.</summary>
    public static RedshiftInterval Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int start = parts.Length > 0 && parts[0] == "@" ? 1 : 0;
        bool ago = parts.Length > start && parts[^1] == "ago";
        int end = ago ? parts.Length - 1 : parts.Length;
        if (end <= start)
        {
            throw new FormatException($"\"{text}\" is not a Redshift interval (it is empty).");
        }

        long months = 0, days = 0, micros = 0;
        for (int i = start; i < end; i++)
        {
            string part = parts[i].TrimEnd(',');
            if (part.Contains(':', StringComparison.Ordinal))
            {
                micros += Clock(part, text);
                continue;
            }

            if (!decimal.TryParse(part, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal amount))
            {
                throw new FormatException($"\"{text}\" is not a Redshift interval (\"{part}\" is neither a number nor hh:mm:ss).");
            }

            string unit = i + 1 < end ? parts[++i].TrimEnd(',').ToLowerInvariant() : "second";
            switch (unit)
            {
                case "year" or "years" or "yr" or "yrs" or "y":
                    months += Whole(amount * 12, text);
                    break;
                case "mon" or "mons" or "month" or "months":
                    months += Whole(amount, text);
                    break;
                case "week" or "weeks" or "w":
                    days += Whole(amount * 7, text);
                    break;
                case "day" or "days" or "d":
                    days += Whole(amount, text);
                    break;
                case "hour" or "hours" or "hr" or "hrs" or "h":
                    micros += Whole(amount * 3_600_000_000m, text);
                    break;
                case "min" or "mins" or "minute" or "minutes" or "m":
                    micros += Whole(amount * 60_000_000m, text);
                    break;
                case "sec" or "secs" or "second" or "seconds" or "s":
                    micros += Whole(amount * 1_000_000m, text);
                    break;
                case "millisecond" or "milliseconds" or "ms" or "msec" or "msecs":
                    micros += Whole(amount * 1_000m, text);
                    break;
                case "microsecond" or "microseconds" or "us" or "usec" or "usecs":
                    micros += Whole(amount, text);
                    break;
                default:
                    throw new FormatException($"\"{text}\" is not a Redshift interval (unknown unit \"{unit}\").");
            }
        }

        var interval = new RedshiftInterval(checked((int)months), checked((int)days), micros);
        return ago ? new RedshiftInterval(-interval.Months, -interval.Days, -interval.Microseconds) : interval;
    }

    /// <summary><c>[-]H+:MM[:SS[.ffffff]]</c>; the hours may pass 24 (<c>36:00:00</c>).</summary>
    private static long Clock(string part, string text)
    {
        bool negative = part.StartsWith('-');
        var pieces = part.TrimStart('-', '+').Split(':');
        if (pieces.Length is < 2 or > 3
            || !long.TryParse(pieces[0], NumberStyles.None, CultureInfo.InvariantCulture, out long hours)
            || !long.TryParse(pieces[1], NumberStyles.None, CultureInfo.InvariantCulture, out long minutes) || minutes > 59)
        {
            throw new FormatException($"\"{text}\" is not a Redshift interval (\"{part}\" is not hh:mm:ss).");
        }

        decimal seconds = 0;
        if (pieces.Length == 3 && (!decimal.TryParse(pieces[2], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out seconds) || seconds >= 60))
        {
            throw new FormatException($"\"{text}\" is not a Redshift interval (\"{part}\" is not hh:mm:ss).");
        }

        long micros = checked((hours * 3600 + minutes * 60) * 1_000_000 + (long)decimal.Round(seconds * 1_000_000m));
        return negative ? -micros : micros;
    }

    private static long Whole(decimal value, string text)
        => decimal.Truncate(value) == value
            ? checked((long)value)
            : throw new FormatException($"\"{text}\" is not a Redshift interval: a part does not come to a whole number of its unit.");

    /// <summary>Redshift's own form: <c>1 year 2 mons -3 days +04:05:06.5</c>, <c>00:00:00</c> for zero.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        int years = Months / 12, months = Months % 12;
        void Unit(long value, string singular, string plural)
        {
            if (value != 0)
            {
                text.Append(text.Length > 0 ? " " : "").Append(value.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(value == 1 ? singular : plural); // Redshift prints "1 day" but "-1 days"
            }
        }

        Unit(years, "year", "years");
        Unit(months, "mon", "mons");
        Unit(Days, "day", "days");
        if (Microseconds != 0 || text.Length == 0)
        {
            long abs = Math.Abs(Microseconds);
            string clock = string.Create(CultureInfo.InvariantCulture, $"{abs / 3_600_000_000:00}:{abs / 60_000_000 % 60:00}:{abs / 1_000_000 % 60:00}");
            if (abs % 1_000_000 != 0)
            {
                clock += "." + (abs % 1_000_000).ToString("000000", CultureInfo.InvariantCulture).TrimEnd('0');
            }

            string sign = Microseconds < 0 ? "-" : text.Length > 0 && (Months < 0 || Days < 0) ? "+" : "";
            text.Append(text.Length > 0 ? " " : "").Append(sign).Append(clock);
        }

        return text.ToString();
    }
}
