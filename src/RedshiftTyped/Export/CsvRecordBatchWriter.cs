using System.Text;
using Apache.Arrow;

namespace RedshiftTyped.Export;

/// <summary>
/// RFC 4180 CSV: UTF-8 without a byte-order mark, CRLF line ends, a header row of column names, and fields quoted
/// when they hold a comma, a quote, CR or LF (quotes doubled). NULL is an empty unquoted field and the empty string
/// is <c>""</c>, so the two stay distinct. Values are invariant text: integers, shortest round-trip floats
/// (<c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>), exact decimals, <c>true</c>/<c>false</c>, <c>yyyy-MM-dd</c>,
/// <c>HH:mm:ss.ffffff</c>, timestamps <c>yyyy-MM-ddTHH:mm:ss.ffffff</c> (with a trailing <c>Z</c> for timestamptz),
/// ISO 8601 durations (<c>P1DT2H3M4.000005S</c>) and binary as base64.
/// </summary>
public sealed class CsvRecordBatchWriter : RecordBatchFileWriter
{
    private readonly StreamWriter _text;

    internal CsvRecordBatchWriter(string path, Schema schema)
        : base(ExportFormat.Csv, path, schema)
    {
        ArrowValueText.EnsureSupported(schema);
        _text = new StreamWriter(Output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true) { NewLine = "\r\n" };
        for (int i = 0; i < schema.FieldsList.Count; i++)
        {
            if (i > 0) _text.Write(',');
            WriteField(_text, schema.FieldsList[i].Name);
        }

        _text.Write("\r\n");
    }

    /// <inheritdoc/>
    protected override async Task WriteBatchAsync(RecordBatch batch, CancellationToken cancellationToken)
    {
        int columns = batch.ColumnCount;
        for (int row = 0; row < batch.Length; row++)
        {
            for (int column = 0; column < columns; column++)
            {
                if (column > 0) _text.Write(',');
                if (ArrowValueText.Format(batch.Column(column), row) is { } value)
                {
                    WriteField(_text, value);
                }
            }

            _text.Write("\r\n");
        }

        // Hand the text to the file once per batch: the writer's buffer stays bounded by one batch's text.
        await _text.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override Task FinishAsync(CancellationToken cancellationToken) => _text.FlushAsync(cancellationToken);

    /// <inheritdoc/>
    protected override ValueTask DisposeEncoderAsync() => _text.DisposeAsync();

    /// <summary>A present value: quoted when RFC 4180 requires it, and always when empty (so it differs from NULL).</summary>
    private static void WriteField(TextWriter writer, string value)
    {
        if (value.Length > 0 && value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            writer.Write(value);
            return;
        }

        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }
}
