namespace RedshiftTyped.Reading;

/// <summary>
/// The threads an UNLOAD read downloads and decodes its files on: one thread of its own per worker
/// (<see cref="UnloadOptions.DownloadParallelism"/>), started with the read and ended with it, not the thread pool.
/// Parquet.Net rents its page and column buffers from <see cref="System.Buffers.ArrayPool{T}.Shared"/>, which keeps one
/// array of each size for every thread that returned one. Decoding on the pool, a row group's CPU-bound work kept the
/// pool's threads busy, the pool added threads, and each new thread came to hold its own row-group-sized arrays: memory
/// that grew with the read's length (issue 12, round 21). On a fixed set of threads what the shared pool keeps is bounded
/// by the workers, and a thread's arrays go with the thread when the read ends.
/// </summary>
internal static class DecodeThreads
{
    /// <summary>
    /// Runs <paramref name="work"/> on <paramref name="count"/> new background threads. The task completes when every
    /// thread has finished: faulted with the first failure, canceled when a thread stopped on <paramref name="cancellationToken"/>.
    /// </summary>
    public static Task RunAsync(int count, Action work, CancellationToken cancellationToken)
    {
        var done = new Task[count];
        for (int i = 0; i < count; i++)
        {
            var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var thread = new Thread(() =>
            {
                try
                {
                    work();
                    completion.SetResult();
                }
                catch (OperationCanceledException ex) when (ex.CancellationToken == cancellationToken)
                {
                    // As Task.Run(work, token) does: stopped by the read's own token is canceled, not failed.
                    completion.SetCanceled(cancellationToken);
                }
                catch (Exception ex)
                {
                    completion.SetException(ex);
                }
            })
            {
                IsBackground = true,
                Name = "RedshiftTyped UNLOAD decode",
            };
            thread.Start();
            done[i] = completion.Task;
        }

        return Task.WhenAll(done);
    }

    /// <summary>
    /// The result of <paramref name="task"/> on the calling decode thread: at once when it has completed, as Parquet.Net's
    /// reads of a <see cref="SynchronousFileStream"/> do; otherwise by blocking this thread (never a pool thread) until it has.
    /// </summary>
    public static T Wait<T>(ValueTask<T> task) => task.IsCompleted ? task.GetAwaiter().GetResult() : task.AsTask().GetAwaiter().GetResult();

    /// <inheritdoc cref="Wait{T}(ValueTask{T})"/>
    public static void Wait(ValueTask task)
    {
        if (task.IsCompleted)
        {
            task.GetAwaiter().GetResult();
        }
        else
        {
            task.AsTask().GetAwaiter().GetResult();
        }
    }

    /// <inheritdoc cref="Wait{T}(ValueTask{T})"/>
    public static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();
}
