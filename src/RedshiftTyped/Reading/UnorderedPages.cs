using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace RedshiftTyped.Reading;

/// <summary>
/// Reads several page sources (the key-range chunks of <see cref="ChunkOrder.Unordered"/>) at once and hands out their
/// pages as they arrive: each source's pages in its own order, every page once, the sources interleaved in no fixed
/// order, except that the first source's first page comes first (a reader takes the result's columns and header from
/// it). At most <c>parallelism</c> sources run at once; one bounded channel between them and the consumer makes a source
/// wait when the consumer is behind, so the pages held are at most <see cref="MaxPagesWaiting"/> however long the sources
/// are. A source that fails fails the read with its own error and stops the others (a cancellation the read's token did
/// not ask for is a failure too, see <see cref="ChunkFailure"/>); a consumer that stops early (or cancels) stops every
/// source and waits for them to end.
/// </summary>
internal static class UnorderedPages
{
    /// <summary>Pages the channel holds per running source, read and waiting for the consumer.</summary>
    internal const int BufferedPerSource = 1;

    /// <summary>
    /// The most pages made by the sources and not yet taken by the consumer: the channel's
    /// (<see cref="BufferedPerSource"/> per running source), one per running source waiting to enter it, the first page,
    /// and the one being handed over. A source's own read-ahead (the page <c>PagedResult</c> fetches next) comes on top.
    /// </summary>
    internal static int MaxPagesWaiting(int parallelism) => parallelism * BufferedPerSource + parallelism + 2;

    /// <param name="sourceCount">How many sources there are (at least one).</param>
    /// <param name="source">Opens source <c>i</c>'s pages; stopped through the token it is given.</param>
    /// <param name="parallelism">How many sources run at once (at least one).</param>
    /// <param name="cancellationToken">Stops the read and every source.</param>
    public static async IAsyncEnumerable<TPage> ReadAsync<TPage>(int sourceCount,
        Func<int, CancellationToken, IAsyncEnumerable<TPage>> source, int parallelism,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sourceCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pages = Channel.CreateBounded<TPage>(new BoundedChannelOptions(parallelism * BufferedPerSource)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
        // The first source's first page travels apart from the channel, so that it comes out first without waiting
        // behind the other sources' pages (and without blocking them: they fill the channel meanwhile).
        var firstPage = new TaskCompletionSource<(bool Has, TPage? Page)>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var window = new SemaphoreSlim(parallelism);

        void Fail(Exception error)
        {
            // The first failure is the read's answer; the others (mostly cancellations it caused) are not.
            if (pages.Writer.TryComplete(error))
            {
                if (error is OperationCanceledException cancelled)
                {
                    firstPage.TrySetCanceled(cancelled.CancellationToken);
                }
                else
                {
                    firstPage.TrySetException(error);
                }

                stop.Cancel();
            }
        }

        async Task FillAsync(int index)
        {
            try
            {
                bool first = index == 0;
                await foreach (var page in source(index, stop.Token).WithCancellation(stop.Token).ConfigureAwait(false))
                {
                    if (first)
                    {
                        first = false;
                        firstPage.TrySetResult((true, page));
                        continue;
                    }

                    await pages.Writer.WriteAsync(page, stop.Token).ConfigureAwait(false);
                }

                if (first)
                {
                    firstPage.TrySetResult((false, default));
                }
            }
            catch (Exception ex)
            {
                // A cancellation the read did not ask for (an HTTP timeout's TaskCanceledException) is this source failing.
                Fail(ChunkFailure.Of(ex, stop.Token, index));
            }
            finally
            {
                window.Release();
            }
        }

        async Task RunAllAsync()
        {
            var running = new List<Task>(sourceCount);
            try
            {
                for (int i = 0; i < sourceCount; i++)
                {
                    await window.WaitAsync(stop.Token).ConfigureAwait(false);
                    if (stop.IsCancellationRequested)
                    {
                        // A source ending because the read stopped frees its place, and the semaphore may hand it to this
                        // wait before the wait sees the cancellation: start nothing (a source is a statement submitted).
                        break;
                    }

                    int index = i;
                    running.Add(Task.Run(() => FillAsync(index), CancellationToken.None));
                }
            }
            catch (OperationCanceledException ex)
            {
                Fail(ex);
            }

            // Every source has ended (FillAsync never throws): complete the channel unless a failure already did.
            await Task.WhenAll(running).ConfigureAwait(false);
            pages.Writer.TryComplete();
        }

        var filling = Task.Run(RunAllAsync, CancellationToken.None);
        try
        {
            var (hasFirst, first) = await firstPage.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (hasFirst)
            {
                yield return first!;
            }

            await foreach (var page in pages.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return page;
            }
        }
        finally
        {
            // Stopped early, failed, or done: no source outlives the read.
            await stop.CancelAsync().ConfigureAwait(false);
            await filling.ConfigureAwait(false);
        }
    }
}
