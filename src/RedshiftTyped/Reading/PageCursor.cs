namespace RedshiftTyped.Reading;

/// <summary>
/// A result's pages with the first one already fetched (a reader needs its metadata before handing out rows), read
/// once, front to back. Cancelling either the open's token or the read's token stops the page in flight.
/// </summary>
internal sealed class PageCursor<TPage> : IAsyncDisposable
{
    private readonly IAsyncEnumerator<TPage> _pages;
    private readonly CancellationTokenSource _cancellation;
    private bool _firstPending = true;
    private int _reading;

    private PageCursor(IAsyncEnumerator<TPage> pages, CancellationTokenSource cancellation, TPage? first, bool hasFirst)
    {
        _pages = pages;
        _cancellation = cancellation;
        First = first;
        _firstPending = hasFirst;
    }

    /// <summary>The first page; every result has one, possibly empty.</summary>
    public TPage? First { get; }

    public static async Task<PageCursor<TPage>> OpenAsync(
        Func<CancellationToken, IAsyncEnumerable<TPage>> pages, CancellationToken cancellationToken)
    {
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var enumerator = pages(cancellation.Token).GetAsyncEnumerator(cancellation.Token);
        try
        {
            bool hasFirst = await enumerator.MoveNextAsync().ConfigureAwait(false);
            return new PageCursor<TPage>(enumerator, cancellation, hasFirst ? enumerator.Current : default, hasFirst);
        }
        catch
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
            cancellation.Dispose();
            throw;
        }
    }

    /// <summary>Every page, the first included. A result is read once.</summary>
    public async IAsyncEnumerable<TPage> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _reading, 1) != 0)
        {
            throw new InvalidOperationException("A snapshot's rows stream once; open a new snapshot to read them again.");
        }

        using var link = cancellationToken.Register(static state =>
        {
            try
            {
                ((CancellationTokenSource)state!).Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The reader was disposed before the caller's token fired: nothing is left to stop.
            }
        }, _cancellation);
        if (_firstPending)
        {
            _firstPending = false;
            yield return First!;
        }

        while (await _pages.MoveNextAsync().ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return _pages.Current;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _pages.DisposeAsync().ConfigureAwait(false);
        _cancellation.Dispose();
    }
}
