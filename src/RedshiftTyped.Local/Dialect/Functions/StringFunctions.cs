using RedshiftTyped.Local.Dialect.Typing;
using RedshiftTyped.Local.Engine;
using static RedshiftTyped.Local.Dialect.Functions.Implementation;

namespace RedshiftTyped.Local.Dialect.Functions;

/// <summary>String functions (https://docs.aws.amazon.com/redshift/latest/dg/String_functions_header.html).</summary>
internal static class StringFunctions
{
    private static bool IsVarbyte(CallTypes call) => call.Is(0, RsType.Varbyte);

    public static IEnumerable<FunctionRow> Rows =>
    [
        new("len")
        {
            Aliases = ["length", "char_length", "character_length", "textlen"], Args = 1, Result = Returns.Fixed(Types.Int4),
            DuckDb = Rewrite(site => site.TypeOf(0) is { Type: RsType.Varbyte } ? $"CAST(octet_length({site.Arg(0)}) AS INTEGER)" : $"CAST(length({TrimChar(site, 0)}) AS INTEGER)"),
            Postgres = Template("CAST(length({0}) AS INTEGER)"), Page = "r_LEN",
        },
        new("octet_length")
        {
            Args = 1, Result = Returns.Fixed(Types.Int4),
            DuckDb = Rewrite(site => site.TypeOf(0) is { Type: RsType.Varbyte } ? $"CAST(octet_length({site.Arg(0)}) AS INTEGER)" : $"CAST(strlen(CAST({site.Arg(0)} AS VARCHAR)) AS INTEGER)"),
            Postgres = Template("CAST(octet_length({0}) AS INTEGER)"), Page = "r_OCTET_LENGTH",
        },
        new("charindex") { Args = 2, Result = Returns.Fixed(Types.Int4), Both = Template("CAST(strpos({1}, {0}) AS INTEGER)"), Page = "r_CHARINDEX" },
        new("strpos") { Args = 2, Result = Returns.Fixed(Types.Int4), Both = Template("CAST(strpos({0}, {1}) AS INTEGER)"), Page = "r_STRPOS" },
        new("position") { Args = 2, Result = Returns.Fixed(Types.Int4), Both = Template("CAST(strpos({1}, {0}) AS INTEGER)"), Page = "r_POSITION" },
        new("octetindex")
        {
            Args = 2, Result = Returns.Fixed(Types.Int4),
            DuckDb = Template("CAST(CASE WHEN strpos({1}, {0}) = 0 THEN 0 ELSE strlen(left({1}, CAST(strpos({1}, {0}) - 1 AS INTEGER))) + 1 END AS INTEGER)"),
            Postgres = Template("CAST(CASE WHEN strpos({1}, {0}) = 0 THEN 0 ELSE octet_length(left({1}, strpos({1}, {0}) - 1)) + 1 END AS INTEGER)"),
            Page = "OCTETINDEX",
        },
        new("substring")
        {
            Aliases = ["substr"], MinArgs = 2, MaxArgs = 3, When = IsVarbyte, Result = Returns.Fixed(Types.Varbyte), Both = Rewrite(VarbyteSubstring), Page = "r_SUBSTRING",
        },
        new("substring")
        {
            Aliases = ["substr"], MinArgs = 2, MaxArgs = 3, Result = Returns.VarcharLikeArg(0), Both = Rewrite(Substring), Page = "r_SUBSTRING",
        },
        new("trim")
        {
            MinArgs = 1, MaxArgs = 2, ColumnName = "btrim", Result = Returns.VarcharLikeArg(0),
            DuckDb = Rewrite(site => Trim(site, "trim")), Postgres = Rewrite(site => Trim(site, "btrim")), Page = "r_TRIM",
        },
        new("btrim") { MinArgs = 1, MaxArgs = 2, Result = Returns.VarcharLikeArg(0), DuckDb = Call("trim"), Postgres = Same, Page = "r_BTRIM" },
        new("ltrim") { MinArgs = 1, MaxArgs = 2, Result = Returns.VarcharLikeArg(0), Both = Same, Page = "r_LTRIM" },
        new("rtrim") { MinArgs = 1, MaxArgs = 2, Result = Returns.VarcharLikeArg(0), Both = Same, Page = "r_RTRIM" },
        new("concat")
        {
            // CONCAT is the || operator: NULL when either argument is (https://docs.aws.amazon.com/redshift/latest/dg/r_CONCAT.html).
            Args = 2, Result = call => call.Is(0, RsType.Varbyte) ? Types.Varbyte : call[0] is { Length: int a } && call[1] is { Length: int b } ? Types.Varchar(a + b) : Types.VarcharMax,
            Both = Template("({0} || {1})"), Page = "r_CONCAT",
        },
        new("left") { Args = 2, Result = Returns.VarcharLikeArg(0), Both = Same, Page = "r_LEFT" },
        new("right") { Args = 2, Result = Returns.VarcharLikeArg(0), Both = Same, Page = "r_LEFT" },
        new("lower") { Args = 1, Result = Returns.VarcharLikeArg(0), Both = Same, Page = "r_LOWER" },
        new("upper") { Args = 1, Result = Returns.VarcharLikeArg(0), Both = Same, Page = "r_UPPER" },
        new("initcap")
        {
            Args = 1, Result = Returns.VarcharLikeArg(0),
            DuckDb = Template("array_to_string(list_transform(regexp_split_to_array(lower({0}), '(?=[^a-z0-9])|(?<=[^a-z0-9])'), w -> upper(left(w, 1)) || substr(w, 2)), '')"),
            Postgres = Same, Page = "r_INITCAP",
        },
        new("reverse") { Args = 1, Result = Returns.VarcharLikeArg(0), Both = Same, Page = "r_REVERSE" },
        new("repeat") { Aliases = ["replicate"], Args = 2, Result = Returns.Fixed(Types.VarcharMax), Both = Template("repeat({0}, CAST({1} AS INTEGER))"), Page = "r_REPEAT" },
        new("replace") { Args = 3, Result = Returns.Fixed(Types.VarcharMax), Both = Same, Page = "r_REPLACE" },
        new("translate") { Args = 3, Result = Returns.VarcharLikeArg(0), Both = Same, Page = "r_TRANSLATE" },
        new("lpad") { MinArgs = 2, MaxArgs = 3, Result = Returns.Fixed(Types.VarcharMax), Both = Same, Page = "r_LPAD" },
        new("rpad") { MinArgs = 2, MaxArgs = 3, Result = Returns.Fixed(Types.VarcharMax), Both = Same, Page = "r_LPAD" },
        new("split_part") { Args = 3, Result = Returns.VarcharLikeArg(0), Both = Same, Page = "SPLIT_PART" },
        new("ascii") { Args = 1, Result = Returns.Fixed(Types.Int4), Both = Template("CAST(ascii({0}) AS INTEGER)"), Page = "r_ASCII" },
        new("chr") { Args = 1, Result = Returns.Fixed(Types.Char(1)), Both = Same, Page = "r_CHR" },
        new("quote_ident") { Args = 1, Result = Returns.Fixed(Types.VarcharMax), Both = Same, Page = "r_QUOTE_IDENT" },
        new("quote_literal") { Args = 1, Result = Returns.Fixed(Types.VarcharMax), Both = Same, Page = "r_QUOTE_LITERAL" },
        new("soundex") { Args = 1, ArgTypes = [Types.VarcharMax], Result = Returns.Fixed(Types.Varchar(4)), Both = Call("rs_soundex"), Page = "SOUNDEX" },
        new("difference") { Args = 2, ArgTypes = [Types.VarcharMax, Types.VarcharMax], Result = Returns.Fixed(Types.Int4), Both = Call("rs_difference"), Page = "DIFFERENCE" },
        new("strtol")
        {
            Args = 2, ArgTypes = [Types.VarcharMax, Types.Int4], Result = Returns.Fixed(Types.Int8), Both = Call("rs_strtol"), Page = "r_STRTOL",
        },
        new("bpcharcmp") { Args = 2, Result = Returns.Fixed(Types.Int4), Both = Template("CASE WHEN rtrim({0}) < rtrim({1}) THEN -1 WHEN rtrim({0}) > rtrim({1}) THEN 1 WHEN rtrim({0}) = rtrim({1}) THEN 0 END"), Page = "r_BPCHARCMP" },
        new("bttext_pattern_cmp") { Args = 2, Result = Returns.Fixed(Types.Int4), Both = Template("CASE WHEN {0} < {1} THEN -1 WHEN {0} > {1} THEN 1 WHEN {0} = {1} THEN 0 END"), Page = "r_BTTEXT_PATTERN_CMP" },
        new("regexp_count")
        {
            MinArgs = 2, MaxArgs = 4, Result = Returns.Fixed(Types.Int4),
            DuckDb = Rewrite(site => $"CAST(len(regexp_extract_all({From(site, 2)}, {Pattern(site, 3)})) AS INTEGER)"),
            Postgres = Rewrite(site => $"CAST(regexp_count({site.Arg(0)}, {site.Arg(1)}, {(site.Args.Count > 2 ? site.Arg(2) : "1")}{PgFlags(site, 3)}) AS INTEGER)"),
            Page = "REGEXP_COUNT",
        },
        new("regexp_instr")
        {
            MinArgs = 2, MaxArgs = 6, Result = Returns.Fixed(Types.Int4),
            DuckDb = Rewrite(RegexpInstrDuckDb),
            Postgres = Rewrite(site => $"CAST(regexp_instr({site.Arg(0)}, {site.Arg(1)}, {Arg(site, 2, "1")}, {Arg(site, 3, "1")}, {Arg(site, 4, "0")}{PgFlags(site, 5, withSubexpression: true)}) AS INTEGER)"),
            Page = "REGEXP_INSTR",
        },
        new("regexp_substr")
        {
            MinArgs = 2, MaxArgs = 5, Result = Returns.VarcharLikeArg(0),
            DuckDb = Rewrite(site => $"nullif(list_extract(regexp_extract_all({From(site, 2)}, {Pattern(site, 4)}{(Flags(site, 4).Contains('e') ? ", 1" : "")}), {Arg(site, 3, "1")}), '')"),
            Postgres = Rewrite(site => $"regexp_substr({site.Arg(0)}, {site.Arg(1)}, {Arg(site, 2, "1")}, {Arg(site, 3, "1")}{PgFlags(site, 4, withSubexpression: true)})"),
            Page = "REGEXP_SUBSTR",
        },
        new("regexp_replace")
        {
            MinArgs = 2, MaxArgs = 5, Result = Returns.Fixed(Types.VarcharMax),
            DuckDb = Rewrite(site => site.Args.Count > 3
                ? $"(left({site.Arg(0)}, CAST({site.Arg(3)} AS INTEGER) - 1) || regexp_replace(substr({site.Arg(0)}, CAST({site.Arg(3)} AS INTEGER)), {Pattern(site, 4)}, {Arg(site, 2, "''")}, 'g'))"
                : $"regexp_replace({site.Arg(0)}, {site.Arg(1)}, {Arg(site, 2, "''")}, 'g')"),
            Postgres = Rewrite(site => $"regexp_replace({site.Arg(0)}, {site.Arg(1)}, {Arg(site, 2, "''")}, {Arg(site, 3, "1")}, 0{PgFlags(site, 4)})"),
            Page = "REGEXP_REPLACE",
        },
    ];

