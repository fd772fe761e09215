using RedshiftTyped.Values;

namespace RedshiftTyped.Typed;

/// <summary>A value in a result could not be read into its column's property. The message names table and column.</summary>
public sealed class RowDecodeException : FormatException
{
    /// <summary>Creates the exception: the column being read (when one), and a message naming table, column and value.</summary>
    public RowDecodeException(ColumnDescriptor? column, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Column = column;
    }

    /// <summary>The column being read, when the problem is in one column.</summary>
    public ColumnDescriptor? Column { get; }
}

/// <summary>The messages of decoding failures, in one place so they stay consistent.</summary>
internal static class DecodeErrors
{
    public static RowDecodeException UnexpectedNull(ColumnDescriptor column) => new(
        column,
        $"Column \"{column.Name}\" of {column.Table} is NOT NULL in the snapshot but the result holds NULL. " +
        "Re-capture the snapshot (redshift-typed capture) if the column became nullable.");

    public static RowDecodeException Mismatch(ColumnDescriptor column, string sent) => new(
        column,
        $"Column \"{column.Name}\" of {column.Table} is {column.RedshiftType} but the service sent {sent}.");

    public static RowDecodeException SeveralValues(ColumnDescriptor column) => new(
        column,
        $"Column \"{column.Name}\" of {column.Table}: the Field holds more than one value (or a value and isNull); a Data API Field " +
        "holds exactly one. The endpoint did not answer as the Data API does.");

    public static RowDecodeException MalformedValue(ColumnDescriptor column, Exception inner) => new(
        column,
        $"Column \"{column.Name}\" of {column.Table}: the Field's value is not one the Data API sends ({inner.Message.TrimEnd('.')}).",
        inner);

    public static RowDecodeException EmptyField(ColumnDescriptor column) => new(
        column,
        $"Column \"{column.Name}\" of {column.Table} came back as an empty Field. The Data API did this for bool and float4 " +
        "before September 2022; cast the column to varchar in the SQL if your endpoint still does.");

    public static RowDecodeException BadText(ColumnDescriptor column, string text, Exception inner) => new(
        column,
        $"Column \"{column.Name}\" of {column.Table} ({column.RedshiftType}): the value \"{RedshiftValueDecoder.Truncate(text)}\" cannot be read as {column.ClrType.Name}: {inner.Message}",
        inner);

    public static RowDecodeException BeyondClrRange(ColumnDescriptor column, string text, Exception inner) => new(
        column,
        $"Column \"{column.Name}\" of {column.Table} ({column.RedshiftType}) holds \"{Truncate(text)}\", outside the years 1 to 9999 that " +
        $"{column.ClrType.Name} holds. Read the column as text with an override in its snapshot: \"override\": {{ \"clrType\": \"string\" }}.",
        inner);

    public static OverflowException DecimalOverflow(ColumnDescriptor column, string text) => new(
        $"Column \"{column.Name}\" of {column.Table} ({column.RedshiftType}) holds {Truncate(text)}, which System.Decimal cannot hold exactly " +
        "(at most 28-29 significant digits, ±7.9e28). Map the column to System.Data.SqlTypes.SqlDecimal or string with an override in its " +
        "snapshot: \"override\": { \"clrType\": \"System.Data.SqlTypes.SqlDecimal\" }.");

    public static RowDecodeException Shape(TableDescriptor table, string problem) => new(
        null,
        $"A record of {table.DisplayName} {problem}; the decoder expects the {table.Columns.Count} columns of its select list, in order.");

    public static RowDecodeException Shape(ColumnProjection projection, string problem) => new(
        null,
        $"A record of {projection.Table.DisplayName} {problem}; the decoder expects the {projection.FieldCount} selected " +
        $"columns ({string.Join(", ", projection.Columns.Select(c => c.Name))}), in order.");

    /// <summary>Checks a projection belongs to the decoder's table (the same descriptor instance).</summary>
    public static void CheckProjection(TableDescriptor table, ColumnProjection projection)
    {
        ArgumentNullException.ThrowIfNull(projection);
        if (!ReferenceEquals(projection.Table, table))
        {
            throw new ArgumentException(
                $"The projection is of {projection.Table.DisplayName}, but this decoder reads {table.DisplayName}; " +
                "select the columns from that table's descriptor.",
                nameof(projection));
        }
    }

    public static string Truncate(string text) => RedshiftValueDecoder.Truncate(text);
}
