using Apache.Arrow;
using Apache.Arrow.Types;

namespace RedshiftTyped.Tests.Export;

/// <summary>A batch with every Arrow type Redshift columns map to, as generated tables describe them.</summary>
internal static class ExportSamples
{
    public static readonly TimestampType Timestamp = new(TimeUnit.Microsecond, (string?)null);
    public static readonly TimestampType TimestampTz = new(TimeUnit.Microsecond, "UTC");

    public static Schema Schema { get; } = new Schema.Builder()
        .Field(f => f.Name("id").DataType(Int32Type.Default).Nullable(false))
        .Field(f => f.Name("i16").DataType(Int16Type.Default).Nullable(true))
        .Field(f => f.Name("i64").DataType(Int64Type.Default).Nullable(true))
        .Field(f => f.Name("f32").DataType(FloatType.Default).Nullable(true))
        .Field(f => f.Name("f64").DataType(DoubleType.Default).Nullable(true))
        .Field(f => f.Name("big").DataType(new Decimal128Type(38, 10)).Nullable(true))
        .Field(f => f.Name("price").DataType(new Decimal128Type(8, 2)).Nullable(true))
        .Field(f => f.Name("flag").DataType(BooleanType.Default).Nullable(true))
        .Field(f => f.Name("day").DataType(Date32Type.Default).Nullable(true))
        .Field(f => f.Name("at").DataType(new Time64Type(TimeUnit.Microsecond)).Nullable(true))
        .Field(f => f.Name("ts").DataType(Timestamp).Nullable(true))
        .Field(f => f.Name("tstz").DataType(TimestampTz).Nullable(true))
        .Field(f => f.Name("span").DataType(DurationType.Microsecond).Nullable(true))
        .Field(f => f.Name("bytes").DataType(BinaryType.Default).Nullable(true))
        .Field(f => f.Name("name").DataType(StringType.Default).Nullable(true))
        .Build();

    public const string BigValue = "1234567890123456789012345678.9012345678"; // 38 digits: more than decimal holds

    /// <summary>Row 0: ordinary values; row 1: every nullable column null; row 2: edges (negatives, empties, quotes).</summary>
    public static RecordBatch Batch(int firstId = 1)
    {
        var arrays = new IArrowArray[]
        {
            new Int32Array.Builder().Append(firstId).Append(firstId + 1).Append(firstId + 2).Build(),
            new Int16Array.Builder().Append(-32768).AppendNull().Append(32767).Build(),
            new Int64Array.Builder().Append(long.MaxValue).AppendNull().Append(-1).Build(),
            new FloatArray.Builder().Append(1.5f).AppendNull().Append(float.NaN).Build(),
            new DoubleArray.Builder().Append(0.1).AppendNull().Append(double.NegativeInfinity).Build(),
            new Decimal128Array.Builder(new Decimal128Type(38, 10)).Append(BigValue).AppendNull().Append("-0.0000000001").Build(),
            new Decimal128Array.Builder(new Decimal128Type(8, 2)).Append(12.50m).AppendNull().Append(-0.05m).Build(),
            new BooleanArray.Builder().Append(true).AppendNull().Append(false).Build(),
            new Date32Array.Builder().Append(new DateOnly(2008, 2, 29)).AppendNull().Append(new DateOnly(1, 1, 1)).Build(),
            new Time64Array.Builder(TimeUnit.Microsecond).Append(new TimeOnly(13, 14, 15).Add(TimeSpan.FromTicks(1234560)).Ticks / 10).AppendNull().Append(0L).Build(),
            new TimestampArray.Builder(Timestamp).Append(new DateTimeOffset(2008, 1, 5, 14, 0, 0, 123, 456, TimeSpan.Zero)).AppendNull().Append(new DateTimeOffset(1969, 12, 31, 23, 59, 59, TimeSpan.Zero)).Build(),
            new TimestampArray.Builder(TimestampTz).Append(new DateTimeOffset(2008, 1, 5, 14, 0, 0, 0, 1, TimeSpan.Zero)).AppendNull().Append(DateTimeOffset.UnixEpoch).Build(),
            new DurationArray.Builder(DurationType.Microsecond).Append(new TimeSpan(1, 2, 3, 4) + TimeSpan.FromTicks(50)).AppendNull().Append(-1L).Build(),
            new BinaryArray.Builder().Append([0xde, 0xad, 0xbe, 0xef]).AppendNull().Append(ReadOnlySpan<byte>.Empty).Build(),
            new StringArray.Builder().Append("Grand \"Ole\" Opry, Nashville").AppendNull().Append("").Build(),
        };
        return new RecordBatch(Schema, arrays, 3);
    }

    public static async IAsyncEnumerable<RecordBatch> Batches(int count)
    {
        for (int i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return Batch(1 + i * 3);
        }
    }
}
