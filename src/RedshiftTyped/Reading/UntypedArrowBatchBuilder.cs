using System.Data.SqlTypes;
using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Types;
using RedshiftTyped.Typed;

namespace RedshiftTyped.Reading;

/// <summary>
/// Collects untyped rows (values as <see cref="Values.RedshiftValueDecoder"/> gives them) into one Arrow record batch
/// of <see cref="ResultArrowSchema"/>'s schema.
/// </summary>
internal sealed class UntypedArrowBatchBuilder
{
    private readonly Schema _schema;
    private readonly Action<object?>[] _append;

    /// <summary>Per column: appends a page's value held unboxed (true), or leaves a NULL or fallback value to <see cref="_append"/> (false).</summary>
    private readonly Func<Rows.RowColumn, int, bool>[] _appendUnboxed;
    private readonly Func<IArrowArray>[] _build;
    private int _count;

    public UntypedArrowBatchBuilder(Schema schema)
    {
        _schema = schema;
        _append = new Action<object?>[schema.FieldsList.Count];
        _build = new Func<IArrowArray>[schema.FieldsList.Count];
        _appendUnboxed = new Func<Rows.RowColumn, int, bool>[schema.FieldsList.Count];
        for (int i = 0; i < _append.Length; i++)
        {
            (_append[i], _build[i], _appendUnboxed[i]) = ColumnFor(schema.FieldsList[i].DataType, schema.FieldsList[i].Name);
        }
    }

    /// <summary>Appends every row of a page of untyped rows, reading the values its columns hold unboxed without boxing them.</summary>
    public void Append(Rows.RowPage page)
    {
        for (int row = 0; row < page.Count; row++)
        {
            for (int i = 0; i < _append.Length; i++)
            {
                var column = page.Columns[i];
                if (!_appendUnboxed[i](column, row))
                {
                    _append[i](column.GetValue(row));
                }
            }

            _count++;
        }
    }

    /// <summary>Appends one row's decoded values, in column order.</summary>
    public void Append(object?[] values)
    {
        for (int i = 0; i < _append.Length; i++)
        {
            _append[i](values[i]);
        }

        _count++;
    }

    public RecordBatch Build() => new(_schema, _build.Select(b => b()), _count);

    private static (Action<object?> Append, Func<IArrowArray> Build, Func<Rows.RowColumn, int, bool> AppendUnboxed) ColumnFor(IArrowType type, string name)
    {
        switch (type)
        {
            case Int16Type:
                return Column<Int16Array.Builder, short>(new Int16Array.Builder(), (b, v) => b.Append((short)v), b => b.AppendNull(), b => b.Build(), (b, v) => b.Append(v));
            case Int32Type:
                return Column<Int32Array.Builder, int>(new Int32Array.Builder(), (b, v) => b.Append((int)v), b => b.AppendNull(), b => b.Build(), (b, v) => b.Append(v));
            case Int64Type:
                return Column<Int64Array.Builder, long>(new Int64Array.Builder(), (b, v) => b.Append((long)v), b => b.AppendNull(), b => b.Build(), (b, v) => b.Append(v));
            case FloatType:
                return Column<FloatArray.Builder, float>(new FloatArray.Builder(), (b, v) => b.Append((float)v), b => b.AppendNull(), b => b.Build(), (b, v) => b.Append(v));
            case DoubleType:
                return Column<DoubleArray.Builder, double>(new DoubleArray.Builder(), (b, v) => b.Append((double)v), b => b.AppendNull(), b => b.Build(), (b, v) => b.Append(v));
            case Decimal128Type decimalType:
                return Column<Decimal128Array.Builder, decimal>(new Decimal128Array.Builder(decimalType), (b, v) =>
                {
                    if (v is SqlDecimal wide)
                    {
                        b.Append(wide);
                    }
                    else
                    {
                        b.Append((decimal)v);
                    }
                }, b => b.AppendNull(), b => b.Build(), (b, v) => b.Append(v));
            case BooleanType:
                return Column<BooleanArray.Builder, bool>(new BooleanArray.Builder(), (b, v) => b.Append((bool)v), b => b.AppendNull(), b => b.Build(), (b, v) => b.Append(v));
            case Date32Type:
                return Column<Date32Array.Builder, DateOnly>(new Date32Array.Builder(), (b, v) => b.Append(v as DateOnly? ?? throw BeyondRange(name, v)), b => b.AppendNull(), b => b.Build(), (b, v) => b.Append(v));
            case Time64Type time64:
                return Column<Time64Array.Builder, TimeOnly>(new Time64Array.Builder(time64), (b, v) => b.Append((TimeOnly)v), b => b.AppendNull(), b => b.Build(), (b, v) => b.Append(v));
            case TimestampType timestamp:
                var timestamps = new TimestampArray.Builder(timestamp);
                var (append, build, appendLocal) = Column<TimestampArray.Builder, DateTime>(timestamps, (b, v) => b.Append(v switch
                {
                    DateTime local => ArrowValues.Timestamp(local),
                    DateTimeOffset utc => utc,
                    _ => throw BeyondRange(name, v),
                }), b => b.AppendNull(), b => b.Build(), (b, v) => b.Append(ArrowValues.Timestamp(v)));
                var appendUtc = Unboxed<TimestampArray.Builder, DateTimeOffset>(timestamps, (b, v) => b.Append(v));
                return (append, build, (column, row) => appendLocal(column, row) || appendUtc(column, row));
            case DurationType duration:
                return Column<DurationArray.Builder, TimeSpan>(new DurationArray.Builder(duration), (b, v) => b.Append(v as TimeSpan? ?? throw BeyondRange(name, v)),
                    b => b.AppendNull(), b => b.Build(), (b, v) => b.Append(v));
            case BinaryType:
                return WithoutUnboxed(Column(new BinaryArray.Builder(), (b, v) => b.Append((ReadOnlySpan<byte>)(byte[])v), b => b.AppendNull(), b => b.Build()));
            default:
                return WithoutUnboxed(Column(new StringArray.Builder(), (b, v) => b.Append(v switch
                {
                    string text => text,
                    DateTimeOffset timeTz => ArrowValues.TimeTz(timeTz),
                    IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                    _ => v.ToString(),
                }), b => b.AppendNull(), b => b.Build()));
        }
    }

