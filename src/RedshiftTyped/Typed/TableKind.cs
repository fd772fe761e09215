namespace RedshiftTyped.Typed;

/// <summary>What kind of relation a snapshot describes.</summary>
public enum TableKind
{
    /// <summary>A table.</summary>
    Table,
    /// <summary>A view.</summary>
    View,
    /// <summary>A late-binding view (WITH NO SCHEMA BINDING): DescribeTable lists no columns for it.</summary>
    LateBindingView,
    /// <summary>A materialized view.</summary>
    MaterializedView,
    /// <summary>An external table (Redshift Spectrum).</summary>
    ExternalTable,

    /// <summary>
    /// The result of a typed query (a <c>.sql</c> file): its <see cref="TableDescriptor.Name"/> is the query file's path,
    /// and it is read with <c>client.QueryAsync</c>, never as a table.
    /// </summary>
    Query,
}
