using RedshiftTyped.Local.Dialect.Typing;
using RedshiftTyped.Local.Engine;
using RedshiftTyped.Local.Statements;
using static RedshiftTyped.Local.Dialect.Functions.Implementation;

namespace RedshiftTyped.Local.Dialect.Functions;

/// <summary>VARBYTE functions (https://docs.aws.amazon.com/redshift/latest/dg/varbyte-functions.html); VARBYTE is BLOB / bytea.</summary>
internal static class VarbyteFunctions
{
    public static IEnumerable<FunctionRow> Rows =>
    [
        new("from_hex")
        {
            Args = 1, Result = Returns.Fixed(Types.Varbyte),
            DuckDb = Template("unhex({0})"), Postgres = Template("decode(CASE WHEN length({0}) % 2 = 1 THEN '0' || {0} ELSE {0} END, 'hex')"), Page = "r_FROM_HEX",
        },
        new("to_hex")
        {
            Args = 1, Result = Returns.Fixed(Types.VarcharMax),
            DuckDb = Template("lower(hex({0}))"),
            Postgres = Rewrite(site => site.TypeOf(0) is { Type: RsType.Varbyte } ? $"encode({site.Arg(0)}, 'hex')" : $"to_hex({site.Arg(0)})"), Page = "r_TO_HEX",
        },
        new("to_varbyte") { Args = 2, Result = Returns.Fixed(Types.Varbyte), Both = Rewrite(ToVarbyte), Page = "r_TO_VARBYTE" },
        new("from_varbyte") { Args = 2, Result = Returns.Fixed(Types.VarcharMax), Both = Rewrite(FromVarbyte), Page = "r_FROM_VARBYTE" },
        new("getbit")
        {
            Args = 2, Result = Returns.Fixed(Types.Int4),
            DuckDb = Template("CAST(get_bit(CAST({0} AS BIT), CAST(8 * ({1} // 8) + 7 - {1} % 8 AS INTEGER)) AS INTEGER)"),
            Postgres = Template("get_bit({0}, {1})"), Page = "r_GETBIT",
        },
    ];

    private static string Format(CallSite site)
        => site.ArgNodes[1] is Syntax.Literal { Kind: Syntax.LiteralKind.String } literal
            ? literal.Text.ToLowerInvariant()
            : throw new EngineFailure($"ERROR: {site.Name}: the format must be a literal: hex, binary, utf8 or base64");

    /// <summary>TO_VARBYTE(text, 'hex'|'binary'|'utf8'|'base64').</summary>
    private static string ToVarbyte(CallSite site)
    {
        string s = site.Arg(0);
        string hex = $"CASE WHEN length({s}) % 2 = 1 THEN '0' || {s} ELSE {s} END";
        return (Format(site), site.IsDuckDb) switch
        {
            ("hex", true) => $"unhex({hex})",
            ("hex", false) => $"decode({hex}, 'hex')",
            ("utf8" or "utf-8", true) => $"encode({s})",
            ("utf8" or "utf-8", false) => $"convert_to({s}, 'UTF8')",
            ("base64", true) => $"from_base64({s})",
            ("base64", false) => $"decode({s}, 'base64')",
            ("binary", true) => $"CAST(CAST(lpad({s}, CAST(ceil(length({s}) / 8.0) * 8 AS INTEGER), '0') AS BIT) AS BLOB)",
            ("binary", false) => $"decode(lpad(to_hex(CAST(CAST(lpad({s}, 64, '0') AS bit(64)) AS bigint)), CAST(ceil(length({s}) / 8.0) * 2 AS INTEGER), '0'), 'hex')",
            var (format, _) => throw new EngineFailure($"ERROR: to_varbyte: unknown format \"{format}\" (use hex, binary, utf8 or base64)"),
        };
    }

    /// <summary>FROM_VARBYTE(varbyte, 'hex'|'binary'|'utf8'|'base64').</summary>
    private static string FromVarbyte(CallSite site)
    {
        string b = site.Arg(0);
        return (Format(site), site.IsDuckDb) switch
        {
            ("hex", true) => $"lower(hex({b}))",
            ("hex", false) => $"encode({b}, 'hex')",
            ("utf8" or "utf-8", true) => $"decode({b})",
            ("utf8" or "utf-8", false) => $"convert_from({b}, 'UTF8')",
            ("base64", true) => $"to_base64({b})",
            ("base64", false) => $"encode({b}, 'base64')",
            ("binary", true) => $"CAST(CAST({b} AS BIT) AS VARCHAR)",
            ("binary", false) => $"CAST(CAST(('x' || encode({b}, 'hex')) AS bit varying) AS text)",
            var (format, _) => throw new EngineFailure($"ERROR: from_varbyte: unknown format \"{format}\" (use hex, binary, utf8 or base64)"),
        };
    }
}
