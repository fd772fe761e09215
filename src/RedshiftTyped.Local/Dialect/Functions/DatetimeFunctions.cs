using RedshiftTyped.Local.Dialect.Typing;
using RedshiftTyped.Local.Engine;
using RedshiftTyped.Local.Statements;
using static RedshiftTyped.Local.Dialect.Functions.Implementation;

namespace RedshiftTyped.Local.Dialect.Functions;

/// <summary>
/// Date and time functions (https://docs.aws.amazon.com/redshift/latest/dg/Date_functions_header.html). Date parts
/// go through <see cref="DateParts"/>; string literals in date positions are read in any of Redshift's literal forms.
/// </summary>
internal static class DatetimeFunctions
{
    private static readonly RsTypeInfo?[] PartThenTimestamp = [Types.Int8, Types.Timestamp];

    public static IEnumerable<FunctionRow> Rows =>
    [
        new("dateadd")
        {
            Aliases = ["date_add"], Args = 3, DatePart = 0, ColumnName = "date_add", ArgTypes = PartThenTimestamp,
            Result = call => call.Is(1, RsType.Time, RsType.TimeTz) ? call[1] : Types.Timestamp,
            Both = Rewrite(DateAdd), Page = "r_DATEADD_function",
        },
        new("datediff")
        {
            Aliases = ["date_diff"], Args = 3, DatePart = 0, ColumnName = "date_diff", ArgTypes = [Types.Timestamp, Types.Timestamp],
            Result = Returns.Fixed(Types.Int8), Both = Rewrite(DateDiff), Page = "r_DATEDIFF_function",
        },
        new("date_part")
        {
            Aliases = ["pgdate_part"], Args = 2, DatePart = 0, ColumnName = "pgdate_part", ArgTypes = [Types.Timestamp],
            Result = Returns.Fixed(Types.Float8), Both = Rewrite(site => $"CAST({Part(site, site.Part!, site.Arg(0), site.TypeOf(0), fullSeconds: true)} AS DOUBLE PRECISION)"),
            Page = "r_DATE_PART_function",
        },
        new("extract")
        {
            Args = 2, DatePart = 0, ColumnName = "date_part",
            Result = call => call.Is(0, RsType.TimestampTz) ? Types.Float8 : call.Part is DateParts.Epoch or DateParts.Second && call.Is(0, RsType.TimestampTz) ? Types.Float8 : Types.Int4,
            Both = Rewrite(Extract), Page = "r_EXTRACT_function",
        },
        new("date_part_year")
        {
            Args = 1, ArgTypes = [Types.Date], Result = Returns.Fixed(Types.Int4),
            Both = Template("CAST(extract(year FROM {0}) AS INTEGER)"), Page = "r_DATE_PART_YEAR",
        },
        new("date_trunc")
        {
            Args = 2, DatePart = 0, ArgTypes = [Types.Timestamp],
            Result = call => call.Is(0, RsType.TimestampTz) ? Types.TimestampTz : Types.Timestamp,
            Both = Rewrite(DateTrunc), Page = "r_DATE_TRUNC",
        },
        new("trunc")
        {
            Args = 1, When = call => call.Is(0, RsType.Timestamp, RsType.TimestampTz, RsType.Date), Result = Returns.Fixed(Types.Date),
            Both = Template("CAST({0} AS DATE)"), Page = "r_TRUNC_date",
        },
        new("add_months")
        {
            Args = 2, ArgTypes = [Types.Timestamp, Types.Int8], Result = Returns.Fixed(Types.Timestamp),
            Both = Rewrite(AddMonths), Page = "r_ADD_MONTHS",
        },
        new("months_between")
        {
            Args = 2, ArgTypes = [Types.Timestamp, Types.Timestamp], Result = Returns.Fixed(Types.Float8),
            Both = Rewrite(MonthsBetween), Page = "r_MONTHS_BETWEEN_function",
        },
        new("last_day")
        {
            Args = 1, ArgTypes = [Types.Date], Result = Returns.Fixed(Types.Date),
            DuckDb = Template("last_day(CAST({0} AS DATE))"),
            Postgres = Template("CAST(date_trunc('month', CAST({0} AS DATE)) + INTERVAL '1 month' - INTERVAL '1 day' AS DATE)"),
            Page = "r_LAST_DAY",
        },
        new("next_day")
        {
            Args = 2, ArgTypes = [Types.Date, Types.VarcharMax], Result = Returns.Fixed(Types.Date),
            Both = Rewrite(NextDay), Page = "r_NEXT_DAY",
        },
        new("getdate")
        {
            Args = 0, ColumnName = "timestamp", Result = Returns.Fixed(Types.Timestamp),
            Both = Template("CAST(date_trunc('second', CURRENT_TIMESTAMP) AS TIMESTAMP)"), Page = "r_GETDATE",
        },
        new("sysdate")
        {
            Args = 0, ColumnName = "timestamp", Result = Returns.Fixed(Types.Timestamp),
            Both = Template("CAST(CURRENT_TIMESTAMP AS TIMESTAMP)"), Page = "r_SYSDATE",
        },
        new("current_date")
        {
            Args = 0, ColumnName = "date", Result = Returns.Fixed(Types.Date), Both = Template("CURRENT_DATE"), Page = "r_CURRENT_DATE_function",
        },
        new("timeofday")
        {
            Args = 0, Result = Returns.Fixed(Types.VarcharMax),
            DuckDb = Template("strftime(CURRENT_TIMESTAMP, '%a %b %d %H:%M:%S.%f %Y UTC')"),
            Postgres = Same, Page = "r_TIMEOFDAY_function",
        },
        new("convert_timezone")
        {
            MinArgs = 2, MaxArgs = 3, Result = Returns.Fixed(Types.Timestamp), Both = Rewrite(ConvertTimezone), Page = "CONVERT_TIMEZONE",
        },
        new("date_cmp")
        {
            Args = 2, ArgTypes = [Types.Date, Types.Date], Result = Returns.Fixed(Types.Int4), Both = Rewrite(Compare), Page = "r_DATE_CMP",
        },
        new("date_cmp_timestamp")
        {
            Args = 2, ArgTypes = [Types.Date, Types.Timestamp], Result = Returns.Fixed(Types.Int4), Both = Rewrite(Compare), Page = "r_DATE_CMP_TIMESTAMP",
        },
        new("date_cmp_timestamptz")
        {
            Args = 2, ArgTypes = [Types.Date, Types.TimestampTz], Result = Returns.Fixed(Types.Int4), Both = Rewrite(Compare), Page = "r_DATE_CMP_TIMESTAMPTZ",
        },
        new("timestamp_cmp")
        {
            Args = 2, ArgTypes = [Types.Timestamp, Types.Timestamp], Result = Returns.Fixed(Types.Int4), Both = Rewrite(Compare), Page = "r_TIMESTAMP_CMP",
        },
        new("timestamp_cmp_date")
        {
            Args = 2, ArgTypes = [Types.Timestamp, Types.Date], Result = Returns.Fixed(Types.Int4), Both = Rewrite(Compare), Page = "r_TIMESTAMP_CMP_DATE",
        },
        new("timestamp_cmp_timestamptz")
        {
            Args = 2, ArgTypes = [Types.Timestamp, Types.TimestampTz], Result = Returns.Fixed(Types.Int4), Both = Rewrite(Compare), Page = "r_TIMESTAMP_CMP_TIMESTAMPTZ",
        },
        new("timestamptz_cmp")
        {
            Args = 2, ArgTypes = [Types.TimestampTz, Types.TimestampTz], Result = Returns.Fixed(Types.Int4), Both = Rewrite(Compare), Page = "r_TIMESTAMPTZ_CMP",
        },
        new("timestamptz_cmp_date")
        {
            Args = 2, ArgTypes = [Types.TimestampTz, Types.Date], Result = Returns.Fixed(Types.Int4), Both = Rewrite(Compare), Page = "r_TIMESTAMPTZ_CMP_DATE",
        },
        new("timestamptz_cmp_timestamp")
        {
            Args = 2, ArgTypes = [Types.TimestampTz, Types.Timestamp], Result = Returns.Fixed(Types.Int4), Both = Rewrite(Compare), Page = "r_TIMESTAMPTZ_CMP_TIMESTAMP",
        },
        new("interval_cmp")
        {
            Args = 2, ArgTypes = [Types.Interval, Types.Interval], Result = Returns.Fixed(Types.Int4),
            Both = Rewrite(site => Compare(site, $"CAST({site.Arg(0)} AS INTERVAL)", $"CAST({site.Arg(1)} AS INTERVAL)")), Page = "r_INTERVAL_CMP",
        },
        new("timezone")
        {
            Args = 2, Result = call => call.Is(1, RsType.TimestampTz) ? Types.Timestamp : Types.TimestampTz,
            DuckDb = Template("timezone({0}, {1})"), Postgres = Template("({1} AT TIME ZONE {0})"), Page = "r_TIMEZONE",
        },
        new("to_timestamp")
        {
            MinArgs = 2, MaxArgs = 3, Result = Returns.Fixed(Types.TimestampTz),
            DuckDb = Rewrite(site => HourTwentyFour(site, $"CAST({site.Arg(0)} AS VARCHAR)",
                text => $"CAST(strptime({text}, {DateFormats.ToStrptime(site, 1)}) AS TIMESTAMPTZ)")),
            Postgres = Rewrite(site => HourTwentyFour(site, $"CAST({site.Arg(0)} AS text)", text => $"to_timestamp({text}, {site.Arg(1)})")),
            Page = "r_TO_TIMESTAMP",
        },
        new("to_date")
        {
            MinArgs = 2, MaxArgs = 3, Result = Returns.Fixed(Types.Date),
            DuckDb = Rewrite(site => $"CAST(strptime(CAST({site.Arg(0)} AS VARCHAR), {DateFormats.ToStrptime(site, 1)}) AS DATE)"),
            Postgres = Template("to_date(CAST({0} AS text), {1})"), Page = "r_TO_DATE_function",
        },
    ];

