namespace RedshiftTyped.Typed;

/// <summary>What kind of relation a snapshot describes.</summary>
public enum TableKind
{
    Table,
    View,
    LateBindingView,
    MaterializedView,
    ExternalTable,

    /// <summary>
    /// The result of a typed query (a <c>.sql</c> file): its <see cref="TableDescriptor.Name"/> is the query file's path,
    /// and it is read with <c>client.QueryAsync</c>, never as a table.
    /// </summary>
    Query,
}
