using System.Buffers;
using System.Numerics;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;
using Parquet;
using Parquet.Data;
using Parquet.Schema;

namespace RedshiftTyped.Export;

/// <summary>
/// One Arrow column as a Parquet column, typed so the meaning survives, gathering the values of one row group:
/// <see cref="Append"/> copies a range of rows out of a batch (batches are disposed once written), and <see cref="WriteAsync"/>
/// writes them as the column's chunk of a row group and empties the buffers, which are kept for the next row group.
/// Values are held unboxed: fixed-width values packed (nulls left out) with a definition level per row, the form
/// Parquet.Net encodes from (<see cref="ParquetRowGroupWriter.WriteAllPartsAsync{T}"/>), so it makes no copy of its own;
/// strings and binary values as one array of characters or bytes and their end offsets.
/// <para>
/// Types: int16/int32/int64 as INT(16/32/64, signed); float/double; decimal128(p, s) as DECIMAL(p, s) from the exact
/// 128-bit value; bool; date32 as DATE; time64 as TIME(micros or nanos) (Parquet.Net always flags TIME as adjusted
/// to UTC, as Arrow's C++ writer does, and offers no way to clear it; a time of day has no date to shift, so readers
/// read the same wall-clock value); timestamp as TIMESTAMP(micros) with
/// isAdjustedToUTC only when the Arrow type has a zone (timestamptz), so a zone-less timestamp stays a wall-clock
/// value; string as UTF8 STRING; binary as plain BYTE_ARRAY (no string annotation).
/// Duration (Redshift interval) has no Parquet logical type. Parquet.Net's INTERVAL is Spark's months/days/
/// milliseconds, which would drop the microseconds, so it is written as INT64 microseconds, the form Arrow's own
/// writers use: the embedded Arrow schema restores duration[us] for Arrow readers, and a file-level key
/// <c>redshift_typed.column.NAME</c> documents the unit for everyone else. Nullability follows the Arrow field.
/// </para>
/// </summary>
internal abstract class ParquetColumn
{
    private const int Present = 1, Missing = 0; // definition levels of a top-level optional column

    private readonly GrowableBuffer<int>? _definitionLevels;

    private ParquetColumn(DataField field, string? note = null)
    {
        Field = field;
        Note = note;
        _definitionLevels = field.IsNullable ? new GrowableBuffer<int>() : null;
    }

    public DataField Field { get; }

    /// <summary>What a reader needs to know that the Parquet type cannot say; null when the type says it all.</summary>
    public string? Note { get; }

    /// <summary>Bytes held for the rows gathered so far (values, offsets, definition levels).</summary>
    public long BufferedBytes => (_definitionLevels?.WrittenBytes ?? 0) + ValueBytes;

    private protected abstract long ValueBytes { get; }

    /// <summary>
    /// Bytes <see cref="Append"/> adds for any row, whatever its value (definition level, fixed-width value or end offset);
    /// an upper bound: a null adds no value.
    /// </summary>
    public long FixedBytesPerRow => (_definitionLevels is null ? 0 : sizeof(int)) + FixedValueBytes;

    private protected abstract long FixedValueBytes { get; }

    /// <summary>Whether <see cref="VariableBytes"/> can be more than 0 (strings and binary).</summary>
    public virtual bool IsVariableWidth => false;

    /// <summary>
    /// Bytes <see cref="Append"/> adds for row <paramref name="row"/> beyond <see cref="FixedBytesPerRow"/>: a string's
    /// characters (counted as two bytes per UTF-8 byte, an upper bound of its UTF-16 length) or a binary value's bytes.
    /// </summary>
    public virtual long VariableBytes(IArrowArray array, int row) => 0;

    /// <summary>Copies rows <paramref name="offset"/> to <paramref name="offset"/> + <paramref name="count"/> of <paramref name="array"/>.</summary>
    /// <exception cref="InvalidOperationException">A null in a column declared not nullable.</exception>
    public abstract void Append(IArrowArray array, int offset, int count);

    /// <summary>Writes the rows gathered as this column's chunk of <paramref name="rowGroup"/>, then forgets them.</summary>
    public abstract Task WriteAsync(ParquetRowGroupWriter rowGroup, CancellationToken cancellationToken);

    /// <summary>Records whether row <paramref name="row"/> has a value; a null in a required column is refused.</summary>
    private protected bool HasValue(IArrowArray array, int row)
    {
        bool present = !array.IsNull(row);
        if (_definitionLevels is null)
        {
            return present ? true : throw new InvalidOperationException(
                $"Column \"{Field.Name}\" is declared not nullable in the Arrow schema but row {row} of the batch is null; mark the field nullable.");
        }

        _definitionLevels.Add(present ? Present : Missing);
        return present;
    }

