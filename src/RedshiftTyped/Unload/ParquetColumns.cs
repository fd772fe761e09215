using System.Globalization;
using System.Numerics;
using Parquet;
using Parquet.Data;
using Parquet.Schema;
using RedshiftTyped.Typed;
using RedshiftTyped.Values;

namespace RedshiftTyped.Reading;

/// <summary>
/// A row group of an UNLOAD file read into a <see cref="ColumnBatch"/>: each column as the typed array Parquet.Net reads,
/// decoded into records by the generated decoders' <c>DecodeColumns</c> without text. Accepts each Parquet type
/// docs/unload-parquet-types.md lists for the Redshift type (and the other reasonable ones: DECIMAL on any physical type,
/// TIMESTAMP in any unit, INT96). Where a value must be text (untyped reads, decoders without <c>DecodeColumns</c>, a
/// property type the stored type does not serve directly), it is the text the Data API's CSV results carry: ints and
/// floats invariantly (<c>R</c>), decimals exactly, booleans <c>t</c>/<c>f</c>, dates <c>yyyy-MM-dd</c>, times and timestamps
/// with microseconds (<c>+00</c> for TIMESTAMPTZ, whose Parquet values are UTC), strings as they are, VARBYTE (unloaded as
/// <c>to_hex</c> text, or bytes) as base64.
/// </summary>
internal static class ParquetColumns
{
    public static async Task<ColumnBatch> ReadAsync(ParquetRowGroupReader group, DataField[] fields, IReadOnlyList<RedshiftType> targets,
        ColumnArrayPool pool, CancellationToken cancellationToken)
    {
        int rows = checked((int)group.RowCount);
        var columns = new ColumnValues[fields.Length];
        for (int c = 0; c < columns.Length; c++)
        {
            columns[c] = await ReadColumnAsync(group, fields[c], targets[c], rows, pool, cancellationToken).ConfigureAwait(false);
        }

        return new ColumnBatch(columns, rows);
    }

    private static async Task<ColumnValues> ReadColumnAsync(ParquetRowGroupReader group, DataField field, RedshiftType target, int rows,
        ColumnArrayPool pool, CancellationToken cancellationToken)
    {
        Type type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        return type switch
        {
            // TIME(MILLIS) is an INT32 and TIME(MICROS) an INT64 of the unit since midnight; Parquet.Net hands both over as numbers.
            _ when type == typeof(int) && target == RedshiftType.Time
                => new TimeOfDayColumn(await ReadValues<int>(group, field, rows, pool, cancellationToken).ConfigureAwait(false), pool, v => v * TimeSpan.TicksPerMillisecond),
            _ when type == typeof(long) && target == RedshiftType.Time
                => new TimeOfDayColumn(await ReadValues<long>(group, field, rows, pool, cancellationToken).ConfigureAwait(false), pool, v => v * 10),
            _ when type == typeof(TimeSpan) => new TimeOfDayColumn(await ReadValues<TimeSpan>(group, field, rows, pool, cancellationToken).ConfigureAwait(false), pool, v => v.Ticks),
            _ when type == typeof(TimeOnly) => new TimeOfDayColumn(await ReadValues<TimeOnly>(group, field, rows, pool, cancellationToken).ConfigureAwait(false), pool, v => v.Ticks),
            _ when type == typeof(short) => new IntegerColumn<short>(await ReadValues<short>(group, field, rows, pool, cancellationToken).ConfigureAwait(false), pool),
            _ when type == typeof(int) => new IntegerColumn<int>(await ReadValues<int>(group, field, rows, pool, cancellationToken).ConfigureAwait(false), pool),
            _ when type == typeof(long) => new IntegerColumn<long>(await ReadValues<long>(group, field, rows, pool, cancellationToken).ConfigureAwait(false), pool),
            _ when type == typeof(sbyte) => new IntegerColumn<sbyte>(await ReadValues<sbyte>(group, field, rows, pool, cancellationToken).ConfigureAwait(false), pool),
            _ when type == typeof(float) => new SingleColumn(await ReadValues<float>(group, field, rows, pool, cancellationToken).ConfigureAwait(false), pool),
            _ when type == typeof(double) => new DoubleColumn(await ReadValues<double>(group, field, rows, pool, cancellationToken).ConfigureAwait(false), pool),
            _ when type == typeof(bool) => new BooleanColumn(await ReadValues<bool>(group, field, rows, pool, cancellationToken).ConfigureAwait(false), pool),
            _ when type == typeof(decimal) => new DecimalColumn(await ReadValues<decimal>(group, field, rows, pool, cancellationToken).ConfigureAwait(false), pool),
            _ when type == typeof(BigDecimal) => new BigDecimalColumn(await ReadValues<BigDecimal>(group, field, rows, pool, cancellationToken).ConfigureAwait(false), pool),
            _ when type == typeof(DateOnly) => new DateColumn(await ReadValues<DateOnly>(group, field, rows, pool, cancellationToken).ConfigureAwait(false), pool),
            _ when type == typeof(DateTime) => new DateTimeColumn(await ReadValues<DateTime>(group, field, rows, pool, cancellationToken).ConfigureAwait(false), target, pool),
            _ when type == typeof(string) || type == typeof(ReadOnlyMemory<char>)
                => new StringColumn(await Strings(group, field, rows, pool).ConfigureAwait(false), target, pool),
            _ when type == typeof(byte[]) || type == typeof(ReadOnlyMemory<byte>)
                => new BytesColumn(await Bytes(group, field, rows, pool).ConfigureAwait(false), pool),
            _ => throw new NotSupportedException($"UNLOAD file column \"{field.Name}\" has the Parquet type {type.Name}, which is not a type UNLOAD writes for {target}."),
        };
    }

