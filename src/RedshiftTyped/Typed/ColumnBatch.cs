// Plumbing hidden from IntelliSense (EditorBrowsable(Never)) for generated code and the client.
using System.Data.SqlTypes;

namespace RedshiftTyped.Typed;

/// <summary>
/// Rows held column by column, each column as the typed values its file stored (an UNLOAD Parquet file's row group),
/// for <see cref="IRowDecoder{TRecord}.DecodeColumns"/>: a generated decoder reads each value as its property's type
/// through <see cref="ColumnFieldReader"/>, with no text in between. A value whose stored type is not the property's
/// goes through the Data API's text for it, so every combination decodes as the CSV path would.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed class ColumnBatch
{
    private readonly ColumnValues[] _columns;

    internal ColumnBatch(ColumnValues[] columns, int rowCount)
    {
        _columns = columns;
        RowCount = rowCount;
    }

    /// <summary>The columns, in select-list order.</summary>
    public int ColumnCount => _columns.Length;

    /// <summary>The rows, numbered from 0.</summary>
    public int RowCount { get; }

    internal ColumnValues this[int column] => _columns[column];

    /// <summary>Gives the columns' arrays back to their pool: the batch must not be read afterwards.</summary>
    internal void Release()
    {
        foreach (var column in _columns) column.Release();
    }

    /// <summary>Row <paramref name="row"/> as the Data API's CSV text (null for NULL): the path of decoders without <c>DecodeColumns</c>.</summary>
    internal string?[] TextRecord(int row)
    {
        var fields = new string?[_columns.Length];
        for (int c = 0; c < fields.Length; c++)
        {
            fields[c] = _columns[c].IsNull(row) ? null : _columns[c].Text(row);
        }

        return fields;
    }
}

/// <summary>
/// One column of a <see cref="ColumnBatch"/>. Each reader defaults to the Data API's text for the value through the same
/// converter the CSV decoders use (so a conversion is exactly the CSV path's, errors included); a column overrides the
/// readers its stored type serves directly.
/// </summary>
internal abstract class ColumnValues
{
    public abstract bool IsNull(int row);

    /// <summary>Gives pooled arrays back (nothing, for a column that rents none).</summary>
    public virtual void Release()
    {
    }

    /// <summary>The text the Data API's CSV results carry for the (non-null) value.</summary>
    public abstract string Text(int row);

    public virtual short Int16(int row, ColumnDescriptor column) => Int16Converter.FromText(Text(row), column);

    public virtual int Int32(int row, ColumnDescriptor column) => Int32Converter.FromText(Text(row), column);

    public virtual long Int64(int row, ColumnDescriptor column) => Int64Converter.FromText(Text(row), column);

    public virtual float Single(int row, ColumnDescriptor column) => SingleConverter.FromText(Text(row), column);

    public virtual double Double(int row, ColumnDescriptor column) => DoubleConverter.FromText(Text(row), column);

    public virtual decimal Decimal(int row, ColumnDescriptor column) => DecimalConverter.FromText(Text(row), column);

    public virtual SqlDecimal SqlDecimal(int row, ColumnDescriptor column) => SqlDecimalConverter.FromText(Text(row), column);

    public virtual bool Boolean(int row, ColumnDescriptor column) => BooleanConverter.FromText(Text(row), column);

    public virtual string String(int row, ColumnDescriptor column) => StringConverter.FromText(Text(row), column);

    public virtual DateOnly Date(int row, ColumnDescriptor column) => DateConverter.FromText(Text(row), column);

    public virtual TimeOnly Time(int row, ColumnDescriptor column) => TimeConverter.FromText(Text(row), column);

    public virtual DateTimeOffset TimeTz(int row, ColumnDescriptor column) => TimeTzConverter.FromText(Text(row), column);

    public virtual DateTime Timestamp(int row, ColumnDescriptor column) => TimestampConverter.FromText(Text(row), column);

    public virtual DateTimeOffset TimestampTz(int row, ColumnDescriptor column) => TimestampTzConverter.FromText(Text(row), column);

    public virtual TimeSpan Interval(int row, ColumnDescriptor column) => IntervalConverter.FromText(Text(row), column);

    public virtual RedshiftSuper Super(int row, ColumnDescriptor column) => SuperConverter.FromText(Text(row), column);

    public virtual byte[] VarByte(int row, ColumnDescriptor column) => VarByteConverter.FromText(Text(row), column);
}
