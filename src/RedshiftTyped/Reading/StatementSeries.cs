using System.Runtime.CompilerServices;
using RedshiftTyped.Execution;

namespace RedshiftTyped.Reading;

/// <summary>
/// Runs a snapshot's statements in order, each one starting while the previous one's result is read (one ahead, no
/// more: the service keeps each finished result, the client holds only the pages it reads). Stopping early cancels
/// the statement running ahead.
/// </summary>
internal sealed class StatementSeries(RedshiftClient client, IReadOnlyList<SqlStatement> statements)
{
    private readonly List<string> _ids = [];

    /// <summary>The ids of the statements finished so far, in order.</summary>
    public IReadOnlyList<string> Ids
    {
        get
        {
            lock (_ids)
            {
                return [.. _ids];
            }
        }
    }

    public int Count => statements.Count;

    /// <summary>Runs the first statement (the caller learns of a failure, or of drift, before any row).</summary>
    public Task<CompletedStatement> RunFirstAsync(CancellationToken cancellationToken) => RunAsync(0, cancellationToken);

    /// <summary>The first statement, then the others as they finish.</summary>
    public async IAsyncEnumerable<CompletedStatement> ReadAsync(CompletedStatement first,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var ahead = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<CompletedStatement>? next = statements.Count > 1 ? RunAsync(1, ahead.Token) : null;
        try
        {
            yield return first;
            for (int i = 1; i < statements.Count; i++)
            {
                var current = await next!.ConfigureAwait(false);
                next = i + 1 < statements.Count ? RunAsync(i + 1, ahead.Token) : null;
                yield return current;
            }
        }
        finally
        {
            if (next is not null)
            {
                await LookAhead.AbandonAsync(ahead, next).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Every page of every statement, in order; <c>pagesOf</c> is told which statement is the first.</summary>
    public async IAsyncEnumerable<TPage> ReadPagesAsync<TPage>(CompletedStatement first,
        Func<CompletedStatement, bool, CancellationToken, IAsyncEnumerable<TPage>> pagesOf,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        bool isFirst = true;
        await foreach (var statement in ReadAsync(first, cancellationToken).ConfigureAwait(false))
        {
            await foreach (var page in pagesOf(statement, isFirst, cancellationToken).ConfigureAwait(false))
            {
                yield return page;
            }

            isFirst = false;
        }
    }

    private async Task<CompletedStatement> RunAsync(int index, CancellationToken cancellationToken)
    {
        var completed = await client.ExecuteAsync(statements[index], cancellationToken).ConfigureAwait(false);
        lock (_ids)
        {
            _ids.Add(completed.Id);
        }

        return completed;
    }
}
