namespace RedshiftTyped.Typed;

/// <summary>
/// Reads one row into a record. Generated per table, reflection-free. Fields are expected in select-list order
/// (<see cref="TableDescriptor.SelectList"/>).
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public interface IRowDecoder<TRecord>
{
    /// <summary>
    /// Reads one record of GetStatementResult's <c>Records</c>: the scanner is before the record's <c>[</c> and is
    /// left after its <c>]</c>. Each Field is read straight from the response body's bytes into the record's member,
    /// with no intermediate objects.
    /// </summary>
    TRecord DecodeJson(ref JsonRecordScanner scanner);

    /// <summary>Reads one CSV record of GetStatementResultV2 (null for a NULL field).</summary>
    TRecord DecodeCsv(string?[] fields);

    /// <summary>
    /// Reads row <paramref name="row"/> of rows held column by column (an UNLOAD Parquet file's row group). Generated
    /// decoders read each value as its property's type (<see cref="ColumnFieldReader"/>); this default goes through
    /// the row's Data API CSV text, so that any decoder reads UNLOAD files, and reads them as the CSV path would.
    /// </summary>
    TRecord DecodeColumns(ColumnBatch batch, int row)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return DecodeCsv(batch.TextRecord(row));
    }
}

/// <summary>Collects rows into one Arrow record batch.</summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public interface IArrowBatchBuilder<TRecord>
{
    /// <summary>The rows appended so far.</summary>
    int Count { get; }

    /// <summary>Adds one row to the batch.</summary>
    void Append(TRecord record);

    /// <summary>The batch of every row appended; the builder is spent afterwards.</summary>
    Apache.Arrow.RecordBatch Build();
}