    /// <summary>
    /// A column of a value type, as nullable values whether or not the field is optional (one array, one shape). The
    /// arrays are rented from the read's own <see cref="ColumnArrayPool"/> (a row group's columns are large-object-heap
    /// arrays, which would otherwise pile up between full collections and grow the peak with the table) and go back when
    /// the batch is released.
    /// </summary>
    private static async Task<T?[]> ReadValues<T>(ParquetRowGroupReader group, DataField field, int rows, ColumnArrayPool pool, CancellationToken cancellationToken)
        where T : struct
    {
        var values = pool.Of<T?>().Rent(rows);
        if (field.IsNullable)
        {
            await group.ReadAsync<T>(field, values.AsMemory(0, rows), null, cancellationToken).ConfigureAwait(false);
            return values;
        }

        var requiredPool = pool.Of<T>();
        var required = requiredPool.Rent(rows);
        try
        {
            await group.ReadAsync<T>(field, required.AsMemory(0, rows), null, cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < rows; i++) values[i] = required[i];
        }
        finally
        {
            requiredPool.Return(required);
        }

        return values;
    }

    private static async Task<string?[]> Strings(ParquetRowGroupReader group, DataField field, int rows, ColumnArrayPool pool)
    {
        var values = pool.Of<string?>().Rent(rows);
        await group.ReadAsync(field, values.AsMemory(0, rows)!).ConfigureAwait(false);
        return values;
    }

    private static async Task<byte[]?[]> Bytes(ParquetRowGroupReader group, DataField field, int rows, ColumnArrayPool pool)
    {
        var values = pool.Of<byte[]?>().Rent(rows);
        await group.ReadAsync(field, values.AsMemory(0, rows)!).ConfigureAwait(false);
        return values;
    }

