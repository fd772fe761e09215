using System.Buffers;
using System.Text.Json;
using RedshiftTyped.DataApi.Model;

namespace RedshiftTyped.Local.Results;

/// <summary>Why a result could not be kept: the service's per-row and per-result limits.</summary>
internal sealed class ResultLimitException(string message) : Exception(message);

/// <summary>
/// A finished statement's rows as the wire carries them: pages of encoded bytes (see <see cref="ResultBuilder"/>), each the
/// complete value of the response's <c>Records</c> member, in memory or in the result's <see cref="SpillFile"/>.
/// Readers hold a <see cref="Lease"/> while they copy a page out; <see cref="Release"/> frees the pages once no reader
/// holds one, and a lease asked for after the release is refused (the reader answers as for an expired result).
/// </summary>
internal sealed class StoredResult
{
    private readonly ResultStore _store;
    private readonly List<StoredPage> _pages = [];
    private readonly object _gate = new();
    private SpillFile? _spill;
    private long _inMemoryBytes;
    private long _spilledBytes;
    private int _leases;
    private bool _released;
    private bool _freed;

    public StoredResult(IReadOnlyList<ColumnMetadata> columns, ResultFormatString format, ResultStore store)
    {
        Columns = columns;
        Format = format;
        _store = store;
        store.Track(this);
    }

    public IReadOnlyList<ColumnMetadata> Columns { get; }

    /// <summary>The wire format the pages are encoded in (ExecuteStatement's ResultFormat).</summary>
    public ResultFormatString Format { get; }

    public long RowCount { get; private set; }

    /// <summary>ResultSize: the encoded bytes of every row (JSON record arrays, or CSV lines), see <see cref="ResultBuilder"/>.</summary>
    public long SizeBytes { get; private set; }

    /// <summary>Pages a client reads; an empty result has one empty page.</summary>
    public int PageCount => _pages.Count;

    /// <summary>Adds the next page (called by the builder only, before the result is published).</summary>
    public void AddPage(ReadOnlySpan<byte> encoded, int rows, long rowBytes)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_released, this);
            if (_store.TryReserveMemory(encoded.Length))
            {
                _pages.Add(new StoredPage(encoded.ToArray(), 0, encoded.Length));
                _inMemoryBytes += encoded.Length;
            }
            else
            {
                _spill ??= _store.CreateSpillFile();
                long offset = _spill.Append(encoded);
                _pages.Add(new StoredPage(null, offset, encoded.Length));
                _spilledBytes += encoded.Length;
                _store.Spilled(encoded.Length);
            }

            RowCount += rows;
            SizeBytes += rowBytes;
        }
    }

    /// <summary>A reader's hold on the pages, or null when the result was already released.</summary>
    public Lease? TryLease()
    {
        lock (_gate)
        {
            if (_released) return null;
            _leases++;
            return new Lease(this);
        }
    }

    /// <summary>Frees the pages now, or when the last reader's lease ends; false when already released.</summary>
    public bool Release()
    {
        lock (_gate)
        {
            if (_released) return false;
            _released = true;
            if (_leases == 0) Free();
            return true;
        }
    }

    private void EndLease()
    {
        lock (_gate)
        {
            if (--_leases == 0 && _released) Free();
        }
    }

    private void Free()
    {
        if (_freed) return;
        _freed = true;
        _pages.Clear();
        _pages.TrimExcess();
        _spill?.Dispose();
        _spill = null;
        _store.Returned(_inMemoryBytes, _spilledBytes);
        _store.Forget(this);
    }

    /// <summary>Writes page <paramref name="page"/> (0-based) as the value of the member just named on <paramref name="json"/>.</summary>
    private void WritePage(int page, Utf8JsonWriter json)
    {
        var stored = _pages[page];
        if (stored.Bytes is { } bytes)
        {
            json.WriteRawValue(bytes, skipInputValidation: true);
            return;
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(stored.Length);
        try
        {
            _spill!.Read(stored.Offset, buffer.AsSpan(0, stored.Length));
            json.WriteRawValue(buffer.AsSpan(0, stored.Length), skipInputValidation: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A page in memory (<see cref="Bytes"/>) or at <see cref="Offset"/> in the spill file.</summary>
    private readonly record struct StoredPage(byte[]? Bytes, long Offset, int Length);

    /// <summary>Keeps the pages alive while a response copies one out; dispose it when done.</summary>
    public sealed class Lease(StoredResult result) : IDisposable
    {
        private bool _ended;

        public StoredResult Result => result;

        public void WritePage(int page, Utf8JsonWriter json)
        {
            ObjectDisposedException.ThrowIf(_ended, this);
            result.WritePage(page, json);
        }

        public void Dispose()
        {
            if (_ended) return;
            _ended = true;
            result.EndLease();
        }
    }
}
