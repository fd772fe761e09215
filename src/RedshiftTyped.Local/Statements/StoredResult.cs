using RedshiftTyped.DataApi.Model;

namespace RedshiftTyped.Local.Statements;

/// <summary>Why a result could not be kept: the service's per-row and per-result limits.</summary>
internal sealed class ResultLimitException(string message) : Exception(message);

/// <summary>
/// A finished statement's rows, already encoded as Fields, cut into pages as they arrive. Page rule: rows are
/// added to a page until the next row would take the page's JSON size (sum of the rows' Field encodings) over
/// <c>PageMaxBytes</c> or the page already holds <c>PageMaxRows</c> rows; a page always holds at least one row.
/// Both GetStatementResult and GetStatementResultV2 use the same pages.
/// </summary>
internal sealed class StoredResult
{
    private readonly List<Field[]> _rows = [];
    private readonly List<int> _pageStarts = [0];
    private readonly int _pageMaxBytes;
    private readonly int _pageMaxRows;
    private readonly int _rowLimit;
    private readonly long _resultLimit;
    private long _pageBytes;

    public StoredResult(IReadOnlyList<ColumnMetadata> columns, int pageMaxBytes, int? pageMaxRows, int rowLimit, long resultLimit)
    {
        Columns = columns;
        _pageMaxBytes = pageMaxBytes;
        _pageMaxRows = pageMaxRows ?? int.MaxValue;
        _rowLimit = rowLimit;
        _resultLimit = resultLimit;
    }

    public IReadOnlyList<ColumnMetadata> Columns { get; }

    public int RowCount => _rows.Count;

    /// <summary>The JSON size of all records, reported as ResultSize.</summary>
    public long SizeBytes { get; private set; }

    public int PageCount => _rows.Count == 0 ? 1 : _pageStarts.Count;

    public void Add(Field[] row)
    {
        int size = 2;
        foreach (var field in row)
        {
            size += Engine.FieldEncoder.JsonSize(field) + 1;
        }

        if (size > _rowLimit)
        {
            throw new ResultLimitException("Packet for query is too large.");
        }

        SizeBytes += size;
        if (SizeBytes > _resultLimit)
        {
            throw new ResultLimitException("Database response exceeded size limit");
        }

        int rowsInPage = _rows.Count - _pageStarts[^1];
        if (rowsInPage > 0 && (_pageBytes + size > _pageMaxBytes || rowsInPage >= _pageMaxRows))
        {
            _pageStarts.Add(_rows.Count);
            _pageBytes = 0;
        }

        _pageBytes += size;
        _rows.Add(row);
    }

    /// <summary>The rows of page <paramref name="page"/> (0-based), without copying them.</summary>
    public PageRows Page(int page)
    {
        if (_rows.Count == 0)
        {
            return new PageRows(_rows, 0, 0);
        }

        int start = _pageStarts[page];
        int end = page + 1 < _pageStarts.Count ? _pageStarts[page + 1] : _rows.Count;
        return new PageRows(_rows, start, end);
    }
}

/// <summary>A page's rows: a window on the stored rows.</summary>
internal readonly struct PageRows(List<Field[]> rows, int start, int end)
{
    public int Count => end - start;

    public Enumerator GetEnumerator() => new(rows, start, end);

    public struct Enumerator(List<Field[]> rows, int start, int end)
    {
        private int _index = start - 1;

        public readonly Field[] Current => rows[_index];

        public bool MoveNext() => ++_index < end;
    }
}