    private static string Time(long ticks)
        => new DateTime(ticks % TimeSpan.TicksPerDay).ToString("HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    /// <summary>Values of a value type; <see cref="ColumnValues.Text"/> formats one as the Data API does.</summary>
    private abstract class StructColumn<T>(T?[] values, ColumnArrayPool pool) : ColumnValues
        where T : struct
    {
        public sealed override bool IsNull(int row) => !values[row].HasValue;

        public sealed override string Text(int row) => Format(values[row].GetValueOrDefault());

        public sealed override void Release() => pool.Of<T?>().Return(values);

        protected T Value(int row) => values[row].GetValueOrDefault();

        protected abstract string Format(T value);
    }

    private sealed class IntegerColumn<T>(T?[] values, ColumnArrayPool pool) : StructColumn<T>(values, pool)
        where T : struct, IBinaryInteger<T>
    {
        public override short Int16(int row, ColumnDescriptor column)
            => long.CreateTruncating(Value(row)) is var v && v == (short)v ? (short)v : base.Int16(row, column);

        public override int Int32(int row, ColumnDescriptor column)
            => long.CreateTruncating(Value(row)) is var v && v == (int)v ? (int)v : base.Int32(row, column);

        public override long Int64(int row, ColumnDescriptor column) => long.CreateTruncating(Value(row));

        public override decimal Decimal(int row, ColumnDescriptor column) => long.CreateTruncating(Value(row));

        protected override string Format(T value) => value.ToString(null, CultureInfo.InvariantCulture);
    }

    private sealed class SingleColumn(float?[] values, ColumnArrayPool pool) : StructColumn<float>(values, pool)
    {
        public override float Single(int row, ColumnDescriptor column) => Value(row);

        protected override string Format(float value) => value.ToString("R", CultureInfo.InvariantCulture);
    }

    private sealed class DoubleColumn(double?[] values, ColumnArrayPool pool) : StructColumn<double>(values, pool)
    {
        public override double Double(int row, ColumnDescriptor column) => Value(row);

        protected override string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    }

    private sealed class BooleanColumn(bool?[] values, ColumnArrayPool pool) : StructColumn<bool>(values, pool)
    {
        public override bool Boolean(int row, ColumnDescriptor column) => Value(row);

        protected override string Format(bool value) => value ? "t" : "f";
    }

    private sealed class DecimalColumn(decimal?[] values, ColumnArrayPool pool) : StructColumn<decimal>(values, pool)
    {
        public override decimal Decimal(int row, ColumnDescriptor column) => Value(row);

        protected override string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);
    }

    private sealed class DateColumn(DateOnly?[] values, ColumnArrayPool pool) : StructColumn<DateOnly>(values, pool)
    {
        public override DateOnly Date(int row, ColumnDescriptor column) => Value(row);

