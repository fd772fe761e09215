using Apache.Arrow;
using Apache.Arrow.Ipc;
using Parquet;
using Parquet.Schema;

namespace RedshiftTyped.Export;

/// <summary>
/// Parquet through Parquet.Net. Incoming batches (a Data API page is ≈ 3,000 rows) are gathered into row groups of a bounded
/// size (<see cref="ParquetRowGroupSize"/>): memory holds one row group's values however large the table, and the file has
/// a few large row groups, which readers prefer (per-row-group overhead, useful statistics) and whose footer metadata,
/// which Parquet.Net keeps until the end, stays small (one row group per page made it grow with the table).
/// Types keep their meaning: see <see cref="ParquetColumn"/>.
/// The Arrow schema is embedded under the <c>ARROW:schema</c> key, as Arrow's own Parquet writers do, so Arrow-based
/// readers (pyarrow, arrow-rs, Polars) restore the exact Arrow types, durations included.
/// </summary>
internal sealed class ParquetRecordBatchWriter : RecordBatchFileWriter
{
    private readonly ParquetColumn[] _columns;
    private readonly ParquetSchema _parquetSchema;
    private readonly ParquetRowGroupSize _rowGroupSize;
    private readonly long _fixedBytesPerRow;
    private readonly int[] _variableWidthColumns;
    private ParquetWriter? _writer;
    private int _bufferedRows;

    public ParquetRecordBatchWriter(string path, Schema schema, ParquetRowGroupSize? rowGroupSize = null)
        : base(ExportFormat.Parquet, path, schema)
    {
        ArrowValueText.EnsureSupported(schema);
        _rowGroupSize = rowGroupSize ?? ParquetRowGroupSize.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(_rowGroupSize.Rows, 1, nameof(rowGroupSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(_rowGroupSize.Bytes, 1, nameof(rowGroupSize));
        _columns = [.. schema.FieldsList.Select(ParquetColumn.For)];
        _fixedBytesPerRow = Math.Max(1, _columns.Sum(c => c.FixedBytesPerRow));
        _variableWidthColumns = [.. Enumerable.Range(0, _columns.Length).Where(i => _columns[i].IsVariableWidth)];
        _parquetSchema = new ParquetSchema(_columns.Select(c => (Parquet.Schema.Field)c.Field));
    }

    protected override async Task WriteBatchAsync(RecordBatch batch, CancellationToken cancellationToken)
    {
        for (int offset = 0, take; offset < batch.Length; offset += take)
        {
            take = NextSlice(batch, offset);
            for (int i = 0; i < _columns.Length; i++)
            {
                _columns[i].Append(batch.Column(i), offset, take);
            }

            _bufferedRows += take;
            if (_bufferedRows >= _rowGroupSize.Rows || BufferedBytes() >= _rowGroupSize.Bytes)
            {
                await WriteRowGroupAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// How many of the batch's rows from <paramref name="offset"/> go into the row group next: no more than it has room for,
    /// and no more than its byte bound leaves room for, counted row by row (fixed-width columns by multiplication, strings
    /// and binary values by their length), ending at the first row that reaches the bound (at least one row: a single row
    /// wider than the bound is a row group of its own). Counting each row, not an average, keeps a wide row after narrow
    /// ones from overshooting the bound by a whole batch.
    /// </summary>
    private int NextSlice(RecordBatch batch, int offset)
    {
        int limit = Math.Min(batch.Length - offset, _rowGroupSize.Rows - _bufferedRows);
        long room = Math.Max(1, _rowGroupSize.Bytes - BufferedBytes());
        if (_variableWidthColumns.Length == 0)
        {
            return (int)Math.Clamp((room + _fixedBytesPerRow - 1) / _fixedBytesPerRow, 1, limit);
        }

        long used = 0;
        int rows = 0;
        while (rows < limit && used < room)
        {
            used += _fixedBytesPerRow;
            foreach (int column in _variableWidthColumns)
            {
                used += _columns[column].VariableBytes(batch.Column(column), offset + rows);
            }

            rows++;
        }

        return rows;
    }

    private long BufferedBytes()
    {
        long bytes = 0;
        foreach (var column in _columns)
        {
            bytes += column.BufferedBytes;
        }

        return bytes;
    }

    /// <summary>Writes the rows gathered as one row group (none when nothing is gathered: an empty row group says nothing).</summary>
    private async Task WriteRowGroupAsync(CancellationToken cancellationToken)
    {
        if (_bufferedRows == 0)
        {
            return;
        }

        var writer = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using (var rowGroup = writer.CreateRowGroup())
        {
            foreach (var column in _columns)
            {
                await column.WriteAsync(rowGroup, cancellationToken).ConfigureAwait(false);
            }

            rowGroup.CompleteValidate();
        }

        _bufferedRows = 0;
    }

    protected override async Task FinishAsync(CancellationToken cancellationToken)
    {
        await WriteRowGroupAsync(cancellationToken).ConfigureAwait(false);
        var writer = await OpenAsync(cancellationToken).ConfigureAwait(false); // the schema is written even with no rows
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
