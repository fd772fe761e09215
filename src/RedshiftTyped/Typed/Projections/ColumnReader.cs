using System.Data.SqlTypes;
using RedshiftTyped.Values;

namespace RedshiftTyped.Typed.Projections;

/// <summary>Reads one Data API Field of a column as <typeparamref name="T"/> (a JsonFieldReader method).</summary>
internal delegate T JsonFieldRead<T>(ref JsonRecordScanner scanner, ColumnDescriptor column);

/// <summary>
/// Reads one compiled column's values as <typeparamref name="T"/>, the value type of its generated handle, with the
/// same readers the generated decoders call: a NULL in a column the snapshot says is NOT NULL is a
/// <see cref="RowDecodeException"/>, never a default value.
/// </summary>
internal sealed class ColumnReader<T>
{
    private readonly JsonFieldRead<T> _json;
    private readonly Func<string?, ColumnDescriptor, T> _csv;

    private ColumnReader(ColumnDescriptor column, JsonFieldRead<T> json, Func<string?, ColumnDescriptor, T> csv)
    {
        Column = column;
        _json = json;
        _csv = csv;
    }

    public ColumnDescriptor Column { get; }

    public T Json(ref JsonRecordScanner scanner) => _json(ref scanner, Column);

    public T Csv(string? field) => _csv(field, Column);

    /// <summary>The reader for a column whose handle is typed <typeparamref name="T"/>.</summary>
    public static ColumnReader<T> For(ColumnDescriptor column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var (json, csv) = Find(typeof(T), column);
        return new ColumnReader<T>(column, (JsonFieldRead<T>)json, (Func<string?, ColumnDescriptor, T>)csv);
    }

