using System.Buffers;

namespace RedshiftTyped.DataApi.Transport;

/// <summary>
/// An answer's body in a buffer rented from <see cref="ArrayPool{T}.Shared"/>, returned to the pool on dispose. A result
/// page is about 1 MB: read into a fresh array (and copied out of a MemoryStream) each page was two large-object-heap
/// allocations that only a full collection frees, which is what raised a streamed read's peak memory; the pool hands
/// the same few buffers to page after page.
/// </summary>
internal sealed class PooledBody : IDisposable
{
    /// <summary>The first buffer for a body of unknown length; it doubles as needed.</summary>
    private const int UnknownLengthStart = 64 * 1024;

    private byte[]? _buffer;

    private PooledBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    /// <summary>The body's length in bytes.</summary>
    public int Length { get; }

    /// <summary>The body; valid until dispose.</summary>
    public ReadOnlySpan<byte> Span => (_buffer ?? throw new ObjectDisposedException(nameof(PooledBody))).AsSpan(0, Length);

    /// <summary>A body that is not from the pool (e.g. the empty object an empty answer stands for).</summary>
    public static PooledBody Of(byte[] bytes) => new(bytes, bytes.Length) { _fromPool = false };

    private bool _fromPool = true;

    /// <summary>Reads the whole stream into a rented buffer of the announced length (or growing, when none is announced).</summary>
    public static async Task<PooledBody> ReadAsync(Stream stream, long? announcedLength, CancellationToken cancellationToken)
    {
        var pool = ArrayPool<byte>.Shared;
        // One byte more than announced, so a body longer than its Content-Length shows instead of being cut silently.
        byte[] buffer = pool.Rent(announcedLength is { } announced ? checked((int)announced + 1) : UnknownLengthStart);
        int length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    byte[] larger = pool.Rent(checked(buffer.Length * 2));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    pool.Return(buffer);
                    buffer = larger;
                }

                int read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return new PooledBody(buffer, length);
                }

                length += read;
            }
        }
        catch
        {
            pool.Return(buffer);
            throw;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer && _fromPool)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