    /// <summary>
    /// A value the column's Arrow type cannot hold, given as its documented fallback (see RedshiftValueDecoder): a date
    /// beyond .NET's years 1 to 9999 as its text, an interval with months as a RedshiftInterval. The batch fails, naming it.
    /// </summary>
    private static RowDecodeException BeyondRange(string column, object value) => new(
        null,
        $"Column \"{column}\" holds {value}, which its Arrow type cannot: " + (value is Values.RedshiftInterval
            ? "a duration has no months. Cast the column to varchar in the SQL (a view) to export it as text."
            : ".NET's dates and timestamps (and Parquet.Net's) hold the years 1 to 9999. Cast the column to varchar in the SQL (a view), " +
              "or leave such rows out, to export it."));

    /// <summary>A column whose page values are all references (strings, byte arrays): each is appended as it is read.</summary>
    private static (Action<object?>, Func<IArrowArray>, Func<Rows.RowColumn, int, bool>) WithoutUnboxed((Action<object?> Append, Func<IArrowArray> Build) column)
        => (column.Append, column.Build, static (_, _) => false);

    /// <summary>A column whose page values of type <typeparamref name="T"/> are appended unboxed by <paramref name="appendUnboxed"/>.</summary>
    private static (Action<object?>, Func<IArrowArray>, Func<Rows.RowColumn, int, bool>) Column<TBuilder, T>(TBuilder builder,
        Action<TBuilder, object> append, Action<TBuilder> appendNull, Func<TBuilder, IArrowArray> build, Action<TBuilder, T> appendUnboxed)
        where T : struct
    {
        var (boxed, built) = Column(builder, append, appendNull, build);
        return (boxed, built, Unboxed(builder, appendUnboxed));
    }

    private static Func<Rows.RowColumn, int, bool> Unboxed<TBuilder, T>(TBuilder builder, Action<TBuilder, T> append)
        where T : struct
        => (column, row) =>
        {
            if (column is Rows.ValueColumn<T> values && values.TryGetValue(row, out T value))
            {
                append(builder, value);
                return true;
            }

            return false;
        };

    private static (Action<object?>, Func<IArrowArray>) Column<TBuilder>(
        TBuilder builder, Action<TBuilder, object> append, Action<TBuilder> appendNull, Func<TBuilder, IArrowArray> build)
        => (value =>
        {
            if (value is null)
            {
                appendNull(builder);
            }
            else
            {
                append(builder, value);
            }
        }, () => build(builder));
}
