using System.Runtime.CompilerServices;
using RedshiftTyped.IntegrationTests.Generated.Tickit;
using RedshiftTyped.Reading;

namespace RedshiftTyped.IntegrationTests.Unload;

/// <summary>
/// An UNLOAD read whose enumerator is dropped without being disposed (caller misuse): once the enumerator is collected,
/// its decode threads end and their temp files are deleted, rather than the threads waiting on the full page channel
/// forever. It counts the process's decode threads (by name) and the temp directory's UNLOAD files, so it runs alone,
/// after the parallel tests.
/// </summary>
[Collection(AbandonedUnloadRead.Name)]
public sealed class AbandonedUnloadReadTests(DuckDbUnloadServerFixture fixture) : IClassFixture<DuckDbUnloadServerFixture>
{
    /// <summary>"RedshiftTyped UNLOAD decode" as Linux keeps a thread's name: its first 15 bytes.</summary>
    private const string DecodeThreadName = "RedshiftTyped U";

    [Fact]
    public async Task An_enumerator_dropped_undisposed_ends_its_decode_threads_and_deletes_its_temp_files_once_collected()
    {
        int threadsBefore = DecodeThreads();
        var filesBefore = TempFiles();
        string prefix = "abandoned-" + Guid.NewGuid().ToString("N");

        await AbandonAfterOneRowAsync(prefix);

        // The fixture's 100,000 sales rows are about 13 pages of 8,192 and the channel holds 6: the three decode threads (one per file) are alive,
        // and at least one waits on the full channel with its downloaded file on disk.
        bool waiting = await WaitUntilAsync(() => DecodeThreads() > threadsBefore && TempFiles().Except(filesBefore).Any(), TimeSpan.FromSeconds(60));
        // Without this the test could pass with nothing abandoned to clean up.
        Assert.True(waiting, "the abandoned read never had a decode thread waiting with its downloaded file: nothing to test");

        bool ended = await WaitUntilAsync(() =>
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            return DecodeThreads() == threadsBefore && !TempFiles().Except(filesBefore).Any();
        }, TimeSpan.FromSeconds(60));

        Assert.True(ended,
            $"after collection {DecodeThreads() - threadsBefore} decode thread(s) of the abandoned read are still alive and its temp files " +
            $"[{string.Join(", ", TempFiles().Except(filesBefore))}] are still there");

        // A finalizer cannot delete the run's S3 folder (UnloadRun.AbandonedReadGuard says why): it is left, as documented.
        var left = await fixture.S3.KeysAsync(fixture.Bucket, prefix + "/");
        Assert.NotEmpty(left);
        using var s3 = fixture.S3.Client();
        foreach (string key in left)
        {
            await s3.DeleteObjectAsync(fixture.Bucket, key);
        }
    }

    /// <summary>
    /// Starts a read, takes one row and forgets the enumerator: a method of its own so that nothing of this test's frame
    /// keeps the enumerator reachable (its async state is cleared when it completes).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private async Task AbandonAfterOneRowAsync(string prefix)
    {
        IAsyncEnumerator<Generated.Tickit.Public.Sales>? rows = fixture.Client.SnapshotAsync(TickitDatabase.Public.Sales,
            new SnapshotOptions { Transport = SnapshotTransport.Unload, Unload = fixture.Unload(prefix) }).GetAsyncEnumerator();
        Assert.True(await rows.MoveNextAsync());
        rows = null;
        GC.KeepAlive(rows);
    }

    private static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }

    /// <summary>The process's threads named as the UNLOAD read's decode threads (Linux: /proc/self/task/*/comm).</summary>
    private static int DecodeThreads()
    {
        int count = 0;
        foreach (string task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n') == DecodeThreadName)
                {
                    count++;
                }
            }
            catch (IOException)
            {
                // The thread ended while it was being listed.
            }
        }

        return count;
    }

    /// <summary>The UNLOAD read's downloaded files in the temp directory.</summary>
    private static HashSet<string> TempFiles() => [.. Directory.EnumerateFiles(Path.GetTempPath(), "rt-unload-*.parquet")];
}

/// <summary>The abandoned-read test counts process-wide threads and temp files: it runs alone, after the parallel tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AbandonedUnloadRead
{
    public const string Name = "Abandoned UNLOAD read";
}
