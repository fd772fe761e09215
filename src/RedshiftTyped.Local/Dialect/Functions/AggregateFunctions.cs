using RedshiftTyped.Local.Dialect.Typing;
using RedshiftTyped.Local.Engine;
using static RedshiftTyped.Local.Dialect.Functions.Implementation;

namespace RedshiftTyped.Local.Dialect.Functions;

/// <summary>
/// Aggregate functions (https://docs.aws.amazon.com/redshift/latest/dg/c_Aggregate_Functions.html), also usable as
/// window functions with OVER. Result types follow the pages: SUM of integers is BIGINT and of DECIMAL(p,s)
/// DECIMAL(38,s); AVG of integers is a truncated BIGINT and of DECIMAL(p,s) a truncated DECIMAL(38,s); COUNT BIGINT.
/// </summary>
internal static class AggregateFunctions
{
    public static IEnumerable<FunctionRow> Rows =>
    [
        new("count")
        {
            Kind = FunctionKind.Aggregate, MinArgs = 0, MaxArgs = 1, Result = Returns.Fixed(Types.Int8), Both = Same, Page = "r_COUNT",
        },
        new("sum")
        {
            Kind = FunctionKind.Aggregate, Args = 1, When = call => Types.IsInteger(call[0]), Result = Returns.Fixed(Types.Int8),
            Both = Rewrite(site => $"CAST(sum({Distinct(site)}{site.Arg(0)}){site.Over} AS BIGINT)"),
            Page = "r_SUM",
        },
        new("sum")
        {
            Kind = FunctionKind.Aggregate, Args = 1, When = call => Types.IsNumeric(call[0]),
            Result = call => Types.Numeric(38, call[0]!.Value.Scale ?? 0),
            Both = Rewrite(site => $"CAST(sum({Distinct(site)}{site.Arg(0)}){site.Over} AS {site.EngineType(site.ResultType!.Value)})"),
            Page = "r_SUM",
        },
        new("sum")
        {
            Kind = FunctionKind.Aggregate, Args = 1, Result = call => Types.IsFloat(call[0]) ? Types.Float8 : call[0], Both = Same, Page = "r_SUM",
        },
        new("avg")
        {
            Kind = FunctionKind.Aggregate, Args = 1, When = call => Types.IsInteger(call[0]), Result = Returns.Fixed(Types.Int8),
            Both = Rewrite(site => $"CAST(trunc(avg({Distinct(site)}{site.Arg(0)}){site.Over}) AS BIGINT)"), Page = "r_AVG",
        },
        new("avg")
        {
            Kind = FunctionKind.Aggregate, Args = 1, When = call => Types.IsNumeric(call[0]),
            Result = call => Types.Numeric(38, call[0]!.Value.Scale ?? 0),
            Both = Rewrite(AvgDecimal), Page = "r_AVG",
        },
        new("avg")
        {
            Kind = FunctionKind.Aggregate, Args = 1, Result = call => Types.IsFloat(call[0]) ? Types.Float8 : null, Both = Same, Page = "r_AVG",
        },
        new("min") { Kind = FunctionKind.Aggregate, Args = 1, Result = Returns.Arg(0), Both = Same, Page = "r_MIN" },
        new("max") { Kind = FunctionKind.Aggregate, Args = 1, Result = Returns.Arg(0), Both = Same, Page = "r_MAX" },
        new("any_value") { Kind = FunctionKind.Aggregate, Args = 1, Result = Returns.Arg(0), DuckDb = Same, Postgres = Call("min"), Page = "r_ANY_VALUE" },
        new("listagg")
        {
            Kind = FunctionKind.Aggregate, MinArgs = 1, MaxArgs = 2, Result = Returns.Fixed(Types.VarcharMax), Both = Rewrite(ListAgg), Page = "r_LISTAGG",
        },
        new("median")
        {
            Kind = FunctionKind.Aggregate, Args = 1, Result = call => Types.IsInteger(call[0]) ? null : call[0],
            DuckDb = Rewrite(site => $"quantile_cont({site.Arg(0)}, 0.5){site.Over}"),
            Postgres = Rewrite(site => site.Over.Length > 0
                ? $"rs_percentile_cont(array_agg(CAST({site.Arg(0)} AS numeric)){WholePartition(site)}, 0.5, false)"
                : $"percentile_cont(0.5) WITHIN GROUP (ORDER BY {site.Arg(0)})"),
            Page = "r_MEDIAN",
        },
        new("percentile_cont")
        {
            Kind = FunctionKind.Aggregate, Args = 1,
            DuckDb = Rewrite(site => site.Over.Length > 0 ? $"quantile_cont({OrderExpression(site)}, {site.Arg(0)}){site.Over}" : $"percentile_cont({site.Arg(0)}) WITHIN GROUP (ORDER BY {site.Order})"),
            Postgres = Rewrite(site => site.Over.Length > 0
                ? $"rs_percentile_cont(array_agg(CAST({OrderExpression(site)} AS numeric)){WholePartition(site)}, {site.Arg(0)}, {Descending(site)})"
                : $"percentile_cont({site.Arg(0)}) WITHIN GROUP (ORDER BY {site.Order})"),
            Page = "r_PERCENTILE_CONT",
        },
        new("percentile_disc")
        {
            Kind = FunctionKind.Aggregate, Args = 1,
            DuckDb = Rewrite(site => site.Over.Length > 0 ? $"quantile_disc({OrderExpression(site)}, {site.Arg(0)}){site.Over}" : $"percentile_disc({site.Arg(0)}) WITHIN GROUP (ORDER BY {site.Order})"),
            Postgres = Rewrite(site => site.Over.Length > 0
                ? $"rs_percentile_disc(array_agg({OrderExpression(site)}){WholePartition(site)}, {site.Arg(0)}, {Descending(site)})"
                : $"percentile_disc({site.Arg(0)}) WITHIN GROUP (ORDER BY {site.Order})"),
            Page = "r_PERCENTILE_DISC",
        },
        new("stddev") { Kind = FunctionKind.Aggregate, Args = 1, Result = Returns.Fixed(Types.Float8), Both = Template("CAST(stddev_samp({distinct}{0}){over} AS DOUBLE PRECISION)"), Page = "r_STDDEV_functions" },
        new("stddev_samp") { Kind = FunctionKind.Aggregate, Args = 1, Result = Returns.Fixed(Types.Float8), Both = Template("CAST(stddev_samp({distinct}{0}){over} AS DOUBLE PRECISION)"), Page = "r_STDDEV_functions" },
        new("stddev_pop") { Kind = FunctionKind.Aggregate, Args = 1, Result = Returns.Fixed(Types.Float8), Both = Template("CAST(stddev_pop({distinct}{0}){over} AS DOUBLE PRECISION)"), Page = "r_STDDEV_functions" },
        new("variance") { Kind = FunctionKind.Aggregate, Args = 1, Result = Returns.Fixed(Types.Float8), Both = Template("CAST(var_samp({distinct}{0}){over} AS DOUBLE PRECISION)"), Page = "r_VARIANCE_functions" },
        new("var_samp") { Kind = FunctionKind.Aggregate, Args = 1, Result = Returns.Fixed(Types.Float8), Both = Template("CAST(var_samp({distinct}{0}){over} AS DOUBLE PRECISION)"), Page = "r_VARIANCE_functions" },
        new("var_pop") { Kind = FunctionKind.Aggregate, Args = 1, Result = Returns.Fixed(Types.Float8), Both = Template("CAST(var_pop({distinct}{0}){over} AS DOUBLE PRECISION)"), Page = "r_VARIANCE_functions" },
        new("bool_and") { Kind = FunctionKind.Aggregate, Args = 1, Result = Returns.Fixed(Types.Bool), Both = Same, Page = "r_BOOL_AND" },
        new("bool_or") { Kind = FunctionKind.Aggregate, Args = 1, Result = Returns.Fixed(Types.Bool), Both = Same, Page = "r_BOOL_OR" },
        new("bit_and") { Kind = FunctionKind.Aggregate, Args = 1, Result = Returns.Arg(0), Both = Same, Page = "r_BIT_AND" },
        new("bit_or") { Kind = FunctionKind.Aggregate, Args = 1, Result = Returns.Arg(0), Both = Same, Page = "r_BIT_OR" },
    ];