    /// <summary>
    /// TO_TIMESTAMP without is_strict (or with it false): an hour of 24 falls on the next day (r_TO_TIMESTAMP.md:
    /// '2011-12-18 24:38:15' is 2011-12-19 00:38:15); neither engine reads hour 24, so the text is read with 00 and a day
    /// added. With is_strict true the engine's out-of-range error stands.
    /// </summary>
    private static string HourTwentyFour(CallSite site, string text, Func<string, string> parse)
    {
        bool strict = site.ArgNodes.Count > 2
            && !(site.ArgNodes[2] is Syntax.Literal { Kind: Syntax.LiteralKind.Boolean, Text: var flag } && flag.Equals("false", StringComparison.OrdinalIgnoreCase));
        if (strict) return parse(text);

        const string HourPattern = "'(^|[^0-9])24:[0-5][0-9]'";
        string matches = site.IsDuckDb ? $"regexp_matches({text}, {HourPattern})" : $"({text} ~ {HourPattern})";
        string shifted = $"regexp_replace({text}, '(^|[^0-9])24:', '\\100:')";
        return $"CASE WHEN {matches} THEN {parse(shifted)} + INTERVAL '1 day' ELSE {parse(text)} END";
    }

    /// <summary>A value as a TIMESTAMP, a TIME as a timestamp on 2000-01-01 (for arithmetic on its parts).</summary>
    private static string AsTimestamp(CallSite site, string sql, RsTypeInfo? type) => type?.Type switch
    {
        RsType.Time => $"(DATE '2000-01-01' + {sql})",
        RsType.TimeTz => site.IsDuckDb ? $"(DATE '2000-01-01' + CAST(timezone('UTC', {sql}) AS TIME))" : $"(DATE '2000-01-01' + CAST(({sql}) AT TIME ZONE 'UTC' AS time))",
        RsType.Timestamp => sql,
        _ => $"CAST({sql} AS TIMESTAMP)",
    };

