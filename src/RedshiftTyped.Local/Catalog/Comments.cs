using RedshiftTyped.Local.Engine;
using RedshiftTyped.Local.Statements;

namespace RedshiftTyped.Local.Catalog;

/// <summary>
/// COMMENT ON (r_COMMENT.md). Comments on tables, views and columns are the engine's own (both engines keep them,
/// so they survive in a DuckDB file) and are read back into <c>svv_redshift_tables.remarks</c> and
/// <c>svv_redshift_columns.remarks</c> by <see cref="ListSql"/>. Comments on a database or a constraint are
/// accepted and have no visible effect, as no view the server answers shows them.
/// </summary>
internal static class Comments
{
    /// <summary>
    /// The plan of a COMMENT ON statement, or null for any other statement. Its text goes to the engine as
    /// <paramref name="dialect"/> passes a statement through: Redshift reads backslash escapes in the comment's string
    /// literal (<c>'a\\'</c> is <c>a\</c>), which DuckDB would otherwise store as written.
    /// </summary>
    public static StatementPlan? TryPlan(List<SqlToken> tokens, string sql, Dialect.RedshiftDialect dialect)
    {
        var words = StatementTargets.Significant(tokens);
        if (words.Count < 5 || !words[0].IsWord("comment") || !words[1].IsWord("on"))
        {
            return null;
        }

        return words[2] switch
        {
            var kind when kind.IsWord("table") || kind.IsWord("view") || kind.IsWord("column") => new StatementPlan(dialect.PassThrough(sql).Sql),
            var kind when kind.IsWord("database") || kind.IsWord("constraint") => new StatementPlan(null),
            _ => null,
        };
    }

    /// <summary>Rows of (schema, table, column or NULL for the table itself, comment) for every commented object.</summary>
    public static string ListSql(IDatabaseBackend backend) => backend is PostgresBackend
        ? "SELECT n.nspname, c.relname, a.attname, d.description FROM pg_description d " +
          "JOIN pg_class c ON c.oid = d.objoid AND d.classoid = 'pg_class'::regclass " +
          "JOIN pg_namespace n ON n.oid = c.relnamespace " +
          "LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid AND d.objsubid > 0 " +
          "WHERE d.objsubid = 0 OR a.attname IS NOT NULL"
        : "SELECT schema_name, table_name, NULL, comment FROM duckdb_tables() WHERE comment IS NOT NULL AND database_name = current_database() " +
          "UNION ALL SELECT schema_name, view_name, NULL, comment FROM duckdb_views() WHERE comment IS NOT NULL AND NOT internal AND database_name = current_database() " +
          "UNION ALL SELECT schema_name, table_name, column_name, comment FROM duckdb_columns() WHERE comment IS NOT NULL AND database_name = current_database()";
}
