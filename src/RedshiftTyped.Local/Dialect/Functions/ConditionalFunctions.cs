using RedshiftTyped.Local.Dialect.Typing;
using static RedshiftTyped.Local.Dialect.Functions.Implementation;

namespace RedshiftTyped.Local.Dialect.Functions;

/// <summary>Conditional expressions (https://docs.aws.amazon.com/redshift/latest/dg/c_conditional_expressions.html).</summary>
internal static class ConditionalFunctions
{
    public static IEnumerable<FunctionRow> Rows =>
    [
        new("coalesce") { MinArgs = 1, Result = Returns.Common(), Both = Template("coalesce({args})"), Page = "r_NVL_function" },
        new("nvl") { MinArgs = 1, ColumnName = "coalesce", Result = Returns.Common(), Both = Template("coalesce({args})"), Page = "r_NVL_function" },
        new("nvl2")
        {
            Args = 3, Result = Returns.Common(1), Both = Template("CASE WHEN {0} IS NOT NULL THEN {1} ELSE {2} END"), Page = "r_NVL2",
        },
        new("decode")
        {
            // DECODE matches NULL with NULL, unlike CASE (https://docs.aws.amazon.com/redshift/latest/dg/r_DECODE_expression.html).
            MinArgs = 3, ColumnName = "case",
            Result = call => Types.Common(Enumerable.Range(1, call.Count - 1).Where(i => i % 2 == 0 || i == call.Count - 1 && call.Count % 2 == 0).Select(i => (call[i], call.Nodes[i]))),
            Both = Rewrite(Decode), Page = "r_DECODE_expression",
        },
        new("nullif")
        {
            Args = 2, ColumnName = ColumnNames.FirstArgument, Result = Returns.Arg(0),
            DuckDb = Rewrite(site => site.TypeOf(0) is { Type: Engine.RsType.Bpchar } || site.TypeOf(1) is { Type: Engine.RsType.Bpchar }
                ? $"CASE WHEN rtrim({site.Arg(0)}) = rtrim({site.Arg(1)}) THEN NULL ELSE {site.Arg(0)} END"
                : $"nullif({site.Arg(0)}, {site.Arg(1)})"),
            Postgres = Same, Page = "r_NULLIF_function",
        },
        new("greatest") { MinArgs = 1, Result = Returns.Common(), Both = Same, Page = "r_GREATEST_LEAST" },
        new("least") { MinArgs = 1, Result = Returns.Common(), Both = Same, Page = "r_GREATEST_LEAST" },
    ];

    private static string Decode(CallSite site)
    {
        var text = new System.Text.StringBuilder("CASE");
        int pairs = (site.Args.Count - 1) / 2;
        for (int i = 0; i < pairs; i++)
        {
            text.Append($" WHEN {site.Arg(0)} IS NOT DISTINCT FROM {site.Arg(1 + 2 * i)} THEN {site.Arg(2 + 2 * i)}");
        }

        if (site.Args.Count % 2 == 0) text.Append(" ELSE ").Append(site.Args[^1]);
        return text.Append(" END").ToString();
    }
}
