namespace RedshiftTyped.Reading;

/// <summary>
/// Tells a chunk's failure from the read's cancellation when several chunks are read at once. Only the read's own
/// token (the caller's, or the stop a parallel read sends its chunks after an early break or another chunk's failure)
/// cancels the read; any other <see cref="OperationCanceledException"/> a chunk throws is that chunk failing (an
/// <see cref="HttpClient"/> timeout surfaces as a <see cref="TaskCanceledException"/> the caller never asked for), and is
/// reported as a timeout, as the transport reports a call that timed out (<c>AwsJsonTransport</c>), so that a caller's
/// <c>catch (OperationCanceledException)</c> does not take it for its own cancellation.
/// </summary>
internal static class ChunkFailure
{
    /// <summary>
    /// <paramref name="error"/> as the read reports it: unchanged, unless it is a cancellation that
    /// <paramref name="readToken"/> did not ask for, which becomes a one-line <see cref="TimeoutException"/> naming chunk
    /// <paramref name="chunk"/> (0-based) and keeping the original as its inner exception.
    /// </summary>
    public static Exception Of(Exception error, CancellationToken readToken, int chunk)
        => error is OperationCanceledException && !readToken.IsCancellationRequested
            ? new TimeoutException(
                $"Reading chunk {chunk + 1} stopped without the read being cancelled ({error.Message.TrimEnd('.')}: a request timed out); check the endpoint, then read again.",
                error)
            : error;
}
