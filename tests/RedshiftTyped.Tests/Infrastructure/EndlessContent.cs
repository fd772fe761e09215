using System.Net;
using System.Text;

namespace RedshiftTyped.Tests.Infrastructure;

/// <summary>
/// A body of any length, produced as it is read and never held: a prefix, then a repeated chunk. A hostile endpoint
/// "sending 2 GiB" costs the test nothing but the bytes the client chooses to read. (Shared with the integration tests,
/// which compile this file too.)
/// </summary>
public sealed class EndlessStream(byte[] prefix, byte[] repeated, long length) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int written = 0;
        while (written < buffer.Length && _position < length)
        {
            // Copy whole runs of the prefix or the repeated chunk: the client reads up to 100 MiB of this.
            ReadOnlySpan<byte> source = _position < prefix.Length
                ? prefix.AsSpan((int)_position)
                : repeated.AsSpan((int)((_position - prefix.Length) % repeated.Length));
            int count = (int)Math.Min(Math.Min(source.Length, buffer.Length - written), length - _position);
            source[..count].CopyTo(buffer[written..]);
            written += count;
            _position += count;
        }

        return written;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>
    /// A 200 answer of <paramref name="length"/> bytes of a GetStatementResult that never ends, the length announced or
    /// not: rows (the client decodes all it reads) or, cheaper to read, whitespace inside the Records array.
    /// </summary>
    public static HttpResponseMessage Answer(long length, bool announceLength, bool rows = true)
    {
        var content = new StreamContent(new EndlessStream(
            Encoding.UTF8.GetBytes("{\"Records\":["),
            rows ? Encoding.UTF8.GetBytes("[{\"longValue\":1},{\"stringValue\":\"xxxxxxxxxxxxxxxx\"}],") : Encoding.UTF8.GetBytes(new string(' ', 4096)),
            length));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-amz-json-1.1");
        content.Headers.ContentLength = announceLength ? length : null;
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }
}
