using RedshiftTyped.Local.Dialect.Typing;
using RedshiftTyped.Local.Engine;
using static RedshiftTyped.Local.Dialect.Functions.Implementation;

namespace RedshiftTyped.Local.Dialect.Functions;

/// <summary>
/// JSON functions over JSON text (https://docs.aws.amazon.com/redshift/latest/dg/json-functions.html). A trailing
/// <c>true</c> (null_if_invalid) turns invalid JSON into NULL instead of an error.
/// </summary>
internal static class JsonFunctions
{
    public static IEnumerable<FunctionRow> Rows =>
    [
        new("is_valid_json")
        {
            Args = 1, Result = Returns.Fixed(Types.Bool),
            DuckDb = Template("CASE WHEN rs_json_valid({0}) THEN json_type({0}) = 'OBJECT' ELSE false END"),
            Postgres = Template("coalesce(rs_json_kind({0}) = 'object', false)"), Page = "IS_VALID_JSON",
        },
        new("is_valid_json_array")
        {
            Args = 1, Result = Returns.Fixed(Types.Bool),
            DuckDb = Template("CASE WHEN rs_json_valid({0}) THEN json_type({0}) = 'ARRAY' ELSE false END"),
            Postgres = Template("coalesce(rs_json_kind({0}) = 'array', false)"), Page = "IS_VALID_JSON_ARRAY",
        },
        new("can_json_parse")
        {
            Args = 1, Result = Returns.Fixed(Types.Bool),
            DuckDb = Template("coalesce(rs_json_valid({0}), false)"), Postgres = Template("(rs_json_kind({0}) IS NOT NULL)"), Page = "CAN_JSON_PARSE",
        },
        new("json_array_length")
        {
            MinArgs = 1, MaxArgs = 2, Result = Returns.Fixed(Types.Int4),
            DuckDb = Rewrite(site => Lenient(site, 1, $"CAST(json_array_length(rs_json_checked({site.Arg(0)})) AS INTEGER)", duckValid: $"rs_json_valid({site.Arg(0)})")),
            Postgres = Rewrite(site => $"CAST(json_array_length({PgJson(site, 1)}) AS INTEGER)"),
            Page = "JSON_ARRAY_LENGTH",
        },
        new("json_extract_array_element_text")
        {
            MinArgs = 2, MaxArgs = 3, Result = Returns.Fixed(Types.VarcharMax),
            DuckDb = Rewrite(site => Lenient(site, 2, $"json_extract_string(rs_json_checked({site.Arg(0)}), '$[' || CAST({site.Arg(1)} AS VARCHAR) || ']')", duckValid: $"rs_json_valid({site.Arg(0)})")),
            Postgres = Rewrite(site => $"({PgJson(site, 2)} ->> CAST({site.Arg(1)} AS INTEGER))"),
            Page = "JSON_EXTRACT_ARRAY_ELEMENT_TEXT",
        },
        new("json_extract_path_text")
        {
            MinArgs = 2, Result = Returns.Fixed(Types.VarcharMax), Both = Rewrite(ExtractPathText), Page = "JSON_EXTRACT_PATH_TEXT",
        },
        new("json_parse")
        {
            Args = 1, Result = Returns.Fixed(Types.Super), DuckDb = Template("rs_json_checked({0})"), Postgres = Template("CAST({0} AS json)"), Page = "JSON_PARSE",
        },
        new("json_serialize")
        {
            Args = 1, Result = Returns.Fixed(Types.VarcharMax), DuckDb = Template("CAST({0} AS VARCHAR)"), Postgres = Template("rs_json_compact({0})"), Page = "JSON_SERIALIZE",
        },
        new("json_serialize_to_varbyte")
        {
            Args = 1, Result = Returns.Fixed(Types.Varbyte), DuckDb = Template("encode(CAST({0} AS VARCHAR))"), Postgres = Template("convert_to(rs_json_compact({0}), 'UTF8')"),
            Page = "JSON_SERIALIZE_TO_VARBYTE",
        },
    ];

    /// <summary>
    /// The JSON argument on PostgreSQL: parsed (an error when invalid), or, with a null_if_invalid argument, parsed by
    /// rs_json_or_null (NULL when invalid and the flag is true). A function, not CASE: PostgreSQL folds constant casts early.
    /// </summary>
    private static string PgJson(CallSite site, int flagIndex)
        => flagIndex < site.Args.Count ? $"rs_json_or_null({site.Arg(0)}, {site.Arg(flagIndex)})" : $"CAST({site.Arg(0)} AS json)";

    /// <summary>The function's value, or NULL for invalid JSON when the null_if_invalid argument is true.</summary>
    private static string Lenient(CallSite site, int flagIndex, string value, string? duckValid = null, string? pgValid = null)
    {
        if (flagIndex >= site.Args.Count) return value;
        string valid = site.IsDuckDb ? duckValid! : pgValid!;
        return $"CASE WHEN {site.Arg(flagIndex)} AND NOT coalesce({valid}, false) THEN NULL ELSE {value} END";
    }

    /// <summary>JSON_EXTRACT_PATH_TEXT(json, key1, key2, … [, null_if_invalid]): the text at the path; objects and arrays as JSON text.</summary>
    private static string ExtractPathText(CallSite site)
    {
        int keys = site.Args.Count - 1;
        bool lenient = site.TypeOf(site.Args.Count - 1) is { Type: RsType.Bool };
        if (lenient) keys--;
        var path = Enumerable.Range(1, keys).Select(site.Arg).ToList();
        string value;
        if (site.IsDuckDb)
        {
            string pointer = string.Join(" || ", path.Select(k => $"'/' || replace(replace({k}, '~', '~0'), '/', '~1')"));
            value = $"json_extract_string(rs_json_checked({site.Arg(0)}), {pointer})";
        }
        else
        {
            string json = lenient ? PgJson(site, site.Args.Count - 1) : $"CAST({site.Arg(0)} AS json)";
            return $"json_extract_path_text({json}, {string.Join(", ", path)})";
        }

        return lenient ? Lenient(site, site.Args.Count - 1, value, $"rs_json_valid({site.Arg(0)})", null) : value;
    }
}
