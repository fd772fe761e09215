// Plumbing hidden from IntelliSense (EditorBrowsable(Never)) for generated code and the client; each method's name says
// what it reads, and the class summary how.
#pragma warning disable CS1591

using System.Data.SqlTypes;

namespace RedshiftTyped.Typed;

/// <summary>
/// Reads the fields of a GetStatementResultV2 CSV record (as split by <see cref="Values.CsvRecordReader"/>; null is
/// NULL) into typed values, for generated row decoders. Text is parsed exactly by <see cref="Values.RedshiftTextParser"/>.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class CsvFieldReader
{
    /// <summary>Checks the record has one field per column.</summary>
    public static void CheckWidth(string?[] fields, TableDescriptor table)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Length != table.Columns.Count)
        {
            throw DecodeErrors.Shape(table, $"has {fields.Length} fields");
        }
    }

    /// <summary>
    /// Checks the projection is of this table (else <see cref="ArgumentException"/>) and the record has one field per
    /// projected column.
    /// </summary>
    internal static void CheckWidth(string?[] fields, TableDescriptor table, ColumnProjection projection)
    {
        ArgumentNullException.ThrowIfNull(fields);
        DecodeErrors.CheckProjection(table, projection);
        if (fields.Length != projection.FieldCount)
        {
            throw DecodeErrors.Shape(projection, $"has {fields.Length} fields");
        }
    }

    public static short ReadInt16(string? field, ColumnDescriptor column)
        => field is null ? throw DecodeErrors.UnexpectedNull(column) : Int16Converter.FromText(field, column);

    public static short? ReadInt16OrNull(string? field, ColumnDescriptor column)
        => field is null ? null : Int16Converter.FromText(field, column);

    public static int ReadInt32(string? field, ColumnDescriptor column)
        => field is null ? throw DecodeErrors.UnexpectedNull(column) : Int32Converter.FromText(field, column);

    public static int? ReadInt32OrNull(string? field, ColumnDescriptor column)
        => field is null ? null : Int32Converter.FromText(field, column);

    public static long ReadInt64(string? field, ColumnDescriptor column)
        => field is null ? throw DecodeErrors.UnexpectedNull(column) : Int64Converter.FromText(field, column);

    public static long? ReadInt64OrNull(string? field, ColumnDescriptor column)
        => field is null ? null : Int64Converter.FromText(field, column);

    public static float ReadSingle(string? field, ColumnDescriptor column)
        => field is null ? throw DecodeErrors.UnexpectedNull(column) : SingleConverter.FromText(field, column);

    public static float? ReadSingleOrNull(string? field, ColumnDescriptor column)
        => field is null ? null : SingleConverter.FromText(field, column);

    public static double ReadDouble(string? field, ColumnDescriptor column)
        => field is null ? throw DecodeErrors.UnexpectedNull(column) : DoubleConverter.FromText(field, column);

    public static double? ReadDoubleOrNull(string? field, ColumnDescriptor column)
        => field is null ? null : DoubleConverter.FromText(field, column);

    public static decimal ReadDecimal(string? field, ColumnDescriptor column)
        => field is null ? throw DecodeErrors.UnexpectedNull(column) : DecimalConverter.FromText(field, column);

    public static decimal? ReadDecimalOrNull(string? field, ColumnDescriptor column)
        => field is null ? null : DecimalConverter.FromText(field, column);

    public static SqlDecimal ReadSqlDecimal(string? field, ColumnDescriptor column)
        => field is null ? throw DecodeErrors.UnexpectedNull(column) : SqlDecimalConverter.FromText(field, column);

    public static SqlDecimal? ReadSqlDecimalOrNull(string? field, ColumnDescriptor column)
        => field is null ? null : SqlDecimalConverter.FromText(field, column);

    public static bool ReadBoolean(string? field, ColumnDescriptor column)
        => field is null ? throw DecodeErrors.UnexpectedNull(column) : BooleanConverter.FromText(field, column);

    public static bool? ReadBooleanOrNull(string? field, ColumnDescriptor column)
        => field is null ? null : BooleanConverter.FromText(field, column);

    public static string ReadString(string? field, ColumnDescriptor column)
        => field is null ? throw DecodeErrors.UnexpectedNull(column) : StringConverter.FromText(field, column);

    public static string? ReadStringOrNull(string? field, ColumnDescriptor column)
        => field is null ? null : StringConverter.FromText(field, column);

    public static DateOnly ReadDate(string? field, ColumnDescriptor column)
        => field is null ? throw DecodeErrors.UnexpectedNull(column) : DateConverter.FromText(field, column);

    public static DateOnly? ReadDateOrNull(string? field, ColumnDescriptor column)
        => field is null ? null : DateConverter.FromText(field, column);

    public static TimeOnly ReadTime(string? field, ColumnDescriptor column)
        => field is null ? throw DecodeErrors.UnexpectedNull(column) : TimeConverter.FromText(field, column);

    public static TimeOnly? ReadTimeOrNull(string? field, ColumnDescriptor column)
        => field is null ? null : TimeConverter.FromText(field, column);

    public static DateTimeOffset ReadTimeTz(string? field, ColumnDescriptor column)
        => field is null ? throw DecodeErrors.UnexpectedNull(column) : TimeTzConverter.FromText(field, column);

    public static DateTimeOffset? ReadTimeTzOrNull(string? field, ColumnDescriptor column)
        => field is null ? null : TimeTzConverter.FromText(field, column);

    public static DateTime ReadTimestamp(string? field, ColumnDescriptor column)
        => field is null ? throw DecodeErrors.UnexpectedNull(column) : TimestampConverter.FromText(field, column);

    public static DateTime? ReadTimestampOrNull(string? field, ColumnDescriptor column)
        => field is null ? null : TimestampConverter.FromText(field, column);

    public static DateTimeOffset ReadTimestampTz(string? field, ColumnDescriptor column)
        => field is null ? throw DecodeErrors.UnexpectedNull(column) : TimestampTzConverter.FromText(field, column);

    public static DateTimeOffset? ReadTimestampTzOrNull(string? field, ColumnDescriptor column)
        => field is null ? null : TimestampTzConverter.FromText(field, column);

    public static TimeSpan ReadInterval(string? field, ColumnDescriptor column)
        => field is null ? throw DecodeErrors.UnexpectedNull(column) : IntervalConverter.FromText(field, column);

    public static TimeSpan? ReadIntervalOrNull(string? field, ColumnDescriptor column)
        => field is null ? null : IntervalConverter.FromText(field, column);

    public static RedshiftSuper ReadSuper(string? field, ColumnDescriptor column)
        => field is null ? throw DecodeErrors.UnexpectedNull(column) : SuperConverter.FromText(field, column);

    public static RedshiftSuper? ReadSuperOrNull(string? field, ColumnDescriptor column)
        => field is null ? null : SuperConverter.FromText(field, column);

    public static byte[] ReadVarByte(string? field, ColumnDescriptor column)
        => field is null ? throw DecodeErrors.UnexpectedNull(column) : VarByteConverter.FromText(field, column);

    public static byte[]? ReadVarByteOrNull(string? field, ColumnDescriptor column)
        => field is null ? null : VarByteConverter.FromText(field, column);
}
