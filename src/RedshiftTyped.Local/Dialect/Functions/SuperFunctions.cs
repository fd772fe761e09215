using RedshiftTyped.Local.Dialect.Typing;
using RedshiftTyped.Local.Engine;
using RedshiftTyped.Local.Statements;
using static RedshiftTyped.Local.Dialect.Functions.Implementation;

namespace RedshiftTyped.Local.Dialect.Functions;

/// <summary>
/// SUPER constructors and type inspection (https://docs.aws.amazon.com/redshift/latest/dg/c_Array_Functions.html,
/// Object_Functions, c_Type_Info_Functions). SUPER is JSON on both engines.
/// </summary>
internal static class SuperFunctions
{
    public static IEnumerable<FunctionRow> Rows =>
    [
        new("array") { MinArgs = 0, Result = Returns.Fixed(Types.Super), DuckDb = Rewrite(site => $"json_array({Values(site)})"), Postgres = Rewrite(site => $"json_build_array({Values(site)})"), Page = "r_array" },
        new("object") { MinArgs = 0, Result = Returns.Fixed(Types.Super), DuckDb = Rewrite(site => $"json_object({Values(site)})"), Postgres = Rewrite(site => $"json_build_object({Values(site)})"), Page = "r_object_function" },
        new("array_concat")
        {
            Args = 2, Result = Returns.Fixed(Types.Super),
            DuckDb = Template("CAST(to_json(list_concat(CAST({0} AS JSON[]), CAST({1} AS JSON[]))) AS JSON)"),
            Postgres = Template("to_json(ARRAY(SELECT json_array_elements({0})) || ARRAY(SELECT json_array_elements({1})))"), Page = "r_array_concat",
        },
        new("subarray")
        {
            // SUBARRAY(array, start, length): length elements from the 0-based start (https://docs.aws.amazon.com/redshift/latest/dg/r_subarray.html).
            Args = 3, Result = Returns.Fixed(Types.Super),
            DuckDb = Template("CAST(to_json(CAST({0} AS JSON[])[CAST({1} AS BIGINT) + 1 : CAST({1} AS BIGINT) + CAST({2} AS BIGINT)]) AS JSON)"),
            Postgres = Template("to_json(ARRAY(SELECT e FROM json_array_elements({0}) WITH ORDINALITY AS u(e, i) WHERE i > {1} AND i <= {1} + {2} ORDER BY i))"),
            Page = "r_subarray",
        },
        new("array_flatten")
        {
            // ARRAY_FLATTEN: the scalars and objects of nested arrays, at any depth, in one array, in document order
            // (array_flatten.md; operators-functions.md flattens [1,[2,[3,[]]]] to [1,2,3]); NULL for a non-array.
            Args = 1, Result = Returns.Fixed(Types.Super),
            DuckDb = Template("CASE WHEN json_type({0}) = 'ARRAY' THEN (SELECT CAST(to_json(coalesce(list(t.value ORDER BY t.id), [])) AS JSON) FROM json_tree({0}) AS t "
                + "WHERE t.type <> 'ARRAY' AND regexp_full_match(t.fullkey, '[$]([[][0-9]+[]])+')) END"),
            Postgres = Template("CASE WHEN json_typeof({0}) = 'array' THEN (WITH RECURSIVE t(v, path) AS (SELECT a.e, ARRAY[a.i] FROM json_array_elements({0}) WITH ORDINALITY AS a(e, i) "
                + "UNION ALL SELECT b.e, t.path || b.i FROM t CROSS JOIN LATERAL json_array_elements(t.v) WITH ORDINALITY AS b(e, i) WHERE json_typeof(t.v) = 'array') "
                + "SELECT to_json(ARRAY(SELECT v FROM t WHERE json_typeof(v) <> 'array' ORDER BY path))) END"),
            Page = "array_flatten",
        },
        new("get_array_length")
        {
            Args = 1, Result = Returns.Fixed(Types.Int8),
            DuckDb = Template("CAST(CASE WHEN json_type({0}) = 'ARRAY' THEN json_array_length({0}) END AS BIGINT)"),
            Postgres = Template("CAST(CASE WHEN json_typeof({0}) = 'array' THEN json_array_length({0}) END AS BIGINT)"), Page = "get_array_length",
        },
        new("split_to_array")
        {
            MinArgs = 1, MaxArgs = 2, Result = Returns.Fixed(Types.Super),
            DuckDb = Rewrite(site => $"CAST(to_json(string_split({site.Arg(0)}, {(site.Args.Count > 1 ? site.Arg(1) : "','")})) AS JSON)"),
            Postgres = Rewrite(site => $"to_json(string_to_array({site.Arg(0)}, {(site.Args.Count > 1 ? site.Arg(1) : "','")}))"), Page = "split_to_array",
        },
        new("json_typeof") { Args = 1, Result = Returns.Fixed(Types.VarcharMax), DuckDb = Rewrite(site => Kind(site, site.Arg(0))), Postgres = Same, Page = "r_json_typeof" },
        new("json_size")
        {
            Args = 1, Result = Returns.Fixed(Types.Int4),
            DuckDb = Template("CAST(strlen(CAST({0} AS VARCHAR)) AS INTEGER)"), Postgres = Template("CAST(octet_length(rs_json_compact({0})) AS INTEGER)"), Page = "r_json_size",
        },
        new("decimal_precision")
        {
            Args = 1, Result = Returns.Fixed(Types.Int4),
            Both = Rewrite(site => $"CASE WHEN {Kind(site, site.Arg(0))} = 'number' THEN CAST(greatest(length(ltrim(regexp_replace(split_part({Text(site)}, 'e', 1), '[^0-9]', '', 'g'), '0')), 1) AS INTEGER) END"),
            Page = "r_decimal_precision",
        },
        new("decimal_scale")
        {
            Args = 1, Result = Returns.Fixed(Types.Int4),
            Both = Rewrite(site => $"CASE WHEN {Kind(site, site.Arg(0))} = 'number' THEN CAST(length(split_part(split_part({Text(site)}, 'e', 1), '.', 2)) AS INTEGER) END"),
            Page = "r_decimal_scale",
        },
        Is("is_array", "'array'"),
        Is("is_object", "'object'"),
        Is("is_scalar", "'string', 'number', 'boolean'"),
        Is("is_boolean", "'boolean'"),
        Is("is_varchar", "'string'"),
        Is("is_char", "'string'"),
        new("is_number") { Args = 1, Result = Returns.Fixed(Types.Bool), Both = Rewrite(site => $"coalesce({Kind(site, site.Arg(0))} = 'number', false)"), Page = "r_c_Type_Info_Functions" },
        IsInteger("is_integer", -2147483648L, 2147483647L),
        IsInteger("is_smallint", -32768L, 32767L),
        IsInteger("is_bigint", long.MinValue, long.MaxValue),
        new("is_decimal")
        {
            Args = 1, Result = Returns.Fixed(Types.Bool),
            Both = Rewrite(site => $"coalesce({Kind(site, site.Arg(0))} = 'number' AND {Text(site)} NOT LIKE '%e%' AND {Text(site)} NOT LIKE '%E%', false)"), Page = "r_is_decimal",
        },
        new("is_float")
        {
            Args = 1, Result = Returns.Fixed(Types.Bool),
            // A SUPER float is stored with an exponent, a decimal without (Storage/README.md): IS_FLOAT and IS_DECIMAL are disjoint.
            Both = Rewrite(site => $"coalesce({Kind(site, site.Arg(0))} = 'number' AND ({Text(site)} LIKE '%e%' OR {Text(site)} LIKE '%E%'), false)"), Page = "r_is_float",
        },
    ];

