namespace RedshiftTyped.Reading;

/// <summary>
/// Runs an UNLOAD read's download-and-decode loops on threads of their own, one per loop, instead of on the thread pool.
/// Why: Parquet.Net (and Snappier under it) rent every row group's page, level and value buffers — arrays of 256 KB to
/// 2 MB, on the large-object heap — from the process-wide <c>ArrayPool&lt;T&gt;.Shared</c>, which keeps one array of each
/// size per thread that ever returned one. When the loops run as async code on the thread pool, each row group can resume
/// on another pool thread, and a long read on a busy pool spreads those buffers over ever more threads: measured
/// (ArrayPoolCensus in the benchmarks), the shared pools held one array per size on each of 5 threads after 1M rows and 9
/// after 5M, 36 → 59 MB that nothing trims for a minute. On a fixed set of threads the shared pools hold at most one array
/// per size per loop, whatever the table's size. The loops block (on downloads and on handing pages to the reader), which
/// is what dedicated threads are for; the thread pool is not held up.
/// </summary>
internal static class DecodeThreads
{
    /// <summary>
    /// Starts <paramref name="count"/> threads each running <paramref name="loop"/>; the task ends when every loop has
    /// returned, failed (the task then carries the failures), or was cancelled before it started.
    /// </summary>
    public static Task RunAsync(int count, Action loop, CancellationToken cancellationToken)
        => Task.WhenAll(Enumerable.Range(0, count).Select(_ =>
            Task.Factory.StartNew(loop, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default)));

    /// <summary>
    /// Called with the thread that decodes each row group, when set (tests observe the bound through it: every row group
    /// decoded on a thread of the read's own, at most <see cref="UnloadOptions.DownloadParallelism"/> of them).
    /// </summary>
    internal static readonly AsyncLocal<Action<Thread>?> RowGroupDecoded = new();
}
