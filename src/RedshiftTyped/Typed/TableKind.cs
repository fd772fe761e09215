namespace RedshiftTyped.Typed;

/// <summary>What kind of relation a snapshot describes.</summary>
public enum TableKind
{
    Table,
    View,
    LateBindingView,
    MaterializedView,
    ExternalTable,
}
