using RedshiftTyped.Reading;

namespace RedshiftTyped.Typed;

/// <summary>
/// A compiled column, typed by its record and .NET value type, so that filters on it take values of the right type
/// (<c>Sales.RedshiftTable.Column.Pricepaid.GreaterThan(100m)</c>). Generated per column.
/// </summary>
public sealed class Column<TRecord, TValue>
{
    private readonly ColumnCondition _condition;

    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public Column(ColumnDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        Descriptor = descriptor;
        _condition = new ColumnCondition(descriptor.Name, descriptor);
    }

    public ColumnDescriptor Descriptor { get; }

    /// <summary>The column's Redshift name.</summary>
    public string Name => Descriptor.Name;

    public SnapshotFilter EqualTo(TValue value) => _condition.EqualTo(value!);

    public SnapshotFilter NotEqualTo(TValue value) => _condition.NotEqualTo(value!);

    public SnapshotFilter GreaterThan(TValue value) => _condition.GreaterThan(value!);

    public SnapshotFilter GreaterThanOrEqualTo(TValue value) => _condition.GreaterThanOrEqualTo(value!);

    public SnapshotFilter LessThan(TValue value) => _condition.LessThan(value!);

    public SnapshotFilter LessThanOrEqualTo(TValue value) => _condition.LessThanOrEqualTo(value!);

    /// <summary>Both bounds included, as SQL's BETWEEN.</summary>
    public SnapshotFilter Between(TValue low, TValue high) => _condition.Between(low!, high!);

    /// <summary>Any of the values; an empty list matches no row.</summary>
    public SnapshotFilter In(params IEnumerable<TValue> values) => _condition.In(values.Select(v => (object)v!));

    public SnapshotFilter NotIn(params IEnumerable<TValue> values) => _condition.NotIn(values.Select(v => (object)v!));

    /// <summary>SQL LIKE (<c>%</c> any text, <c>_</c> one character); for text columns.</summary>
    public SnapshotFilter Like(string pattern)
    {
        if (Descriptor.Type is not (Values.RedshiftType.Char or Values.RedshiftType.VarChar))
        {
            throw new InvalidOperationException($"LIKE applies to text columns; \"{Name}\" is {Descriptor.RedshiftType}.");
        }

        return _condition.Like(pattern);
    }

    public SnapshotFilter IsNull() => _condition.IsNull();

    public SnapshotFilter IsNotNull() => _condition.IsNotNull();

    /// <summary>Ascending order on this column (smallest first, NULLs last), for <see cref="SnapshotOptions.OrderBy"/>.</summary>
    public ColumnOrder Ascending() => ColumnOrder.Of(Descriptor, descending: false);

    /// <summary>Descending order on this column (largest first, NULLs first as in Redshift; filter with <see cref="IsNotNull"/> to leave them out), for <see cref="SnapshotOptions.OrderBy"/>.</summary>
    public ColumnOrder Descending() => ColumnOrder.Of(Descriptor, descending: true);

    /// <summary>The column as an ascending order key: <c>OrderBy(Column.Pricepaid.Descending(), Column.Salesid)</c>.</summary>
    /// <param name="column">The column handle.</param>
    public static implicit operator ColumnOrder(Column<TRecord, TValue> column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column.Ascending();
    }

    public override string ToString() => Descriptor.ToString();
}