    /// <summary>The call's window over its whole partition (these functions' OVER holds only PARTITION BY).</summary>
    private static string WholePartition(CallSite site) => $" OVER ({site.Over[" OVER (".Length..^1]} ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)";

    private static string Descending(CallSite site) => site.Order.Contains(" DESC", StringComparison.Ordinal) ? "true" : "false";

    private static string Distinct(CallSite site) => site.Distinct ? "DISTINCT " : "";

    /// <summary>The expression of a WITHIN GROUP (ORDER BY expr [ASC|DESC]) clause, for functions that take it as an argument.</summary>
    private static string OrderExpression(CallSite site)
    {
        string order = site.Order;
        foreach (string suffix in (string[])[" ASC NULLS LAST", " DESC NULLS FIRST", " ASC NULLS FIRST", " DESC NULLS LAST"])
        {
            if (order.EndsWith(suffix, StringComparison.Ordinal)) return order[..^suffix.Length];
        }

        return order;
    }

    /// <summary>AVG of DECIMAL(p,s): DECIMAL(38,s), the extra digits truncated (the guide's PIVOT examples show 2.716… as 2.71).</summary>
    private static string AvgDecimal(CallSite site)
    {
        int scale = site.ResultType?.Scale ?? 0;
        string avg = $"avg({Distinct(site)}{site.Arg(0)}){site.Over}";
        string exact = site.IsDuckDb ? $"CAST({avg} AS DECIMAL(38,10))" : avg;
        return $"CAST(trunc({exact}, {scale}) AS {site.EngineType(site.ResultType!.Value)})";
    }

    /// <summary>
    /// LISTAGG([DISTINCT] x [, delimiter]) [WITHIN GROUP (ORDER BY …)] [OVER (PARTITION BY …)]: the values as text,
    /// in the WITHIN GROUP order (https://docs.aws.amazon.com/redshift/latest/dg/r_LISTAGG.html, r_WF_LISTAGG).
    /// </summary>
    private static string ListAgg(CallSite site)
    {
        string value = site.IsDuckDb ? $"CAST({site.Arg(0)} AS VARCHAR)" : $"CAST({site.Arg(0)} AS text)";
        string delimiter = site.Args.Count > 1 ? site.Arg(1) : "''";
        string orderBy = site.Order.Length > 0 ? $" ORDER BY {site.Order}" : "";
        if (site.Over.Length == 0 && !site.Distinct)
        {
            return $"string_agg({value}, {delimiter}{orderBy})";
        }

        // DISTINCT keeps each value's first place in the WITHIN GROUP order (PostgreSQL and DuckDB cannot order DISTINCT by
        // another column), and the window form aggregates the whole partition in that order (its OVER holds only PARTITION BY).
        string list;
        if (site.Over.Length == 0)
        {
            list = site.IsDuckDb ? $"list({value}{orderBy})" : $"array_agg({value}{orderBy})";
        }
        else
        {
            string partition = site.Over[" OVER (".Length..^1];
            string window = $" OVER ({partition}{orderBy} ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)";
            list = site.IsDuckDb ? $"list({value}){window}" : $"array_agg({value}){window}";
        }

        if (site.Distinct) list = site.IsDuckDb ? $"list_filter({list}, (x, i) -> list_position({list}, x) = i)" : $"rs_array_distinct({list})";
        return $"array_to_string({list}, {delimiter})";
    }
}
