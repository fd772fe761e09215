using System.Text.Json;

namespace RedshiftTyped.Typed;

/// <summary>
/// Reads one row into a record. Generated per table, reflection-free. Fields are expected in select-list order
/// (<see cref="TableDescriptor.SelectList"/>).
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public interface IRowDecoder<TRecord>
{
    /// <summary>
    /// Reads one record of GetStatementResult's <c>Records</c>: the reader is on the record's StartArray and is left on
    /// its EndArray. Each Field is read straight off the reader, with no intermediate objects.
    /// </summary>
    TRecord DecodeJson(ref Utf8JsonReader reader);

    /// <summary>Reads one CSV record of GetStatementResultV2 (null for a NULL field).</summary>
    TRecord DecodeCsv(string?[] fields);
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