        protected override string Format(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>TIME values, from whichever form Parquet.Net gives them in, as ticks since midnight.</summary>
    private sealed class TimeOfDayColumn : ColumnValues
    {
        private readonly long?[] _ticks;

        public TimeOfDayColumn(int?[] values, ColumnArrayPool pool, Func<int, long> ticks)
        {
            _ticks = Array.ConvertAll(values, v => v is { } x ? ticks(x) : (long?)null);
            pool.Of<int?>().Return(values);
        }

        public TimeOfDayColumn(long?[] values, ColumnArrayPool pool, Func<long, long> ticks)
        {
            _ticks = Array.ConvertAll(values, v => v is { } x ? ticks(x) : (long?)null);
            pool.Of<long?>().Return(values);
        }

        public TimeOfDayColumn(TimeSpan?[] values, ColumnArrayPool pool, Func<TimeSpan, long> ticks)
        {
            _ticks = Array.ConvertAll(values, v => v is { } x ? ticks(x) : (long?)null);
            pool.Of<TimeSpan?>().Return(values);
        }

        public TimeOfDayColumn(TimeOnly?[] values, ColumnArrayPool pool, Func<TimeOnly, long> ticks)
        {
            _ticks = Array.ConvertAll(values, v => v is { } x ? ticks(x) : (long?)null);
            pool.Of<TimeOnly?>().Return(values);
        }

        public override bool IsNull(int row) => !_ticks[row].HasValue;

        public override string Text(int row) => ParquetColumns.Time(_ticks[row].GetValueOrDefault());

        public override TimeOnly Time(int row, ColumnDescriptor column) => new(_ticks[row].GetValueOrDefault() % TimeSpan.TicksPerDay);
    }

    /// <summary>TIMESTAMP (and INT96) values: a timestamp, the UTC instant of a TIMESTAMPTZ, or a date, by the column's type.</summary>
    private sealed class DateTimeColumn(DateTime?[] values, RedshiftType target, ColumnArrayPool pool) : StructColumn<DateTime>(values, pool)
    {
        public override DateTime Timestamp(int row, ColumnDescriptor column)
            => target == RedshiftType.Timestamp ? DateTime.SpecifyKind(Value(row), DateTimeKind.Unspecified) : base.Timestamp(row, column);

        public override DateTimeOffset TimestampTz(int row, ColumnDescriptor column)
            => target == RedshiftType.TimestampTz ? new DateTimeOffset(DateTime.SpecifyKind(Utc(Value(row)), DateTimeKind.Unspecified), TimeSpan.Zero) : base.TimestampTz(row, column);

        public override DateOnly Date(int row, ColumnDescriptor column) => target == RedshiftType.Date ? DateOnly.FromDateTime(Value(row)) : base.Date(row, column);

        protected override string Format(DateTime value) => target switch
        {
            RedshiftType.Date => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            RedshiftType.TimestampTz => Utc(value).ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "+00",
            _ => value.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        };

        private static DateTime Utc(DateTime value) => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
    }

    /// <summary>Values of a reference type; null is NULL.</summary>
    private abstract class ReferenceColumn<T>(T?[] values, ColumnArrayPool pool) : ColumnValues
        where T : class
    {
        public sealed override bool IsNull(int row) => values[row] is null;

        // References are cleared, so that a pooled array holds no strings or bytes of a released batch.
        public sealed override void Release() => pool.Of<T?>().Return(values, clearArray: true);

        protected T Value(int row) => values[row]!;
    }

    private sealed class BigDecimalColumn(BigDecimal?[] values, ColumnArrayPool pool) : StructColumn<BigDecimal>(values, pool)
    {
        private static readonly BigInteger DecimalLimit = (BigInteger.One << 96) - 1;

        /// <summary>The unscaled integer and the scale make the decimal exactly (trailing zeros kept, as the text path keeps them).</summary>
        public override decimal Decimal(int row, ColumnDescriptor column)
        {
            var value = Value(row);
            var unscaled = value.UnscaledValue;
            if (value.Scale is < 0 or > 28 || BigInteger.Abs(unscaled) > DecimalLimit)
            {
                return base.Decimal(row, column);
            }

            Span<int> bits = stackalloc int[4];
            decimal.GetBits((decimal)BigInteger.Abs(unscaled), bits);
            return new decimal(bits[0], bits[1], bits[2], unscaled.Sign < 0, (byte)value.Scale);
        }

        protected override string Format(BigDecimal value)
        {
            var digits = BigInteger.Abs(value.UnscaledValue).ToString(CultureInfo.InvariantCulture).PadLeft(value.Scale + 1, '0');
            string sign = value.UnscaledValue.Sign < 0 ? "-" : "";
            return value.Scale == 0 ? sign + digits : sign + digits[..^value.Scale] + "." + digits[^value.Scale..];
        }
    }

    /// <summary>Strings as they are; VARBYTE, which UNLOAD cannot write to Parquet, arrives as <c>to_hex</c> text.</summary>
    private sealed class StringColumn(string?[] values, RedshiftType target, ColumnArrayPool pool) : ReferenceColumn<string>(values, pool)
    {
        public override string Text(int row) => target == RedshiftType.VarByte ? Convert.ToBase64String(Convert.FromHexString(Value(row))) : Value(row);

        public override string String(int row, ColumnDescriptor column) => target == RedshiftType.VarByte ? base.String(row, column) : Value(row);

        public override byte[] VarByte(int row, ColumnDescriptor column) => target == RedshiftType.VarByte ? Convert.FromHexString(Value(row)) : base.VarByte(row, column);
    }

    private sealed class BytesColumn(byte[]?[] values, ColumnArrayPool pool) : ReferenceColumn<byte[]>(values, pool)
    {
        public override string Text(int row) => Convert.ToBase64String(Value(row));

        public override byte[] VarByte(int row, ColumnDescriptor column) => Value(row);
    }
}
