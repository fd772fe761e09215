using System.Globalization;
using System.Text.RegularExpressions;

namespace RedshiftTyped.Tool.Cli;

/// <summary>Durations as written on a command line: <c>50ms</c>, <c>2s</c>, <c>1.5s</c>, <c>1m</c>; a bare number is seconds.</summary>
internal static partial class DurationText
{
    /// <summary>Parses <paramref name="text"/>, or throws <see cref="UsageException"/> naming <paramref name="flag"/>.</summary>
    public static TimeSpan Parse(string text, string flag)
    {
        var match = Pattern().Match(text.Trim());
        if (!match.Success || !double.TryParse(match.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value))
        {
            throw new UsageException($"{flag} \"{text}\" is not a duration: write e.g. 50ms, 2s or 1.5m.");
        }

        // Compared in the number's own unit first: TimeSpan.From* overflows (OverflowException) long before double does.
        var (unit, fromUnit) = match.Groups[2].Value switch
        {
            "ms" => (TimeSpan.FromMilliseconds(1), (Func<double, TimeSpan>)TimeSpan.FromMilliseconds),
            "m" or "min" => (TimeSpan.FromMinutes(1), TimeSpan.FromMinutes),
            _ => (TimeSpan.FromSeconds(1), TimeSpan.FromSeconds),
        };
        return value <= Longest / unit
            ? fromUnit(value)
            : throw new UsageException($"{flag} {text} is longer than 24 hours; give a shorter duration.");
    }

    /// <summary>The longest duration a flag takes.</summary>
    private static readonly TimeSpan Longest = TimeSpan.FromHours(24);

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)\s*(ms|s|m|min)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
