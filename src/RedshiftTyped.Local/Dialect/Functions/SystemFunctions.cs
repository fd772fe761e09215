using RedshiftTyped.Local.Dialect.Typing;
using static RedshiftTyped.Local.Dialect.Functions.Implementation;

namespace RedshiftTyped.Local.Dialect.Functions;

/// <summary>System information functions (https://docs.aws.amazon.com/redshift/latest/dg/r_System_information_functions.html).</summary>
internal static class SystemFunctions
{
    public static IEnumerable<FunctionRow> Rows =>
    [
        new("current_database") { Args = 0, Result = Returns.Fixed(Types.VarcharMax), Both = Same, Page = "r_CURRENT_DATABASE" },
        new("current_schema") { Args = 0, Result = Returns.Fixed(Types.VarcharMax), Both = Template("current_schema()"), Page = "r_CURRENT_SCHEMA" },
        new("current_schemas")
        {
            // The search path as PostgreSQL's array text ({public}); the local server's is public, with pg_catalog implicit.
            Args = 1, Result = Returns.Fixed(Types.VarcharMax),
            DuckDb = Template("CASE WHEN CAST({0} AS BOOLEAN) THEN '{pg_catalog,public}' ELSE '{public}' END"),
            Postgres = Template("CAST(current_schemas(CAST({0} AS boolean)) AS text)"), Page = "r_CURRENT_SCHEMAS",
        },
        new("db_collation") { Args = 0, Result = Returns.Fixed(Types.VarcharMax), Both = Template("'case_sensitive'"), Page = "r_CREATE_TABLE_NEW" },
        new("set_config")
        {
            // The local server has no workload management or query groups: the setting is accepted and returned.
            Args = 3, Result = Returns.Fixed(Types.VarcharMax), DuckDb = Template("CAST({1} AS VARCHAR)"), Postgres = Template("CAST({1} AS text)"), Page = "r_SET_CONFIG",
        },
        new("pg_last_unload_count")
        {
            // The rows the session's last UNLOAD wrote, 0 before any or after a failed one; the server's UNLOAD keeps the count
            // on the statement's connection (Unload/UnloadPlanner).
            Args = 0, Result = Returns.Fixed(Types.Int8),
            DuckDb = Template("CAST(coalesce(getvariable('rt_last_unload_count'), 0) AS BIGINT)"),
            Postgres = Template("coalesce(CAST(nullif(current_setting('redshift_typed.last_unload_count', true), '') AS bigint), 0)"),
            Page = "PG_LAST_UNLOAD_COUNT",
        },
    ];
}
