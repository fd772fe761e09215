using System.Globalization;
using System.Text;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Local.Engine;
using RedshiftTyped.Local.Protocol;

namespace RedshiftTyped.Local.Results;

/// <summary>
/// GetStatementResultV2's <c>Records</c>: QueryRecords entries <c>{"CSVRecords":"..."}</c>, each holding whole rows of
/// RFC 4180 CSV (no header, <c>\n</c> line ends; NULL an empty unquoted field, an empty string <c>""</c>), a new entry
/// once one reaches 64 Ki characters. A row's size is its CSV line's UTF-8 bytes, <c>\n</c> included.
/// </summary>
internal sealed class CsvPageEncoder : PageEncoder
{
    /// <summary>Characters after which a CSVRecords entry is closed (at a row's end).</summary>
    public const int SegmentChars = 64 * 1024;

    private readonly PooledBufferWriter _line = new(4 * 1024);
    private bool _inSegment;
    private int _segmentChars;

    protected override void OnPageStarted()
    {
        _inSegment = false;
        _segmentChars = 0;
    }

    public override int WriteRow(ReadOnlySpan<Field> row)
    {
        _line.Clear();
        int chars = 0;
        for (int i = 0; i < row.Length; i++)
        {
            if (i > 0)
            {
                Put((byte)',');
                chars++;
            }

            chars += AppendValue(row[i]);
        }

        Put((byte)'\n');
        chars++;

        if (!_inSegment)
        {
            Json.WriteStartObject();
            Json.WritePropertyName("CSVRecords"u8);
            _inSegment = true;
        }

        var line = _line.WrittenMemory.Span;
        Json.WriteStringValueSegment(line, isFinalSegment: false);
        _segmentChars += chars;
        if (_segmentChars >= SegmentChars)
        {
            CloseSegment();
        }

        return line.Length;
    }

    protected override void OnPageFinishing()
    {
        if (_inSegment) CloseSegment();
    }

    private void CloseSegment()
    {
        Json.WriteStringValueSegment(ReadOnlySpan<byte>.Empty, isFinalSegment: true);
        Json.WriteEndObject();
        _inSegment = false;
        _segmentChars = 0;
    }

    /// <summary>Appends one value's CSV text; returns its length in UTF-16 characters (the segment rule counts those).</summary>
    private int AppendValue(Field field)
    {
        var invariant = CultureInfo.InvariantCulture;
        int written;
        switch (field.Kind)
        {
            case FieldKind.Null:
                return 0;
            case FieldKind.Long:
                field.LongValue!.Value.TryFormat(_line.GetSpan(24), out written, default, invariant);
                _line.Advance(written);
                return written;
            case FieldKind.Double:
                field.DoubleValue!.Value.TryFormat(_line.GetSpan(40), out written, "R", invariant);
                _line.Advance(written);
                return written;
            case FieldKind.Boolean:
                Put(field.BooleanValue!.Value ? (byte)'t' : (byte)'f');
                return 1;
            default:
                return AppendText(FieldEncoder.CsvText(field) ?? string.Empty);
        }
    }

    private int AppendText(string value)
    {
        bool quoted = value.Length == 0 || value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value[0] == ' ' || value[^1] == ' ';
        if (!quoted)
        {
            AppendUtf8(value);
            return value.Length;
        }

        string escaped = value.Contains('"', StringComparison.Ordinal) ? value.Replace("\"", "\"\"", StringComparison.Ordinal) : value;
        Put((byte)'"');
        AppendUtf8(escaped);
        Put((byte)'"');
        return escaped.Length + 2;
    }

    private void AppendUtf8(string value)
    {
        var span = _line.GetSpan(Encoding.UTF8.GetMaxByteCount(value.Length));
        _line.Advance(Encoding.UTF8.GetBytes(value, span));
    }

    private void Put(byte b)
    {
        _line.GetSpan(1)[0] = b;
        _line.Advance(1);
    }

    public override void Dispose()
    {
        _line.Dispose();
        base.Dispose();
    }
}
