using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Values;

namespace RedshiftTyped.Execution;

/// <summary>
/// One page of a statement's result, as the service sent it: JSON records (GetStatementResult) or CSV text
/// (GetStatementResultV2). Pages are read one at a time, so memory holds one page, never the whole result.
/// </summary>
public sealed class ResultPage
{
    private readonly List<List<Field>>? _records;
    private readonly IReadOnlyList<string>? _csvChunks;
    private readonly Reading.Rows.RowPage? _decoded;
    private List<string?[]>? _csvRows;
    private int _rowCount = -1;

    internal ResultPage(int pageNumber, IReadOnlyList<ColumnMetadata> columns, long? totalNumRows, List<List<Field>> records)
    {
        PageNumber = pageNumber;
        Columns = columns;
        TotalNumRows = totalNumRows;
        Format = ResultFormatString.JSON;
        _records = records;
        _rowCount = records.Count;
    }

    internal ResultPage(int pageNumber, IReadOnlyList<ColumnMetadata> columns, long? totalNumRows, IReadOnlyList<string> csvChunks)
    {
        PageNumber = pageNumber;
        Columns = columns;
        TotalNumRows = totalNumRows;
        Format = ResultFormatString.CSV;
        _csvChunks = csvChunks;
    }

    /// <summary>
    /// A page already decoded to values as it was read (a table snapshot read by name): only <see cref="DecodeRows"/>,
    /// <see cref="ReadRows"/> and <see cref="RowCount"/> serve it; its records and text are not kept.
    /// </summary>
    internal ResultPage(int pageNumber, IReadOnlyList<ColumnMetadata> columns, long? totalNumRows, ResultFormatString format, Reading.Rows.RowPage decoded)
    {
        PageNumber = pageNumber;
        Columns = columns;
        TotalNumRows = totalNumRows;
        Format = format;
        _decoded = decoded;
        _rowCount = decoded.Count;
    }

    /// <summary>0 for the first page.</summary>
    public int PageNumber { get; }

    /// <summary>The result's columns as the service described them (ColumnMetadata).</summary>
    public IReadOnlyList<ColumnMetadata> Columns { get; }

    /// <summary>The total the service announced for the whole result.</summary>
    public long? TotalNumRows { get; }

    /// <summary>The format of this page: JSON records or CSV text.</summary>
    public ResultFormatString Format { get; }

    /// <summary>The JSON records of the page (empty for a CSV page).</summary>
    public IReadOnlyList<IReadOnlyList<Field>> Records => _records ?? (IReadOnlyList<IReadOnlyList<Field>>)[];

    /// <summary>The CSV text of the page (null for a JSON page).</summary>
    public IReadOnlyList<string>? CsvRecords => _csvChunks;

    /// <summary>How many rows this page holds.</summary>
    public int RowCount => _rowCount >= 0 ? _rowCount : _rowCount = ReadCsvRows().Count();

    /// <summary>Each row as raw text fields: the stringValue or number as text for JSON, the field for CSV (null for NULL).</summary>
    public IEnumerable<string?[]> ReadTextRows() => _decoded is not null
        ? throw new InvalidOperationException("This page was decoded to values as it was read; its text is not kept.")
        : _records is not null
            ? _records.Select(record => record.Select(FieldText).ToArray())
            : ReadCsvRows();

    /// <summary>Each row decoded to .NET values by <see cref="RedshiftValueDecoder"/> (boxed, an array per row).</summary>
    public IEnumerable<object?[]> DecodeRows() => _decoded is { } decoded
        ? Enumerable.Range(0, decoded.Count).Select(decoded.BoxRow)
        : DecodeRecords();

    /// <summary>The page's values held column by column, when the page was decoded as it was read (else null).</summary>
    internal Reading.Rows.RowPage? DecodedRows => _decoded;

    /// <summary>
    /// The page's rows as <see cref="Reading.RedshiftRow"/>s of <paramref name="schema"/>, their values held unboxed by the
    /// page (decoded now, column by column, unless the page was decoded as it was read).
    /// </summary>
    internal IEnumerable<Reading.RedshiftRow> ReadRows(Reading.RedshiftRowSchema schema)
    {
        if (_decoded is { } decoded)
        {
            return decoded.Rows(schema);
        }

        if (Columns.Count == 0)
        {
            // No ColumnMetadata: an empty page reads as no rows, records as the width error DecodeRows gives.
            return DecodeRecords().Select(values => new Reading.RedshiftRow(schema, values));
        }

        var decoder = new Reading.Rows.RowPageDecoder();
        decoder.Accept(Columns);

        // A FormatException for a record of the wrong width, as DecodeRows reports it.
        var builder = decoder.NewPage(json: false, RowCount);
        if (_records is not null)
        {
            foreach (var record in _records)
            {
                builder.Add(record);
            }
        }
        else
        {
            foreach (var fields in ReadCsvRows())
            {
                builder.Add(fields);
            }
        }

        return builder.Build().Rows(schema);
    }

    private IEnumerable<object?[]> DecodeRecords()
    {
        var types = Columns.Select(c => (Type: RedshiftTypeNames.Parse(c.TypeName), Precision: c.Precision ?? 0, Name: c.Name ?? c.Label ?? "?")).ToArray();
        if (_records is not null)
        {
            foreach (var record in _records)
            {
                CheckWidth(record.Count, types.Length);
                var row = new object?[record.Count];
                for (int i = 0; i < row.Length; i++)
                {
                    row[i] = RedshiftValueDecoder.Decode(record[i], types[i].Type, types[i].Precision, types[i].Name);
                }

                yield return row;
            }

            yield break;
        }

        foreach (var fields in ReadCsvRows())
        {
            CheckWidth(fields.Length, types.Length);
            var row = new object?[fields.Length];
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = fields[i] is { } text ? RedshiftValueDecoder.FromText(text, types[i].Type, types[i].Precision, types[i].Name) : null;
            }

            yield return row;
        }
    }

    /// <summary>The CSV text parsed once, on first use (counting and decoding both need it).</summary>
    private List<string?[]> ReadCsvRows() => _csvRows ??= (_csvChunks ?? []).SelectMany(CsvRecordReader.Read).ToList();

    private static void CheckWidth(int fields, int columns)
    {
        if (fields != columns)
        {
            throw new FormatException($"A record has {fields} fields but the result has {columns} columns.");
        }
    }

    private static string? FieldText(Field field) => field.Kind switch
    {
        FieldKind.Null or FieldKind.Empty => null,
        FieldKind.Boolean => field.BooleanValue!.Value ? "true" : "false",
        FieldKind.Long => field.LongValue!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        FieldKind.Double => field.DoubleValue!.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        FieldKind.Blob => Convert.ToBase64String(field.BlobValue!),
        _ => field.StringValue,
    };
}
