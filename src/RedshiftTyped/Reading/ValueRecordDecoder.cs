using System.Text.Json;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.DataApi.Serialization;
using RedshiftTyped.Typed;
using RedshiftTyped.Values;

namespace RedshiftTyped.Reading;

/// <summary>
/// Decodes the records of a table read by name straight to their .NET values (as <see cref="RedshiftValueDecoder"/> gives
/// them), off the page's bytes (JSON) or CSV fields: no <see cref="Field"/> list per record in between, which was most of
/// what an untyped read allocated. The columns come from the result's first page (<see cref="Accept"/>) before any record.
/// </summary>
internal sealed class ValueRecordDecoder : IRowDecoder<object?[]>
{
    private static readonly FieldJsonConverter Converter = new();

    private (RedshiftType Type, int Precision, string Name)[]? _types;

    /// <summary>The result's columns as the first page described them (empty until then).</summary>
    public IReadOnlyList<ColumnMetadata> Columns { get; private set; } = [];

    /// <summary>Takes the columns from a page's ColumnMetadata; the first page that has them sets them.</summary>
    public void Accept(IReadOnlyList<ColumnMetadata>? columns)
    {
        if (_types is null && columns is { Count: > 0 })
        {
            Columns = columns;
            _types = [.. columns.Select(c => (RedshiftTypeNames.Parse(c.TypeName), c.Precision ?? 0, c.Name ?? c.Label ?? "?"))];
        }
    }

    public bool HasColumns => _types is not null;

    public object?[] DecodeJson(ref JsonRecordScanner scanner)
    {
        var types = _types ?? throw new JsonException("A page holds records but the result's ColumnMetadata was never sent.");
        if (!scanner.TryBeginRecord())
        {
            throw new JsonException("A record must be an array of Field objects.");
        }

        var row = new object?[types.Length];
        int width = 0;
        while (scanner.TryNextRawField(out var bytes))
        {
            if (width < row.Length)
            {
                var reader = new Utf8JsonReader(bytes);
                reader.Read();
                var field = Converter.Read(ref reader, typeof(Field), RedshiftDataJsonContext.Default.Options);
                var (type, precision, name) = types[width];
                row[width] = RedshiftValueDecoder.Decode(field, type, precision, name);
            }

            width++;
        }

        scanner.TryEndRecord();
        if (width != types.Length)
        {
            // The answer's own shape is wrong (not the data): reported as the endpoint's fault.
            throw new JsonException($"A record has {width} fields but the result has {types.Length} columns.");
        }

        return row;
    }

    public object?[] DecodeCsv(string?[] fields)
    {
        var types = _types ?? throw new FormatException("A page holds records but the result's ColumnMetadata was never sent.");
        CheckWidth(fields.Length, types.Length);
        var row = new object?[fields.Length];
        for (int i = 0; i < row.Length; i++)
        {
            var (type, precision, name) = types[i];
            row[i] = fields[i] is { } text ? RedshiftValueDecoder.FromText(text, type, precision, name) : null;
        }

        return row;
    }

    private static void CheckWidth(int fields, int columns)
    {
        if (fields != columns)
        {
            throw new FormatException($"A record has {fields} fields but the result has {columns} columns.");
        }
    }
}
