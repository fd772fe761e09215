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
                // The reader stopped: cancel the statement running ahead (on the server too) and observe its end.
                await ahead.CancelAsync().ConfigureAwait(false);
                try
                {
                    await next.ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // No one waits for it any more.
                }
            }
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