    /// <summary>The definition levels gathered (null for a required column, which has none), then forgotten by <see cref="ClearLevels"/>.</summary>
    private protected ReadOnlyMemory<int>? DefinitionLevels => _definitionLevels?.Written;

    private protected void ClearLevels() => _definitionLevels?.Clear();

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

    private sealed class Primitive<T>(DataField field, Func<IArrowArray, int, T> get, string? note = null) : ParquetColumn(field, note)
        where T : struct
    {
        private readonly GrowableBuffer<T> _values = new();

        private protected override long ValueBytes => _values.WrittenBytes;

        private protected override long FixedValueBytes => System.Runtime.CompilerServices.Unsafe.SizeOf<T>();

        public override void Append(IArrowArray array, int offset, int count)
        {
            var span = _values.GetSpan(count);
            int written = 0;
            for (int i = offset; i < offset + count; i++)
            {
                if (HasValue(array, i))
                {
                    span[written++] = get(array, i);
                }
            }

            _values.Advance(written);
        }

        public override async Task WriteAsync(ParquetRowGroupWriter rowGroup, CancellationToken cancellationToken)
        {
            await rowGroup.WriteAllPartsAsync<T>(Field, _values.Written, DefinitionLevels, null, cancellationToken).ConfigureAwait(false);
            _values.Clear();
            ClearLevels();
        }
    }

    /// <summary>
    /// Variable-width values (<typeparamref name="TUnit"/> is char for strings, byte for binary) in one array, with each
    /// value's end offset; Parquet.Net takes them as slices of that array.
    /// </summary>
    private abstract class VariableWidth<TUnit>(DataField field) : ParquetColumn(field)
        where TUnit : struct
    {
        private readonly GrowableBuffer<int> _ends = new();

        private protected GrowableBuffer<TUnit> Data { get; } = new();

        private protected override long ValueBytes => Data.WrittenBytes + _ends.WrittenBytes;

        private protected override long FixedValueBytes => sizeof(int); // the end offset

        public override bool IsVariableWidth => true;

        public override long VariableBytes(IArrowArray array, int row) =>
            (long)((BinaryArray)array).GetValueLength(row) * System.Runtime.CompilerServices.Unsafe.SizeOf<TUnit>();

        /// <summary>Appends value <paramref name="row"/> (not null) to <see cref="Data"/>.</summary>
        private protected abstract void CopyValue(IArrowArray array, int row);

        public override void Append(IArrowArray array, int offset, int count)
        {
            for (int i = offset; i < offset + count; i++)
            {
                if (HasValue(array, i))
                {
                    CopyValue(array, i);
                    _ends.Add(Data.Count);
                }
            }
        }

        public override async Task WriteAsync(ParquetRowGroupWriter rowGroup, CancellationToken cancellationToken)
        {
            int count = _ends.Count;
            var slices = ArrayPool<ReadOnlyMemory<TUnit>>.Shared.Rent(count);
            try
            {
                var data = Data.Written;
                var ends = _ends.Written.Span;
                for (int i = 0, start = 0; i < count; start = ends[i], i++)
                {
                    slices[i] = data[start..ends[i]];
                }

                await rowGroup.WriteAllPartsAsync<ReadOnlyMemory<TUnit>>(Field, slices.AsMemory(0, count), DefinitionLevels, null, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                ArrayPool<ReadOnlyMemory<TUnit>>.Shared.Return(slices, clearArray: true);
            }

            Data.Clear();
            _ends.Clear();
            ClearLevels();
        }
    }

    /// <summary>Strings, decoded from the Arrow array's UTF-8 as <see cref="StringArray.GetString"/> does (invalid bytes become U+FFFD).</summary>
    private sealed class Strings(DataField field) : VariableWidth<char>(field)
    {
        private protected override void CopyValue(IArrowArray array, int row)
        {
            var utf8 = ((StringArray)array).GetBytes(row);
            var chars = Data.GetSpan(Encoding.UTF8.GetCharCount(utf8));
            Data.Advance(Encoding.UTF8.GetChars(utf8, chars));
        }
    }

    private sealed class Binary(DataField field) : VariableWidth<byte>(field)
    {
        private protected override void CopyValue(IArrowArray array, int row)
        {
            var bytes = ((BinaryArray)array).GetBytes(row);
            bytes.CopyTo(Data.GetSpan(bytes.Length));
            Data.Advance(bytes.Length);
        }
    }
}
