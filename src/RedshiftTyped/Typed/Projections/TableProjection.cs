using Apache.Arrow;
using RedshiftTyped.Reading;

namespace RedshiftTyped.Typed;

/// <summary>
/// Some columns of a compiled table, read as <typeparamref name="TRow"/>: the column's value for one column, a tuple for
/// several (<c>TickitDatabase.Public.Sales.Select(Column.Eventid, Column.Pricepaid)</c> reads <c>(int, decimal?)</c>).
/// Every value comes from the result, typed as the column's property, nullable exactly where the column is, so a
/// projection never invents a value the way a record with unread properties would. Read it with
/// <see cref="RedshiftClient.SnapshotAsync{TRecord, TRow}(TableProjection{TRecord, TRow}, SnapshotOptions?, CancellationToken)"/>.
/// </summary>
/// <typeparam name="TRecord">The table's record type (columns of other tables do not compile).</typeparam>
/// <typeparam name="TRow">What each row is read as.</typeparam>
public sealed class TableProjection<TRecord, TRow>
{
    private readonly Func<TRow, object?[]> _box;

    internal TableProjection(TableDescriptor<TRecord> table, ColumnProjection projection, IRowDecoder<TRow> decoder, Func<TRow, object?[]> box)
    {
        Table = table;
        Projection = projection;
        Decoder = decoder;
        _box = box;
        ArrowSchema = new Schema(projection.Columns.Select(c => table.ArrowSchema.FieldsList[c.Position]), table.ArrowSchema.Metadata);
    }

    /// <summary>The table the columns belong to.</summary>
    public TableDescriptor<TRecord> Table { get; }

    /// <summary>The columns read, in the order they were named (the order of the tuple's items).</summary>
    public IReadOnlyList<ColumnDescriptor> Columns => Projection.Columns;

    /// <summary>The quoted select list: <c>"eventid", "pricepaid"</c>.</summary>
    public string SelectList => Projection.SelectList;

    /// <summary>The Arrow schema of the projection's record batches: the table's fields of these columns, in this order.</summary>
    public Schema ArrowSchema { get; }

    internal ColumnProjection Projection { get; }

    internal IRowDecoder<TRow> Decoder { get; }

    /// <summary>A builder of one Arrow batch of these rows (the values go through the untyped builder, boxed).</summary>
    internal IArrowBatchBuilder<TRow> CreateArrowBuilder() => new BoxingArrowBatchBuilder(ArrowSchema, _box);

    /// <summary><c>database.schema.table (column, …)</c>.</summary>
    public override string ToString() => Projection.ToString();

    private sealed class BoxingArrowBatchBuilder(Schema schema, Func<TRow, object?[]> box) : IArrowBatchBuilder<TRow>
    {
        private readonly UntypedArrowBatchBuilder _builder = new(schema);

        public int Count { get; private set; }

        public void Append(TRow record)
        {
            _builder.Append(box(record));
            Count++;
        }

        public RecordBatch Build() => _builder.Build();
    }
}
