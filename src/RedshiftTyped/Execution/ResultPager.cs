using Microsoft.Extensions.Logging;
using RedshiftTyped.DataApi;
using RedshiftTyped.DataApi.Model;

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

            var json = await api.GetStatementResultAsync(
                new GetStatementResultRequest { Id = statementId, NextToken = nextToken }, token).ConfigureAwait(false);
            columns ??= json.ColumnMetadata;
            total ??= json.TotalNumRows;
            var page = new ResultPage(pageNumber, columns ?? [], total, json.Records ?? []);
            return new PageFetch<ResultPage>(page, page.RowCount, json.NextToken, total);
        }
    }
}
