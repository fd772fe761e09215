namespace RedshiftTyped.Typed;

/// <summary>
/// A compiled column, typed by its record and .NET value type, so that filters on it take values of the right type
/// (<c>Sales.RedshiftTable.Column.Pricepaid.GreaterThan(100m)</c>). Generated per column.
/// </summary>
public sealed partial class Column<TRecord, TValue>
{
    public Column(ColumnDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        Descriptor = descriptor;
    }

    public ColumnDescriptor Descriptor { get; }

    /// <summary>The column's Redshift name.</summary>
    public string Name => Descriptor.Name;

    public override string ToString() => Descriptor.ToString();
}
