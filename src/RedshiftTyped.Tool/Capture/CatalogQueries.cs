namespace RedshiftTyped.Tool.Capture;

/// <summary>
/// The SQL that capture runs for what the Data API's catalog calls do not give: keys, comments, distribution
/// and sort keys, and the kinds and columns of late-binding views, materialized views and external tables.
/// Constant text: no name is ever interpolated (the one value, the database, travels as a parameter).
/// These are Redshift system views; the local server answers the same queries the same way.
/// </summary>
internal static class CatalogQueries
{
    /// <summary>Late-binding views have no rows in information_schema.columns (nor in DescribeTable); this function has them.</summary>
    public const string LateBindingViewColumns =
        "select view_schema, view_name, col_name, col_type, col_num " +
        "from pg_get_late_binding_view_cols() cols(view_schema name, view_name name, col_name name, col_type varchar, col_num int)";

    public const string MaterializedViews = "select trim(schema) as schema_name, trim(name) as view_name from stv_mv_info";

    public const string ExternalTables = "select schemaname, tablename from svv_external_tables";

    public const string ExternalColumns =
        "select schemaname, tablename, columnname, external_type, columnnum, is_nullable from svv_external_columns";

    public const string TableComments =
        "select schema_name, table_name, table_type, remarks from svv_redshift_tables where database_name = :database";

    public const string ColumnDetails =
        "select schema_name, table_name, column_name, distkey, sortkey, remarks from svv_redshift_columns where database_name = :database";

    public const string DistributionStyles = "select \"schema\", \"table\", diststyle from svv_table_info";

    public const string PrimaryKeys =
        "select tc.table_schema, tc.table_name, kcu.column_name, kcu.ordinal_position " +
        "from information_schema.table_constraints tc " +
        "join information_schema.key_column_usage kcu " +
        "on kcu.constraint_schema = tc.constraint_schema and kcu.constraint_name = tc.constraint_name and kcu.table_name = tc.table_name " +
        "where tc.constraint_type = 'PRIMARY KEY'";
}
