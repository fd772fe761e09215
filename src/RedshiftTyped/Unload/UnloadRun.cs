using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using Parquet;
using RedshiftTyped.Execution;
using RedshiftTyped.Typed;
using RedshiftTyped.Values;

namespace RedshiftTyped.Reading;

/// <summary>
/// One snapshot read through UNLOAD: <c>UNLOAD ('&lt;the snapshot's SELECT, values as literals&gt;') TO '&lt;prefix&gt;&lt;run id&gt;/'
/// IAM_ROLE … FORMAT AS PARQUET MANIFEST VERBOSE</c>, then the manifest, then the files — downloaded and decoded
/// <see cref="UnloadOptions.DownloadParallelism"/> at a time (each on a thread of the read's own: <see cref="DecodeThreads"/>),
/// row group by row group, into pages handed out as they are
/// ready (in file order, one file at a time, when the rows must keep the query's order). A file shorter than the manifest
/// says, a file missing, or rows that do not add up to the manifest's counts stop the read with
/// <see cref="ResultIntegrityException"/>. The run's folder is deleted when the read ends, unless <see cref="UnloadOptions.KeepFiles"/>.
/// </summary>
internal sealed class UnloadRun
{
    /// <summary>Rows per page handed to the reader: a row group is cut into pages of this many rows.</summary>
    private const int PageRows = 8192;

    private readonly RedshiftClient _client;
    private readonly UnloadOptions _options;
    private readonly string _bucket;
    private readonly string _runPrefix;

    private UnloadRun(RedshiftClient client, UnloadOptions options, string bucket, string runPrefix, StatementSeries series,
        CompletedStatement statement, UnloadManifest manifest, bool ordered)
    {
        _client = client;
        _options = options;
        _bucket = bucket;
        _runPrefix = runPrefix;
        Series = series;
        Statement = statement;
        Manifest = manifest;
        Ordered = ordered;
    }

    public StatementSeries Series { get; }

    public CompletedStatement Statement { get; }

    public UnloadManifest Manifest { get; }

    public bool Ordered { get; }

    /// <summary>The rows the manifest announces.</summary>
    public long TotalRows => Manifest.TotalRows ?? Manifest.Entries.Sum(e => e.RecordCount ?? 0);

    /// <summary>The UNLOAD statement for a SELECT (exposed for tests of the quoting).</summary>
    public static SqlStatement BuildStatement(string select, UnloadOptions options, string runUrl, bool ordered, SnapshotOptions snapshot)
    {
        var sql = new StringBuilder("UNLOAD (").Append(SqlLiteral.Quote(select)).Append(") TO ").Append(SqlLiteral.Quote(runUrl))
            .Append(" IAM_ROLE ").Append(options.IamRole == "default" ? "default" : SqlLiteral.Quote(options.IamRole))
            .Append(" FORMAT AS PARQUET MANIFEST VERBOSE");
        if (ordered)
        {
            // PARALLEL OFF writes the files serially, "sorted absolutely according to the ORDER BY clause" (r_UNLOAD.md).
            sql.Append(" PARALLEL OFF");
        }

        if (options.MaxFileSizeMb is { } mb)
        {
            sql.Append(" MAXFILESIZE ").Append(mb.ToString(CultureInfo.InvariantCulture)).Append(" MB");
        }

        if (options.KmsKeyId is { } kms)
        {
            sql.Append(" KMS_KEY_ID ").Append(SqlLiteral.Quote(kms)).Append(" ENCRYPTED");
        }

        return new SqlStatement(sql.ToString()) { Timeout = snapshot.Timeout, StatementName = snapshot.StatementName };
    }

