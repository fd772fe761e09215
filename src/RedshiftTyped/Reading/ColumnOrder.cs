using RedshiftTyped.Typed;

namespace RedshiftTyped.Reading;

/// <summary>
/// One key of a snapshot's <c>ORDER BY</c>: a column and its direction. Build it from a generated column handle
/// (<c>Column.Pricepaid.Descending()</c>, or the handle itself for ascending order), or, for tables read by name, from
/// the column's Redshift name (<c>ColumnOrder.Descending("venueseats")</c>, or the plain string for ascending order).
/// Names are checked before the statement runs: against the compiled columns on a typed read, against DescribeTable on
/// a read by name.
/// </summary>
public sealed class ColumnOrder
{
    private ColumnOrder(string name, bool descending, ColumnDescriptor? descriptor)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        IsDescending = descending;
        Descriptor = descriptor;
    }

    /// <summary>The column's Redshift name (exact spelling).</summary>
    public string Name { get; }

    /// <summary>
    /// True for descending order: largest first, NULLs first (Redshift's default, which the SQL states as
    /// <c>DESC NULLS FIRST</c> so that every engine sorts alike). Ascending order puts NULLs last.
    /// </summary>
    public bool IsDescending { get; }

    /// <summary>The compiled column, when the key was built from a generated handle.</summary>
    internal ColumnDescriptor? Descriptor { get; }

    /// <summary>
    /// The key as it appears in SQL: the quoted name, then <c>DESC NULLS FIRST</c> when descending — Redshift's default
    /// NULL order (Database Developer Guide, "ORDER BY clause"), stated so that engines with another default (DuckDB puts
    /// NULLs last) give the same order.
    /// </summary>
    internal string Sql => RedshiftIdentifier.Quote(Name) + (IsDescending ? " DESC NULLS FIRST" : string.Empty);

    /// <summary>Ascending order on the column of that Redshift name (for tables read by name).</summary>
    /// <param name="name">The column's Redshift name, exact spelling.</param>
    public static ColumnOrder Ascending(string name) => new(name, descending: false, descriptor: null);

    /// <summary>Descending order on the column of that Redshift name (for tables read by name).</summary>
    /// <param name="name">The column's Redshift name, exact spelling.</param>
    public static ColumnOrder Descending(string name) => new(name, descending: true, descriptor: null);

    /// <summary>Ascending order on the column of that Redshift name: <c>OrderBy("venueid")</c>.</summary>
    /// <param name="name">The column's Redshift name, exact spelling.</param>
    public static implicit operator ColumnOrder(string name) => Ascending(name);

    internal static ColumnOrder Of(ColumnDescriptor column, bool descending)
    {
        ArgumentNullException.ThrowIfNull(column);
        return new ColumnOrder(column.Name, descending, column);
    }

    /// <summary>The key as SQL: <c>"pricepaid" DESC NULLS FIRST</c>.</summary>
    public override string ToString() => Sql;
}
