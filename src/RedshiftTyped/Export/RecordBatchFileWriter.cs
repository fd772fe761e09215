using System.Security.Cryptography;
using Apache.Arrow;

namespace RedshiftTyped.Export;

/// <summary>
/// Writes record batches of one schema to a file, atomically: everything goes to a temporary file in the target's
/// directory, which <see cref="CompleteAsync"/> flushes to disk, hashes and renames over the target. Disposing a
/// writer that was not completed (an error, a cancellation) deletes the temporary file, so a reader of the target
/// path sees either the previous file or the whole new one, never a partial one.
/// </summary>
public abstract class RecordBatchFileWriter : IAsyncDisposable
{
    private readonly FileStream _file;
    private bool _completed;
    private bool _encoderReleased;
    private bool _disposed;

    /// <summary>Opens the temporary file next to <paramref name="path"/>, creating the directory if needed.</summary>
    protected RecordBatchFileWriter(ExportFormat format, string path, Schema schema)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(schema);
        Format = format;
        Path = System.IO.Path.GetFullPath(path);
        Schema = schema;
        string directory = System.IO.Path.GetDirectoryName(Path)!;
        Directory.CreateDirectory(directory);
        // Same directory, so the final rename never crosses file systems; a dot prefix keeps it out of globbing.
        TempPath = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(Path)}.{Guid.NewGuid():N}.tmp");
        _file = new FileStream(TempPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.Asynchronous);
    }

    /// <summary>The format being written.</summary>
    public ExportFormat Format { get; }

    /// <summary>The final path; nothing exists there (from this writer) until <see cref="CompleteAsync"/> succeeds.</summary>
    public string Path { get; }

    /// <summary>The temporary file being written.</summary>
    public string TempPath { get; }

    /// <summary>The schema every batch must have.</summary>
    public Schema Schema { get; }

    /// <summary>Rows written so far.</summary>
    public long Rows { get; private set; }

    /// <summary>The temporary file's stream, for the format's encoder.</summary>
    protected Stream Output => _file;

    /// <summary>Creates the writer for <paramref name="format"/>.</summary>
    /// <exception cref="NotSupportedException">The schema holds an Arrow type the format cannot represent.</exception>
    public static RecordBatchFileWriter Create(ExportFormat format, string path, Schema schema) => format switch
    {
        ExportFormat.Parquet => new ParquetRecordBatchWriter(path, schema),
        ExportFormat.ArrowStream => new ArrowIpcRecordBatchWriter(path, schema, fileFormat: false),
        ExportFormat.ArrowFile => new ArrowIpcRecordBatchWriter(path, schema, fileFormat: true),
        ExportFormat.Csv => new CsvRecordBatchWriter(path, schema),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown export format."),
    };

    /// <summary>Appends one batch. Its schema must have the writer's fields, in order, with the same types.</summary>
    public async Task WriteAsync(RecordBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
        {
            throw new InvalidOperationException($"The export to {Path} is already complete; create a new writer to write again.");
        }

        CheckSchema(batch.Schema);
        cancellationToken.ThrowIfCancellationRequested();
        await WriteBatchAsync(batch, cancellationToken).ConfigureAwait(false);
        Rows += batch.Length;
    }

    /// <summary>Finishes the file (footer, end marker), syncs it to disk, hashes it and renames it into place.</summary>
    public async Task<ExportResult> CompleteAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
        {
            throw new InvalidOperationException($"The export to {Path} is already complete.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        await FinishAsync(cancellationToken).ConfigureAwait(false);
        await ReleaseEncoderAsync().ConfigureAwait(false);
        await _file.FlushAsync(cancellationToken).ConfigureAwait(false);
        _file.Flush(flushToDisk: true);

        _file.Position = 0;
        byte[] hash = await SHA256.HashDataAsync(_file, cancellationToken).ConfigureAwait(false);
        long bytes = _file.Length;
        await _file.DisposeAsync().ConfigureAwait(false);

        cancellationToken.ThrowIfCancellationRequested();
        File.Move(TempPath, Path, overwrite: true);
        _completed = true;
        return new ExportResult(Path, Format, Rows, bytes, Convert.ToHexStringLower(hash));
    }

    /// <summary>Releases the encoder and, unless the export completed, deletes the temporary file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await ReleaseEncoderAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Only an unfinished export still holds its encoder here, and its half-written file is being discarded anyway.
        }
        finally
        {
            await _file.DisposeAsync().ConfigureAwait(false);
            if (!_completed)
            {
                TryDelete(TempPath);
            }
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Encodes one batch (already checked against the schema).</summary>
    protected abstract Task WriteBatchAsync(RecordBatch batch, CancellationToken cancellationToken);

    /// <summary>Writes whatever ends the file: footer, end-of-stream marker, buffered text.</summary>
    protected abstract Task FinishAsync(CancellationToken cancellationToken);

    /// <summary>Releases the format's encoder without finishing the file.</summary>
    protected virtual ValueTask DisposeEncoderAsync() => ValueTask.CompletedTask;

    private async ValueTask ReleaseEncoderAsync()
    {
        if (!_encoderReleased)
        {
            _encoderReleased = true;
            await DisposeEncoderAsync().ConfigureAwait(false);
        }
    }

    private void CheckSchema(Schema actual)
    {
        if (ReferenceEquals(actual, Schema))
        {
            return;
        }

        if (actual.FieldsList.Count != Schema.FieldsList.Count)
        {
            throw new ArgumentException(
                $"The batch has {actual.FieldsList.Count} columns but the export to {Path} was created with {Schema.FieldsList.Count}; write batches of the schema the writer was created with.");
        }

        for (int i = 0; i < Schema.FieldsList.Count; i++)
        {
            var expected = Schema.FieldsList[i];
            var field = actual.FieldsList[i];
            if (field.Name != expected.Name || !ArrowTypeText.SameType(field.DataType, expected.DataType))
            {
                throw new ArgumentException(
                    $"Column {i} of the batch is \"{field.Name}\" {ArrowTypeText.Describe(field.DataType)} but the export to {Path} expects \"{expected.Name}\" {ArrowTypeText.Describe(expected.DataType)}.");
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the temporary name is unique and dot-prefixed, so a leftover never shadows a real file.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
