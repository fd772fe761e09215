namespace RedshiftTyped.Export;

/// <summary>
/// How many rows the Parquet export gathers into one row group: a row group is written when it holds
/// <see cref="Rows"/> rows, or when the values it holds in memory reach <see cref="Bytes"/> (wide rows), whichever comes
/// first. Batches are split where a row group ends, so the row bound is exact; the byte bound is kept to within one
/// slice of rows, sized from the row group's bytes per row so far.
/// </summary>
/// <param name="Rows">At most this many rows per row group (≥ 1).</param>
/// <param name="Bytes">At most about this many bytes of values held in memory per row group (≥ 1).</param>
internal readonly record struct ParquetRowGroupSize(int Rows, long Bytes)
{
    /// <summary>
    /// 32,768 rows or 16 MiB of buffered values. Measured (docs/benchmarks.md §10, round 20): the live heap a writer holds
    /// is ≈ 230 B per row of row-group size for a TICKIT-sales row (our buffers ≈ 92 B, the rest Parquet.Net's pooled
    /// encoding buffers), so 122,880 rows (DuckDB's default) would cost ≈ 30 MB, more than the 10 MB of footer metadata that
    /// one row group per page kept at 5,000,000 rows; 32,768 rows is ≈ 9 MB, a few hundred row groups for millions of rows.
    /// </summary>
    public static ParquetRowGroupSize Default { get; } = new(32_768, 16L << 20);

    /// <summary>The first slice of a row group: one row, whose bytes give the bytes per row the next slice is sized from.</summary>
    internal const int FirstSliceRows = 1;
}
