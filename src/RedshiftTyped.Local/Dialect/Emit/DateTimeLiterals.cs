using System.Globalization;
using System.Text.RegularExpressions;
using RedshiftTyped.Local.Engine;

namespace RedshiftTyped.Local.Dialect.Emit;

/// <summary>
/// Reads date, time and timestamp literals in the forms Redshift accepts (the guide's "Date, time, and timestamp
/// literals", MDY DateStyle: <c>1999-01-08</c>, <c>1/8/1999</c>, <c>01/02/00</c>, <c>January 8, 1999</c>, <c>Jun 1,2008</c>,
/// <c>31-Jan-2000</c>, <c>20080215</c>, <c>080215</c>, <c>2008.366</c>, times <c>04:05:06.789</c>, <c>04:05 PM</c>, zones
/// <c>PST</c>, <c>-8</c>, <c>+08:00</c>, <c>America/New_York</c>) and writes them in ISO form, which every engine reads.
/// A text it cannot read is left as it is (the engine then reports it).
/// </summary>
internal static partial class DateTimeLiterals
{
    private static readonly Dictionary<string, int> Months = new(StringComparer.OrdinalIgnoreCase)
    {
        ["jan"] = 1, ["january"] = 1, ["feb"] = 2, ["february"] = 2, ["mar"] = 3, ["march"] = 3, ["apr"] = 4, ["april"] = 4,
        ["may"] = 5, ["jun"] = 6, ["june"] = 6, ["jul"] = 7, ["july"] = 7, ["aug"] = 8, ["august"] = 8, ["sep"] = 9, ["sept"] = 9,
        ["september"] = 9, ["oct"] = 10, ["october"] = 10, ["nov"] = 11, ["november"] = 11, ["dec"] = 12, ["december"] = 12,
    };

