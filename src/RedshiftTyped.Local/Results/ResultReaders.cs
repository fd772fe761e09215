namespace RedshiftTyped.Local.Results;

/// <summary>
/// The clients paging through one stored result, for the retained-result limit (<see cref="RetainedResultEviction"/>).
/// A fetch of the first page without a NextToken starts a reader; the NextTokens handed to it carry its number, so two
/// readers of one result (two clients, or a read and its retry from the start) are told apart, and a page fetched twice
/// (a retry after a lost response) moves its own reader only. A reader is outstanding from a fetch that handed it a
/// NextToken until it fetches the last page, or until the grace passes (an abandoned read). Thread-safe.
/// </summary>
internal sealed class ResultReaders
{
    private readonly object _gate = new();
    private readonly Dictionary<int, DateTime> _outstanding = [];
    private int _started;
    private DateTime? _lastReadAt;

    /// <summary>Starts a reader (a first-page fetch without a NextToken) and returns its number (1, 2, …).</summary>
    public int Start()
    {
        lock (_gate)
        {
            return ++_started;
        }
    }

    /// <summary>Whether <paramref name="reader"/> was started here (a NextToken naming another number is not valid).</summary>
    public bool WasStarted(int reader)
    {
        lock (_gate)
        {
            return reader >= 1 && reader <= _started;
        }
    }

    /// <summary>
    /// Records that <paramref name="reader"/> fetched a page at <paramref name="now"/>: outstanding while
    /// <paramref name="handedNextToken"/> (a page other than the last), no longer when it fetched the last page.
    /// </summary>
    public void NoteFetch(int reader, bool handedNextToken, DateTime now)
    {
        lock (_gate)
        {
            _lastReadAt = now;
            if (handedNextToken) _outstanding[reader] = now;
            else _outstanding.Remove(reader);
        }
    }

    /// <summary>When a page was last fetched by any reader (null until the first fetch).</summary>
    public DateTime? LastReadAt
    {
        get
        {
            lock (_gate)
            {
                return _lastReadAt;
            }
        }
    }

    /// <summary>
    /// Whether a reader holds a NextToken fetched less than <paramref name="grace"/> before <paramref name="now"/>;
    /// readers past the grace are forgotten (their reads were abandoned).
    /// </summary>
    public bool AnyOutstanding(DateTime now, TimeSpan grace)
    {
        lock (_gate)
        {
            bool any = false;
            List<int>? abandoned = null;
            foreach (var (reader, at) in _outstanding)
            {
                if (now - at < grace) any = true;
                else (abandoned ??= []).Add(reader);
            }

            if (abandoned is not null)
            {
                foreach (int reader in abandoned) _outstanding.Remove(reader);
            }

            return any;
        }
    }
}
