using RedshiftTyped.Local.Dialect.Typing;
using static RedshiftTyped.Local.Dialect.Functions.Implementation;

namespace RedshiftTyped.Local.Dialect.Functions;

/// <summary>Hash functions (https://docs.aws.amazon.com/redshift/latest/dg/hash-functions.html).</summary>
internal static class HashFunctions
{
    public static IEnumerable<FunctionRow> Rows =>
    [
        new("md5") { Args = 1, Result = Returns.Fixed(Types.Varchar(32)), Both = Same, Page = "r_MD5" },
        new("sha1") { Aliases = ["func_sha1"], Args = 1, Result = Returns.Fixed(Types.Varchar(40)), DuckDb = Template("sha1({0})"), Postgres = Unsupported("SHA1 on the PostgreSQL backend (it needs pgcrypto)"), Page = "SHA1" },
        new("sha2")
        {
            Args = 2, Result = Returns.Fixed(Types.VarcharMax),
            DuckDb = Rewrite(site => site.ArgNodes[1] is Syntax.Literal { Text: "0" or "256" } ? $"sha256({site.Arg(0)})" : throw new DialectError("ERROR: SHA2 with 224, 384 or 512 bits is not supported by the local server on DuckDB")),
            Postgres = Rewrite(site => $"encode(CASE CAST({site.Arg(1)} AS INTEGER) WHEN 224 THEN sha224(convert_to({site.Arg(0)}, 'UTF8')) WHEN 384 THEN sha384(convert_to({site.Arg(0)}, 'UTF8')) WHEN 512 THEN sha512(convert_to({site.Arg(0)}, 'UTF8')) ELSE sha256(convert_to({site.Arg(0)}, 'UTF8')) END, 'hex')"),
            Page = "SHA2",
        },
    ];
}