    /// <summary>The reader pair for a property type, as the generator chooses it (TypeMapping.ClrTypeName).</summary>
    private static (Delegate Json, Delegate Csv) Find(Type type, ColumnDescriptor column)
    {
        // Reference types carry no nullability at run time: the snapshot's says whether NULL is allowed.
        bool nullable = column.IsNullable;
        bool timeTz = column.Type == RedshiftType.TimeTz;
        return type switch
        {
            _ when type == typeof(short) => (new JsonFieldRead<short>(JsonFieldReader.ReadInt16), new Func<string?, ColumnDescriptor, short>(CsvFieldReader.ReadInt16)),
            _ when type == typeof(short?) => (new JsonFieldRead<short?>(JsonFieldReader.ReadInt16OrNull), new Func<string?, ColumnDescriptor, short?>(CsvFieldReader.ReadInt16OrNull)),
            _ when type == typeof(int) => (new JsonFieldRead<int>(JsonFieldReader.ReadInt32), new Func<string?, ColumnDescriptor, int>(CsvFieldReader.ReadInt32)),
            _ when type == typeof(int?) => (new JsonFieldRead<int?>(JsonFieldReader.ReadInt32OrNull), new Func<string?, ColumnDescriptor, int?>(CsvFieldReader.ReadInt32OrNull)),
            _ when type == typeof(long) => (new JsonFieldRead<long>(JsonFieldReader.ReadInt64), new Func<string?, ColumnDescriptor, long>(CsvFieldReader.ReadInt64)),
            _ when type == typeof(long?) => (new JsonFieldRead<long?>(JsonFieldReader.ReadInt64OrNull), new Func<string?, ColumnDescriptor, long?>(CsvFieldReader.ReadInt64OrNull)),
            _ when type == typeof(float) => (new JsonFieldRead<float>(JsonFieldReader.ReadSingle), new Func<string?, ColumnDescriptor, float>(CsvFieldReader.ReadSingle)),
            _ when type == typeof(float?) => (new JsonFieldRead<float?>(JsonFieldReader.ReadSingleOrNull), new Func<string?, ColumnDescriptor, float?>(CsvFieldReader.ReadSingleOrNull)),
            _ when type == typeof(double) => (new JsonFieldRead<double>(JsonFieldReader.ReadDouble), new Func<string?, ColumnDescriptor, double>(CsvFieldReader.ReadDouble)),
            _ when type == typeof(double?) => (new JsonFieldRead<double?>(JsonFieldReader.ReadDoubleOrNull), new Func<string?, ColumnDescriptor, double?>(CsvFieldReader.ReadDoubleOrNull)),
            _ when type == typeof(decimal) => (new JsonFieldRead<decimal>(JsonFieldReader.ReadDecimal), new Func<string?, ColumnDescriptor, decimal>(CsvFieldReader.ReadDecimal)),
            _ when type == typeof(decimal?) => (new JsonFieldRead<decimal?>(JsonFieldReader.ReadDecimalOrNull), new Func<string?, ColumnDescriptor, decimal?>(CsvFieldReader.ReadDecimalOrNull)),
            _ when type == typeof(SqlDecimal) => (new JsonFieldRead<SqlDecimal>(JsonFieldReader.ReadSqlDecimal), new Func<string?, ColumnDescriptor, SqlDecimal>(CsvFieldReader.ReadSqlDecimal)),
            _ when type == typeof(SqlDecimal?) => (new JsonFieldRead<SqlDecimal?>(JsonFieldReader.ReadSqlDecimalOrNull), new Func<string?, ColumnDescriptor, SqlDecimal?>(CsvFieldReader.ReadSqlDecimalOrNull)),
            _ when type == typeof(bool) => (new JsonFieldRead<bool>(JsonFieldReader.ReadBoolean), new Func<string?, ColumnDescriptor, bool>(CsvFieldReader.ReadBoolean)),
            _ when type == typeof(bool?) => (new JsonFieldRead<bool?>(JsonFieldReader.ReadBooleanOrNull), new Func<string?, ColumnDescriptor, bool?>(CsvFieldReader.ReadBooleanOrNull)),
            _ when type == typeof(DateOnly) => (new JsonFieldRead<DateOnly>(JsonFieldReader.ReadDate), new Func<string?, ColumnDescriptor, DateOnly>(CsvFieldReader.ReadDate)),
            _ when type == typeof(DateOnly?) => (new JsonFieldRead<DateOnly?>(JsonFieldReader.ReadDateOrNull), new Func<string?, ColumnDescriptor, DateOnly?>(CsvFieldReader.ReadDateOrNull)),
            _ when type == typeof(TimeOnly) => (new JsonFieldRead<TimeOnly>(JsonFieldReader.ReadTime), new Func<string?, ColumnDescriptor, TimeOnly>(CsvFieldReader.ReadTime)),
            _ when type == typeof(TimeOnly?) => (new JsonFieldRead<TimeOnly?>(JsonFieldReader.ReadTimeOrNull), new Func<string?, ColumnDescriptor, TimeOnly?>(CsvFieldReader.ReadTimeOrNull)),
            _ when type == typeof(DateTime) => (new JsonFieldRead<DateTime>(JsonFieldReader.ReadTimestamp), new Func<string?, ColumnDescriptor, DateTime>(CsvFieldReader.ReadTimestamp)),
            _ when type == typeof(DateTime?) => (new JsonFieldRead<DateTime?>(JsonFieldReader.ReadTimestampOrNull), new Func<string?, ColumnDescriptor, DateTime?>(CsvFieldReader.ReadTimestampOrNull)),
            _ when type == typeof(DateTimeOffset) && timeTz => (new JsonFieldRead<DateTimeOffset>(JsonFieldReader.ReadTimeTz), new Func<string?, ColumnDescriptor, DateTimeOffset>(CsvFieldReader.ReadTimeTz)),
            _ when type == typeof(DateTimeOffset?) && timeTz => (new JsonFieldRead<DateTimeOffset?>(JsonFieldReader.ReadTimeTzOrNull), new Func<string?, ColumnDescriptor, DateTimeOffset?>(CsvFieldReader.ReadTimeTzOrNull)),
            _ when type == typeof(DateTimeOffset) => (new JsonFieldRead<DateTimeOffset>(JsonFieldReader.ReadTimestampTz), new Func<string?, ColumnDescriptor, DateTimeOffset>(CsvFieldReader.ReadTimestampTz)),
            _ when type == typeof(DateTimeOffset?) => (new JsonFieldRead<DateTimeOffset?>(JsonFieldReader.ReadTimestampTzOrNull), new Func<string?, ColumnDescriptor, DateTimeOffset?>(CsvFieldReader.ReadTimestampTzOrNull)),
            _ when type == typeof(TimeSpan) => (new JsonFieldRead<TimeSpan>(JsonFieldReader.ReadInterval), new Func<string?, ColumnDescriptor, TimeSpan>(CsvFieldReader.ReadInterval)),
            _ when type == typeof(TimeSpan?) => (new JsonFieldRead<TimeSpan?>(JsonFieldReader.ReadIntervalOrNull), new Func<string?, ColumnDescriptor, TimeSpan?>(CsvFieldReader.ReadIntervalOrNull)),
            _ when type == typeof(string) && nullable => (new JsonFieldRead<string?>(JsonFieldReader.ReadStringOrNull), new Func<string?, ColumnDescriptor, string?>(CsvFieldReader.ReadStringOrNull)),
            _ when type == typeof(string) => (new JsonFieldRead<string>(JsonFieldReader.ReadString), new Func<string?, ColumnDescriptor, string>(CsvFieldReader.ReadString)),
            _ when type == typeof(RedshiftSuper) && nullable => (new JsonFieldRead<RedshiftSuper?>(JsonFieldReader.ReadSuperOrNull), new Func<string?, ColumnDescriptor, RedshiftSuper?>(CsvFieldReader.ReadSuperOrNull)),
            _ when type == typeof(RedshiftSuper) => (new JsonFieldRead<RedshiftSuper>(JsonFieldReader.ReadSuper), new Func<string?, ColumnDescriptor, RedshiftSuper>(CsvFieldReader.ReadSuper)),
            _ when type == typeof(byte[]) && nullable => (new JsonFieldRead<byte[]?>(JsonFieldReader.ReadVarByteOrNull), new Func<string?, ColumnDescriptor, byte[]?>(CsvFieldReader.ReadVarByteOrNull)),
            _ when type == typeof(byte[]) => (new JsonFieldRead<byte[]>(JsonFieldReader.ReadVarByte), new Func<string?, ColumnDescriptor, byte[]>(CsvFieldReader.ReadVarByte)),
            _ => throw new NotSupportedException(
                $"Column \"{column.Name}\" of {column.Table} is read as {type.Name}, which no Redshift column maps to; its handle is out of step with the runtime."),
        };
    }
}