    /// <summary>Checks the prefix, runs the UNLOAD and reads its manifest.</summary>
    public static async Task<UnloadRun> StartAsync(RedshiftClient client, string select, SnapshotOptions snapshot, CancellationToken cancellationToken)
    {
        var options = snapshot.Unload!;
        var (bucket, prefix) = options.Location;
        var s3 = client.S3;
        if (!options.AllowNonEmptyPrefix)
        {
            var existing = await s3.ListAsync(bucket, prefix, cancellationToken).ConfigureAwait(false);
            if (existing.Count > 0)
            {
                throw new InvalidOperationException(
                    $"{options.S3Prefix} already holds {existing.Count} object(s) (e.g. {existing[0]}). UNLOAD writes each run in a folder of its own under it " +
                    "and deletes only that folder, but a prefix that holds data may be a typo: give an empty prefix, or set UnloadOptions.AllowNonEmptyPrefix.");
            }
        }

        string runId = "rt-" + DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..12];
        string runPrefix = prefix + runId + "/";
        bool ordered = snapshot.Ordering.Count > 0;
        var series = new StatementSeries(client, [BuildStatement(select, options, $"s3://{bucket}/{runPrefix}", ordered, snapshot)]);
        var completed = await series.RunFirstAsync(cancellationToken).ConfigureAwait(false);
        string manifestUrl = $"s3://{bucket}/{runPrefix}manifest";
        string json = await s3.ReadTextAsync(bucket, runPrefix + "manifest", cancellationToken).ConfigureAwait(false)
            ?? throw new ResultIntegrityException($"UNLOAD finished but wrote no manifest at {manifestUrl}", completed.Id);
        var manifest = UnloadManifest.Parse(json, manifestUrl, completed.Id);
        return new UnloadRun(client, options, bucket, runPrefix, series, completed, manifest, ordered);
    }

    /// <summary>
    /// Every row of every file, as pages made by <paramref name="decode"/> from a row group's columns (rows <c>start</c> to
    /// <c>start + count</c> of the batch).
    /// </summary>
    public async IAsyncEnumerable<TPage> ReadPagesAsync<TPage>(IReadOnlyList<RedshiftType> types,
        Func<ColumnBatch, int, int, TPage> decode, Func<TPage, int> rowsOf, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Held by this enumerator only (never by the decode threads): an enumerator dropped without being disposed is
        // collected, and the guard's finalizer stops the read (AbandonedReadGuard says what that does and does not clean).
        var abandoned = new AbandonedReadGuard(stop);
        int workers = Ordered ? 1 : Math.Min(_options.DownloadParallelism, Math.Max(1, Manifest.Entries.Count));
        // Each worker holds one row group's arrays at a time, up to one per column of a type and size; one more row group's
        // worth covers a batch on its way back. Fewer, and the arrays of a row group's second int (or decimal…) column
        // were dropped on return and allocated anew on the next rent: large-object-heap garbage growing with the table.
        var arrays = new ColumnArrayPool((workers + 1) * Math.Max(1, types.Count));
        var pages = Channel.CreateBounded<TPage>(new BoundedChannelOptions(Math.Max(2, workers * 2)) { SingleReader = true });
        int nextFile = -1;
        long rowsRead = 0;
        void Work()
        {
            int index;
            while ((index = Interlocked.Increment(ref nextFile)) < Manifest.Entries.Count)
            {
                long rows = ReadFile(Manifest.Entries[index], types, decode, arrays, pages.Writer, stop.Token);
                Interlocked.Add(ref rowsRead, rows);
            }
        }

        // Each worker downloads and decodes on a thread of its own (DecodeThreads says why); the pages reach this reader
        // through the channel, as before.
        var work = DecodeThreads.RunAsync(workers, Work, stop.Token);
        _ = work.ContinueWith(t => pages.Writer.TryComplete(t.Exception?.InnerException), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        bool complete = false;
        try
        {
            await foreach (var page in pages.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                yield return page;
            }

            await work.ConfigureAwait(false);
            if (Manifest.TotalRows is { } total && total != rowsRead)
            {
                throw new ResultIntegrityException($"The UNLOAD manifest announced {total} rows but its files held {rowsRead}", Statement.Id);
            }

            complete = true;
        }
        finally
        {
            // Disposed or run to its end: the read ends here, not in the guard's finalizer.
            GC.SuppressFinalize(abandoned);
            if (!complete)
            {
                await stop.CancelAsync().ConfigureAwait(false);
                try
                {
                    await work.ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // Stopped, or failed after it stopped mattering; the reader's own error (if any) is already on its way.
                }
            }

            if (!_options.KeepFiles)
            {
                await DeleteRunAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Downloads one file and hands its rows on as pages, on the calling <see cref="DecodeThreads"/> thread: the download's
    /// awaits block that thread (not a pool thread), Parquet.Net's reads of the local file complete on it, and a full channel
    /// blocks it until the reader takes a page.
    /// </summary>
    private long ReadFile<TPage>(UnloadManifest.Entry entry, IReadOnlyList<RedshiftType> types,
        Func<ColumnBatch, int, int, TPage> decode, ColumnArrayPool arrays, ChannelWriter<TPage> pages, CancellationToken cancellationToken)
    {
        if (!entry.Key.StartsWith(_runPrefix, StringComparison.Ordinal) || entry.Bucket != _bucket)
        {
            throw new ResultIntegrityException($"The UNLOAD manifest lists {entry.Url}, outside the run's folder s3://{_bucket}/{_runPrefix}", Statement.Id);
        }

        string path = Path.Combine(Path.GetTempPath(), $"rt-unload-{Guid.NewGuid():N}.parquet");
        try
        {
            if (!DecodeThreads.Wait(_client.S3.DownloadAsync(entry.Bucket, entry.Key, path, cancellationToken)))
            {
                throw new ResultIntegrityException($"The UNLOAD manifest lists {entry.Url}, which S3 does not have", Statement.Id);
            }

            long length = new FileInfo(path).Length;
            if (length != entry.ContentLength)
            {
                throw new ResultIntegrityException(
                    $"{entry.Url} is {length} bytes but the UNLOAD manifest says {entry.ContentLength}: the file is truncated or was replaced", Statement.Id);
            }

            long rows = 0;
            ParquetReader reader;
            var file = new SynchronousFileStream(path);
            try
            {
                reader = DecodeThreads.Wait(ParquetReader.CreateAsync(file, new ParquetOptions { UseDateOnlyTypeForDates = true, UseBigDecimal = true },
                    leaveStreamOpen: false, cancellationToken));
            }
            catch (Exception ex)
            {
                file.Dispose();
                if (ex is IOException or InvalidDataException or NotSupportedException or ArgumentException)
                {
                    throw new ResultIntegrityException($"{entry.Url} is not a Parquet file UNLOAD wrote ({ex.Message})", Statement.Id);
                }

                throw;
            }

            try
            {
                var fields = reader.Schema.GetDataFields();
                if (fields.Length != types.Count)
                {
                    throw new ResultIntegrityException($"{entry.Url} has {fields.Length} columns but the query selected {types.Count}", Statement.Id);
                }

                for (int g = 0; g < reader.RowGroupCount; g++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    using var group = reader.OpenRowGroupReader(g);
                    var columns = DecodeThreads.Wait(ParquetColumns.ReadAsync(group, fields, types, arrays, cancellationToken));
                    int count = columns.RowCount;
                    try
                    {
                        // Pages are decoded here, before they are handed on: no page refers to the batch once it is released.
                        for (int start = 0; start < count; start += PageRows)
                        {
                            Write(pages, decode(columns, start, Math.Min(PageRows, count - start)), cancellationToken);
                        }
                    }
                    finally
                    {
                        columns.Release();
                    }

                    rows += count;
                }
            }
            finally
            {
                DecodeThreads.Wait(reader.DisposeAsync());
            }

            if (entry.RecordCount is { } expected && expected != rows)
            {
                throw new ResultIntegrityException($"The UNLOAD manifest says {entry.Url} holds {expected} rows but it holds {rows}", Statement.Id);
            }

            return rows;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Hands a page to the reader, blocking this decode thread while the channel is full.</summary>
    private static void Write<TPage>(ChannelWriter<TPage> pages, TPage page, CancellationToken cancellationToken)
    {
        while (!pages.TryWrite(page))
        {
            if (!DecodeThreads.Wait(pages.WaitToWriteAsync(cancellationToken)))
            {
                throw new ChannelClosedException();
            }
        }
    }

    /// <summary>
    /// Stops a read whose enumerator was dropped without being disposed (caller misuse: <c>GetAsyncEnumerator()</c>, a
    /// <c>MoveNextAsync</c> or two, then nothing). Its decode threads would otherwise wait on the full page channel forever,
    /// each holding a downloaded file in the temp directory. The guard is referenced only by the read's enumerator, which
    /// the decode threads do not reach (they hold the channel and the token, not the enumerator); once the enumerator is
    /// collected, the finalizer cancels the read's token: each decode thread stops where it waits, deletes its temp file
    /// (<see cref="ReadFile{TPage}"/>'s finally) and ends. The run's S3 folder is NOT deleted: that takes S3 calls (network
    /// I/O, awaited) through a client that may already be disposed, which a finalizer must not make, so an abandoned read
    /// leaves its folder for the bucket's lifecycle rule, as a process killed mid-read does. Dispose the enumerator (an
    /// <c>await foreach</c> does) to have it deleted.
    /// </summary>
    private sealed class AbandonedReadGuard(CancellationTokenSource stop)
    {
        ~AbandonedReadGuard()
        {
            try
            {
                // CancelAsync runs the token's callbacks (the channel waits, an S3 download in flight) on the thread pool,
                // not on the finalizer thread.
                _ = stop.CancelAsync();
            }
            catch (ObjectDisposedException)
            {
                // The read ended after all; nothing is left to stop.
            }
        }
    }

    /// <summary>Deletes the run's own folder, and nothing outside it.</summary>
    private async Task DeleteRunAsync()
    {
        try
        {
            foreach (string key in await _client.S3.ListAsync(_bucket, _runPrefix, CancellationToken.None).ConfigureAwait(false))
            {
                if (key.StartsWith(_runPrefix, StringComparison.Ordinal))
                {
                    await _client.S3.DeleteAsync(_bucket, key, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is Amazon.Runtime.AmazonServiceException or HttpRequestException or IOException)
        {
            UnloadLog.CleanupFailed(_client.Logger, $"s3://{_bucket}/{_runPrefix}", ex);
        }
    }
}

internal static partial class UnloadLog
{
    [Microsoft.Extensions.Logging.LoggerMessage(EventId = 40, Level = Microsoft.Extensions.Logging.LogLevel.Warning,
        Message = "Could not delete the UNLOAD run folder {Folder}; delete it, or give the bucket a lifecycle rule")]
    public static partial void CleanupFailed(Microsoft.Extensions.Logging.ILogger logger, string folder, Exception exception);
}
