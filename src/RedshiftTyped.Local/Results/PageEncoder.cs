using System.Text.Json;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Local.Protocol;

namespace RedshiftTyped.Local.Results;

/// <summary>
/// Encodes rows of Fields (a row's values, reused from row to row) straight into one page of wire bytes: the value of
/// the response's <c>Records</c> member, byte for byte what the service's page would carry (strings escaped as little
/// as the service escapes them, <see cref="MinimalJsonEncoder"/>).
/// </summary>
internal abstract class PageEncoder : IDisposable
{
    protected PageEncoder()
    {
        Json = new Utf8JsonWriter(Page, new JsonWriterOptions { SkipValidation = true, Encoder = MinimalJsonEncoder.Instance });
    }

    protected PooledBufferWriter Page { get; } = new(64 * 1024);

    protected Utf8JsonWriter Json { get; }

    public static PageEncoder For(ResultFormatString format) => format == ResultFormatString.CSV ? new CsvPageEncoder() : new JsonPageEncoder();

    /// <summary>Bytes written to the page so far.</summary>
    protected long Position => Json.BytesCommitted + Json.BytesPending;

    /// <summary>Starts an empty page.</summary>
    public void StartPage()
    {
        Page.Clear();
        Json.Reset(Page);
        Json.WriteStartArray();
        OnPageStarted();
    }

    protected virtual void OnPageStarted()
    {
    }

    /// <summary>Appends a row; returns its encoded size, the measure of the row and result caps and of ResultSize.</summary>
    public abstract int WriteRow(ReadOnlySpan<Field> row);

    /// <summary>Ends the page; the bytes stay valid until the next <see cref="StartPage"/>.</summary>
    public ReadOnlySpan<byte> FinishPage()
    {
        OnPageFinishing();
        Json.WriteEndArray();
        Json.Flush();
        return Page.WrittenMemory.Span;
    }

    protected virtual void OnPageFinishing()
    {
    }

    public virtual void Dispose()
    {
        Json.Dispose();
        Page.Dispose();
    }
}