    /// <summary><paramref name="n"/> units of a date part as an interval.</summary>
    private static string Interval(CallSite site, string part, string n)
    {
        (string unit, string factor) = part switch
        {
            DateParts.Millennium => ("year", "1000"),
            DateParts.Century => ("year", "100"),
            DateParts.Decade => ("year", "10"),
            DateParts.Year => ("year", "1"),
            DateParts.Quarter => ("month", "3"),
            DateParts.Month => ("month", "1"),
            DateParts.Week => ("day", "7"),
            DateParts.Day or DateParts.DayOfWeek or DateParts.DayOfYear => ("day", "1"),
            DateParts.Hour => ("hour", "1"),
            DateParts.Minute => ("minute", "1"),
            DateParts.Second => ("second", "1"),
            DateParts.Millisecond => ("millisecond", "1"),
            DateParts.Microsecond => ("microsecond", "1"),
            _ => throw new EngineFailure($"ERROR: dateadd: date part \"{part}\" is not supported"),
        };
        string count = factor == "1" ? $"CAST({n} AS BIGINT)" : $"(CAST({n} AS BIGINT) * {factor})";
        if (site.IsDuckDb)
        {
            return unit switch
            {
                "year" => $"to_years(CAST({count} AS INTEGER))",
                "month" => $"to_months(CAST({count} AS INTEGER))",
                "day" => $"to_days(CAST({count} AS INTEGER))",
                "hour" => $"to_hours({count})",
                "minute" => $"to_minutes({count})",
                "second" => $"to_seconds(CAST({count} AS DOUBLE))",
                "millisecond" => $"to_milliseconds({count})",
                _ => $"to_microseconds({count})",
            };
        }

        return $"({count} * INTERVAL '1 {unit}')";
    }

