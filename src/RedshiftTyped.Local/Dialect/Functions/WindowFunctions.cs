using RedshiftTyped.Local.Dialect.Typing;
using static RedshiftTyped.Local.Dialect.Functions.Implementation;

namespace RedshiftTyped.Local.Dialect.Functions;

/// <summary>Window-only functions (https://docs.aws.amazon.com/redshift/latest/dg/c_Window_functions.html) and their result types.</summary>
internal static class WindowFunctions
{
    public static IEnumerable<FunctionRow> Rows =>
    [
        new("row_number") { Kind = FunctionKind.Window, Args = 0, Result = Returns.Fixed(Types.Int8), Both = Template("CAST(row_number(){over} AS BIGINT)"), Page = "r_WF_ROW_NUMBER" },
        new("rank") { Kind = FunctionKind.Window, Args = 0, Result = Returns.Fixed(Types.Int4), Both = Template("CAST(rank(){over} AS INTEGER)"), Page = "r_WF_RANK" },
        new("dense_rank") { Kind = FunctionKind.Window, Args = 0, Result = Returns.Fixed(Types.Int4), Both = Template("CAST(dense_rank(){over} AS INTEGER)"), Page = "r_WF_DENSE_RANK" },
        new("ntile") { Kind = FunctionKind.Window, Args = 1, Result = Returns.Fixed(Types.Int8), Both = Template("CAST(ntile({0}){over} AS BIGINT)"), Page = "r_WF_NTILE" },
        new("percent_rank") { Kind = FunctionKind.Window, Args = 0, Result = Returns.Fixed(Types.Float8), Both = Same, Page = "r_WF_PERCENT_RANK" },
        new("cume_dist") { Kind = FunctionKind.Window, Args = 0, Result = Returns.Fixed(Types.Float8), Both = Same, Page = "r_WF_CUME_DIST" },
        new("ratio_to_report")
        {
            Kind = FunctionKind.Window, Args = 1, Result = Returns.Fixed(Types.Float8),
            Both = Template("(CAST({0} AS DOUBLE PRECISION) / sum(CAST({0} AS DOUBLE PRECISION)){over})"), Page = "r_WF_RATIO_TO_REPORT",
        },
        new("lag") { Kind = FunctionKind.Window, MinArgs = 1, MaxArgs = 3, Result = Returns.Arg(0), Both = Same, Page = "r_WF_LAG" },
        new("lead") { Kind = FunctionKind.Window, MinArgs = 1, MaxArgs = 3, Result = Returns.Arg(0), Both = Same, Page = "r_WF_LEAD" },
        new("first_value") { Kind = FunctionKind.Window, Args = 1, Result = Returns.Arg(0), Both = Same, Page = "r_WF_first_value" },
        new("last_value") { Kind = FunctionKind.Window, Args = 1, Result = Returns.Arg(0), Both = Same, Page = "r_WF_first_value" },
        new("nth_value") { Kind = FunctionKind.Window, Args = 2, Result = Returns.Arg(0), Both = Same, Page = "r_WF_NTH" },
    ];
}
