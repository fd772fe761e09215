using System.Numerics;
using Apache.Arrow;
using Apache.Arrow.Types;
using Parquet;
using Parquet.Data;
using Parquet.Schema;

namespace RedshiftTyped.Export;

/// <summary>
/// One Arrow column as a Parquet column, typed so the meaning survives:
/// int16/int32/int64 as INT(16/32/64, signed); float/double; decimal128(p, s) as DECIMAL(p, s) from the exact
/// 128-bit value; bool; date32 as DATE; time64 as TIME(micros or nanos) (Parquet.Net always flags TIME as adjusted
/// to UTC, as Arrow's C++ writer does, and offers no way to clear it; a time of day has no date to shift, so readers
/// read the same wall-clock value); timestamp as TIMESTAMP(micros) with
/// isAdjustedToUTC only when the Arrow type has a zone (timestamptz), so a zone-less timestamp stays a wall-clock
/// value; string as UTF8 STRING; binary as plain BYTE_ARRAY (no string annotation).
/// Duration (Redshift interval) has no Parquet logical type. Parquet.Net's INTERVAL is Spark's months/days/
/// milliseconds, which would drop the microseconds, so it is written as INT64 microseconds, the form Arrow's own
/// writers use: the embedded Arrow schema restores duration[us] for Arrow readers, and a file-level key
/// <c>redshift_typed.column.NAME</c> documents the unit for everyone else. Nullability follows the Arrow field.
/// </summary>
internal abstract class ParquetColumn
{
    private ParquetColumn(DataField field, string? note = null)
    {
        Field = field;
        Note = note;
    }

    public DataField Field { get; }

    /// <summary>What a reader needs to know that the Parquet type cannot say; null when the type says it all.</summary>
    public string? Note { get; }

    public abstract Task WriteAsync(ParquetRowGroupWriter rowGroup, IArrowArray array, CancellationToken cancellationToken);

    public static ParquetColumn For(Apache.Arrow.Field field)
    {
        string name = field.Name;
        bool nullable = field.IsNullable;
        return field.DataType switch
        {
            Int8Type => new Primitive<sbyte>(new DataField<sbyte>(name, nullable), (a, i) => ((Int8Array)a).Values[i]),
            Int16Type => new Primitive<short>(new DataField<short>(name, nullable), (a, i) => ((Int16Array)a).Values[i]),
            Int32Type => new Primitive<int>(new DataField<int>(name, nullable), (a, i) => ((Int32Array)a).Values[i]),
            Int64Type => new Primitive<long>(new DataField<long>(name, nullable), (a, i) => ((Int64Array)a).Values[i]),
            FloatType => new Primitive<float>(new DataField<float>(name, nullable), (a, i) => ((FloatArray)a).Values[i]),
            DoubleType => new Primitive<double>(new DataField<double>(name, nullable), (a, i) => ((DoubleArray)a).Values[i]),
            BooleanType => new Primitive<bool>(new DataField<bool>(name, nullable), (a, i) => ((BooleanArray)a).GetValue(i)!.Value),
            Decimal128Type d => new Primitive<BigDecimal>(new BigDecimalDataField(name, d.Precision, d.Scale, nullable),
                (a, i) => new BigDecimal(ArrowValueText.Unscaled((Decimal128Array)a, i), d.Precision, d.Scale)),
            Date32Type => new Primitive<DateOnly>(new DataField<DateOnly>(name, nullable),
                (a, i) => DateOnly.FromDayNumber(UnixEpochDayNumber + ((Date32Array)a).Values[i])),
            Time64Type t => new Primitive<long>(
                new TimeDataField(name, t.Unit == TimeUnit.Nanosecond ? TimeUnitPrecision.Nanos : TimeUnitPrecision.Micros, nullable),
                (a, i) => ((Time64Array)a).Values[i]),
            TimestampType t => new Primitive<DateTime>(
                new DateTimeDataField(name, DateTimeFormat.Timestamp, isAdjustedToUTC: !string.IsNullOrEmpty(t.Timezone), DateTimeTimeUnit.Micros, nullable),
                Timestamp(t)),
            DurationType t => new Primitive<long>(new DataField<long>(name, nullable),
                (a, i) => ArrowValueText.Micros(((DurationArray)a).Values[i], t.Unit),
                $"{ArrowTypeText.Describe(DurationType.Microsecond)}: Redshift interval as a signed 64-bit count of microseconds (Parquet has no duration type)"),
            StringType => new Strings(new DataField<string>(name, nullable)),
            BinaryType => new Binary(new DataField<byte[]>(name, nullable)),
            _ => throw ArrowValueText.Unsupported(field.DataType, name),
        };
    }

    private const int UnixEpochDayNumber = 719_162; // DateOnly(1970, 1, 1).DayNumber

    /// <summary>
    /// Parquet.Net takes timestamps as DateTime; its kind is not used to shift the value, so the Arrow value is
    /// carried over as is, in ticks (a tick is 100 ns, finer than the microseconds written).
    /// </summary>
    private static Func<IArrowArray, int, DateTime> Timestamp(TimestampType type)
    {
        var kind = string.IsNullOrEmpty(type.Timezone) ? DateTimeKind.Unspecified : DateTimeKind.Utc;
        return (a, i) => DateTime.SpecifyKind(DateTime.UnixEpoch.AddTicks(ArrowValueText.Micros(((TimestampArray)a).Values[i], type.Unit) * 10), kind);
    }

    private static InvalidOperationException NullInRequired(DataField field, int row) => new(
        $"Column \"{field.Name}\" is declared not nullable in the Arrow schema but row {row} of the batch is null; mark the field nullable.");

    private sealed class Primitive<T>(DataField field, Func<IArrowArray, int, T> get, string? note = null) : ParquetColumn(field, note)
        where T : struct
    {
        public override Task WriteAsync(ParquetRowGroupWriter rowGroup, IArrowArray array, CancellationToken cancellationToken)
        {
            int length = array.Length;
            if (Field.IsNullable)
            {
                var values = new T?[length];
                for (int i = 0; i < length; i++)
                {
                    values[i] = array.IsNull(i) ? null : get(array, i);
                }

                return rowGroup.WriteAsync<T>(Field, (ReadOnlyMemory<T?>)values, null, null, cancellationToken);
            }

            var required = new T[length];
            for (int i = 0; i < length; i++)
            {
                required[i] = array.IsNull(i) ? throw NullInRequired(Field, i) : get(array, i);
            }

            return rowGroup.WriteAsync<T>(Field, (ReadOnlyMemory<T>)required, null, null, cancellationToken);
        }
    }

    private sealed class Strings(DataField field) : ParquetColumn(field)
    {
        public override Task WriteAsync(ParquetRowGroupWriter rowGroup, IArrowArray array, CancellationToken cancellationToken)
        {
            var strings = (StringArray)array;
            var values = new string?[strings.Length];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = strings.IsNull(i) ? (Field.IsNullable ? null : throw NullInRequired(Field, i)) : strings.GetString(i);
            }

            return rowGroup.WriteAsync(Field, values!);
        }
    }

    private sealed class Binary(DataField field) : ParquetColumn(field)
    {
        public override Task WriteAsync(ParquetRowGroupWriter rowGroup, IArrowArray array, CancellationToken cancellationToken)
        {
            var binary = (BinaryArray)array;
            var values = new byte[]?[binary.Length];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = binary.IsNull(i) ? (Field.IsNullable ? null : throw NullInRequired(Field, i)) : binary.GetBytes(i).ToArray();
            }

            return rowGroup.WriteAsync(Field, values!);
        }
    }
}
