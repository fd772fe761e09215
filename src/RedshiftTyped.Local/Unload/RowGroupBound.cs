namespace RedshiftTyped.Local.Unload;

/// <summary>
/// When an UNLOAD row group being buffered is full: at <see cref="MaxRows"/> rows, or at the first row that brings its
/// values to <see cref="MaxBytes"/> (Redshift aims for row groups of 32 MB, r_UNLOAD.md), so a row group overshoots the
/// byte bound by less than one row, however wide the rows. Checked after every row, cheaply: the fixed-width columns
/// (numbers, dates, timestamps) add the same bytes every row, so only the variable-width ones (strings) are summed;
/// a table without them costs a multiplication per row. (Round 19 checked every 1,024 rows to keep a per-row sum over
/// every column out of the writer's loop, and rows of 64 KB then overshot 32 MB by up to 64 MB.)
/// </summary>
internal sealed class RowGroupBound
{
    private readonly long _fixedRowBytes;
    private readonly int[] _variableColumns;

    /// <param name="template">The row group's columns (any buffer of them: only their kinds are read).</param>
    /// <param name="maxBytes">The byte bound of a row group, as the columns estimate their buffered values.</param>
    /// <param name="maxRows">The row bound of a row group.</param>
    public RowGroupBound(IReadOnlyList<UnloadColumn> template, long maxBytes, int maxRows)
    {
        MaxBytes = maxBytes;
        MaxRows = maxRows;
        _fixedRowBytes = template.Sum(c => (long)(c.FixedWidth ?? 0));
        _variableColumns = [.. Enumerable.Range(0, template.Count).Where(i => template[i].FixedWidth is null)];
    }

    /// <summary>The byte bound of a row group.</summary>
    public long MaxBytes { get; }

    /// <summary>The row bound of a row group.</summary>
    public int MaxRows { get; }

    /// <summary>After <paramref name="rows"/> rows were buffered in <paramref name="group"/>: whether the row group is full.</summary>
    public bool IsFull(UnloadColumn[] group, int rows)
    {
        if (rows >= MaxRows)
        {
            return true;
        }

        long bytes = rows * _fixedRowBytes;
        foreach (int i in _variableColumns)
        {
            bytes += group[i].BufferedBytes;
        }

        return bytes >= MaxBytes;
    }
}
