namespace RedshiftTyped.Typed;

/// <summary>
/// Which of a compiled table's columns a result holds, and where: a projected read selects only these columns, in
/// the descriptor's order, and the generated decoder leaves every other property at its default value.
/// </summary>
public sealed class ColumnProjection
{
    private readonly int[] _fieldIndexByPosition;

    private ColumnProjection(TableDescriptor table, ColumnDescriptor[] columns)
    {
        Table = table;
        Columns = columns.AsReadOnly();
        _fieldIndexByPosition = new int[table.Columns.Count];
        Array.Fill(_fieldIndexByPosition, -1);
        for (int i = 0; i < columns.Length; i++)
        {
            _fieldIndexByPosition[columns[i].Position] = i;
        }

        IsAll = columns.Length == table.Columns.Count;
        SelectList = string.Join(", ", columns.Select(c => c.QuotedName));
    }

    public TableDescriptor Table { get; }

    /// <summary>The columns read, in the descriptor's order (which is also the order of each record's fields).</summary>
    public IReadOnlyList<ColumnDescriptor> Columns { get; }

    /// <summary>How many fields each record of the result has.</summary>
    public int FieldCount => Columns.Count;

    /// <summary>True when every column of the descriptor is read.</summary>
    public bool IsAll { get; }

    /// <summary>The quoted select list of the columns read.</summary>
    public string SelectList { get; }

    /// <summary>Where the column at this descriptor position is in each record, or -1 when it is not read.</summary>
    public int FieldIndex(int position) => _fieldIndexByPosition[position];

    /// <summary>Whether the column at this descriptor position is read.</summary>
    public bool Includes(int position) => _fieldIndexByPosition[position] >= 0;

    /// <summary>Every column of the table.</summary>
    public static ColumnProjection All(TableDescriptor table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return new ColumnProjection(table, [.. table.Columns]);
    }

    /// <summary>
    /// The named columns (Redshift names, exact case), put in the descriptor's order. An unknown or repeated name is an
    /// error that lists the table's columns.
    /// </summary>
    public static ColumnProjection Of(TableDescriptor table, IEnumerable<string> columnNames)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columnNames);
        var chosen = new SortedDictionary<int, ColumnDescriptor>();
        foreach (var name in columnNames)
        {
            var column = table.FindColumn(name) ?? throw new ArgumentException(
                $"{table.DisplayName} has no column \"{name}\" to project; its columns are: " +
                string.Join(", ", table.Columns.Select(c => c.Name)) + ".", nameof(columnNames));
            if (!chosen.TryAdd(column.Position, column))
            {
                throw new ArgumentException($"Column \"{name}\" is projected twice; name each column once.", nameof(columnNames));
            }
        }

        if (chosen.Count == 0)
        {
            throw new ArgumentException($"A projection of {table.DisplayName} needs at least one column.", nameof(columnNames));
        }

        return new ColumnProjection(table, [.. chosen.Values]);
    }

    public override string ToString() => $"{Table.DisplayName} ({string.Join(", ", Columns.Select(c => c.Name))})";
}
