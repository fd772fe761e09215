using Schema = Apache.Arrow.Schema;
using Apache.Arrow.Types;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Values;

namespace RedshiftTyped.Reading;

/// <summary>
/// The Arrow type of each Redshift type — the same mapping the generator compiles in, so typed and untyped snapshots
/// of one table have one schema: int2/4/8 → Int16/32/64, float4/8 → Float/Double, numeric(p,s) → Decimal128(p,s),
/// bool → Boolean, date → Date32, time → Time64(µs), timestamp → Timestamp(µs), timestamptz → Timestamp(µs, UTC),
/// interval day to second → Duration(µs), varbyte → Binary, and text for the rest (char, varchar, super as JSON,
/// timetz with its offset, geometry, interval year to month).
/// </summary>
public static class ResultArrowSchema
{
    /// <summary>The Arrow schema of a result described by ColumnMetadata.</summary>
    public static Schema For(IReadOnlyList<ColumnMetadata> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var fields = columns.Select(c => new Apache.Arrow.Field(
            c.Name ?? c.Label ?? string.Empty,
            TypeOf(RedshiftTypeNames.Parse(c.TypeName), c.Precision, c.Scale),
            nullable: c.Nullable != 0));
        return new Schema(fields, null);
    }

    /// <summary>The Arrow type of one column. A numeric whose precision is unknown is kept as text, losslessly.</summary>
    public static IArrowType TypeOf(RedshiftType type, int? precision, int? scale) => type switch
    {
        RedshiftType.SmallInt => Int16Type.Default,
        RedshiftType.Integer => Int32Type.Default,
        RedshiftType.BigInt => Int64Type.Default,
        RedshiftType.Real => FloatType.Default,
        RedshiftType.DoublePrecision => DoubleType.Default,
        RedshiftType.Numeric when precision is >= 1 and <= 38 => new Decimal128Type(precision.Value, scale is >= 0 && scale <= precision ? scale.Value : 0),
        RedshiftType.Boolean => BooleanType.Default,
        RedshiftType.Date => Date32Type.Default,
        RedshiftType.Time => new Time64Type(TimeUnit.Microsecond),
        RedshiftType.Timestamp => new TimestampType(TimeUnit.Microsecond, (string?)null),
        RedshiftType.TimestampTz => new TimestampType(TimeUnit.Microsecond, "UTC"),
        RedshiftType.IntervalDayToSecond => DurationType.Microsecond,
        RedshiftType.VarByte => BinaryType.Default,
        _ => StringType.Default,
    };
}
