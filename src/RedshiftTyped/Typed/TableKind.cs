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
}
