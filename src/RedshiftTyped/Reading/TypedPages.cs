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
    public static async Task<PageFetch<List<TRecord>>> FetchAsync<TRecord>(RedshiftClient client, CompletedStatement statement,
        IRowDecoder<TRecord> decoder, string? nextToken,
        Action<IReadOnlyList<ColumnMetadata>?, long?>? checkHeader, CancellationToken cancellationToken)
    {
        if (statement.ResultFormat == ResultFormatString.CSV)
        {
            var response = await client.DataApi.GetStatementResultV2Async(
                new GetStatementResultV2Request { Id = statement.Id, NextToken = nextToken }, cancellationToken).ConfigureAwait(false);
            checkHeader?.Invoke(response.ColumnMetadata, response.TotalNumRows);
            var rows = new List<TRecord>();
            foreach (var chunk in response.Records ?? [])
            {
                foreach (var fields in CsvRecordReader.Read(chunk.CSVRecords ?? string.Empty))
                {
                    rows.Add(decoder.DecodeCsv(fields));
                }
            }

            return new PageFetch<List<TRecord>>(rows, rows.Count, response.NextToken, response.TotalNumRows);
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

            var page = DataApiRecords.ReadPage(body.Span, decoder);
            return new PageFetch<List<TRecord>>(page.Rows, page.Rows.Count, page.NextToken, page.TotalNumRows);
        }
        catch (System.Text.Json.JsonException ex)
        {
            // The body is not a GetStatementResult answer (cut short, wrong shape): the endpoint's fault, not the data's.
            throw UnexpectedResponseException.FromJson("RedshiftData.GetStatementResult", client.DataApi.Endpoint, ex);
        }
    }
}
