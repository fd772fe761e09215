using RedshiftTyped.Reading;

namespace RedshiftTyped.Typed;

/// <summary>
/// A compiled column, typed by its record and .NET value type, so that filters on it take values of the right type
/// (<c>Sales.RedshiftTable.Column.Pricepaid.GreaterThan(100m)</c>). Generated per column.
/// </summary>
public sealed class Column<TRecord, TValue>
{
    private readonly ColumnCondition _condition;

    /// <summary>For generated code: the handle of a compiled column.</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public Column(ColumnDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        Descriptor = descriptor;
        _condition = new ColumnCondition(descriptor.Name, descriptor);
    }

    /// <summary>The compiled column: name, Redshift type, nullability, property.</summary>
    public ColumnDescriptor Descriptor { get; }

    /// <summary>The column's Redshift name.</summary>
    public string Name => Descriptor.Name;

    /// <summary>Rows whose column equals the value, sent as a Data API parameter. A null value is refused (<see cref="ArgumentNullException"/>): use <see cref="IsNull"/>. An empty string is written as <c>''</c>, which the Data API cannot send.</summary>
    public SnapshotFilter EqualTo(TValue value) => _condition.EqualTo(value!);

    /// <summary>Rows whose column differs from the value (NULLs do not match, as in SQL); the value is a parameter.</summary>
    public SnapshotFilter NotEqualTo(TValue value) => _condition.NotEqualTo(value!);

    /// <summary>Rows whose column is greater than the value (a parameter).</summary>
    public SnapshotFilter GreaterThan(TValue value) => _condition.GreaterThan(value!);

    /// <summary>Rows whose column is greater than or equal to the value (a parameter).</summary>
    public SnapshotFilter GreaterThanOrEqualTo(TValue value) => _condition.GreaterThanOrEqualTo(value!);

    /// <summary>Rows whose column is less than the value (a parameter).</summary>
    public SnapshotFilter LessThan(TValue value) => _condition.LessThan(value!);

    /// <summary>Rows whose column is less than or equal to the value (a parameter).</summary>
    public SnapshotFilter LessThanOrEqualTo(TValue value) => _condition.LessThanOrEqualTo(value!);

    /// <summary>Both bounds included, as SQL's BETWEEN.</summary>
    public SnapshotFilter Between(TValue low, TValue high) => _condition.Between(low!, high!);

    /// <summary>Any of the values; an empty list matches no row.</summary>
    public SnapshotFilter In(params IEnumerable<TValue> values) => _condition.In(values.Select(v => (object)v!));

    /// <summary>Rows whose column is none of the values, each a parameter; an empty list matches every row.</summary>
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

    /// <summary>Rows whose column is NULL.</summary>
    public SnapshotFilter IsNull() => _condition.IsNull();

    /// <summary>Rows whose column is not NULL.</summary>
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

    /// <inheritdoc/>
    public override string ToString() => Descriptor.ToString();
}