    /// <summary>
    /// DATEADD: months clamp to the result month's length (April 30 + 1 month = May 30); years move the day forward
    /// instead (2016-02-29 + 1 year = 2017-03-01), as the guide's usage notes show. A date becomes a timestamp.
    /// </summary>
    private static string DateAdd(CallSite site)
    {
        string part = site.Part!;
        var type = site.TypeOf(1);
        string n = site.Arg(0);
        if (type is { Type: RsType.Time or RsType.TimeTz })
        {
            string time = type.Value.Type == RsType.TimeTz
                ? site.IsDuckDb ? $"CAST(timezone('UTC', {site.Arg(1)}) AS TIME)" : $"(({site.Arg(1)}) AT TIME ZONE 'UTC')"
                : site.Arg(1);
            string result = $"({time} + {Interval(site, part, n)})";
            return type.Value.Type == RsType.TimeTz && site.IsDuckDb ? $"CAST({result} AS TIMETZ)" : result;
        }

        string x = AsTimestamp(site, site.Arg(1), type);
        if (part is DateParts.Year or DateParts.Decade or DateParts.Century or DateParts.Millennium)
        {
            return $"(date_trunc('month', {x}) + {Interval(site, part, n)} + ({x} - date_trunc('month', {x})))";
        }

        return $"CAST(({x} + {Interval(site, part, n)}) AS TIMESTAMP)";
    }

