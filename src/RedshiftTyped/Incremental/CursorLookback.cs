using System.Data.SqlTypes;
using System.Globalization;
using System.Text.RegularExpressions;
using RedshiftTyped.Values;

namespace RedshiftTyped.Incremental;

/// <summary>
/// How far below the cursor's high-water mark each read looks again, for late commits: Redshift reads are snapshot
/// isolated (Database Developer Guide, "Isolation levels in Amazon Redshift", c_serial_isolation), so a transaction that
/// commits after a read with a cursor value below the read's high-water mark is invisible to a strict "after the offset".
/// With a lookback, every read re-reads the rows whose cursor is at least <c>high-water mark − lookback</c> and drops
/// those it already emitted with the same key and cursor value. A duration for date and timestamp cursors
/// (<c>CursorLookback.Of(TimeSpan.FromHours(2))</c>, <c>"2 hours"</c>), a number of cursor units for numeric cursors
/// (<c>CursorLookback.Of(1000m)</c>, <c>"1000"</c>).
/// </summary>
public sealed partial class CursorLookback
{
    private CursorLookback(TimeSpan? duration, decimal? amount)
    {
        Duration = duration;
        Amount = amount;
    }

    /// <summary>The window of a date or timestamp cursor; null for a numeric one.</summary>
    public TimeSpan? Duration { get; }

    /// <summary>The window of a numeric cursor, in its units; null for a date or timestamp one.</summary>
    public decimal? Amount { get; }

    /// <summary>A window for a date or timestamp cursor (more than zero, whole microseconds).</summary>
    /// <param name="duration">How far below the high-water mark to read again.</param>
    public static CursorLookback Of(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A lookback window must be longer than zero.");
        }

