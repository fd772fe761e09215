using RedshiftTyped.Local.Dialect.Typing;
using RedshiftTyped.Local.Engine;
using RedshiftTyped.Local.Statements;
using static RedshiftTyped.Local.Dialect.Functions.Implementation;

namespace RedshiftTyped.Local.Dialect.Functions;

/// <summary>Hash functions (https://docs.aws.amazon.com/redshift/latest/dg/hash-functions.html).</summary>
internal static class HashFunctions
{
    public static IEnumerable<FunctionRow> Rows =>
    [
        new("fnv_hash")
        {
            MinArgs = 1, MaxArgs = 2, Result = Returns.Fixed(Types.Int8),
            Both = Rewrite(site => $"rs_fnv_hash({Bytes(site, 0)}, {(site.Args.Count > 1 ? $"CAST({site.Arg(1)} AS BIGINT)" : "NULL")})"), Page = "r_FNV_HASH",
        },
        new("crc32") { Args = 1, Result = Returns.Fixed(Types.Varchar(8)), Both = Rewrite(site => $"rs_crc32({Bytes(site, 0)})"), Page = "crc32-function" },
        new("farmfingerprint64")
        {
            Args = 1, Result = Returns.Fixed(Types.Int8),
            // Neither engine has FarmHash and a SQL port would need 64-bit wrapping arithmetic in loops: the server
            // computes the fingerprint of a constant itself, and refuses it for values only the engine knows.
            Both = Rewrite(site => ConstantBytes(site.ArgNodes[0]) is { } bytes
                ? $"CAST({FarmFingerprint64.Signed(bytes).ToString(System.Globalization.CultureInfo.InvariantCulture)} AS BIGINT)"
                : throw new EngineFailure("ERROR: FARMFINGERPRINT64 of a column or expression is not supported by the local server (only of a constant VARCHAR or VARBYTE)")),
            Page = "r_FARMFINGERPRINT64",
        },
        new("md5") { Args = 1, Result = Returns.Fixed(Types.Varchar(32)), Both = Same, Page = "r_MD5" },
        new("sha1") { Aliases = ["func_sha1"], Args = 1, Result = Returns.Fixed(Types.Varchar(40)), DuckDb = Template("sha1({0})"), Postgres = Unsupported("SHA1 on the PostgreSQL backend (it needs pgcrypto)"), Page = "SHA1" },
        new("sha2")
        {
            Args = 2, Result = Returns.Fixed(Types.VarcharMax),
            DuckDb = Rewrite(site => site.ArgNodes[1] is Syntax.Literal { Text: "0" or "256" } ? $"sha256({site.Arg(0)})" : throw new EngineFailure("ERROR: SHA2 with 224, 384 or 512 bits is not supported by the local server on DuckDB")),
            Postgres = Rewrite(site => $"encode(CASE CAST({site.Arg(1)} AS INTEGER) WHEN 224 THEN sha224(convert_to({site.Arg(0)}, 'UTF8')) WHEN 384 THEN sha384(convert_to({site.Arg(0)}, 'UTF8')) WHEN 512 THEN sha512(convert_to({site.Arg(0)}, 'UTF8')) ELSE sha256(convert_to({site.Arg(0)}, 'UTF8')) END, 'hex')"),
            Page = "SHA2",
        },
    ];

    /// <summary>The bytes of a constant VARCHAR, or of one cast to VARBYTE (its UTF-8 bytes); null for anything else.</summary>
    private static byte[]? ConstantBytes(Syntax.Expr node) => node switch
    {
        Syntax.Literal { Kind: Syntax.LiteralKind.String } literal => System.Text.Encoding.UTF8.GetBytes(literal.Text),
        Syntax.Cast { Operand: Syntax.Literal { Kind: Syntax.LiteralKind.String } literal, Type: var type }
            when Types.FromTypeName(type) is { Type: RsType.Varbyte or RsType.Varchar } => System.Text.Encoding.UTF8.GetBytes(literal.Text),
        _ => null,
    };

    /// <summary>
    /// The bytes a hash function reads from a value: text as UTF-8 (CHAR without its padding), integers as their
    /// little-endian bytes of the integer's width, VARBYTE as it is (the FNV_HASH examples' values fix the order).
    /// </summary>
    private static string Bytes(CallSite site, int index)
    {
        string value = site.Arg(index);
        string bytes = site.TypeOf(index)?.Type switch
        {
            RsType.Int2 => $"rs_int_bytes({value}, 2)",
            RsType.Int4 => $"rs_int_bytes({value}, 4)",
            RsType.Int8 => $"rs_int_bytes({value}, 8)",
            RsType.Varbyte => value,
            RsType.Bpchar => site.IsDuckDb ? $"encode(rtrim({value}))" : $"convert_to(rtrim({value}), 'UTF8')",
            _ => site.IsDuckDb ? $"encode(CAST({value} AS VARCHAR))" : $"convert_to(CAST({value} AS text), 'UTF8')",
        };
        return site.IsDuckDb && site.TypeOf(index)?.Type is not (RsType.Int2 or RsType.Int4 or RsType.Int8) ? $"rs_bytes({bytes})" : bytes;
    }
}
