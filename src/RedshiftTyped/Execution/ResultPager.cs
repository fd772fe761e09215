using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using RedshiftTyped.DataApi;
using RedshiftTyped.DataApi.Model;

namespace RedshiftTyped.Execution;

/// <summary>
/// Reads a finished statement's result page by page, following every NextToken. It stops with a
/// <see cref="ResultIntegrityException"/> if the service repeats a token or the rows read do not add up to
/// TotalNumRows, so a result is never returned with rows lost or repeated.
/// </summary>
internal sealed class ResultPager(RedshiftDataApiClient api, ILogger logger)
{
    public async IAsyncEnumerable<ResultPage> ReadPagesAsync(
        string statementId, ResultFormatString format, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        IReadOnlyList<ColumnMetadata>? columns = null;
        long? total = null;
        long rows = 0;
        int pageNumber = 0;
        string? nextToken = null;
        do
        {
            ResultPage page;
            if (format == ResultFormatString.CSV)
            {
                var response = await api.GetStatementResultV2Async(
                    new GetStatementResultV2Request { Id = statementId, NextToken = nextToken }, cancellationToken).ConfigureAwait(false);
                columns ??= response.ColumnMetadata;
                total ??= response.TotalNumRows;
                var chunks = (response.Records ?? []).Select(r => r.CSVRecords ?? string.Empty).ToList();
                page = new ResultPage(pageNumber, columns ?? [], total, chunks);
                nextToken = response.NextToken;
            }
            else
            {
                var response = await api.GetStatementResultAsync(
                    new GetStatementResultRequest { Id = statementId, NextToken = nextToken }, cancellationToken).ConfigureAwait(false);
                columns ??= response.ColumnMetadata;
                total ??= response.TotalNumRows;
                page = new ResultPage(pageNumber, columns ?? [], total, response.Records ?? []);
                nextToken = response.NextToken;
            }

            rows += page.RowCount;
            pageNumber++;
            if (nextToken is { Length: 0 })
            {
                nextToken = null;
            }

            if (nextToken is not null && !tokens.Add(nextToken))
            {
                throw new ResultIntegrityException(
                    $"The service returned the NextToken of page {pageNumber} twice; reading on would repeat rows", statementId);
            }

            yield return page;
        }
        while (nextToken is not null);

        if (total is { } expected && expected >= 0 && expected != rows)
        {
            throw new ResultIntegrityException(
                $"The result announced {expected} rows (TotalNumRows) but its pages held {rows}", statementId);
        }

        DataApiLog.ResultRead(logger, statementId, rows, pageNumber);
    }
}
