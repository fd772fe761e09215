using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using RedshiftTyped.DataApi;
using RedshiftTyped.DataApi.Model;

namespace RedshiftTyped.Execution;

/// <summary>
/// Reads a finished statement's result page by page, following every NextToken. The next page is fetched while
/// the caller works through the current one (one page ahead, no more), so decoding and the network overlap
/// while memory stays at two pages. Reading stops with a <see cref="ResultIntegrityException"/> if the service
/// repeats a token or the rows read do not add up to TotalNumRows: a result is never returned with rows lost
/// or repeated.
/// </summary>
internal sealed class ResultPager(RedshiftDataApiClient api, ILogger logger)
{
    private sealed record FetchedPage(ResultPage Page, string? NextToken, IReadOnlyList<ColumnMetadata>? Columns, long? Total);

    public async IAsyncEnumerable<ResultPage> ReadPagesAsync(
        string statementId, ResultFormatString format, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var prefetch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        IReadOnlyList<ColumnMetadata>? columns = null;
        long? total = null;
        long rows = 0;
        int pageNumber = 0;
        var pending = FetchAsync(statementId, format, null, pageNumber, columns, total, prefetch.Token);
        try
        {
            while (pending is not null)
            {
                var fetched = await pending.ConfigureAwait(false);
                pending = null;
                columns = fetched.Columns;
                total = fetched.Total;
                rows += fetched.Page.RowCount;
                pageNumber++;

                if (fetched.NextToken is { } next)
                {
                    if (!tokens.Add(next))
                    {
                        throw new ResultIntegrityException(
                            $"The service returned the NextToken of page {pageNumber} twice; reading on would repeat rows", statementId);
                    }

                    pending = FetchAsync(statementId, format, next, pageNumber, columns, total, prefetch.Token);
                }

                yield return fetched.Page;
            }
        }
        finally
        {
            if (pending is not null)
            {
                // The caller stopped early: stop the page in flight and observe its end.
                await prefetch.CancelAsync().ConfigureAwait(false);
                try
                {
                    await pending.ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // Its outcome no longer matters to anyone.
                }
            }
        }

        if (total is { } expected && expected >= 0 && expected != rows)
        {
            throw new ResultIntegrityException(
                $"The result announced {expected} rows (TotalNumRows) but its pages held {rows}", statementId);
        }

        DataApiLog.ResultRead(logger, statementId, rows, pageNumber);
    }

    private async Task<FetchedPage> FetchAsync(string statementId, ResultFormatString format, string? nextToken, int pageNumber,
        IReadOnlyList<ColumnMetadata>? columns, long? total, CancellationToken cancellationToken)
    {
        if (format == ResultFormatString.CSV)
        {
            var response = await api.GetStatementResultV2Async(
                new GetStatementResultV2Request { Id = statementId, NextToken = nextToken }, cancellationToken).ConfigureAwait(false);
            columns ??= response.ColumnMetadata;
            total ??= response.TotalNumRows;
            var chunks = (response.Records ?? []).Select(r => r.CSVRecords ?? string.Empty).ToList();
            return new FetchedPage(new ResultPage(pageNumber, columns ?? [], total, chunks), NullIfEmpty(response.NextToken), columns, total);
        }

        var json = await api.GetStatementResultAsync(
            new GetStatementResultRequest { Id = statementId, NextToken = nextToken }, cancellationToken).ConfigureAwait(false);
        columns ??= json.ColumnMetadata;
        total ??= json.TotalNumRows;
        return new FetchedPage(new ResultPage(pageNumber, columns ?? [], total, json.Records ?? []), NullIfEmpty(json.NextToken), columns, total);
    }

    private static string? NullIfEmpty(string? token) => string.IsNullOrEmpty(token) ? null : token;
}
