using System.Runtime.CompilerServices;
using System.Threading.Channels;
using RedshiftTyped.Execution;

namespace RedshiftTyped.Reading;

/// <summary>
/// Runs a snapshot's statements in order, each one starting while the previous one's result is read (one ahead, no
/// more: the service keeps each finished result, the client holds only the pages it reads). Stopping early cancels
/// the statement running ahead. With a parallelism above one (<see cref="SnapshotOptions.ChunkParallelism"/>), that many
/// statements run at once: in <see cref="ChunkOrder.KeyOrder"/>, pages still come out in statement order (each statement
/// after the one being consumed reads its first pages ahead and then waits for its turn); in
/// <see cref="ChunkOrder.Unordered"/>, pages come out as any running statement delivers them (<see cref="UnorderedPages"/>).
/// Either way memory holds a few pages per running statement whatever the chunks' size.
/// </summary>
internal sealed class StatementSeries(RedshiftClient client, IReadOnlyList<SqlStatement> statements)
{
    /// <summary>Pages a statement ahead of the consumed one may hold, read and waiting (see <see cref="ReadPagesAsync{TPage}"/>).</summary>
    internal const int PagesAheadPerStatement = 1;

    private readonly SortedDictionary<int, string> _ids = [];

    /// <summary>The ids of the statements finished so far, in statement order.</summary>
    public IReadOnlyList<string> Ids
    {
        get
        {
            lock (_ids)
            {
                return [.. _ids.Values];
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

    /// <summary>
    /// Every page of every statement, each statement's pages in order; <c>pagesOf</c> is told which statement is the
    /// first. With a <paramref name="parallelism"/> above one, that many statements run and are read at once, and
    /// <paramref name="order"/> says whether the statements' pages come out in statement order or as they arrive (the
    /// first statement's first page first either way).
    /// </summary>
    public IAsyncEnumerable<TPage> ReadPagesAsync<TPage>(CompletedStatement first,
        Func<CompletedStatement, bool, CancellationToken, IAsyncEnumerable<TPage>> pagesOf, CancellationToken cancellationToken,
        int parallelism = 1, ChunkOrder order = ChunkOrder.KeyOrder)
        => parallelism <= 1 || statements.Count <= 1 ? ReadPagesInTurnAsync(first, pagesOf, cancellationToken)
            : order == ChunkOrder.Unordered
                ? UnorderedPages.ReadAsync(statements.Count, (index, token) => PagesOfAsync(index, first, pagesOf, token), parallelism, cancellationToken)
                : ReadPagesInParallelAsync(first, pagesOf, parallelism, cancellationToken);

    /// <summary>Statement <paramref name="index"/>'s pages: the first has run already; another runs first.</summary>
    private async IAsyncEnumerable<TPage> PagesOfAsync<TPage>(int index, CompletedStatement first,
        Func<CompletedStatement, bool, CancellationToken, IAsyncEnumerable<TPage>> pagesOf,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var statement = index == 0 ? first : await RunAsync(index, cancellationToken).ConfigureAwait(false);
        await foreach (var page in pagesOf(statement, index == 0, cancellationToken).ConfigureAwait(false))
        {
            yield return page;
        }
    }

    private async IAsyncEnumerable<TPage> ReadPagesInParallelAsync<TPage>(CompletedStatement first,
        Func<CompletedStatement, bool, CancellationToken, IAsyncEnumerable<TPage>> pagesOf, int parallelism,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Each statement ahead of the one being consumed holds at most three pages (one waiting here, one being handed
        // over, the next one PagedResult fetches ahead), then waits: its statement has already run, and its result stays
        // on the service until read. Unbounded, a chunk ahead was read whole into memory while the current one was
        // consumed, so memory grew with ChunkRows.
        var chunks = Enumerable.Range(0, statements.Count)
            .Select(_ => Channel.CreateBounded<TPage>(new BoundedChannelOptions(PagesAheadPerStatement)
            {
                SingleReader = true,
                SingleWriter = true,
                FullMode = BoundedChannelFullMode.Wait,
            })).ToArray();
        // A slot per statement in flight; the consumer frees one when it has taken a statement's last page.
        using var window = new SemaphoreSlim(parallelism);
        var filling = new List<Task>();
        async Task FillAsync(int index)
        {
            var writer = chunks[index].Writer;
            try
            {
                var statement = index == 0 ? first : await RunAsync(index, stop.Token).ConfigureAwait(false);
                await foreach (var page in pagesOf(statement, index == 0, stop.Token).ConfigureAwait(false))
                {
                    await writer.WriteAsync(page, stop.Token).ConfigureAwait(false);
                }

                writer.TryComplete();
            }
            catch (Exception ex)
            {
                // As in UnorderedPages: only the read's token cancels the read; another cancellation is this chunk failing.
                writer.TryComplete(ChunkFailure.Of(ex, stop.Token, index));
            }
        }

        async Task StartAllAsync()
        {
            for (int i = 0; i < statements.Count; i++)
            {
                await window.WaitAsync(stop.Token).ConfigureAwait(false);
                int index = i;
                lock (filling)
                {
                    filling.Add(Task.Run(() => FillAsync(index), CancellationToken.None));
                }
            }
        }

        var starting = StartAllAsync();
        try
        {
            for (int i = 0; i < statements.Count; i++)
            {
                await foreach (var page in chunks[i].Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
                {
                    yield return page;
                }

                window.Release();
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            Task[] started;
            lock (filling)
            {
                started = [starting, .. filling];
            }

            try
            {
                await Task.WhenAll(started).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped early: the statements still running were abandoned.
            }
        }
    }

    private async IAsyncEnumerable<TPage> ReadPagesInTurnAsync<TPage>(CompletedStatement first,
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
            _ids[index] = completed.Id;
        }

        return completed;
    }
}
