using System.Text.Json;
using RedshiftTyped.Values;

namespace RedshiftTyped.Typed;

/// <summary>Runs a generated row decoder over whole result pages, as the service returns them.</summary>
public static class DataApiRecords
{
    /// <summary>
    /// Decodes every record of a GetStatementResult response body (<c>{"Records":[[Field,…],…],…}</c>), reading the
    /// bytes once; other members of the body are skipped.
    /// </summary>
    public static List<TRecord> ReadJsonPage<TRecord>(ReadOnlySpan<byte> responseBody, IRowDecoder<TRecord> decoder)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        var rows = new List<TRecord>();
        var reader = new Utf8JsonReader(responseBody);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A GetStatementResult body is a JSON object.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool records = reader.ValueTextEquals("Records"u8);
            reader.Read();
            if (!records)
            {
                reader.Skip();
                continue;
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException("Records must be an array.");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
            {
                rows.Add(decoder.DecodeJson(ref reader));
            }
        }

        return rows;
    }

    /// <summary>Decodes every record of the CSVRecords text of a GetStatementResultV2 page.</summary>
    public static IEnumerable<TRecord> ReadCsv<TRecord>(string csvRecords, IRowDecoder<TRecord> decoder)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        foreach (var fields in CsvRecordReader.Read(csvRecords))
        {
            yield return decoder.DecodeCsv(fields);
        }
    }
}
