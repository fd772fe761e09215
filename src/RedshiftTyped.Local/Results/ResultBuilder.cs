using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Local.Engine;

namespace RedshiftTyped.Local.Results;

/// <summary>The limits a result is built under (from <see cref="LocalServerOptions"/>).</summary>
internal readonly record struct ResultLimits(int PageMaxBytes, int? PageMaxRows, int RowSizeLimitBytes, long ResultSizeLimitBytes)
{
    public static ResultLimits From(LocalServerOptions options)
        => new(options.PageMaxBytes, options.PageMaxRows, options.RowSizeLimitBytes, options.ResultSizeLimitBytes);
}

/// <summary>
/// Turns a statement's rows, as they are read, into a <see cref="StoredResult"/>: each row is encoded once, in the format
/// the statement asked for, into the current page.
/// <para>Page rule (unchanged from when pages were kept as Fields, so the page boundaries a client sees did not move;
/// AWS does not document its own): rows are added to a page until the next row would take the page's weight over
/// <c>PageMaxBytes</c> or the page already holds <c>PageMaxRows</c> rows; a page always holds at least one row. A row's
/// weight is <c>2 + Σ (w + 1)</c> with w per field: null 15, boolean 21, integer 36, double 41, string 18 + its UTF-8
/// bytes. JSON and CSV results of the same rows have the same pages.</para>
/// <para>Size caps, on the encoded bytes of the statement's format: a row over <c>RowSizeLimitBytes</c> fails the
/// statement with "Packet for query is too large."; rows summing past <c>ResultSizeLimitBytes</c> with "Database response
/// exceeded size limit". That sum is ResultSize.</para>
/// </summary>
internal sealed class ResultBuilder : IDisposable
{
    private readonly StoredResult _result;
    private readonly PageEncoder _encoder;
    private readonly ResultLimits _limits;
    private readonly int _pageMaxRows;
    private int _rowsInPage;
    private long _pageWeight;
    private long _pageBytes;
    private long _sizeBytes;
    private bool _finished;

    public ResultBuilder(IReadOnlyList<ColumnMetadata> columns, ResultFormatString format, ResultLimits limits, ResultStore store)
    {
        _limits = limits;
        _pageMaxRows = limits.PageMaxRows ?? int.MaxValue;
        _encoder = PageEncoder.For(format);
        _result = new StoredResult(columns, format, store);
        _encoder.StartPage();
    }

    public void Add(ReadOnlySpan<Field> row)
    {
        long weight = Weight(row);
        if (_rowsInPage > 0 && (_pageWeight + weight > _limits.PageMaxBytes || _rowsInPage >= _pageMaxRows))
        {
            CutPage();
        }

        int bytes = _encoder.WriteRow(row);
        if (bytes > _limits.RowSizeLimitBytes)
        {
            throw new ResultLimitException("Packet for query is too large.");
        }

        _sizeBytes += bytes;
        if (_sizeBytes > _limits.ResultSizeLimitBytes)
        {
            throw new ResultLimitException("Database response exceeded size limit");
        }

        _pageWeight += weight;
        _pageBytes += bytes;
        _rowsInPage++;
    }

    /// <summary>The stored result, its last page closed (an empty result has one empty page).</summary>
    public StoredResult Finish()
    {
        if (_rowsInPage > 0 || _result.PageCount == 0)
        {
            CutPage();
        }

        _finished = true;
        return _result;
    }

    private void CutPage()
    {
        _result.AddPage(_encoder.FinishPage(), _rowsInPage, _pageBytes);
        _encoder.StartPage();
        _rowsInPage = 0;
        _pageWeight = 0;
        _pageBytes = 0;
    }

    /// <summary>The page rule's measure of a row (see the class remarks).</summary>
    private static long Weight(ReadOnlySpan<Field> row)
    {
        long weight = 2;
        foreach (var field in row)
        {
            weight += FieldEncoder.JsonSize(field) + 1;
        }

        return weight;
    }

    /// <summary>Frees the page buffers; a result never finished (the statement failed or was cancelled) is released.</summary>
    public void Dispose()
    {
        _encoder.Dispose();
        if (!_finished) _result.Release();
    }
}
