using RedshiftTyped.Local.Dialect.Typing;
using static RedshiftTyped.Local.Dialect.Functions.Implementation;

namespace RedshiftTyped.Local.Dialect.Functions;

/// <summary>Math functions (https://docs.aws.amazon.com/redshift/latest/dg/Math_functions.html); most are the engines' own.</summary>
internal static class MathFunctions
{
    public static IEnumerable<FunctionRow> Rows =>
    [
        new("dlog10") { Args = 1, Result = Returns.Fixed(Types.Float8), Both = Template("log10(CAST({0} AS DOUBLE PRECISION))"), Page = "r_DLOG10" },
        new("dlog1") { Args = 1, Result = Returns.Fixed(Types.Float8), Both = Template("ln(CAST({0} AS DOUBLE PRECISION))"), Page = "r_DLOG1" },
        new("dexp") { Args = 1, Result = Returns.Fixed(Types.Float8), Both = Template("exp(CAST({0} AS DOUBLE PRECISION))"), Page = "r_DEXP" },
        new("log") { Args = 1, ColumnName = "dlog10", Result = Returns.Fixed(Types.Float8), Both = Template("log10(CAST({0} AS DOUBLE PRECISION))"), Page = "r_LOG" },
        new("ln") { Args = 1, Result = Returns.Fixed(Types.Float8), Both = Template("ln(CAST({0} AS DOUBLE PRECISION))"), Page = "r_LN" },
        new("exp") { Args = 1, Result = Returns.Fixed(Types.Float8), Both = Template("exp(CAST({0} AS DOUBLE PRECISION))"), Page = "r_EXP" },
        new("sqrt") { Args = 1, Result = Returns.Fixed(Types.Float8), Both = Template("sqrt(CAST({0} AS DOUBLE PRECISION))"), Page = "r_SQRT" },
        new("cbrt") { Args = 1, Result = Returns.Fixed(Types.Float8), Both = Template("cbrt(CAST({0} AS DOUBLE PRECISION))"), Page = "r_CBRT" },
        new("power") { Aliases = ["pow"], Args = 2, Result = Returns.Fixed(Types.Float8), Both = Template("power(CAST({0} AS DOUBLE PRECISION), CAST({1} AS DOUBLE PRECISION))"), Page = "r_POWER" },
        new("pi") { Args = 0, Result = Returns.Fixed(Types.Float8), Both = Same, Page = "r_PI" },
        new("mod")
        {
            Args = 2, Result = call => call[0] is { } a && call[1] is { } b ? Types.Arithmetic("+", a, b) : null,
            Both = Template("({0} % {1})"), Page = "r_MOD",
        },
        new("abs") { Args = 1, Result = Returns.Arg(0), Both = Same, Page = "r_ABS" },
        new("sign") { Args = 1, Result = Returns.Arg(0), Both = Same, Page = "r_SIGN" },
        new("ceiling") { Aliases = ["ceil"], Args = 1, Result = call => Types.IsNumeric(call[0]) ? Types.Numeric(call[0]!.Value.Precision ?? 18, 0) : call[0], Both = Template("ceil({0})"), Page = "r_CEILING_FLOOR" },
        new("floor") { Args = 1, Result = call => Types.IsNumeric(call[0]) ? Types.Numeric(call[0]!.Value.Precision ?? 18, 0) : call[0], Both = Same, Page = "r_FLOOR" },
        new("trunc")
        {
            MinArgs = 1, MaxArgs = 2, Result = call => Types.IsNumeric(call[0]) && call.Count == 1 ? Types.Numeric(call[0]!.Value.Precision ?? 18, 0) : call[0],
            Both = Same, Page = "r_TRUNC",
        },
        new("round")
        {
            MinArgs = 1, MaxArgs = 2,
            Result = call => Types.IsNumeric(call[0]) && call.LiteralText(1) is { } digits && int.TryParse(digits, out int scale)
                ? Types.Numeric(call[0]!.Value.Precision ?? 18, Math.Max(0, scale))
                : Types.IsNumeric(call[0]) && call.Count == 1 ? Types.Numeric(call[0]!.Value.Precision ?? 18, 0) : call[0],
            Both = Same, Page = "r_ROUND",
        },
        new("random") { Args = 0, Result = Returns.Fixed(Types.Float8), Both = Same, Page = "r_RANDOM" },
        new("radians") { Args = 1, Result = Returns.Fixed(Types.Float8), Both = Same, Page = "r_RADIANS" },
        new("degrees") { Args = 1, Result = Returns.Fixed(Types.Float8), Both = Same, Page = "r_DEGREES" },
        new("sin") { Args = 1, Result = Returns.Fixed(Types.Float8), Both = Same, Page = "r_SIN" },
        new("cos") { Args = 1, Result = Returns.Fixed(Types.Float8), Both = Same, Page = "r_COS" },
        new("tan") { Args = 1, Result = Returns.Fixed(Types.Float8), Both = Same, Page = "r_TAN" },
        new("cot") { Args = 1, Result = Returns.Fixed(Types.Float8), Both = Same, Page = "r_COT" },
        new("asin") { Args = 1, Result = Returns.Fixed(Types.Float8), Both = Same, Page = "r_ASIN" },
        new("acos") { Args = 1, Result = Returns.Fixed(Types.Float8), Both = Same, Page = "r_ACOS" },
        new("atan") { Args = 1, Result = Returns.Fixed(Types.Float8), Both = Same, Page = "r_ATAN" },
        new("atan2") { Args = 2, Result = Returns.Fixed(Types.Float8), Both = Same, Page = "r_ATAN2" },
    ];
}
