using RedshiftTyped.Local.Dialect.Typing;
using RedshiftTyped.Local.Engine;
using RedshiftTyped.Local.Statements;
using static RedshiftTyped.Local.Dialect.Functions.Implementation;

namespace RedshiftTyped.Local.Dialect.Functions;

/// <summary>Data type formatting functions (https://docs.aws.amazon.com/redshift/latest/dg/r_Data_type_formatting.html).</summary>
internal static class ConversionFunctions
{
    public static IEnumerable<FunctionRow> Rows =>
    [
        new("to_char")
        {
            Args = 2, ArgTypes = [Types.Timestamp, Types.VarcharMax], Result = Returns.Fixed(Types.VarcharMax),
            DuckDb = Rewrite(ToCharDuckDb), Postgres = Same, Page = "r_TO_CHAR",
        },
        new("to_number")
        {
            // The scale is the format's digits after D (or the point).
            Args = 2, Result = call => Types.Numeric(38, call.LiteralText(1) is { } format ? FractionDigits(format) : 0),
            DuckDb = Rewrite(site =>
            {
                string text = $"CAST({site.Arg(0)} AS VARCHAR)";
                string sign = $"CASE WHEN {text} LIKE '%-%' OR {text} LIKE '%(%' OR {text} LIKE '%<%' THEN '-' ELSE '' END";
                return $"CAST({sign} || regexp_replace({text}, '[^0-9.]', '', 'g') AS {site.EngineType(site.ResultType!.Value)})";
            }),
            Postgres = Rewrite(site => $"CAST(to_number({site.Arg(0)}, {site.Arg(1)}) AS {site.EngineType(site.ResultType!.Value)})"),
            Page = "r_TO_NUMBER",
        },
        new("text_to_int_alt")
        {
            MinArgs = 1, MaxArgs = 2, Result = Returns.Fixed(Types.Int4),
            Both = Rewrite(site => $"CAST(trunc(CAST({Teradata(site)} AS DOUBLE PRECISION)) AS INTEGER)"), Page = "r_TEXT_TO_INT_ALT",
        },
        new("text_to_numeric_alt")
        {
            MinArgs = 1, MaxArgs = 4,
            Result = call => call.LiteralText(1) is { } p && int.TryParse(p, out int precision)
                ? Types.Numeric(precision, call.LiteralText(2) is { } s && int.TryParse(s, out int scale) ? scale : 0)
                : Types.Numeric(38, 0),
            Both = Rewrite(site =>
            {
                string type = site.EngineType(site.ResultType ?? Types.Numeric(38, 0));
                return site.IsDuckDb
                    ? $"coalesce(TRY_CAST({Teradata(site)} AS {type}), CAST(CAST({Teradata(site)} AS DOUBLE) AS {type}))"
                    : $"CAST(CAST({Teradata(site)} AS numeric) AS {type})";
            }),
            Page = "r_TEXT_TO_NUMERIC_ALT",
        },
    ];

    private static int FractionDigits(string format)
    {
        int point = format.IndexOfAny(['D', 'd', '.']);
        return point < 0 ? 0 : format[(point + 1)..].Count(c => c is '9' or '0');
    }

    /// <summary>A Teradata-style number text: a trailing sign moves to the front (<c>123-</c> is -123).</summary>
    private static string Teradata(CallSite site)
    {
        string text = site.IsDuckDb ? $"trim(CAST({site.Arg(0)} AS VARCHAR))" : $"trim(CAST({site.Arg(0)} AS text))";
        return $"CASE WHEN right({text}, 1) IN ('+', '-') THEN right({text}, 1) || left({text}, length({text}) - 1) ELSE {text} END";
    }

    private static string ToCharDuckDb(CallSite site)
    {
        if (Types.IsNumber(site.TypeOf(0)))
        {
            return site.ArgNodes[1] is Syntax.Literal { Kind: Syntax.LiteralKind.String } format && NumberFormats.ToCharDuckDb(site.Arg(0), format.Text) is { } number
                ? number
                : throw new EngineFailure("ERROR: TO_CHAR of a number needs a literal format of 9, 0, D, G, S, MI, PR, $, FM or RN patterns on the local server's DuckDB backend");
        }

        string value = site.TypeOf(0) is { Type: RsType.Timestamp or RsType.TimestampTz or RsType.Date } ? site.Arg(0) : $"CAST({site.Arg(0)} AS TIMESTAMP)";
        return DateFormats.ToCharDuckDb(value, site.ArgNodes[1]) ?? $"strftime({value}, {site.Arg(1)})";
    }
}