    /// <summary>DATEDIFF: the number of date part boundaries crossed from the first value to the second (BIGINT).</summary>
    private static string DateDiff(CallSite site)
    {
        string a = AsTimestamp(site, site.Arg(0), site.TypeOf(0));
        string b = AsTimestamp(site, site.Arg(1), site.TypeOf(1));
        string div = site.IsDuckDb ? "//" : "/";
        string Year(string x) => $"CAST(extract(year FROM {x}) AS BIGINT)";
        string Epoch(string unit, string x) => $"CAST(extract(epoch FROM date_trunc('{unit}', {x})) AS BIGINT)";
        string body = site.Part switch
        {
            DateParts.Millennium => $"((({Year(b)} + 999) {div} 1000) - (({Year(a)} + 999) {div} 1000))",
            DateParts.Century => $"((({Year(b)} + 99) {div} 100) - (({Year(a)} + 99) {div} 100))",
            DateParts.Decade => $"(({Year(b)} {div} 10) - ({Year(a)} {div} 10))",
            DateParts.Year => $"({Year(b)} - {Year(a)})",
            DateParts.Quarter => $"(({Year(b)} * 4 + CAST(extract(quarter FROM {b}) AS BIGINT)) - ({Year(a)} * 4 + CAST(extract(quarter FROM {a}) AS BIGINT)))",
            DateParts.Month => $"(({Year(b)} * 12 + CAST(extract(month FROM {b}) AS BIGINT)) - ({Year(a)} * 12 + CAST(extract(month FROM {a}) AS BIGINT)))",
            DateParts.Week => $"(CAST(CAST(date_trunc('week', {b}) AS DATE) - CAST(date_trunc('week', {a}) AS DATE) AS BIGINT) {div} 7)",
            DateParts.Day or DateParts.DayOfWeek or DateParts.DayOfYear => $"CAST(CAST({b} AS DATE) - CAST({a} AS DATE) AS BIGINT)",
            DateParts.Hour => $"(({Epoch("hour", b)} - {Epoch("hour", a)}) {div} 3600)",
            DateParts.Minute => $"(({Epoch("minute", b)} - {Epoch("minute", a)}) {div} 60)",
            DateParts.Second => $"({Epoch("second", b)} - {Epoch("second", a)})",
            DateParts.Millisecond => site.IsDuckDb
                ? $"(epoch_ms({b}) - epoch_ms({a}))"
                : $"(CAST(floor(extract(epoch FROM {b}) * 1000) AS BIGINT) - CAST(floor(extract(epoch FROM {a}) * 1000) AS BIGINT))",
            DateParts.Microsecond => site.IsDuckDb
                ? $"(epoch_us({b}) - epoch_us({a}))"
                : $"(CAST(extract(epoch FROM {b}) * 1000000 AS BIGINT) - CAST(extract(epoch FROM {a}) * 1000000 AS BIGINT))",
            _ => throw new EngineFailure($"ERROR: datediff: date part \"{site.Part}\" is not supported"),
        };
        return $"CAST({body} AS BIGINT)";
    }

    /// <summary>
    /// One date part of a value, as Redshift defines it: weeks are ISO, day of week counts from Sunday = 0, a decade
    /// is year/10 + 1 and a century or millennium starts with year ###1 (r_Dateparts_for_datetime_functions). With
    /// <paramref name="fullSeconds"/> (DATE_PART), seconds include their fraction; EXTRACT gives whole units only.
    /// </summary>
    internal static string Part(CallSite site, string part, string sql, RsTypeInfo? type, bool fullSeconds)
    {
        string x = type?.Type is RsType.Time or RsType.TimeTz || type?.Type == RsType.TimestampTz ? (type?.Type == RsType.TimestampTz ? sql : AsTimestamp(site, sql, type)) : AsTimestamp(site, sql, type);
        string div = site.IsDuckDb ? "//" : "/";
        string Micro() => site.IsDuckDb ? $"CAST(microsecond({x}) AS BIGINT)" : $"CAST(extract(microseconds FROM {x}) AS BIGINT)";
        string Year() => $"CAST(extract(year FROM {x}) AS BIGINT)";
        return part switch
        {
            DateParts.Millennium => $"((({Year()} - 1) {div} 1000) + 1)",
            DateParts.Century => $"((({Year()} - 1) {div} 100) + 1)",
            DateParts.Decade => $"(({Year()} {div} 10) + 1)",
            DateParts.Year or DateParts.Quarter or DateParts.Month or DateParts.Day or DateParts.Hour or DateParts.Minute or DateParts.Week
                => $"CAST(extract({part} FROM {x}) AS BIGINT)",
            DateParts.DayOfWeek => $"CAST(extract(dow FROM {x}) AS BIGINT)",
            DateParts.DayOfYear => $"CAST(extract(doy FROM {x}) AS BIGINT)",
            DateParts.Second => fullSeconds ? $"({Micro()} / 1000000.0)" : $"({Micro()} {div} 1000000)",
            DateParts.Millisecond => $"(({Micro()} % 1000000) {div} 1000)",
            DateParts.Microsecond => $"({Micro()} % 1000000)",
            DateParts.Epoch => $"extract(epoch FROM {x})",
            DateParts.Timezone or DateParts.TimezoneHour or DateParts.TimezoneMinute => "0",
            _ => throw new EngineFailure($"ERROR: date part \"{part}\" is not supported"),
        };
    }

    private static string Extract(CallSite site)
    {
        string value = Part(site, site.Part!, site.Arg(0), site.TypeOf(0), fullSeconds: false);
        return site.ResultType is { Type: RsType.Float8 } ? $"CAST({value} AS DOUBLE PRECISION)" : $"CAST({value} AS INTEGER)";
    }

