using Apache.Arrow;
using Apache.Arrow.Ipc;
using Parquet;
using Parquet.Schema;

namespace RedshiftTyped.Export;

/// <summary>
/// Parquet through Parquet.Net, one row group per incoming batch, so memory holds one batch however large the
/// table (the Data API already bounds a page's size). Types keep their meaning: see <see cref="ParquetColumn"/>.
/// The Arrow schema is embedded under the <c>ARROW:schema</c> key, as Arrow's own Parquet writers do, so Arrow-based
/// readers (pyarrow, arrow-rs, Polars) restore the exact Arrow types, durations included.
/// </summary>
internal sealed class ParquetRecordBatchWriter : RecordBatchFileWriter
{
    private readonly ParquetColumn[] _columns;
    private readonly ParquetSchema _parquetSchema;
    private ParquetWriter? _writer;

    public ParquetRecordBatchWriter(string path, Schema schema)
        : base(ExportFormat.Parquet, path, schema)
    {
        ArrowValueText.EnsureSupported(schema);
        _columns = [.. schema.FieldsList.Select(ParquetColumn.For)];
        _parquetSchema = new ParquetSchema(_columns.Select(c => (Parquet.Schema.Field)c.Field));
    }

    protected override async Task WriteBatchAsync(RecordBatch batch, CancellationToken cancellationToken)
    {
        if (batch.Length == 0)
        {
            return; // an empty row group says nothing; the schema is written regardless
        }

        var writer = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var rowGroup = writer.CreateRowGroup();
        for (int i = 0; i < _columns.Length; i++)
        {
            await _columns[i].WriteAsync(rowGroup, batch.Column(i), cancellationToken).ConfigureAwait(false);
        }

        rowGroup.CompleteValidate();
    }

    protected override async Task FinishAsync(CancellationToken cancellationToken)
    {
        var writer = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await writer.DisposeAsync().ConfigureAwait(false); // writes the footer
        _writer = null;
    }

    protected override async ValueTask DisposeEncoderAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
            _writer = null;
        }
    }

    private async Task<ParquetWriter> OpenAsync(CancellationToken cancellationToken)
    {
        if (_writer is null)
        {
            _writer = await ParquetWriter.CreateAsync(_parquetSchema, Output, cancellationToken: cancellationToken).ConfigureAwait(false);
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["ARROW:schema"] = SerializedArrowSchema(Schema) };
            foreach (var column in _columns)
            {
                if (column.Note is { } note)
                {
                    metadata[$"redshift_typed.column.{column.Field.Name}"] = note;
                }
            }

            _writer.CustomMetadata = metadata;
        }

        return _writer;
    }

    /// <summary>The schema as an encapsulated Arrow IPC schema message, base64: the form Arrow's Parquet readers expect.</summary>
    internal static string SerializedArrowSchema(Schema schema)
    {
        using var buffer = new MemoryStream();
        using (var writer = new ArrowStreamWriter(buffer, schema, leaveOpen: true))
        {
            writer.WriteStart(); // the schema message alone, with no batches and no end-of-stream marker
        }

        return Convert.ToBase64String(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
