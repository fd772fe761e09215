using Apache.Arrow;

namespace RedshiftTyped.Typed;

/// <summary>
/// A table compiled from its schema snapshot: names, columns in select-list order, primary key and the quoted select
/// list. Generated code creates one per snapshot; the runtime reads tables through it.
/// </summary>
public abstract class TableDescriptor
{
    private protected TableDescriptor(
        string database,
        string schema,
        string name,
        TableKind kind,
        string? comment,
        IReadOnlyList<ColumnDescriptor> columns,
        IReadOnlyList<string> primaryKey,
        string selectList,
        Schema arrowSchema)
    {
        Database = database;
        Schema = schema;
        Name = name;
        Kind = kind;
        Comment = comment;
        // Copied into read-only wrappers: descriptors are shared statics, and a caller casting back to an array must
        // not be able to change them for everyone.
        Columns = columns.ToArray().AsReadOnly();
        PrimaryKey = primaryKey.ToArray().AsReadOnly();
        SelectList = selectList;
        ArrowSchema = arrowSchema;
    }

    /// <summary>The database the snapshot was captured from.</summary>
    public string Database { get; }

    /// <summary>The table's schema, exact spelling.</summary>
    public string Schema { get; }

    /// <summary>The table's name, exact spelling.</summary>
    public string Name { get; }

    /// <summary>Table, view, late-binding view, materialized view or external table.</summary>
    public TableKind Kind { get; }

    /// <summary>The table's comment in Redshift, if any.</summary>
    public string? Comment { get; }

    /// <summary>The columns read (ignored columns excluded), in select-list order.</summary>
    public IReadOnlyList<ColumnDescriptor> Columns { get; }

    /// <summary>The primary-key column names in key order; empty when the table has none.</summary>
    public IReadOnlyList<string> PrimaryKey { get; }

    /// <summary>Every column read, quoted, in order: <c>"salesid", "listid", …</c>.</summary>
    public string SelectList { get; }

    /// <summary><c>"schema"."table"</c>, quoted for SQL.</summary>
    public string QualifiedName => RedshiftIdentifier.Quote(Schema) + "." + RedshiftIdentifier.Quote(Name);

    /// <summary><c>database.schema.table</c>, for messages; <c>query tickit/top_events.sql</c> for a typed query's result.</summary>
    public string DisplayName => Kind == TableKind.Query ? "query " + Name : Database + "." + Schema + "." + Name;

    /// <summary>The Arrow schema of the record batches this table's builder produces.</summary>
    public Schema ArrowSchema { get; }

    /// <summary>The .NET record type of a row.</summary>
    public abstract Type RecordType { get; }

    /// <summary>The column of that Redshift name, or null.</summary>
    public ColumnDescriptor? FindColumn(string name)
    {
        foreach (var column in Columns)
        {
            if (string.Equals(column.Name, name, StringComparison.Ordinal))
            {
                return column;
            }
        }

        return null;
    }

    /// <inheritdoc/>
    public override string ToString() => DisplayName;
}

/// <summary>A compiled table whose rows are read as <typeparamref name="TRecord"/>.</summary>
public sealed partial class TableDescriptor<TRecord> : TableDescriptor
{
    private readonly Func<IArrowBatchBuilder<TRecord>> _createArrowBuilder;

    /// <summary>For generated code: a compiled table.</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public TableDescriptor(
        string database,
        string schema,
        string name,
        TableKind kind,
        string? comment,
        IReadOnlyList<ColumnDescriptor> columns,
        IReadOnlyList<string> primaryKey,
        string selectList,
        IRowDecoder<TRecord> decoder,
        Schema arrowSchema,
        Func<IArrowBatchBuilder<TRecord>> createArrowBuilder)
        : base(database, schema, name, kind, comment, columns, primaryKey, selectList, arrowSchema)
    {
        Decoder = decoder;
        _createArrowBuilder = createArrowBuilder;
    }

    /// <summary>Reads rows from Data API JSON records and from CSV records, in select-list order.</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public IRowDecoder<TRecord> Decoder { get; }

    /// <inheritdoc/>
    public override Type RecordType => typeof(TRecord);

    /// <summary>A new builder for one Arrow record batch of these rows.</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public IArrowBatchBuilder<TRecord> CreateArrowBuilder() => _createArrowBuilder();
}
