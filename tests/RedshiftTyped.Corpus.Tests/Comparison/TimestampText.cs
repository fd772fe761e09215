using System.Globalization;
using System.Text.RegularExpressions;

namespace RedshiftTyped.Corpus.Tests.Comparison;

/// <summary>
/// The reference runner's leniency for date/time text: psql prints <c>2008-01-01 10:00:00</c> where the Data API may
/// send <c>2008-01-01T10:00:00.000000</c>, and a timestamptz may be shown in another session time zone.
/// </summary>
internal static partial class TimestampText
{
    /// <summary>
    /// run_corpus.py's <c>norm_ts</c>: the optional date with <c>T</c> turned into a space, the time, the fraction without
    /// trailing zeros, and a whole-hour offset shortened to <c>+HH</c>; <c>null</c> when the text is not a time.
    /// </summary>
    public static string? Normalize(string text)
    {
        var match = TimestampPattern().Match(text);
        if (!match.Success) return null;
        string date = match.Groups[1].Value, time = match.Groups[2].Value, fraction = match.Groups[3].Value, zone = match.Groups[4].Value;
        fraction = fraction.TrimEnd('0');
        if (fraction == ".") fraction = "";
        if (zone.Length > 0 && WholeHourOffset().IsMatch(zone)) zone = zone[..3];
        return date.Replace('T', ' ') + time + fraction + zone;
    }

    /// <summary>
    /// run_corpus.py's <c>tstz_instant</c>: the UTC instant of a normalized <c>date time±zone</c> text, or <c>null</c>
    /// when it has no date or no zone. Fields out of range (month 13, hour 25) throw, as Python's datetime does, and the
    /// reference runner then reports the case as a runner exception.
    /// </summary>
    public static DateTime? Instant(string text)
    {
        var match = ZonedTimestampPattern().Match(text.Trim());
        if (!match.Success) return null;
        string[] date = match.Groups[1].Value.Split('-');
        int microseconds = 0;
        if (match.Groups[5].Success)
        {
            double fraction = double.Parse(match.Groups[5].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            microseconds = (int)Math.Round(fraction * 1e6, MidpointRounding.ToEven);
            if (microseconds > 999_999) throw new ArgumentOutOfRangeException(nameof(text), $"microsecond must be in 0..999999: {text}");
        }

        var local = new DateTime(Int(date[0]), Int(date[1]), Int(date[2]), Int(match.Groups[2].Value), Int(match.Groups[3].Value),
            Int(match.Groups[4].Value)).AddTicks(microseconds * 10L);
        var offset = new TimeSpan(Int(match.Groups[7].Value), match.Groups[8].Success ? Int(match.Groups[8].Value) : 0, 0);
        return match.Groups[6].Value == "+" ? local - offset : local + offset;
    }

    private static int Int(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    // Python's re: \d is any Unicode digit and $ also matches before a final newline, as in .NET without options.
    [GeneratedRegex(@"^(\d{4}-\d{2}-\d{2}[ T])?(\d{2}:\d{2}:\d{2})(\.\d*)?([+-]\d{2}(?::?\d{2})?)?$")]
    private static partial Regex TimestampPattern();

    [GeneratedRegex(@"\A[+-]\d{2}:?00\z")]
    private static partial Regex WholeHourOffset();

    [GeneratedRegex(@"^(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d+)?([+-])(\d{2}):?(\d{2})?$")]
    private static partial Regex ZonedTimestampPattern();
}
