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
    private readonly Func<IArrowArray>[] _build;
    private int _count;

    public UntypedArrowBatchBuilder(Schema schema)
    {
        _schema = schema;
        _append = new Action<object?>[schema.FieldsList.Count];
        _build = new Func<IArrowArray>[schema.FieldsList.Count];
        for (int i = 0; i < _append.Length; i++)
        {
            (_append[i], _build[i]) = ColumnFor(schema.FieldsList[i].DataType, schema.FieldsList[i].Name);
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

    private static (Action<object?> Append, Func<IArrowArray> Build) ColumnFor(IArrowType type, string name)
    {
        switch (type)
        {
            case Int16Type:
                return Column(new Int16Array.Builder(), (b, v) => b.Append((short)v), b => b.AppendNull(), b => b.Build());
            case Int32Type:
                return Column(new Int32Array.Builder(), (b, v) => b.Append((int)v), b => b.AppendNull(), b => b.Build());
            case Int64Type:
                return Column(new Int64Array.Builder(), (b, v) => b.Append((long)v), b => b.AppendNull(), b => b.Build());
            case FloatType:
                return Column(new FloatArray.Builder(), (b, v) => b.Append((float)v), b => b.AppendNull(), b => b.Build());
            case DoubleType:
                return Column(new DoubleArray.Builder(), (b, v) => b.Append((double)v), b => b.AppendNull(), b => b.Build());
            case Decimal128Type decimalType:
                return Column(new Decimal128Array.Builder(decimalType), (b, v) =>
                {
                    if (v is SqlDecimal wide)
                    {
                        b.Append(wide);
                    }
                    else
                    {
                        b.Append((decimal)v);
                    }
                }, b => b.AppendNull(), b => b.Build());
            case BooleanType:
                return Column(new BooleanArray.Builder(), (b, v) => b.Append((bool)v), b => b.AppendNull(), b => b.Build());
            case Date32Type:
                return Column(new Date32Array.Builder(), (b, v) => b.Append(v as DateOnly? ?? throw BeyondRange(name, v)), b => b.AppendNull(), b => b.Build());
            case Time64Type time64:
                return Column(new Time64Array.Builder(time64), (b, v) => b.Append((TimeOnly)v), b => b.AppendNull(), b => b.Build());
            case TimestampType timestamp:
                return Column(new TimestampArray.Builder(timestamp), (b, v) => b.Append(v switch
                {
                    DateTime local => ArrowValues.Timestamp(local),
                    DateTimeOffset utc => utc,
                    _ => throw BeyondRange(name, v),
                }), b => b.AppendNull(), b => b.Build());
            case DurationType duration:
                return Column(new DurationArray.Builder(duration), (b, v) => b.Append(v as TimeSpan? ?? throw BeyondRange(name, v)),
                    b => b.AppendNull(), b => b.Build());
            case BinaryType:
                return Column(new BinaryArray.Builder(), (b, v) => b.Append((ReadOnlySpan<byte>)(byte[])v), b => b.AppendNull(), b => b.Build());
            default:
                return Column(new StringArray.Builder(), (b, v) => b.Append(v switch
                {
                    string text => text,
                    DateTimeOffset timeTz => ArrowValues.TimeTz(timeTz),
                    IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                    _ => v.ToString(),
                }), b => b.AppendNull(), b => b.Build());
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
