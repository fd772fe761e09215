namespace RedshiftTyped.Reading;

/// <summary>
/// A downloaded UNLOAD file, opened for Parquet.Net with asynchronous reads that complete synchronously on the calling
/// thread. On Linux a <see cref="FileStream"/>'s <c>ReadAsync</c> is a thread-pool work item (there is no asynchronous
/// file read to wait on), so each of Parquet.Net's awaited reads would move the decode onto whichever pool thread ran it,
/// and away from its <see cref="DecodeThreads"/> thread. The file was just written by this process, so its pages are in
/// the page cache and a synchronous read costs no more than the hop it saves.
/// </summary>
internal sealed class SynchronousFileStream(string path)
    : FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 12, FileOptions.None)
{
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        => cancellationToken.IsCancellationRequested ? ValueTask.FromCanceled<int>(cancellationToken) : new ValueTask<int>(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => cancellationToken.IsCancellationRequested ? Task.FromCanceled<int>(cancellationToken) : Task.FromResult(Read(buffer, offset, count));
}