    private static string DateTrunc(CallSite site)
    {
        string unit = site.Part switch
        {
            DateParts.Millisecond => "milliseconds",
            DateParts.Microsecond => "microseconds",
            DateParts.DayOfWeek or DateParts.DayOfYear => "day",
            var p => p!,
        };
        bool tz = site.TypeOf(0) is { Type: RsType.TimestampTz };
        string x = tz ? site.Arg(0) : AsTimestamp(site, site.Arg(0), site.TypeOf(0));
        string type = tz ? "TIMESTAMPTZ" : "TIMESTAMP";
        if (site.IsDuckDb && unit is DateParts.Millennium or DateParts.Century or DateParts.Decade)
        {
            // A millennium or century starts with year ###1 (2001-01-01), as PostgreSQL and Redshift count; DuckDB starts it at ###0.
            string year = $"CAST(extract(year FROM {x}) AS BIGINT)";
            string first = unit switch
            {
                DateParts.Millennium => $"(({year} - 1) // 1000) * 1000 + 1",
                DateParts.Century => $"(({year} - 1) // 100) * 100 + 1",
                _ => $"({year} // 10) * 10",
            };
            return $"CAST(make_date(CAST({first} AS BIGINT), 1, 1) AS {type})";
        }

        return $"CAST(date_trunc('{unit}', {x}) AS {type})";
    }

    /// <summary>ADD_MONTHS: the last day of a month maps to the last day of the result month (April 30 + 1 = May 31).</summary>
    private static string AddMonths(CallSite site)
    {
        string x = AsTimestamp(site, site.Arg(0), site.TypeOf(0));
        string months = Interval(site, DateParts.Month, site.Arg(1));
        string shifted = $"({x} + {months})";
        string lastDay = LastDay(site, x);
        return $"CAST(CASE WHEN CAST({x} AS DATE) = {lastDay} THEN CAST({LastDay(site, shifted)} AS TIMESTAMP) + ({x} - date_trunc('day', {x})) ELSE {shifted} END AS TIMESTAMP)";
    }

    private static string LastDay(CallSite site, string timestamp) => site.IsDuckDb
        ? $"last_day(CAST({timestamp} AS DATE))"
        : $"CAST(date_trunc('month', {timestamp}) + INTERVAL '1 month' - INTERVAL '1 day' AS DATE)";

    /// <summary>
    /// MONTHS_BETWEEN: whole months from the years and months; the days (and times) add a fraction of a 31-day month,
    /// except when both dates are the same day of the month or both the last day of their month.
    /// </summary>
    private static string MonthsBetween(CallSite site)
    {
        string a = AsTimestamp(site, site.Arg(0), site.TypeOf(0));
        string b = AsTimestamp(site, site.Arg(1), site.TypeOf(1));
        string Months(string x) => $"(extract(year FROM {x}) * 12 + extract(month FROM {x}))";
        string Day(string x) => $"extract(day FROM {x})";
        string whole = $"({Months(a)} - {Months(b)})";
        string seconds(string x) => $"extract(epoch FROM ({x} - date_trunc('day', {x})))";
        string fraction = $"(({Day(a)} - {Day(b)}) + ({seconds(a)} - {seconds(b)}) / 86400.0) / 31.0";
        string sameDay = $"({Day(a)} = {Day(b)} OR (CAST({a} AS DATE) = {LastDay(site, a)} AND CAST({b} AS DATE) = {LastDay(site, b)}))";
        return $"CAST(CASE WHEN {sameDay} THEN {whole} ELSE {whole} + {fraction} END AS DOUBLE PRECISION)";
    }

    /// <summary>NEXT_DAY: the first date after the given one that falls on the named day (names and abbreviations, any case).</summary>
    private static string NextDay(CallSite site)
    {
        string date = $"CAST({site.Arg(0)} AS DATE)";
        string day = $"lower(left(trim(CAST({site.Arg(1)} AS VARCHAR)), 2))";
        string target = $"CASE {day} WHEN 'su' THEN 0 WHEN 'mo' THEN 1 WHEN 'tu' THEN 2 WHEN 'we' THEN 3 WHEN 'th' THEN 4 WHEN 'fr' THEN 5 WHEN 'sa' THEN 6 END";
        string dow = $"CAST(extract(dow FROM {date}) AS INTEGER)";
        return $"CAST({date} + CAST((({target} - {dow} + 6) % 7) + 1 AS INTEGER) AS DATE)";
    }

