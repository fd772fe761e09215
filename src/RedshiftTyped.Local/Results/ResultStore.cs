using System.Collections.Concurrent;

namespace RedshiftTyped.Local.Results;

/// <summary>
/// The server's account of stored results: encoded pages are kept in memory while all results together stay within
/// <see cref="LocalServerOptions.ResultMemoryLimitBytes"/>; past it, new pages go to a <see cref="SpillFile"/> in a
/// directory of the server's own under the system's temporary folder (created on the first spill, removed when the
/// server stops; never a path a statement names). Knows every live result, so the server can release them all.
/// </summary>
internal sealed class ResultStore : IDisposable
{
    private readonly long _memoryLimit;
    private readonly ConcurrentDictionary<StoredResult, byte> _live = new();
    private readonly object _directoryGate = new();
    private DirectoryInfo? _spillDirectory;
    private long _inMemory;
    private long _spilled;

    public ResultStore(long memoryLimitBytes) => _memoryLimit = memoryLimitBytes;

    public ResultStorageStatistics Statistics => new(_live.Count, Interlocked.Read(ref _inMemory), Interlocked.Read(ref _spilled));

    /// <summary>Counts <paramref name="bytes"/> against the memory budget; false (nothing counted) when they do not fit.</summary>
    public bool TryReserveMemory(int bytes)
    {
        if (Interlocked.Add(ref _inMemory, bytes) <= _memoryLimit) return true;
        Interlocked.Add(ref _inMemory, -bytes);
        return false;
    }

    public void Returned(long inMemoryBytes, long spilledBytes)
    {
        Interlocked.Add(ref _inMemory, -inMemoryBytes);
        Interlocked.Add(ref _spilled, -spilledBytes);
    }

    public void Spilled(int bytes) => Interlocked.Add(ref _spilled, bytes);

    public SpillFile CreateSpillFile()
    {
        lock (_directoryGate)
        {
            // 0700 on Unix: the pages may hold any table's data.
            _spillDirectory ??= Directory.CreateTempSubdirectory("redshift-typed-local-results-");
            return new SpillFile(_spillDirectory.FullName);
        }
    }

    public void Track(StoredResult result) => _live.TryAdd(result, 0);

    public void Forget(StoredResult result) => _live.TryRemove(result, out _);

    /// <summary>Releases every live result (a reader mid-page finishes that page first); returns how many.</summary>
    public int ReleaseAll()
    {
        int released = 0;
        foreach (var result in _live.Keys)
        {
            if (result.Release()) released++;
        }

        return released;
    }

    public void Dispose()
    {
        ReleaseAll();
        lock (_directoryGate)
        {
            try
            {
                _spillDirectory?.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A page still being read keeps its file open; the file deletes itself on close and the directory is
                // under the system's temporary folder.
            }

            _spillDirectory = null;
        }
    }
}
