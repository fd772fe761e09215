using System.Net;
using System.Text;

namespace RedshiftTyped.Tests.Infrastructure;

/// <summary>
/// A body of any length, produced as it is read and never held: a prefix, then a repeated chunk. A hostile endpoint
/// "sending 2 GiB" costs the test nothing but the bytes the client chooses to read.
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
            buffer[written++] = _position < prefix.Length ? prefix[_position] : repeated[(_position - prefix.Length) % repeated.Length];
            _position++;
        }

        return written;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>A 200 answer of <paramref name="length"/> bytes of a GetStatementResult that never ends; the length announced or not.</summary>
    public static HttpResponseMessage Answer(long length, bool announceLength)
    {
        var content = new StreamContent(new EndlessStream(
            Encoding.UTF8.GetBytes("{\"Records\":["), Encoding.UTF8.GetBytes("[{\"longValue\":1},{\"stringValue\":\"xxxxxxxxxxxxxxxx\"}],"), length));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(Aws.ContentType);
        content.Headers.ContentLength = announceLength ? length : null;
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }
}
