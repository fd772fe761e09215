namespace RedshiftTyped.Typed;

/// <summary>
/// The compiled columns a statement selects, in select-list order: all of a table's (a record read), or the columns of a
/// <see cref="TableProjection{TRecord, TRow}"/> in the order they were named. The result's ColumnMetadata is compared
/// with it, column by column.
/// </summary>
internal sealed class ColumnProjection
{
    private ColumnProjection(TableDescriptor table, ColumnDescriptor[] columns)
    {
        Table = table;
        Columns = columns.AsReadOnly();
        SelectList = string.Join(", ", columns.Select(c => c.QuotedName));
    }

    public TableDescriptor Table { get; }

    /// <summary>The columns read, in select-list order (the order of each record's fields).</summary>
    public IReadOnlyList<ColumnDescriptor> Columns { get; }

    /// <summary>How many fields each record of the result has.</summary>
    public int FieldCount => Columns.Count;

    /// <summary>The quoted select list of the columns read.</summary>
    public string SelectList { get; }

    /// <summary>Every column of the table, in the descriptor's order.</summary>
    public static ColumnProjection All(TableDescriptor table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return new ColumnProjection(table, [.. table.Columns]);
    }

    /// <summary>
    /// These columns, in this order. A column of another table, or one named twice, is an <see cref="ArgumentException"/>.
    /// </summary>
    public static ColumnProjection Of(TableDescriptor table, IReadOnlyList<ColumnDescriptor> columns)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        var seen = new HashSet<ColumnDescriptor>(ReferenceEqualityComparer.Instance);
        foreach (var column in columns)
        {
            ArgumentNullException.ThrowIfNull(column, nameof(columns));
            if (!ReferenceEquals(table.FindColumn(column.Name), column))
            {
                throw new ArgumentException(
                    $"Column \"{column.Name}\" is a column of {column.Table}, but the projection reads {table.DisplayName}.", nameof(columns));
            }

            if (!seen.Add(column))
            {
                throw new ArgumentException($"Column \"{column.Name}\" is selected twice; name each column once.", nameof(columns));
            }
        }

        return new ColumnProjection(table, [.. columns]);
    }

    public override string ToString() => $"{Table.DisplayName} ({string.Join(", ", Columns.Select(c => c.Name))})";
}
