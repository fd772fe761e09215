namespace RedshiftTyped.Export;

/// <summary>
/// How many rows the Parquet export gathers into one row group: a row group is written when it holds
/// <see cref="Rows"/> rows, or when the values it holds in memory reach <see cref="Bytes"/> (wide rows), whichever comes
/// first. Batches are split where a row group ends, so the row bound is exact; the byte bound is counted row by row and
/// a row group ends at the first row that reaches it.
/// </summary>
/// <param name="Rows">At most this many rows per row group (≥ 1).</param>
/// <param name="Bytes">At most about this many bytes of values held in memory per row group (≥ 1).</param>
internal readonly record struct ParquetRowGroupSize(int Rows, long Bytes)
{
    /// <summary>
    /// 8,192 rows or 16 MiB of buffered values, chosen by measurement (docs/benchmarks.md §10, rounds 20 and 21). A row
    /// group costs its values twice while it is written (our buffers ≈ 92 B per TICKIT-sales row, Parquet.Net's encoding
    /// buffers ≈ 140 B more, one page per column chunk), and Parquet.Net keeps ≈ 5.7 KB of metadata per row group until the
    /// footer. Peak resident set of the 1M / 5M-row chunked read to Parquet under Native AOT (one run each, load 20-37):
    /// 3,000 rows (a page, as before) 48.8 / 61.5 MB; 8,192 rows 45.2 / 55.7; 16,384 rows 52.6 / 60.9; 32,768 rows 64.5-66.4 /
    /// 66.8-72.1, and 74 MB with four chunks read at once: 8,192 is lowest at every size and with every chunk layout measured.
    /// </summary>
    public static ParquetRowGroupSize Default { get; } = new(8_192, 16L << 20);
}
