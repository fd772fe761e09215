namespace RedshiftTyped.Local.Dialect.Functions;

/// <summary>
/// Redshift's date parts and their abbreviations, normalised to one canonical name, as the guide's table "Date parts
/// for date or timestamp functions" lists them (https://docs.aws.amazon.com/redshift/latest/dg/r_Dateparts_for_datetime_functions.html):
/// they are accepted by DATEADD, DATEDIFF, DATE_PART, DATE_TRUNC and EXTRACT, quoted or not.
/// </summary>
internal static class DateParts
{
    public const string Millennium = "millennium";
    public const string Century = "century";
    public const string Decade = "decade";
    public const string Epoch = "epoch";
    public const string Year = "year";
    public const string Quarter = "quarter";
    public const string Month = "month";
    public const string Week = "week";
    public const string DayOfWeek = "dayofweek";
    public const string DayOfYear = "dayofyear";
    public const string Day = "day";
    public const string Hour = "hour";
    public const string Minute = "minute";
    public const string Second = "second";
    public const string Millisecond = "millisecond";
    public const string Microsecond = "microsecond";
    public const string Timezone = "timezone";
    public const string TimezoneHour = "timezone_hour";
    public const string TimezoneMinute = "timezone_minute";

    private static readonly Dictionary<string, string> Canonical = Build(
        (Millennium, ["millennium", "millennia", "mil", "mils"]),
        (Century, ["century", "centuries", "c", "cent", "cents"]),
        (Decade, ["decade", "decades", "dec", "decs"]),
        (Epoch, ["epoch"]),
        (Year, ["year", "years", "y", "yr", "yrs"]),
        (Quarter, ["quarter", "quarters", "qtr", "qtrs"]),
        (Month, ["month", "months", "mon", "mons"]),
        (Week, ["week", "weeks", "w"]),
        (DayOfWeek, ["dayofweek", "dow", "dw", "weekday"]),
        (DayOfYear, ["dayofyear", "doy", "dy", "yearday"]),
        (Day, ["day", "days", "d"]),
        (Hour, ["hour", "hours", "h", "hr", "hrs"]),
        (Minute, ["minute", "minutes", "m", "min", "mins"]),
        (Second, ["second", "seconds", "s", "sec", "secs"]),
        (Millisecond, ["millisecond", "milliseconds", "ms", "msec", "msecs", "msecond", "mseconds", "millisec", "millisecs", "millisecon"]),
        (Microsecond, ["microsecond", "microseconds", "microsec", "microsecs", "usecond", "useconds", "us", "usec", "usecs"]),
        (Timezone, ["timezone"]),
        (TimezoneHour, ["timezone_hour"]),
        (TimezoneMinute, ["timezone_minute"]));

    /// <summary>The canonical date part for a name or abbreviation (any case), or null when Redshift does not know it.</summary>
    public static string? Normalize(string written) => Canonical.GetValueOrDefault(written.Trim().ToLowerInvariant());

    private static Dictionary<string, string> Build(params (string Part, string[] Names)[] rows)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (part, names) in rows)
        {
            foreach (string name in names) map[name] = part;
        }

        return map;
    }
}