        return new CursorLookback(TimeSpan.FromTicks(duration.Ticks - (duration.Ticks % 10)), null);
    }

    /// <summary>A window for a numeric cursor, in the cursor's units (more than zero).</summary>
    /// <param name="amount">How far below the high-water mark to read again.</param>
    public static CursorLookback Of(decimal amount)
    {
        if (amount <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "A lookback window must be greater than zero.");
        }

        return new CursorLookback(null, amount);
    }

    /// <summary>
    /// Reads a window as a pipeline spec writes it: a number of cursor units (<c>1000</c>), a duration of one or more
    /// amounts and units (<c>2 hours</c>, <c>1 day 12 hours</c>, <c>90 min</c>; units microseconds, milliseconds,
    /// seconds, minutes, hours, days, weeks and their abbreviations us, ms, s, sec, m, min, h, d, w), or an ISO 8601
    /// duration (<c>PT2H</c>, <c>P1D</c>).
    /// </summary>
    /// <param name="text">The window's text.</param>
    /// <exception cref="FormatException">The text is none of those, or not greater than zero.</exception>
    public static CursorLookback Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var lookback, out string? why) ? lookback : throw new FormatException(why);
    }

    internal static bool TryParse(string text, out CursorLookback lookback, out string? why)
    {
        lookback = null!;
        string trimmed = text.Trim();
        why = $"\"{text}\" is not a lookback window; give a duration such as \"2 hours\", \"30 minutes\", \"1 day\" or \"PT2H\" " +
              "for a date or timestamp cursor, or a number of cursor units such as 1000 for a numeric cursor.";
        if (trimmed.Length == 0)
        {
            return false;
        }

        if (decimal.TryParse(trimmed, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out decimal amount))
        {
            if (amount <= 0)
            {
                why = $"lookback {text} must be greater than zero.";
                return false;
            }

            lookback = new CursorLookback(null, amount);
            why = null;
            return true;
        }

        TimeSpan duration;
        if (trimmed[0] is 'P' or 'p')
        {
            try
            {
                duration = System.Xml.XmlConvert.ToTimeSpan(trimmed.ToUpperInvariant());
            }
            catch (FormatException)
            {
                return false;
            }
        }
        else if (!TryParseAmounts(trimmed, out duration))
        {
            return false;
        }

        if (duration <= TimeSpan.Zero)
        {
            why = $"lookback \"{text}\" must be longer than zero.";
            return false;
        }

        lookback = Of(duration);
        why = null;
        return true;
    }

    private static bool TryParseAmounts(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var matches = AmountPattern().Matches(text);
        if (matches.Count == 0 || string.Concat(matches.Select(m => m.Value)).Length != text.Length)
        {
            return false;
        }

        foreach (Match match in matches)
        {
            double amount = double.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
            double? unitMicroseconds = match.Groups["unit"].Value.ToLowerInvariant() switch
            {
                "us" or "microsecond" or "microseconds" => 1,
                "ms" or "millisecond" or "milliseconds" => 1_000,
                "s" or "sec" or "secs" or "second" or "seconds" => 1_000_000,
                "m" or "min" or "mins" or "minute" or "minutes" => 60_000_000,
                "h" or "hr" or "hrs" or "hour" or "hours" => 3_600_000_000,
                "d" or "day" or "days" => 86_400_000_000,
                "w" or "week" or "weeks" => 604_800_000_000,
                _ => null,
            };
            if (unitMicroseconds is not { } unit)
            {
                return false;
            }

            duration += TimeSpan.FromTicks((long)Math.Round(amount * unit * 10));
        }

        return true;
    }

    [GeneratedRegex(@"\s*(?<n>[0-9]+(\.[0-9]+)?)\s*(?<unit>[a-zA-Z]+)\s*,?")]
    private static partial Regex AmountPattern();

    /// <summary>Why this window cannot be used with a cursor of that type, or null when it can.</summary>
    internal string? Incompatibility(RedshiftType cursorType, string cursorColumn)
    {
        bool temporal = cursorType is RedshiftType.Date or RedshiftType.Timestamp or RedshiftType.TimestampTz;
        bool numeric = cursorType is RedshiftType.SmallInt or RedshiftType.Integer or RedshiftType.BigInt or RedshiftType.Numeric
            or RedshiftType.Real or RedshiftType.DoublePrecision;
        if (!temporal && !numeric)
        {
            return $"A lookback needs a numeric, date or timestamp cursor, but \"{cursorColumn}\" is {Describe(cursorType)}: " +
                   "remove the lookback, or choose such a cursor column.";
        }

        if (temporal && Duration is null)
        {
            return $"Lookback {this} is a number, but cursor \"{cursorColumn}\" is a {Describe(cursorType)}: give a duration such as \"2 hours\".";
        }

        if (numeric && Amount is null)
        {
            return $"Lookback {this} is a duration, but cursor \"{cursorColumn}\" is {Describe(cursorType)}: give a number of cursor units such as 1000.";
        }

        return null;
    }

    /// <summary>The lowest cursor value a read re-reads: the high-water mark less the window (whole units for integers).</summary>
    internal object LowerBound(object highWaterMark) => highWaterMark switch
    {
        DateTime timestamp => timestamp.Ticks - Duration!.Value.Ticks < DateTime.MinValue.Ticks ? DateTime.MinValue : timestamp - Duration!.Value,
        DateTimeOffset timestampTz => timestampTz.UtcTicks - Duration!.Value.Ticks < DateTime.MinValue.Ticks
            ? DateTimeOffset.MinValue : timestampTz - Duration!.Value,
        DateOnly date => DateOnly.FromDateTime(date.ToDateTime(TimeOnly.MinValue) - Duration!.Value > DateTime.MinValue
            ? date.ToDateTime(TimeOnly.MinValue) - Duration!.Value : DateTime.MinValue),
        short value => (long)Math.Floor(value - Amount!.Value),
        int value => (long)Math.Floor(value - Amount!.Value),
        long value => value - (long)Math.Ceiling(Amount!.Value),
        decimal value => value - Amount!.Value,
        SqlDecimal value => value - new SqlDecimal(Amount!.Value),
        float value => (double)value - (double)Amount!.Value,
        double value => value - (double)Amount!.Value,
        _ => throw new InvalidOperationException($"A lookback cannot be taken below a {highWaterMark.GetType().Name} cursor value."),
    };

    private static string Describe(RedshiftType type) => RedshiftTypeNames.ShortName(type) ?? "of an unknown type";

    /// <summary>The window as <see cref="Parse"/> reads it back: <c>2 hours</c>, <c>90 minutes</c>, <c>1000</c>.</summary>
    public override string ToString()
    {
        if (Amount is { } amount)
        {
            return amount.ToString(CultureInfo.InvariantCulture);
        }

        var d = Duration!.Value;
        return d.Ticks % TimeSpan.TicksPerDay == 0 ? Plural(d.Ticks / TimeSpan.TicksPerDay, "day")
            : d.Ticks % TimeSpan.TicksPerHour == 0 ? Plural(d.Ticks / TimeSpan.TicksPerHour, "hour")
            : d.Ticks % TimeSpan.TicksPerMinute == 0 ? Plural(d.Ticks / TimeSpan.TicksPerMinute, "minute")
            : d.Ticks % TimeSpan.TicksPerSecond == 0 ? Plural(d.Ticks / TimeSpan.TicksPerSecond, "second")
            : Plural(d.Ticks / 10, "microsecond");

        static string Plural(long n, string unit) => n.ToString(CultureInfo.InvariantCulture) + " " + unit + (n == 1 ? string.Empty : "s");
    }
}
