using System.Runtime.CompilerServices;
using RedshiftTyped.Reading;

namespace RedshiftTyped.Tests.Reading;

/// <summary>
/// The unordered merge of parallel chunks (<see cref="ChunkOrder.Unordered"/>) on in-memory page sources: every page once,
/// each source's pages in order, the first source's first page first; pages waiting for the consumer stay under the bound
/// however long the sources; a failing source fails the read with its own error and stops the others; an early stop
/// or a cancelled token stops every source. (Against the real server: SnapshotReadTests.)
/// </summary>
public sealed class UnorderedPagesTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 3)]
    [InlineData(20, 4)]
    public async Task Every_page_comes_once_each_source_in_order_and_the_first_sources_first_page_first(int sources, int parallelism)
    {
        var probe = new Probe(pagesPerSource: 9, delayMs: 1);
        var pages = await UnorderedPages.ReadAsync(sources, probe.Source, parallelism, CancellationToken.None).ToListAsync();

        Assert.Equal((0, 0), pages[0]);
        Assert.Equal(sources * 9, pages.Count);
        Assert.Equal(pages.Count, pages.Distinct().Count());
        foreach (var source in pages.GroupBy(p => p.Source))
        {
            Assert.Equal(Enumerable.Range(0, 9), source.Select(p => p.Page));
        }

        Assert.InRange(probe.MaxRunning, 1, parallelism);
    }

    [Fact]
    public async Task Pages_waiting_for_a_slow_consumer_stay_under_the_bound_whatever_the_sources_length()
    {
        const int parallelism = 4;
        var probe = new Probe(pagesPerSource: 60, delayMs: 0);
        int maxWaiting = 0, taken = 0;
        await foreach (var _ in UnorderedPages.ReadAsync(8, probe.Source, parallelism, CancellationToken.None))
        {
            taken++;
            maxWaiting = Math.Max(maxWaiting, probe.Produced - taken);
            // The consumer is slower than the sources: without the bound, the sources would run ahead by hundreds of pages.
            await Task.Delay(2);
        }

        Assert.Equal(8 * 60, taken);
        Assert.InRange(maxWaiting, 1, UnorderedPages.MaxPagesWaiting(parallelism));
        Assert.Equal(parallelism, probe.MaxRunning);
    }

    [Fact]
    public async Task A_failing_source_fails_the_read_with_its_error_and_stops_the_others()
    {
        var probe = new Probe(pagesPerSource: 1000, delayMs: 1) { FailingSource = 3, FailAfter = 2 };
        var read = UnorderedPages.ReadAsync(12, probe.Source, 4, CancellationToken.None);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var _ in read)
            {
            }
        });

        Assert.Equal("source 3 failed after 2 pages", error.Message);
        Assert.Equal(0, probe.Running);
        Assert.True(probe.Started <= 8, $"{probe.Started} sources started after the failure stopped the read");
        Assert.True(probe.Produced < 4 * 1000, "the other sources ran to their end instead of stopping");
    }

    [Fact]
    public async Task A_source_cancelled_by_something_other_than_the_read_fails_the_read_as_a_timeout()
    {
        // An HttpClient timeout is a TaskCanceledException tied to no token of the read's. It used to end the read as a
        // cancellation (the caller's catch of OperationCanceledException swallowed a failed chunk); it is the chunk failing.
        var probe = new Probe(pagesPerSource: 1000, delayMs: 1) { FailingSource = 2, FailAfter = 1, Failure = () => new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 90 seconds elapsing.") };
        var read = UnorderedPages.ReadAsync(6, probe.Source, 3, CancellationToken.None);

        var error = await Assert.ThrowsAsync<TimeoutException>(async () =>
        {
            await foreach (var _ in read)
            {
            }
        });

        Assert.StartsWith("Reading chunk 3 stopped without the read being cancelled (The request was canceled due to the configured HttpClient.Timeout of 90 seconds elapsing: a request timed out)", error.Message);
        Assert.IsType<TaskCanceledException>(error.InnerException);
        Assert.Equal(0, probe.Running);
    }

    [Fact]
    public async Task Stopping_early_stops_every_source_and_starts_no_more()
    {
        var probe = new Probe(pagesPerSource: 1000, delayMs: 1);
        int taken = 0;
        await foreach (var _ in UnorderedPages.ReadAsync(50, probe.Source, 4, CancellationToken.None))
        {
            if (++taken == 5)
            {
                break;
            }
        }

        Assert.Equal(0, probe.Running);
        int started = probe.Started;
        Assert.InRange(started, 1, 4);
        await Task.Delay(50);
        Assert.Equal(started, probe.Started);
    }

    [Fact]
    public async Task A_cancelled_token_cancels_the_read_and_every_source()
    {
        var probe = new Probe(pagesPerSource: 1000, delayMs: 1);
        using var cancellation = new CancellationTokenSource();
        int taken = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in UnorderedPages.ReadAsync(50, probe.Source, 4, cancellation.Token))
            {
                if (++taken == 5)
                {
                    await cancellation.CancelAsync();
                }
            }
        });

        Assert.Equal(0, probe.Running);
    }

    [Fact]
    public void Chunks_are_unordered_by_default_and_in_key_order_when_an_order_was_asked_for_or_chosen()
    {
        Assert.Equal(ChunkOrder.Unordered, new SnapshotOptions { ChunkRows = 10 }.EffectiveChunkOrder);
        Assert.Equal(ChunkOrder.KeyOrder, new SnapshotOptions { ChunkRows = 10 }.OrderBy("id").EffectiveChunkOrder);
        Assert.Equal(ChunkOrder.Unordered, new SnapshotOptions { ChunkRows = 10, ChunkOrder = ChunkOrder.Unordered }.OrderBy("id").EffectiveChunkOrder);
        Assert.Equal(ChunkOrder.KeyOrder, new SnapshotOptions { ChunkRows = 10, ChunkOrder = ChunkOrder.KeyOrder }.EffectiveChunkOrder);
    }

    /// <summary>Sources of numbered pages that count what they made and how many run at once.</summary>
    private sealed class Probe(int pagesPerSource, int delayMs)
    {
        private int _produced, _running, _maxRunning, _started;

        public int FailingSource { get; init; } = -1;

        public int FailAfter { get; init; }

        public Func<Exception>? Failure { get; init; }

        public int Produced => Volatile.Read(ref _produced);

        public int Running => Volatile.Read(ref _running);

        public int MaxRunning => Volatile.Read(ref _maxRunning);

        public int Started => Volatile.Read(ref _started);

        public async IAsyncEnumerable<(int Source, int Page)> Source(int index, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _started);
            int running = Interlocked.Increment(ref _running);
            InterlockedMax(ref _maxRunning, running);
            try
            {
                for (int page = 0; page < pagesPerSource; page++)
                {
                    if (index == FailingSource && page == FailAfter)
                    {
                        throw Failure?.Invoke() ?? new InvalidOperationException($"source {index} failed after {page} pages");
                    }

                    await Task.Delay(delayMs, cancellationToken);
                    Interlocked.Increment(ref _produced);
                    yield return (index, page);
                }
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }
}
