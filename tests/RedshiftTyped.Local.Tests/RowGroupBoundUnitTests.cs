using RedshiftTyped.Local.Engine;
using RedshiftTyped.Local.Statements;
using RedshiftTyped.Local.Unload;

namespace RedshiftTyped.Local.Tests;

/// <summary>
/// UNLOAD's row-group bound (<see cref="RowGroupBound"/>): a row group ends at the first row that brings its values to the
/// byte bound, so it overshoots by less than one row however wide the rows are (round 19 checked every 1,024 rows, and
/// rows of 64 KB overshot 32 MB by up to 64 MB), or at the row bound, whichever comes first.
/// </summary>
public sealed class RowGroupBoundUnitTests
{
    private const long ThirtyTwoMegabytes = 32L * 1024 * 1024;

    [Fact]
    public void Rows_of_64_kb_end_the_row_group_within_one_row_of_32_mb()
    {
        var group = Columns(new RsTypeInfo(RsType.Int4), new RsTypeInfo(RsType.Varchar));
        var bound = new RowGroupBound(group, ThirtyTwoMegabytes, 128 * 1024);
        string wide = new('x', 65_535);
        int rows = Fill(group, bound, _ => wide);

        long bytes = Bytes(group);
        long rowWidth = 4 + 4 + wide.Length;
        Assert.InRange(bytes, ThirtyTwoMegabytes, ThirtyTwoMegabytes + rowWidth - 1);
        Assert.Equal(512, rows);
    }

    [Fact]
    public void Rows_that_turn_wide_after_a_run_of_narrow_ones_still_end_within_one_row_of_the_bound()
    {
        var group = Columns(new RsTypeInfo(RsType.Int8), new RsTypeInfo(RsType.Varchar), new RsTypeInfo(RsType.Varchar));
        var bound = new RowGroupBound(group, ThirtyTwoMegabytes, 128 * 1024);
        string wide = new('y', 60_000);
        Fill(group, bound, row => row <= 1_000 ? "narrow" : wide);

        Assert.InRange(Bytes(group), ThirtyTwoMegabytes, ThirtyTwoMegabytes + 8 + 2 * (4 + wide.Length) - 1);
    }

    [Fact]
    public void Fixed_width_rows_end_at_the_first_row_that_reaches_the_bound_and_narrow_rows_at_the_row_bound()
    {
        // 4 + 8 + 16 = 28 bytes a row: 1,000 bytes are reached at row 36 (1,008 bytes; 35 rows are 980).
        var fixedWidth = Columns(new RsTypeInfo(RsType.Int4), new RsTypeInfo(RsType.Int8), new RsTypeInfo(RsType.Numeric, Precision: 12, Scale: 2));
        Assert.Equal(36, Fill(fixedWidth, new RowGroupBound(fixedWidth, 1_000, 128 * 1024), _ => null));

        var narrow = Columns(new RsTypeInfo(RsType.Int4), new RsTypeInfo(RsType.Varchar));
        Assert.Equal(128 * 1024, Fill(narrow, new RowGroupBound(narrow, ThirtyTwoMegabytes, 128 * 1024), _ => "abc"));
    }

    private static UnloadColumn[] Columns(params RsTypeInfo[] types) => [.. types.Select((t, i) => UnloadColumn.For($"c{i}", t))];

    /// <summary>Adds rows (numbers in the fixed-width columns, <paramref name="text"/> in the strings) until the bound says full.</summary>
    private static int Fill(UnloadColumn[] group, RowGroupBound bound, Func<int, string?> text)
    {
        for (int row = 1; ; row++)
        {
            foreach (var column in group)
            {
                column.Add(column.FixedWidth is null ? text(row) : column.Type.Type == RsType.Numeric ? (object)(row + 0.5m) : row);
            }

            if (bound.IsFull(group, row))
            {
                return row;
            }

            Assert.True(row < 1_000_000, "the bound never said full");
        }
    }

    private static long Bytes(UnloadColumn[] group) => group.Sum(c => c.BufferedBytes);
}
