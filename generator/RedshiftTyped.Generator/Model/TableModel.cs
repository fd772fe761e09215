namespace RedshiftTyped.Generator.Model;

/// <summary>The kinds of relation a snapshot describes, as spelled in its <c>kind</c> member.</summary>
internal enum TableKind
{
    Table,
    View,
    LateBindingView,
    MaterializedView,
    ExternalTable,
}

/// <summary>
/// One column as the emitter needs it. Pure data: no spans, so editing whitespace in the snapshot
/// leaves the model equal and the generated source untouched.
/// </summary>
internal sealed record ColumnModel(
    string Name,
    int Ordinal,
    string DeclaredType,
    string TypeName,
    ColumnValueKind Kind,
    bool IsNullable,
    int? Length,
    int? Precision,
    int? Scale,
    string? Default,
    string? Comment,
    string PropertyName);

/// <summary>One snapshot file, parsed and validated: everything needed to emit its record and readers.</summary>
internal sealed record TableModel(
    string FilePath,
    string Database,
    string Schema,
    string Name,
    TableKind Kind,
    string? Comment,
    string? DistStyle,
    string? DistKey,
    EquatableArray<string> SortKeys,
    EquatableArray<string> PrimaryKey,
    string? RecordNameOverride,
    EquatableArray<ColumnModel> Columns,
    EquatableArray<string> IgnoredColumns)
{
    public TableKey Key => new(Database, Schema, Name, RecordNameOverride, FilePath);
}

/// <summary>What naming across tables depends on; a column edit leaves it equal, so other tables stay cached.</summary>
internal sealed record TableKey(string Database, string Schema, string Name, string? RecordNameOverride, string FilePath);