    private static string Arg(CallSite site, int index, string fallback) => index < site.Args.Count ? site.Arg(index) : fallback;

    /// <summary>CHAR values compare and measure without their padding; DuckDB keeps whatever was stored.</summary>
    private static string TrimChar(CallSite site, int index) => site.TypeOf(index) is { Type: RsType.Bpchar } ? $"rtrim({site.Arg(index)})" : site.Arg(index);

    /// <summary>The regexp functions' parameters literal (c, i, p, e): null when absent or not a literal.</summary>
    private static string Flags(CallSite site, int index)
        => index < site.ArgNodes.Count && site.ArgNodes[index] is Syntax.Literal { Kind: Syntax.LiteralKind.String } literal ? literal.Text : "";

    /// <summary>The source from a 1-based position.</summary>
    private static string From(CallSite site, int positionIndex) => positionIndex < site.Args.Count ? $"substr({site.Arg(0)}, CAST({site.Arg(positionIndex)} AS INTEGER))" : site.Arg(0);

    /// <summary>A pattern for DuckDB (RE2), with case-insensitivity as an inline flag.</summary>
    private static string Pattern(CallSite site, int flagsIndex) => Flags(site, flagsIndex).Contains('i') ? $"('(?i)' || {site.Arg(1)})" : site.Arg(1);