    private static string Compare(CallSite site) => Compare(site, site.Arg(0), site.Arg(1));

    private static string Compare(CallSite site, string a, string b) => $"CASE WHEN {a} < {b} THEN -1 WHEN {a} > {b} THEN 1 WHEN {a} = {b} THEN 0 END";

    /// <summary>
    /// CONVERT_TIMEZONE([source,] target, timestamp): the source defaults to UTC. Zone names follow daylight saving;
    /// abbreviations (EST, PST…) are fixed offsets; POSIX forms (<c>NEWZONE +2</c>, <c>GMT+2</c>) are offsets west of
    /// UTC, so +2 is two hours behind (https://docs.aws.amazon.com/redshift/latest/dg/CONVERT_TIMEZONE.html).
    /// </summary>
    private static string ConvertTimezone(CallSite site)
    {
        bool three = site.Args.Count == 3;
        var sourceZone = three ? Zone(site, 0) : new ZoneSpec(null, 0);
        var targetZone = Zone(site, three ? 1 : 0);
        int valueIndex = three ? 2 : 1;
        var valueType = site.TypeOf(valueIndex);
        string value = valueType is { Type: RsType.TimestampTz } ? site.Arg(valueIndex) : site.ArgNodes[valueIndex] is Syntax.Literal { Kind: Syntax.LiteralKind.String } literal
            ? $"TIMESTAMP {CallSite.Quote(Emit.DateTimeLiterals.Normalize(literal.Text, RsType.Timestamp) ?? literal.Text)}"
            : AsTimestamp(site, site.Arg(valueIndex), valueType);

        // To UTC wall time, then to the target's wall time.
        string utc = valueType is { Type: RsType.TimestampTz }
            ? (site.IsDuckDb ? $"timezone('UTC', {value})" : $"({value} AT TIME ZONE 'UTC')")
            : sourceZone.Name is { } sourceName
                ? site.IsDuckDb ? $"timezone('UTC', timezone({sourceName}, {value}))" : $"(({value} AT TIME ZONE {sourceName}) AT TIME ZONE 'UTC')"
                : Shift(value, -sourceZone.OffsetMinutes);
        string result = targetZone.Name is { } targetName
            ? site.IsDuckDb ? $"timezone({targetName}, timezone('UTC', {utc}))" : $"(({utc} AT TIME ZONE 'UTC') AT TIME ZONE {targetName})"
            : Shift(utc, targetZone.OffsetMinutes);
        return $"CAST({result} AS TIMESTAMP)";
    }

    private static string Shift(string timestamp, int minutes) => minutes == 0 ? timestamp : $"({timestamp} + INTERVAL '{minutes} minutes')";

    /// <summary>A zone argument: a named zone (SQL text) or a fixed offset in minutes east of UTC.</summary>
    private sealed record ZoneSpec(string? Name, int OffsetMinutes);

    private static ZoneSpec Zone(CallSite site, int index)
    {
        if (site.ArgNodes[index] is not Syntax.Literal { Kind: Syntax.LiteralKind.String } literal) return new ZoneSpec(site.Arg(index), 0);
        string text = literal.Text.Trim();
        if (Emit.DateTimeLiterals.FixedOffset(text) is int offset) return new ZoneSpec(null, offset);
        var posix = System.Text.RegularExpressions.Regex.Match(text, @"^(.*?)\s*([+-])(\d{1,2})(?::(\d{2}))?$");
        if (posix.Success)
        {
            int minutes = int.Parse(posix.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture) * 60
                + (posix.Groups[4].Success ? int.Parse(posix.Groups[4].Value, System.Globalization.CultureInfo.InvariantCulture) : 0);
            return new ZoneSpec(null, posix.Groups[2].Value == "+" ? -minutes : minutes);
        }

        return new ZoneSpec(CallSite.Quote(text), 0);
    }
}
