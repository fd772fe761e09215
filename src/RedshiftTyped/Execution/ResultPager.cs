using Microsoft.Extensions.Logging;
using RedshiftTyped.DataApi;
using RedshiftTyped.DataApi.Errors;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Typed;

namespace RedshiftTyped.Execution;

/// <summary>Reads a finished statement's result as <see cref="ResultPage"/>s (see <see cref="PagedResult"/>).</summary>
internal sealed class ResultPager(RedshiftDataApiClient api, ILogger logger)
{
    public IAsyncEnumerable<ResultPage> ReadPagesAsync(string statementId, ResultFormatString format, CancellationToken cancellationToken)
    {
        // ColumnMetadata and TotalNumRows come with the first page; every page carries them on.
        IReadOnlyList<ColumnMetadata>? columns = null;
        long? total = null;
        return PagedResult.ReadAsync(statementId, FetchAsync, logger, cancellationToken);

        async Task<PageFetch<ResultPage>> FetchAsync(string? nextToken, int pageNumber, CancellationToken token)
        {
            if (format == ResultFormatString.CSV)
            {
                var response = await api.GetStatementResultV2Async(
                    new GetStatementResultV2Request { Id = statementId, NextToken = nextToken }, token).ConfigureAwait(false);
                columns ??= response.ColumnMetadata;
                total ??= response.TotalNumRows;
                var chunks = (response.Records ?? []).Select(r => r.CSVRecords ?? string.Empty).ToList();
                var csvPage = new ResultPage(pageNumber, columns ?? [], total, chunks);
                return new PageFetch<ResultPage>(csvPage, csvPage.RowCount, response.NextToken, total);
            }

            // The page's bytes in a pooled buffer, read record by record into Fields (see FieldRecordDecoder).
            using var body = await api.GetStatementResultBytesAsync(
                new GetStatementResultRequest { Id = statementId, NextToken = nextToken }, token).ConfigureAwait(false);
            TypedResultPage<List<Field>> json;
            try
            {
                json = DataApiRecords.ReadPage(body.Span, new FieldRecordDecoder());
            }
            catch (System.Text.Json.JsonException ex)
            {
                // The body is not a GetStatementResult answer (cut short, wrong shape): the endpoint's fault, not the data's.
                throw UnexpectedResponseException.FromJson("RedshiftData.GetStatementResult", api.Endpoint, ex);
            }

            columns ??= json.ColumnMetadata;
            total ??= json.TotalNumRows;
            var page = new ResultPage(pageNumber, columns ?? [], total, json.Rows);
            return new PageFetch<ResultPage>(page, page.RowCount, json.NextToken, total);
        }
    }
}