    /// <summary>PostgreSQL's flags for Redshift's parameters: c and i as they are; p (Perl syntax) is PostgreSQL's default; e selects subexpression 1.</summary>
    private static string PgFlags(CallSite site, int index, bool withSubexpression = false)
    {
        string flags = Flags(site, index);
        string pg = new(flags.Where(c => c is 'c' or 'i').ToArray());
        if (!withSubexpression) return pg.Length > 0 ? $", '{pg}'" : "";
        return $", '{pg}', {(flags.Contains('e') ? 1 : 0)}";
    }

    /// <summary>
    /// REGEXP_INSTR on DuckDB, which has no such function: the position of the n-th match is the length of the text
    /// before it (the pieces between matches, and the matches before it), counted from the start position.
    /// </summary>
    private static string RegexpInstrDuckDb(CallSite site)
    {
        string position = $"CAST({Arg(site, 2, "1")} AS BIGINT)";
        string occurrence = $"CAST({Arg(site, 3, "1")} AS BIGINT)";
        string text = From(site, 2);
        string pattern = Pattern(site, 5);
        string matches = $"regexp_extract_all({text}, {pattern})";
        string pieces = $"regexp_split_to_array({text}, {pattern})";
        string before = $"coalesce(list_sum(list_transform({pieces}[1:{occurrence}], x -> length(x))), 0) + coalesce(list_sum(list_transform({matches}[1:{occurrence} - 1], x -> length(x))), 0)";
        string after = $" + CASE WHEN CAST({Arg(site, 4, "0")} AS INTEGER) = 1 THEN length({matches}[{occurrence}]) ELSE 0 END";
        return $"CAST(CASE WHEN len({matches}) < {occurrence} THEN 0 ELSE {position} + {before}{after} END AS INTEGER)";
    }

