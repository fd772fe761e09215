using RedshiftTyped.Reading;

namespace RedshiftTyped.Incremental.Reading;

/// <summary>
/// The snapshot a change read runs: the rows after the offset in (cursor, key) order, through the snapshot machinery
/// (filters as parameters, a limit, chunks). "After" is lexicographic on (cursor, key), expanded into comparisons
/// because Redshift has no row-value comparison (the chunked read's <see cref="KeyRangeFilter"/>); with a lookback it is
/// "cursor at least the high-water mark less the window" instead, and the reader drops what it already emitted. Rows
/// whose cursor is NULL are always selected, so that the reader meets them and refuses them rather than skip them silently.
/// </summary>
internal static class ChangeQuery
{
    public static SnapshotOptions Build(ChangeOptions options, string cursor, IReadOnlyList<string> keys, ChangeOffset? offset)
    {
        var snapshot = new SnapshotOptions
        {
            Limit = options.MaxRows,
            ChunkRows = options.ChunkRows,
            // The reader's high-water mark and resume point are its last row: that is the greatest only in key order.
            ChunkOrder = ChunkOrder.KeyOrder,
            ResultFormat = options.ResultFormat,
            SchemaCheck = options.SchemaCheck,
            Timeout = options.Timeout,
            StatementName = options.StatementName,
        };
        snapshot.OrderBy([.. new[] { cursor }.Concat(keys).Distinct(StringComparer.Ordinal).Select(ColumnOrder.Ascending)]);
        foreach (var filter in options.Filters)
        {
            snapshot.Where(filter);
        }

        if (Position(options, cursor, keys, offset) is { } after)
        {
            snapshot.Where(SnapshotFilter.Column(cursor).IsNull() | after);
        }

        return snapshot;
    }

    /// <summary>Where the read starts: nothing before the first read, after the resume point or high-water mark, or from the lookback's bound.</summary>
    private static SnapshotFilter? Position(ChangeOptions options, string cursor, IReadOnlyList<string> keys, ChangeOffset? offset)
    {
        if (offset?.HighWaterMark is not { } highWaterMark)
        {
            return null;
        }

        if (offset.ResumeAfter is { } resume)
        {
            return After(cursor, keys, resume);
        }

        if (options.Lookback is { } lookback)
        {
            return SnapshotFilter.Column(cursor).GreaterThanOrEqualTo(lookback.LowerBound(highWaterMark.Cursor));
        }

        return After(cursor, keys, highWaterMark);
    }

    private static SnapshotFilter After(string cursor, IReadOnlyList<string> keys, ChangePosition position)
    {
        var names = new List<string> { cursor };
        var bound = new List<object?> { position.Cursor };
        for (int i = 0; i < keys.Count; i++)
        {
            // A cursor that is also a key column is ordered once; its value is the cursor's.
            if (!names.Contains(keys[i], StringComparer.Ordinal))
            {
                names.Add(keys[i]);
                bound.Add(position.Key[i]);
            }
        }

        return new KeyRangeFilter(names, [.. bound], upper: null);
    }
}
