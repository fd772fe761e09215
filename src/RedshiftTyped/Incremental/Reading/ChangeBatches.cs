using Apache.Arrow;
using Apache.Arrow.Types;
using RedshiftTyped.Reading;
using RedshiftTyped.Typed;

namespace RedshiftTyped.Incremental.Reading;

/// <summary>
/// The Arrow schema of a change read's batches: the table's own for append; for CDC the table's columns (every non-key
/// column nullable, since a delete knows only its key) followed by <see cref="ChangeColumnNames"/>'s three columns.
/// </summary>
internal sealed class ChangeSchema
{
    private ChangeSchema(Schema table, Schema output, Schema changeColumns, int[] keyPositions, bool withChangeColumns)
    {
        Table = table;
        Output = output;
        ChangeColumns = changeColumns;
        KeyPositions = keyPositions;
        WithChangeColumns = withChangeColumns;
    }

    public Schema Table { get; }

    public Schema Output { get; }

    /// <summary>The three change columns alone.</summary>
    public Schema ChangeColumns { get; }

    /// <summary>Where each key column is in the table's fields.</summary>
    public int[] KeyPositions { get; }

    public bool WithChangeColumns { get; }

    public static ChangeSchema For(Schema table, IngestionType type, ChangeColumnSet columns)
    {
        int[] keyPositions = [.. columns.KeyNames.Select(name => table.GetFieldIndex(name))];
        int cursorPosition = table.GetFieldIndex(columns.Cursor.Name);
        var changeColumns = new Schema(
        [
            new Field(ChangeColumnNames.ChangeType, StringType.Default, nullable: false),
            new Field(ChangeColumnNames.Run, new TimestampType(TimeUnit.Microsecond, "UTC"), nullable: false),
            new Field(ChangeColumnNames.Sequence, table.FieldsList[cursorPosition].DataType, nullable: true),
        ], null);
        if (type == IngestionType.Append)
        {
            return new ChangeSchema(table, table, changeColumns, keyPositions, withChangeColumns: false);
        }

        var fields = table.FieldsList.Select((f, i) => keyPositions.Contains(i) || f.IsNullable ? f : new Field(f.Name, f.DataType, nullable: true, f.Metadata))
            .Concat(changeColumns.FieldsList);
        return new ChangeSchema(table, new Schema(fields, table.Metadata), changeColumns, keyPositions, withChangeColumns: true);
    }
}

/// <summary>Collects one page's changes into Arrow record batches of <see cref="ChangeSchema.Output"/>.</summary>
internal interface IChangeBatchBuilder<TRow>
{
    void Append(Change<TRow> change);

    /// <summary>The batches of every change appended (at least one, possibly empty); the builder is spent afterwards.</summary>
    IReadOnlyList<RecordBatch> Build();
}

/// <summary>Rows read by name: every value is at hand, so one untyped builder takes upserts and deletes alike.</summary>
internal sealed class UntypedChangeBatchBuilder(ChangeSchema schema, DateTimeOffset run) : IChangeBatchBuilder<RedshiftRow>
{
    private readonly UntypedArrowBatchBuilder _builder = new(schema.Output);

    public void Append(Change<RedshiftRow> change)
    {
        var values = new object?[schema.Output.FieldsList.Count];
        if (change.Row is { } row)
        {
            for (int i = 0; i < row.Count; i++)
            {
                values[i] = row[i];
            }
        }
        else
        {
            for (int k = 0; k < schema.KeyPositions.Length; k++)
            {
                values[schema.KeyPositions[k]] = change.Key[k];
            }
        }

        if (schema.WithChangeColumns)
        {
            int at = schema.Table.FieldsList.Count;
            values[at] = change.Type == ChangeType.Upsert ? ChangeColumnNames.Upsert : ChangeColumnNames.Delete;
            values[at + 1] = run;
            values[at + 2] = change.Sequence;
        }

        _builder.Append(values);
    }

    public IReadOnlyList<RecordBatch> Build() => [_builder.Build()];
}

/// <summary>
/// Records of a compiled table: upserts go through the generated builder (no boxing) with the change columns built
/// beside them; deletes, which have no record, through an untyped builder of the same schema.
/// </summary>
internal sealed class TypedChangeBatchBuilder<TRecord>(ChangeSchema schema, DateTimeOffset run, IArrowBatchBuilder<TRecord> records) : IChangeBatchBuilder<TRecord>
{
    private readonly UntypedArrowBatchBuilder _changeColumns = new(schema.ChangeColumns);
    private UntypedArrowBatchBuilder? _deletes;

    public void Append(Change<TRecord> change)
    {
        if (change.Type == ChangeType.Upsert)
        {
            records.Append(change.Row!);
            _changeColumns.Append([ChangeColumnNames.Upsert, run, change.Sequence]);
            return;
        }

        var values = new object?[schema.Output.FieldsList.Count];
        for (int k = 0; k < schema.KeyPositions.Length; k++)
        {
            values[schema.KeyPositions[k]] = change.Key[k];
        }

        int at = schema.Table.FieldsList.Count;
        values[at] = ChangeColumnNames.Delete;
        values[at + 1] = run;
        values[at + 2] = change.Sequence;
        (_deletes ??= new UntypedArrowBatchBuilder(schema.Output)).Append(values);
    }

    public IReadOnlyList<RecordBatch> Build()
    {
        var batches = new List<RecordBatch>(2);
        if (records.Count > 0 || _deletes is null)
        {
            var upserts = records.Build();
            if (schema.WithChangeColumns)
            {
                var extra = _changeColumns.Build();
                upserts = new RecordBatch(schema.Output, upserts.Arrays.Concat(extra.Arrays), upserts.Length);
            }

            batches.Add(upserts);
        }

        if (_deletes is not null)
        {
            batches.Add(_deletes.Build());
        }

        return batches;
    }
}
