using RedshiftTyped.DataApi.Errors;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Execution;
using RedshiftTyped.Typed;
using RedshiftTyped.Values;

namespace RedshiftTyped.Reading;

/// <summary>
/// Fetches one result page of a finished statement and decodes it with a generated decoder: JSON pages
/// (GetStatementResult) straight from the response bytes, CSV pages (GetStatementResultV2) record by record. Shared by
/// table snapshots and typed queries.
/// </summary>
internal static class TypedPages
{
    /// <param name="client">The client whose Data API answers.</param>
    /// <param name="statement">The finished statement.</param>
    /// <param name="decoder">Decodes one record of the columns read (a generated decoder, or a projection's).</param>
    /// <param name="nextToken">The page's token; null for the first page.</param>
    /// <param name="checkHeader">
    /// Called with the page's ColumnMetadata and TotalNumRows before any record is decoded (so a changed column reads as
    /// drift, not as a decode error); null to skip. It throws to stop the read.
    /// </param>
    /// <param name="cancellationToken">Stops the request.</param>
    public static Task<PageFetch<List<TRecord>>> FetchAsync<TRecord>(RedshiftClient client, CompletedStatement statement,
        IRowDecoder<TRecord> decoder, string? nextToken,
        Action<IReadOnlyList<ColumnMetadata>?, long?>? checkHeader, CancellationToken cancellationToken)
        => FetchAsync<List<TRecord>, RecordList<TRecord>>(client, statement, _ => new RecordList<TRecord>(decoder), nextToken, checkHeader,
            cancellationToken);

    /// <summary>
    /// Fetches one result page and hands each record to a collector made for the page (<paramref name="newPage"/>, told
    /// whether the page is JSON), which keeps the rows in its own form: a list of records, or the columns of untyped rows.
    /// </summary>
    /// <param name="client">The client whose Data API answers.</param>
    /// <param name="statement">The finished statement.</param>
    /// <param name="newPage">Makes the collector of one page (true for a JSON page).</param>
    /// <param name="nextToken">The page's token; null for the first page.</param>
    /// <param name="checkHeader">As for <see cref="FetchAsync{TRecord}"/>.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    public static async Task<PageFetch<TPage>> FetchAsync<TPage, TCollector>(RedshiftClient client, CompletedStatement statement,
        Func<bool, TCollector> newPage, string? nextToken,
        Action<IReadOnlyList<ColumnMetadata>?, long?>? checkHeader, CancellationToken cancellationToken)
        where TCollector : IPageCollector<TPage>
    {
        if (statement.ResultFormat == ResultFormatString.CSV)
        {
            var response = await client.DataApi.GetStatementResultV2Async(
                new GetStatementResultV2Request { Id = statement.Id, NextToken = nextToken }, cancellationToken).ConfigureAwait(false);
            checkHeader?.Invoke(response.ColumnMetadata, response.TotalNumRows);
            var rows = newPage(false);
            foreach (var chunk in response.Records ?? [])
            {
                foreach (var fields in CsvRecordReader.Read(chunk.CSVRecords ?? string.Empty))
                {
                    rows.Add(fields);
                }
            }

            return new PageFetch<TPage>(rows.Build(), rows.Count, response.NextToken, response.TotalNumRows);
        }

        using var body = await client.DataApi.GetStatementResultBytesAsync(
            new GetStatementResultRequest { Id = statement.Id, NextToken = nextToken }, cancellationToken).ConfigureAwait(false);
        try
        {
            if (checkHeader is not null)
            {
                var first = DataApiRecords.ReadHeader(body.Span);
                checkHeader(first.ColumnMetadata, first.TotalNumRows);
            }

            var rows = newPage(true);
            var page = DataApiRecords.ReadPage(body.Span, rows);
            return new PageFetch<TPage>(rows.Build(), rows.Count, page.NextToken, page.TotalNumRows);
        }
        catch (System.Text.Json.JsonException ex)
        {
            // The body is not a GetStatementResult answer (cut short, wrong shape): the endpoint's fault, not the data's.
            throw UnexpectedResponseException.FromJson("RedshiftData.GetStatementResult", client.DataApi.Endpoint, ex);
        }
    }
}

/// <summary>Keeps one page's records, JSON (<see cref="IJsonRecordSink.Add"/>) or CSV, in the page's form.</summary>
internal interface IPageCollector<TPage> : IJsonRecordSink
{
    /// <summary>The records kept so far.</summary>
    int Count { get; }

    /// <summary>Decodes and keeps one CSV record (null for a NULL field).</summary>
    void Add(string?[] fields);

    /// <summary>The page, once every record is in.</summary>
    TPage Build();
}

/// <summary>A page of typed records, decoded by a generated decoder into a list.</summary>
internal sealed class RecordList<TRecord>(IRowDecoder<TRecord> decoder) : IPageCollector<List<TRecord>>
{
    private readonly List<TRecord> _rows = [];

    public int Count => _rows.Count;

    public void Add(ref JsonRecordScanner scanner) => _rows.Add(decoder.DecodeJson(ref scanner));

    public void Add(string?[] fields) => _rows.Add(decoder.DecodeCsv(fields));

    public List<TRecord> Build() => _rows;
}
