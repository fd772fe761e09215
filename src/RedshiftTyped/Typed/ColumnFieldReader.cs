// Plumbing hidden from IntelliSense (EditorBrowsable(Never)) for generated code and the client; each method's name says
// what it reads, and the class summary how.
#pragma warning disable CS1591

using System.Data.SqlTypes;

namespace RedshiftTyped.Typed;

/// <summary>
/// Reads the values of a <see cref="ColumnBatch"/> (an UNLOAD file's row group, column by column) into typed values, for
/// generated row decoders: the same method names as <see cref="CsvFieldReader"/>, the same NULL rule (a NULL in a NOT
/// NULL column is a <see cref="RowDecodeException"/>), and the same results, without text where the stored type is the
/// property's.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class ColumnFieldReader
{
    /// <summary>Checks the batch has one column per column of the table.</summary>
    public static void CheckWidth(ColumnBatch batch, TableDescriptor table)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(table);
        if (batch.ColumnCount != table.Columns.Count)
        {
            throw DecodeErrors.Shape(table, $"has {batch.ColumnCount} columns");
        }
    }

    public static short ReadInt16(ColumnBatch batch, int index, int row, ColumnDescriptor column)
        => batch[index] is var values && values.IsNull(row) ? throw DecodeErrors.UnexpectedNull(column) : values.Int16(row, column);

    public static short? ReadInt16OrNull(ColumnBatch batch, int index, int row, ColumnDescriptor column)
        => batch[index] is var values && values.IsNull(row) ? null : values.Int16(row, column);

    public static int ReadInt32(ColumnBatch batch, int index, int row, ColumnDescriptor column)
        => batch[index] is var values && values.IsNull(row) ? throw DecodeErrors.UnexpectedNull(column) : values.Int32(row, column);

    public static int? ReadInt32OrNull(ColumnBatch batch, int index, int row, ColumnDescriptor column)
        => batch[index] is var values && values.IsNull(row) ? null : values.Int32(row, column);

    public static long ReadInt64(ColumnBatch batch, int index, int row, ColumnDescriptor column)
        => batch[index] is var values && values.IsNull(row) ? throw DecodeErrors.UnexpectedNull(column) : values.Int64(row, column);

    public static long? ReadInt64OrNull(ColumnBatch batch, int index, int row, ColumnDescriptor column)
        => batch[index] is var values && values.IsNull(row) ? null : values.Int64(row, column);

    public static float ReadSingle(ColumnBatch batch, int index, int row, ColumnDescriptor column)
        => batch[index] is var values && values.IsNull(row) ? throw DecodeErrors.UnexpectedNull(column) : values.Single(row, column);

    public static float? ReadSingleOrNull(ColumnBatch batch, int index, int row, ColumnDescriptor column)
        => batch[index] is var values && values.IsNull(row) ? null : values.Single(row, column);

    public static double ReadDouble(ColumnBatch batch, int index, int row, ColumnDescriptor column)
        => batch[index] is var values && values.IsNull(row) ? throw DecodeErrors.UnexpectedNull(column) : values.Double(row, column);

    public static double? ReadDoubleOrNull(ColumnBatch batch, int index, int row, ColumnDescriptor column)
        => batch[index] is var values && values.IsNull(row) ? null : values.Double(row, column);

    public static decimal ReadDecimal(ColumnBatch batch, int index, int row, ColumnDescriptor column)
        => batch[index] is var values && values.IsNull(row) ? throw DecodeErrors.UnexpectedNull(column) : values.Decimal(row, column);

    public static decimal? ReadDecimalOrNull(ColumnBatch batch, int index, int row, ColumnDescriptor column)
        => batch[index] is var values && values.IsNull(row) ? null : values.Decimal(row, column);

    public static SqlDecimal ReadSqlDecimal(ColumnBatch batch, int index, int row, ColumnDescriptor column)
        => batch[index] is var values && values.IsNull(row) ? throw DecodeErrors.UnexpectedNull(column) : values.SqlDecimal(row, column);

    public static SqlDecimal? ReadSqlDecimalOrNull(ColumnBatch batch, int index, int row, ColumnDescriptor column)
        => batch[index] is var values && values.IsNull(row) ? null : values.SqlDecimal(row, column);

    public static bool ReadBoolean(ColumnBatch batch, int index, int row, ColumnDescriptor column)
        => batch[index] is var values && values.IsNull(row) ? throw DecodeErrors.UnexpectedNull(column) : values.Boolean(row, column);

    public static bool? ReadBooleanOrNull(ColumnBatch batch, int index, int row, ColumnDescriptor column)
        => batch[index] is var values && values.IsNull(row) ? null : values.Boolean(row, column);

    public static string ReadString(ColumnBatch batch, int index, int row, ColumnDescriptor column)
        => batch[index] is var values && values.IsNull(row) ? throw DecodeErrors.UnexpectedNull(column) : values.String(row, column);

    public static string? ReadStringOrNull(ColumnBatch batch, int index, int row, ColumnDescriptor column)
        => batch[index] is var values && values.IsNull(row) ? null : values.String(row, column);

    public static DateOnly ReadDate(ColumnBatch batch, int index, int row, ColumnDescriptor column)
        => batch[index] is var values && values.IsNull(row) ? throw DecodeErrors.UnexpectedNull(column) : values.Date(row, column);

    public static DateOnly? ReadDateOrNull(ColumnBatch batch, int index, int row, ColumnDescriptor column)
        => batch[index] is var values && values.IsNull(row) ? null : values.Date(row, column);

    public static TimeOnly ReadTime(ColumnBatch batch, int index, int row, ColumnDescriptor column)
        => batch[index] is var values && values.IsNull(row) ? throw DecodeErrors.UnexpectedNull(column) : values.Time(row, column);

    public static TimeOnly? ReadTimeOrNull(ColumnBatch batch, int index, int row, ColumnDescriptor column)
        => batch[index] is var values && values.IsNull(row) ? null : values.Time(row, column);

    public static DateTimeOffset ReadTimeTz(ColumnBatch batch, int index, int row, ColumnDescriptor column)
        => batch[index] is var values && values.IsNull(row) ? throw DecodeErrors.UnexpectedNull(column) : values.TimeTz(row, column);

    public static DateTimeOffset? ReadTimeTzOrNull(ColumnBatch batch, int index, int row, ColumnDescriptor column)
        => batch[index] is var values && values.IsNull(row) ? null : values.TimeTz(row, column);

    public static DateTime ReadTimestamp(ColumnBatch batch, int index, int row, ColumnDescriptor column)
        => batch[index] is var values && values.IsNull(row) ? throw DecodeErrors.UnexpectedNull(column) : values.Timestamp(row, column);

    public static DateTime? ReadTimestampOrNull(ColumnBatch batch, int index, int row, ColumnDescriptor column)
        => batch[index] is var values && values.IsNull(row) ? null : values.Timestamp(row, column);

    public static DateTimeOffset ReadTimestampTz(ColumnBatch batch, int index, int row, ColumnDescriptor column)
        => batch[index] is var values && values.IsNull(row) ? throw DecodeErrors.UnexpectedNull(column) : values.TimestampTz(row, column);

    public static DateTimeOffset? ReadTimestampTzOrNull(ColumnBatch batch, int index, int row, ColumnDescriptor column)
        => batch[index] is var values && values.IsNull(row) ? null : values.TimestampTz(row, column);

    public static TimeSpan ReadInterval(ColumnBatch batch, int index, int row, ColumnDescriptor column)
        => batch[index] is var values && values.IsNull(row) ? throw DecodeErrors.UnexpectedNull(column) : values.Interval(row, column);

    public static TimeSpan? ReadIntervalOrNull(ColumnBatch batch, int index, int row, ColumnDescriptor column)
        => batch[index] is var values && values.IsNull(row) ? null : values.Interval(row, column);

    public static RedshiftSuper ReadSuper(ColumnBatch batch, int index, int row, ColumnDescriptor column)
        => batch[index] is var values && values.IsNull(row) ? throw DecodeErrors.UnexpectedNull(column) : values.Super(row, column);

    public static RedshiftSuper? ReadSuperOrNull(ColumnBatch batch, int index, int row, ColumnDescriptor column)
        => batch[index] is var values && values.IsNull(row) ? null : values.Super(row, column);

    public static byte[] ReadVarByte(ColumnBatch batch, int index, int row, ColumnDescriptor column)
        => batch[index] is var values && values.IsNull(row) ? throw DecodeErrors.UnexpectedNull(column) : values.VarByte(row, column);

    public static byte[]? ReadVarByteOrNull(ColumnBatch batch, int index, int row, ColumnDescriptor column)
        => batch[index] is var values && values.IsNull(row) ? null : values.VarByte(row, column);
}
