using Parquet;
using Parquet.Data;
using Parquet.Schema;
using RedshiftTyped.Execution;
using RedshiftTyped.Reading;
using RedshiftTyped.Values;

namespace RedshiftTyped.Tests.Reading;

/// <summary>
/// The UNLOAD read's decode threads (<see cref="DecodeThreads"/>): each worker on a thread of its own, not the pool; a
/// failure on one comes out of the read's task as the same exception; a stop by the read's token is a cancellation. And the
/// premise that keeps the decode on its thread: Parquet.Net's reads of a <see cref="SynchronousFileStream"/> over a file
/// written as the local server's UNLOAD writes it (Snappy) complete synchronously.
/// </summary>
public sealed class UnloadDecodeThreadsTests
{
    [Fact]
    public async Task Each_worker_runs_on_a_background_thread_of_its_own_outside_the_thread_pool()
    {
        var threads = new System.Collections.Concurrent.ConcurrentBag<(int Id, bool Pool, bool Background)>();
        using var together = new Barrier(3);

        await DecodeThreads.RunAsync(3, () =>
        {
            threads.Add((Environment.CurrentManagedThreadId, Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.IsBackground));
            Assert.True(together.SignalAndWait(TimeSpan.FromSeconds(30)), "the three workers did not run at the same time");
        }, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(3, threads.Select(t => t.Id).Distinct().Count());
        Assert.DoesNotContain(threads, t => t.Pool);
        // Background threads: a read left undisposed never keeps the process alive.
        Assert.All(threads, t => Assert.True(t.Background));
    }

    [Fact]
    public async Task A_failure_on_a_decode_thread_is_the_exception_the_read_sees()
    {
        var failure = new ResultIntegrityException("s3://b/run/0000_part_00.parquet is not a Parquet file UNLOAD wrote (bad magic)", "stmt-1");
        int calls = 0;

        var work = DecodeThreads.RunAsync(2, () =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                throw failure;
            }
        }, CancellationToken.None);

        var error = await Assert.ThrowsAsync<ResultIntegrityException>(() => work.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Same(failure, error);
        Assert.Same(failure, work.Exception!.InnerException);
    }

    [Fact]
    public async Task A_stop_by_the_reads_token_cancels_and_ends_every_thread()
    {
        using var stop = new CancellationTokenSource();
        using var started = new CountdownEvent(2);
        var work = DecodeThreads.RunAsync(2, () =>
        {
            started.Signal();
            // A worker blocked as on a full page channel, until the read stops.
            DecodeThreads.Wait(new ValueTask(Task.Delay(Timeout.Infinite, stop.Token)));
        }, stop.Token);

        Assert.True(started.Wait(TimeSpan.FromSeconds(30)));
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => work.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.True(work.IsCanceled);
    }

    [Fact]
    public async Task Parquet_reads_of_a_downloaded_snappy_file_complete_on_the_calling_thread()
    {
        string path = Path.Combine(Path.GetTempPath(), $"rt-decode-threads-{Guid.NewGuid():N}.parquet");
        try
        {
            const int rows = 50_000;
            // As the local server's UNLOAD writes them (src/RedshiftTyped.Local/Unload/UnloadColumn.cs): optional fields, Snappy.
            var id = new DataField<int>("id", true);
            var price = new DecimalDataField("price", 8, 2, forceByteArrayEncoding: false, isNullable: true);
            var name = new DataField<string>("name", true);
            var saletime = new DateTimeDataField("saletime", DateTimeFormat.Timestamp, isAdjustedToUTC: false, DateTimeTimeUnit.Micros, isNullable: true);
            await using (var file = File.Create(path))
            await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(id, price, name, saletime), file,
                             new ParquetOptions { CompressionMethod = CompressionMethod.Snappy }))
            {
                for (int group = 0; group < 2; group++)
                {
                    using var rowGroup = writer.CreateRowGroup();
                    await rowGroup.WriteAsync<int>(id, Enumerable.Range(group * rows, rows).Select(i => (int?)i).ToArray().AsMemory());
                    await rowGroup.WriteAsync<decimal>(price, Enumerable.Range(0, rows).Select(i => i % 7 == 0 ? (decimal?)null : i / 100m).ToArray().AsMemory());
                    await rowGroup.WriteAsync(name, Enumerable.Range(0, rows).Select(i => i % 5 == 0 ? null : $"name {i}").ToArray()!);
                    await rowGroup.WriteAsync<DateTime>(saletime, Enumerable.Range(0, rows).Select(i => (DateTime?)DateTime.UnixEpoch.AddSeconds(i)).ToArray().AsMemory());
                }
            }

            var stream = new SynchronousFileStream(path);
            var opening = ParquetReader.CreateAsync(stream, new ParquetOptions { UseDateOnlyTypeForDates = true, UseBigDecimal = true }, leaveStreamOpen: false);
            Assert.True(opening.IsCompleted, "opening the file awaited a read that did not complete synchronously");
            await using var reader = await opening;
            var fields = reader.Schema.GetDataFields();
            var pool = new ColumnArrayPool(fields.Length);
            long read = 0;
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var columns = ParquetColumns.ReadAsync(group, fields, [RedshiftType.Integer, RedshiftType.Numeric, RedshiftType.VarChar, RedshiftType.Timestamp], pool, CancellationToken.None);
                Assert.True(columns.IsCompleted, $"row group {g}'s column reads awaited a read that did not complete synchronously");
                var batch = await columns;
                read += batch.RowCount;
                batch.Release();
            }

            Assert.Equal(2 * rows, read);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
