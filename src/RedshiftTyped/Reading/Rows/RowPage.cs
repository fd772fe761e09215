namespace RedshiftTyped.Reading.Rows;

/// <summary>
/// One result page of untyped rows, held column by column (<see cref="RowColumn"/>): the page's
/// <see cref="RedshiftRow"/>s are views of it (a row is its position), so a row costs no array and no box per value.
/// </summary>
internal sealed class RowPage(RowColumn[] columns, int count)
{
    /// <summary>The page's columns, in result order.</summary>
    public RowColumn[] Columns { get; } = columns;

    /// <summary>How many rows the page holds.</summary>
    public int Count { get; } = count;

    /// <summary>The page's rows, sharing its columns.</summary>
    public IEnumerable<RedshiftRow> Rows(RedshiftRowSchema schema)
    {
        for (int row = 0; row < Count; row++)
        {
            yield return new RedshiftRow(schema, Columns, row);
        }
    }

    /// <summary>One row's values, boxed, in column order (for readers of <c>object?[]</c> rows).</summary>
    public object?[] BoxRow(int row)
    {
        var values = new object?[Columns.Length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Columns[i].GetValue(row);
        }

        return values;
    }
}
