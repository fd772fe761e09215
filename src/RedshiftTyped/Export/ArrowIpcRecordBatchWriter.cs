using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace RedshiftTyped.Export;

/// <summary>
/// Arrow IPC, stream or file format, through Apache.Arrow's own writers: batches are written as they come, so
/// memory holds one batch. The schema is written up front, so an empty table still gives a readable file.
/// </summary>
internal sealed class ArrowIpcRecordBatchWriter : RecordBatchFileWriter
{
    private readonly ArrowStreamWriter _writer;
    private bool _started;

    public ArrowIpcRecordBatchWriter(string path, Schema schema, bool fileFormat)
        : base(fileFormat ? ExportFormat.ArrowFile : ExportFormat.ArrowStream, path, schema)
    {
        _writer = fileFormat ? new ArrowFileWriter(Output, schema, leaveOpen: true) : new ArrowStreamWriter(Output, schema, leaveOpen: true);
    }

    protected override async Task WriteBatchAsync(RecordBatch batch, CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        await _writer.WriteRecordBatchAsync(batch, cancellationToken).ConfigureAwait(false);
    }

    protected override async Task FinishAsync(CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        await _writer.WriteEndAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override ValueTask DisposeEncoderAsync()
    {
        _writer.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_started)
        {
            _started = true;
            await _writer.WriteStartAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