    private static readonly HashSet<string> DayNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thur", "thurs", "thursday", "fri", "friday",
        "sat", "saturday", "sun", "sunday",
    };

    /// <summary>Fixed-offset zone abbreviations (https://docs.aws.amazon.com/redshift/latest/dg/time-zone-abbrevs.html), in minutes east of UTC.</summary>
    private static readonly Dictionary<string, int> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        ["utc"] = 0, ["gmt"] = 0, ["z"] = 0, ["zulu"] = 0, ["ut"] = 0, ["wet"] = 0, ["bst"] = 60, ["cet"] = 60, ["met"] = 60,
        ["cest"] = 120, ["eet"] = 120, ["eest"] = 180, ["msk"] = 180, ["ist"] = 330, ["hkt"] = 480, ["awst"] = 480, ["jst"] = 540,
        ["kst"] = 540, ["acst"] = 570, ["aest"] = 600, ["aedt"] = 660, ["nzst"] = 720, ["nzdt"] = 780,
        ["ast"] = -240, ["adt"] = -180, ["est"] = -300, ["edt"] = -240, ["cst"] = -360, ["cdt"] = -300, ["mst"] = -420,
        ["mdt"] = -360, ["pst"] = -480, ["pdt"] = -420, ["akst"] = -540, ["akdt"] = -480, ["hst"] = -600, ["nst"] = -210, ["ndt"] = -150,
    };

    /// <summary>A zone abbreviation's fixed offset in minutes east of UTC (<c>PST</c> → -480), or null.</summary>
    public static int? FixedOffset(string zone) => Abbreviations.TryGetValue(zone.Trim(), out int minutes) ? minutes : null;

    /// <summary>The literal as <paramref name="type"/> in ISO form, or null when the text is not a form this reader knows.</summary>
    public static string? Normalize(string text, RsType type)
    {
        string s = text.Trim();
        if (s.Length == 0) return null;
        return type switch
        {
            RsType.Date => ParseDateTime(s, allowTime: true) is { } d ? d.Date : null,
            RsType.Timestamp => ParseDateTime(s, allowTime: true) is { } t ? t.Date + " " + t.Time : null,
            RsType.TimestampTz => ParseDateTime(s, allowTime: true) is { } z ? z.Date + " " + z.Time + (z.Zone ?? "+00") : null,
            RsType.Time => ParseTimeOnly(s) is { } time ? time.Time : null,
            RsType.TimeTz => ParseTimeOnly(s) is { } timetz ? timetz.Time + (timetz.Zone ?? "+00") : null,
            _ => null,
        };
    }

    private sealed record Parsed(string Date, string Time, string? Zone);

    private static Parsed? ParseDateTime(string s, bool allowTime)
    {
        // Split off the time (first h:mm) and what follows it (AM/PM, zone).
        string datePart = s, timePart = "";
        var time = TimeRegex().Match(s);
        if (time.Success)
        {
            datePart = s[..time.Index].Trim().TrimEnd('T', 't').Trim();
            timePart = s[time.Index..].Trim();
        }
        else if (CompactDateTime().Match(s) is { Success: true } compact)
        {
            datePart = compact.Groups[1].Value;
            timePart = compact.Groups[2].Value;
        }

        var date = ParseDate(datePart);
        if (date is null) return null;
        if (timePart.Length == 0) return new Parsed(date, "00:00:00", null);
        if (!allowTime) return null;
        var parsedTime = ParseTimeOnly(timePart);
        return parsedTime is null ? null : new Parsed(date, parsedTime.Time, parsedTime.Zone);
    }

    private static string? ParseDate(string s)
    {
        if (s.Length == 0) return null;
        var words = new List<string>();
        var numbers = new List<string>();
        foreach (Match token in DateToken().Matches(s))
        {
            if (char.IsAsciiDigit(token.Value[0])) numbers.Add(token.Value);
            else if (!DayNames.Contains(token.Value) && !token.Value.Equals("ad", StringComparison.OrdinalIgnoreCase)) words.Add(token.Value);
        }

        int year, month, day;
        if (words.Count == 1 && Months.TryGetValue(words[0], out month) && numbers.Count == 2)
        {
            // January 8, 1999 / Jun 1,2008 / 31-Jan-2000 / 2000-Jan-31.
            var (a, b) = (numbers[0], numbers[1]);
            if (a.Length >= 3 || int.Parse(a, CultureInfo.InvariantCulture) > 31) (year, day) = (Year(a), Int(b));
            else (year, day) = (Year(b), Int(a));
        }
        else if (words.Count == 0 && numbers.Count == 3)
        {
            if (numbers[0].Length >= 3) (year, month, day) = (Year(numbers[0]), Int(numbers[1]), Int(numbers[2]));
            else (month, day, year) = (Int(numbers[0]), Int(numbers[1]), Year(numbers[2]));
        }
        else if (words.Count == 0 && numbers.Count == 1 && numbers[0].Length == 8)
        {
            (year, month, day) = (Int(numbers[0][..4]), Int(numbers[0][4..6]), Int(numbers[0][6..]));
        }
        else if (words.Count == 0 && numbers.Count == 1 && numbers[0].Length == 6)
        {
            (year, month, day) = (Year(numbers[0][..2]), Int(numbers[0][2..4]), Int(numbers[0][4..]));
        }
        else if (words.Count == 0 && numbers.Count == 2 && numbers[0].Length == 4 && numbers[1].Length == 3 && s.Contains('.', StringComparison.Ordinal))
        {
            // 2008.366: year and day of the year.
            var first = new DateTime(Int(numbers[0]), 1, 1).AddDays(Int(numbers[1]) - 1);
            return first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        else
        {
            return null;
        }

        if (month is < 1 or > 12 || day < 1 || year is < 1 or > 294276 || day > (year <= 9999 ? DateTime.DaysInMonth(year, month) : 31)) return null;
        return $"{year:0000}-{month:00}-{day:00}";
    }

    private sealed record TimeText(string Time, string? Zone);

    private static TimeText? ParseTimeOnly(string s)
    {
        var match = TimeWithZone().Match(s.Trim());
        if (!match.Success)
        {
            var compact = CompactTime().Match(s.Trim());
            if (!compact.Success) return null;
            return new TimeText($"{compact.Groups[1].Value}:{compact.Groups[2].Value}:{compact.Groups[3].Value}", Zone(compact.Groups[4].Value));
        }

        int hour = Int(match.Groups["h"].Value);
        int minute = Int(match.Groups["m"].Value);
        string second = match.Groups["s"].Success ? match.Groups["s"].Value : "00";
        string fraction = match.Groups["f"].Success ? match.Groups["f"].Value : "";
        string ampm = match.Groups["ampm"].Value.ToLowerInvariant();
        if (ampm == "pm" && hour < 12) hour += 12;
        if (ampm == "am" && hour == 12) hour = 0;
        if (hour > 24 || minute > 59) return null;
        string zoneText = match.Groups["zone"].Value.Trim();
        string? zone = zoneText.Length == 0 ? null : Zone(zoneText);
        if (zoneText.Length > 0 && zone is null) return null;
        return new TimeText($"{hour:00}:{minute:00}:{second}{fraction}", zone);
    }

    /// <summary>A zone as an ISO offset (<c>-08</c>, <c>+05:30</c>) or, for a region name, <c> Region/City</c>.</summary>
    private static string? Zone(string text)
    {
        if (text.Length == 0) return null;
        if (Abbreviations.TryGetValue(text, out int minutes)) return Offset(minutes);
        var offset = OffsetRegex().Match(text);
        if (offset.Success)
        {
            int h = Int(offset.Groups[2].Value);
            int m = offset.Groups[3].Success ? Int(offset.Groups[3].Value) : 0;
            return Offset((offset.Groups[1].Value == "-" ? -1 : 1) * (h * 60 + m));
        }

        return text.Contains('/', StringComparison.Ordinal) ? " " + text : null;
    }

    private static string Offset(int minutes)
    {
        char sign = minutes < 0 ? '-' : '+';
        int abs = Math.Abs(minutes);
        return abs % 60 == 0 ? $"{sign}{abs / 60:00}" : $"{sign}{abs / 60:00}:{abs % 60:00}";
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>A year; two digits are 1970–2069 (as PostgreSQL and Redshift read them).</summary>
    private static int Year(string text)
    {
        int year = Int(text);
        if (text.Length <= 2) year += year < 70 ? 2000 : 1900;
        return year;
    }

    [GeneratedRegex(@"\d{1,2}:\d{2}")]
    private static partial Regex TimeRegex();

    [GeneratedRegex(@"^(\d{8})[ T](\d{6}(?:\.\d+)?)$")]
    private static partial Regex CompactDateTime();

    [GeneratedRegex(@"^(\d{2})(\d{2})(\d{2}(?:\.\d+)?)\s*([+-]\d{1,4}|[A-Za-z/_]+)?$")]
    private static partial Regex CompactTime();

    [GeneratedRegex(@"[A-Za-z]+|\d+")]
    private static partial Regex DateToken();

    [GeneratedRegex(@"^(?<h>\d{1,2}):(?<m>\d{2})(?::(?<s>\d{2})(?<f>\.\d+)?)?\s*(?<ampm>[AaPp][Mm])?\s*(?<zone>[+-]\d{1,2}(?::?\d{2})?|[A-Za-z][A-Za-z/_+-]*)?$")]
    private static partial Regex TimeWithZone();

    [GeneratedRegex(@"^([+-])(\d{1,2}):?(\d{2})?$")]
    private static partial Regex OffsetRegex();
}
