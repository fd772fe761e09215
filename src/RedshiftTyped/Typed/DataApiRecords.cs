using System.Text.Json;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.DataApi.Serialization;
using RedshiftTyped.Values;

namespace RedshiftTyped.Typed;

/// <summary>Runs a generated row decoder over whole result pages, as the service returns them.</summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class DataApiRecords
{
    /// <summary>
    /// Decodes every record of a GetStatementResult response body (<c>{"Records":[[Field,…],…],…}</c>), reading the
    /// bytes once; other members of the body are skipped.
    /// </summary>
    public static List<TRecord> ReadJsonPage<TRecord>(ReadOnlySpan<byte> responseBody, IRowDecoder<TRecord> decoder)
        => ReadPage(responseBody, decoder).Rows;

    /// <summary>
    /// Decodes a whole GetStatementResult response body in one pass: the records through the generated decoder, and
    /// ColumnMetadata (for schema-drift checks), NextToken and TotalNumRows alongside.
    /// </summary>
    public static TypedResultPage<TRecord> ReadPage<TRecord>(ReadOnlySpan<byte> responseBody, IRowDecoder<TRecord> decoder)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        var page = new TypedResultPage<TRecord>();
        return ReadPageCore(responseBody, page, new ListSink<TRecord>(decoder, page.Rows), readRecords: true);
    }

    /// <summary>
    /// Reads a whole GetStatementResult body in one pass, handing each record to <paramref name="sink"/> (which decodes
    /// it where it keeps its rows); the page returned has ColumnMetadata, NextToken and TotalNumRows, and no rows.
    /// </summary>
    internal static TypedResultPage<object> ReadPage<TSink>(ReadOnlySpan<byte> responseBody, TSink sink)
        where TSink : IJsonRecordSink
        => ReadPageCore(responseBody, new TypedResultPage<object>(), sink, readRecords: true);

    /// <summary>
    /// ColumnMetadata, NextToken and TotalNumRows of a GetStatementResult body, its records skipped: what a reader
    /// checks before it decodes a first page.
    /// </summary>
    internal static TypedResultPage<object> ReadHeader(ReadOnlySpan<byte> responseBody)
        => ReadPageCore(responseBody, new TypedResultPage<object>(), new ListSink<object>(null!, null!), readRecords: false);

    /// <param name="responseBody">The whole GetStatementResult body.</param>
    /// <param name="page">Receives ColumnMetadata, NextToken and TotalNumRows.</param>
    /// <param name="sink">Decodes each record.</param>
    /// <param name="readRecords">False skips the records.</param>
    private static TypedResultPage<TRecord> ReadPageCore<TRecord, TSink>(ReadOnlySpan<byte> responseBody, TypedResultPage<TRecord> page,
        TSink sink, bool readRecords)
        where TSink : IJsonRecordSink
    {
        var reader = new Utf8JsonReader(responseBody);

        // Where the reader's input starts in the body: it is restarted after the records.
        int offset = 0;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A GetStatementResult body is a JSON object.");
        }

        bool sawRecords = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool records = reader.ValueTextEquals("Records"u8);
            if (records && sawRecords)
            {
                // Two Records members would add a second set of rows to the page; the service never sends one.
                throw new JsonException("A GetStatementResult body holds Records twice.");
            }

            sawRecords |= records;
            bool metadata = reader.ValueTextEquals("ColumnMetadata"u8);
            bool nextToken = reader.ValueTextEquals("NextToken"u8);
            bool total = reader.ValueTextEquals("TotalNumRows"u8);
            reader.Read();
            if (metadata)
            {
                try
                {
                    page.ColumnMetadata = JsonSerializer.Deserialize(ref reader, RedshiftDataJsonContext.Default.ListColumnMetadata);
                }
                catch (JsonException ex)
                {
                    // The serializer's path starts at the list; name it from the body's root, as the whole-body reader does.
                    throw new JsonException(ex.Message, "$.ColumnMetadata" + ex.Path?.TrimStart('$'), ex.LineNumber, ex.BytePositionInLine, ex);
                }

                continue;
            }

            if (nextToken || total)
            {
                if (reader.TokenType == JsonTokenType.String && nextToken)
                {
                    page.NextToken = reader.GetString();
                }
                else if (reader.TokenType == JsonTokenType.Number && total)
                {
                    page.TotalNumRows = reader.GetInt64();
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    // A NextToken that is not a string would read as "last page" and cut the result short in silence.
                    throw new JsonException($"{(nextToken ? "NextToken must be a string" : "TotalNumRows must be a number")}, not {reader.TokenType}.");
                }

                continue;
            }

            if (!records || !readRecords)
            {
                reader.Skip();
                continue;
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException("Records must be an array.");
            }

            // The records are read by the scanner, which matches the Field shapes the service writes; the reader
            // resumes on the array's closing bracket with the state it had after the opening one, as if it were empty.
            int start = checked((int)reader.BytesConsumed) + offset;
            var scanner = new JsonRecordScanner(responseBody, start);
            for (bool first = true; scanner.NextRecord(first); first = false)
            {
                sink.Add(ref scanner);
            }

            offset = scanner.BytesConsumed;
            reader = new Utf8JsonReader(responseBody[offset..], isFinalBlock: true, reader.CurrentState);
            if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
            {
                throw new JsonException($"Records must be an array of records (arrays of fields), not hold {reader.TokenType}.");
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new JsonException("A GetStatementResult body is a JSON object of members.");
        }

        if (reader.Read())
        {
            throw new JsonException($"A GetStatementResult body is one JSON object; {reader.TokenType} follows it.");
        }

        if (!sawRecords)
        {
            // Records is required by the model: a body without it is not "no rows".
            throw new JsonException("A GetStatementResult body must hold Records.");
        }

        return page;
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

/// <summary>Decodes one record of GetStatementResult's <c>Records</c> (from before its <c>[</c> to after its <c>]</c>) and keeps it.</summary>
internal interface IJsonRecordSink
{
    /// <summary>Reads the record at the scanner and keeps it.</summary>
    void Add(ref JsonRecordScanner scanner);
}

/// <summary>Decodes each record with a row decoder into a list (the typed path).</summary>
internal readonly struct ListSink<TRecord>(IRowDecoder<TRecord> decoder, List<TRecord> rows) : IJsonRecordSink
{
    public void Add(ref JsonRecordScanner scanner) => rows.Add(decoder.DecodeJson(ref scanner));
}

/// <summary>One GetStatementResult page decoded into typed rows, with what the runtime needs besides them.</summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed class TypedResultPage<TRecord>
{
    /// <summary>The page's rows, decoded.</summary>
    public List<TRecord> Rows { get; } = [];

    /// <summary>The columns as the service describes them (on the first page); compare with the descriptor to detect drift.</summary>
    public List<ColumnMetadata>? ColumnMetadata { get; internal set; }

    /// <summary>The token of the next page; null on the last page.</summary>
    public string? NextToken { get; internal set; }

    /// <summary>The total the service announced for the whole result.</summary>
    public long? TotalNumRows { get; internal set; }
}
