using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace RedshiftTyped.Execution;

/// <summary>One fetched (and, for typed readers, already decoded) page, and where the result goes on.</summary>
internal readonly record struct PageFetch<TPage>(TPage Page, int RowCount, string? NextToken, long? TotalNumRows);

/// <summary>
/// Follows a statement's NextTokens page by page. The next page is fetched — and decoded, when the fetch decodes —
/// while the caller works through the current one (one page ahead, no more), so the network, decoding and the
/// caller overlap while memory stays at two pages. Reading stops with a <see cref="ResultIntegrityException"/> if
/// the service repeats a token or the rows read do not add up to TotalNumRows: a result is never returned with rows
/// lost or repeated.
/// </summary>
internal static class PagedResult
{
    /// <param name="statementId">The statement whose result is read, for messages.</param>
    /// <param name="fetch">Fetches the page of a token (null for the first) and its 0-based number.</param>
    /// <param name="logger">Where the summary of the read goes.</param>
    /// <param name="cancellationToken">Stops the read and the page in flight.</param>
    public static async IAsyncEnumerable<TPage> ReadAsync<TPage>(
        string statementId,
        Func<string?, int, CancellationToken, Task<PageFetch<TPage>>> fetch,
        ILogger logger,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var prefetch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        long? total = null;
        long rows = 0;
        int pageNumber = 0;
        Task<PageFetch<TPage>>? pending = fetch(null, pageNumber, prefetch.Token);
        try
        {
            while (pending is not null)
            {
                var fetched = await pending.ConfigureAwait(false);
                pending = null;
                total ??= fetched.TotalNumRows;
                rows += fetched.RowCount;
                pageNumber++;

                if (!string.IsNullOrEmpty(fetched.NextToken))
                {
                    if (!tokens.Add(fetched.NextToken))
                    {
                        throw new ResultIntegrityException(
                            $"The service returned the NextToken of page {pageNumber} twice; reading on would repeat rows", statementId);
                    }

                    pending = fetch(fetched.NextToken, pageNumber, prefetch.Token);
                }

                yield return fetched.Page;
            }
        }
        finally
        {
            if (pending is not null)
            {
                await LookAhead.AbandonAsync(prefetch, pending).ConfigureAwait(false);
            }
        }

        if (total is { } expected && expected >= 0 && expected != rows)
        {
            throw new ResultIntegrityException(
                $"The result announced {expected} rows (TotalNumRows) but its pages held {rows}", statementId);
        }

        DataApiLog.ResultRead(logger, statementId, rows, pageNumber);
    }
}