    /// <summary>
    /// Constructor arguments: SUPER values as they are, others as JSON scalars of their kind; dates and times have no
    /// SUPER form (the guide's OBJECT example: "OBJECT could not convert type date to super").
    /// </summary>
    private static string Values(CallSite site)
    {
        for (int i = 0; i < site.Args.Count; i++)
        {
            if (site.TypeOf(i) is { Type: RsType.Date or RsType.Time or RsType.TimeTz or RsType.Timestamp or RsType.TimestampTz } type)
            {
                throw new EngineFailure($"ERROR: {site.Name.ToUpperInvariant()} could not convert type {type.TypeName} to super");
            }
        }

        return string.Join(", ", site.Args.Select((a, i) => site.TypeOf(i) is { Type: RsType.Bpchar } ? $"rtrim({a})" : a));
    }

    /// <summary>The JSON kind of a SUPER value in Redshift's words: object, array, string, number, boolean, null.</summary>
    internal static string Kind(CallSite site, string value) => site.IsDuckDb
        ? $"CASE json_type({value}) WHEN 'OBJECT' THEN 'object' WHEN 'ARRAY' THEN 'array' WHEN 'VARCHAR' THEN 'string' WHEN 'BOOLEAN' THEN 'boolean' WHEN 'NULL' THEN 'null' ELSE 'number' END"
        : $"json_typeof({value})";

    private static string Text(CallSite site) => site.IsDuckDb ? $"CAST({site.Arg(0)} AS VARCHAR)" : $"CAST({site.Arg(0)} AS text)";

    private static FunctionRow Is(string name, string kinds) => new(name)
    {
        Args = 1, Result = Returns.Fixed(Types.Bool), Both = Rewrite(site => $"coalesce({Kind(site, site.Arg(0))} IN ({kinds}), false)"), Page = $"r_{name}",
    };

    private static FunctionRow IsInteger(string name, long min, long max) => new(name)
    {
        Args = 1, Result = Returns.Fixed(Types.Bool),
        Both = Rewrite(site =>
        {
            string text = Text(site);
            string integral = site.IsDuckDb ? $"regexp_full_match({text}, '-?[0-9]+')" : $"({text} ~ '^-?[0-9]+$')";
            return $"coalesce(CASE WHEN {Kind(site, site.Arg(0))} = 'number' AND {integral} THEN CAST({text} AS DECIMAL(38,0)) BETWEEN {min} AND {max} ELSE false END, false)";
        }),
        Page = $"r_{name}",
    };
}