    /// <summary>
    /// SUBSTRING(s, start [, length]): a start before 1 still counts the characters before position 1 against the length
    /// (SUBSTRING('caterpillar', -2, 6) is 'cat'), as PostgreSQL does and DuckDB does not.
    /// </summary>
    private static string Substring(CallSite site)
    {
        if (!site.IsDuckDb) return site.Args.Count == 3 ? $"substring({site.Arg(0)} FROM {site.Arg(1)} FOR {site.Arg(2)})" : $"substring({site.Arg(0)} FROM {site.Arg(1)})";
        string start = $"CAST({site.Arg(1)} AS BIGINT)";
        string from = $"greatest({start}, 1)";
        return site.Args.Count == 3
            ? $"substring({site.Arg(0)}, {from}, greatest({start} + CAST({site.Arg(2)} AS BIGINT) - {from}, 0))"
            : $"substring({site.Arg(0)}, {from})";
    }

    /// <summary>SUBSTRING of VARBYTE: the same positions, in bytes.</summary>
    private static string VarbyteSubstring(CallSite site)
    {
        if (!site.IsDuckDb) return site.Args.Count == 3 ? $"substring({site.Arg(0)} FROM {site.Arg(1)} FOR {site.Arg(2)})" : $"substring({site.Arg(0)} FROM {site.Arg(1)})";
        string start = $"CAST({site.Arg(1)} AS BIGINT)";
        string from = $"greatest({start}, 1)";
        string hex = $"hex({site.Arg(0)})";
        return site.Args.Count == 3
            ? $"unhex(substring({hex}, 2 * {from} - 1, 2 * greatest({start} + CAST({site.Arg(2)} AS BIGINT) - {from}, 0)))"
            : $"unhex(substring({hex}, 2 * {from} - 1))";
    }

    /// <summary>TRIM([BOTH|LEADING|TRAILING] [characters FROM] s): the side picks btrim, ltrim or rtrim.</summary>
    private static string Trim(CallSite site, string both)
    {
        string args = site.Args.Count == 2 ? $"{site.Arg(0)}, {site.Arg(1)}" : site.Arg(0);
        return $"{site.Modifier switch { "leading" => "ltrim", "trailing" => "rtrim", _ => both }}({args})";
    }
}
