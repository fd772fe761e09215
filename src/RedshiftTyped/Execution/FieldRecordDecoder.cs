using System.Text.Json;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Typed;

namespace RedshiftTyped.Execution;

/// <summary>
/// Reads one GetStatementResult record as its <see cref="Field"/>s, straight off the page's bytes, into a list of exactly
/// the record's width. Deserialising <c>Records</c> as <c>List&lt;List&lt;Field&gt;&gt;</c> grew each record's list 4 → 8 → 16,
/// about 750 bytes of arrays per 10-column row, most of what an untyped read allocated. One decoder per page (its
/// scratch list is not shared).
/// </summary>
internal sealed class FieldRecordDecoder : IRowDecoder<List<Field>>
{
    private static readonly FieldJsonConverter Converter = new();

    private readonly List<Field> _scratch = new(16);

    public List<Field> DecodeJson(ref JsonRecordScanner scanner)
    {
        if (!scanner.TryBeginRecord())
        {
            throw new JsonException("A record must be an array of Field objects.");
        }

        _scratch.Clear();
        while (scanner.TryNextRawField(out var bytes))
        {
            var reader = new Utf8JsonReader(bytes);
            reader.Read();
            _scratch.Add(Converter.Read(ref reader, typeof(Field), RedshiftTyped.DataApi.Serialization.RedshiftDataJsonContext.Default.Options));
        }

        scanner.TryEndRecord();
        return new List<Field>(_scratch);
    }

    /// <summary>CSV pages are read as text (<see cref="ResultPage.ReadTextRows"/>), never as Fields.</summary>
    public List<Field> DecodeCsv(string?[] fields) => throw new NotSupportedException("CSV records have no Fields.");
}
