using Microsoft.Win32.SafeHandles;

namespace RedshiftTyped.Local.Results;

/// <summary>
/// One result's pages past the memory budget: a temporary file in the server's own spill directory, opened with
/// <see cref="FileOptions.DeleteOnClose"/> so it disappears when the result is released or the process ends. Pages are
/// appended once and read back by position (<see cref="RandomAccess"/>), so concurrent readers need no lock.
/// </summary>
internal sealed class SpillFile : IDisposable
{
    private readonly SafeFileHandle _handle;
    private long _length;

    public SpillFile(string directory)
    {
        string path = Path.Combine(directory, $"result-{Guid.NewGuid():N}.pages");
        _handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);
    }

    /// <summary>Appends <paramref name="page"/>; returns its offset in the file.</summary>
    public long Append(ReadOnlySpan<byte> page)
    {
        long offset = _length;
        RandomAccess.Write(_handle, page, offset);
        _length += page.Length;
        return offset;
    }

    /// <summary>Reads <paramref name="destination"/>.Length bytes from <paramref name="offset"/>.</summary>
    public void Read(long offset, Span<byte> destination)
    {
        while (destination.Length > 0)
        {
            int read = RandomAccess.Read(_handle, destination, offset);
            if (read == 0) throw new EndOfStreamException("A spilled result page is shorter than when it was written.");
            destination = destination[read..];
            offset += read;
        }
    }

    public void Dispose() => _handle.Dispose();
}
