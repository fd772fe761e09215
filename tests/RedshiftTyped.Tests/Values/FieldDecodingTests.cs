using System.Data.SqlTypes;
using System.Text.Json;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.DataApi.Serialization;
using RedshiftTyped.Values;

namespace RedshiftTyped.Tests.Values;

/// <summary>Field values as the Data API sends them (DATA-API-FACTS §4), decoded for every Redshift type.</summary>
public sealed class FieldDecodingTests
{
    private static object? Decode(string fieldJson, string typeName, int precision = 0)
    {
        var page = JsonSerializer.Deserialize(
            $"{{\"Records\":[[{fieldJson}]],\"ColumnMetadata\":[{{\"name\":\"c\",\"typeName\":\"{typeName}\",\"precision\":{precision}}}]}}",
            RedshiftDataJsonContext.Default.GetStatementResultResponse)!;
        return RedshiftValueDecoder.Decode(page.Records![0][0], page.ColumnMetadata![0]);
    }

    [Theory]
    [InlineData("{\"longValue\":32767}", "int2", (short)32767)]
    [InlineData("{\"longValue\":-32768}", "int2", (short)-32768)]
    [InlineData("{\"longValue\":2147483647}", "int4", 2147483647)]
    [InlineData("{\"longValue\":0}", "int4", 0)]
    [InlineData("{\"longValue\":9223372036854775807}", "int8", 9223372036854775807L)]
    [InlineData("{\"longValue\":-9223372036854775808}", "int8", -9223372036854775808L)]
    [InlineData("{\"doubleValue\":123.456787109375}", "float4", 123.456787f)]
    [InlineData("{\"doubleValue\":2.3}", "float8", 2.3)]
    [InlineData("{\"doubleValue\":-0.0}", "float8", -0.0)]
    [InlineData("{\"doubleValue\":\"NaN\"}", "float8", double.NaN)]
    [InlineData("{\"doubleValue\":\"-Infinity\"}", "float8", double.NegativeInfinity)]
    [InlineData("{\"booleanValue\":true}", "bool", true)]
    [InlineData("{\"booleanValue\":false}", "bool", false)]
    [InlineData("{\"stringValue\":\"Hello World\"}", "varchar", "Hello World")]
    [InlineData("{\"stringValue\":\"AB      \"}", "bpchar", "AB      ")]
    [InlineData("{\"stringValue\":\"\"}", "varchar", "")]
    [InlineData("{\"stringValue\":\"Zürich 東京 🚀 \\\"q\\\"\"}", "varchar", "Zürich 東京 🚀 \"q\"")]
    [InlineData("{\"stringValue\":\"{\\\"foo\\\":[1,2]}\"}", "super", "{\"foo\":[1,2]}")]
    [InlineData("{\"stringValue\":\"0101000000000000000000F03F\"}", "geometry", "0101000000000000000000F03F")]
    public void Scalars_decode_to_their_NET_type(string field, string typeName, object expected)
    {
        var value = Decode(field, typeName);
        Assert.Equal(expected.GetType(), value!.GetType());
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("numeric", "728.00\u0000")]
    [InlineData("numeric", "7.28e2")]
    [InlineData("numeric", " 728")]
    [InlineData("numeric", "+728")]
    [InlineData("int4", " 7")]
    [InlineData("int4", "7\u0000")]
    [InlineData("int4", "+7")]
    [InlineData("int8", "7e0")]
    [InlineData("int2", "7.0")]
    [InlineData("float8", " 2.5")]
    [InlineData("float8", "2.5\u0000")]
    [InlineData("float8", "0x10")]
    [InlineData("float4", "1,5")]
    [InlineData("bool", "yes")]
    [InlineData("bool", " t")]
    [InlineData("date", " 2024-06-12")]
    [InlineData("date", "2024-06-12\u0000")]
    [InlineData("time", "14:30")]
    [InlineData("time", "14:30:45 ")]
    [InlineData("timestamp", " 2024-06-12 14:30:45")]
    [InlineData("timestamp", "2024-06-12T14:30:45")]
    [InlineData("timestamptz", "2024-06-12 14:30:45Z")]
    [InlineData("timestamptz", "2024-06-12 14:30:45")]
    [InlineData("timestamptz", "2024-06-12 14:30:45+00\u0000")]
    [InlineData("varbyte", "YW Jj")]
    public void Text_in_any_form_but_the_one_Redshift_prints_is_a_RowDecodeException_naming_column_and_value(string typeName, string text)
    {
        var ex = Assert.Throws<Typed.RowDecodeException>(() => RedshiftValueDecoder.FromText(text, RedshiftTypeNames.Parse(typeName), 10, "price"));
        Assert.StartsWith("Column \"price\" (", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"\"{text.Replace("\u0000", "\\u0000", StringComparison.Ordinal)}\"", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\u0000", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("numeric", "-728.50", "-728.50")]
    [InlineData("int4", "-7", "-7")]
    [InlineData("float8", "1e+20", "1E+20")]
    [InlineData("float8", "-Infinity", "-Infinity")]
    [InlineData("float4", "NaN", "NaN")]
    [InlineData("bool", "true", "True")]
    [InlineData("timestamptz", "2024-06-12 14:30:45.5-05:30", "06/12/2024 20:00:45 +00:00")]
    public void The_forms_Redshift_prints_read(string typeName, string text, string expected)
        => Assert.Equal(expected, Convert.ToString(RedshiftValueDecoder.FromText(text, RedshiftTypeNames.Parse(typeName), 10, "c"), System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void NULL_is_null_for_every_type_and_is_not_confused_with_a_boolean()
    {
        foreach (string type in new[] { "int2", "int4", "int8", "float4", "float8", "numeric", "bool", "varchar", "bpchar", "date", "time", "timetz", "timestamp", "timestamptz", "varbyte", "super", "geometry" })
        {
            Assert.Null(Decode("{\"isNull\":true}", type));
        }
    }

    [Fact]
    public void Empty_string_and_NULL_stay_distinct()
    {
        Assert.Equal("", Decode("{\"stringValue\":\"\"}", "varchar"));
        Assert.Null(Decode("{\"isNull\":true}", "varchar"));
    }

    [Theory]
    [InlineData("123.45", 8, "123.45")]
    [InlineData("-0.01", 8, "-0.01")]
    [InlineData("0", 8, "0")]
    [InlineData("0.00", 8, "0.00")]
    [InlineData("99999999999999999999999999.99", 28, "99999999999999999999999999.99")]
    public void Numeric_up_to_28_digits_is_an_exact_decimal(string text, int precision, string expected)
    {
        var value = Assert.IsType<decimal>(Decode($"{{\"stringValue\":\"{text}\"}}", "numeric", precision));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
        Assert.Equal(expected, value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("1234567890123456789012345678.1234567890")]
    [InlineData("-1234567890123456789012345678.1234567890")]
    [InlineData("9999999999999999999999999999.9999999999")]
    [InlineData("0.0000000001")]
    public void Numeric_38_10_at_full_width_is_read_losslessly(string text)
    {
        var value = Assert.IsType<SqlDecimal>(Decode($"{{\"stringValue\":\"{text}\"}}", "numeric", 38));
        Assert.Equal(text, value.ToString());
    }

    [Theory]
    [InlineData("2024-06-12 14:30:45.123456", 2024, 6, 12, 14, 30, 45, 1234560)]
    [InlineData("2022-02-22 00:00:00.0", 2022, 2, 22, 0, 0, 0, 0)]
    [InlineData("2020-08-21 17:33:51.88712", 2020, 8, 21, 17, 33, 51, 8871200)]
    [InlineData("0001-01-01 00:00:00", 1, 1, 1, 0, 0, 0, 0)]
    [InlineData("9999-12-31 23:59:59.999999", 9999, 12, 31, 23, 59, 59, 9999990)]
    public void Timestamps_keep_microseconds_and_have_no_kind(string text, int y, int mo, int d, int h, int mi, int s, int ticks)
    {
        var value = Assert.IsType<DateTime>(Decode($"{{\"stringValue\":\"{text}\"}}", "timestamp"));
        Assert.Equal(new DateTime(y, mo, d, h, mi, s, DateTimeKind.Unspecified).AddTicks(ticks), value);
        Assert.Equal(DateTimeKind.Unspecified, value.Kind);
    }

    [Theory]
    [InlineData("2024-06-12 19:30:45.123456+00", "2024-06-12T19:30:45.1234560+00:00")]
    [InlineData("2024-06-12 14:30:45.123456-05", "2024-06-12T19:30:45.1234560+00:00")]
    [InlineData("2024-06-12 14:30:45+05:30", "2024-06-12T09:00:45.0000000+00:00")]
    public void Timestamptz_is_UTC_with_its_offset_applied(string text, string expectedIso)
    {
        var value = Assert.IsType<DateTimeOffset>(Decode($"{{\"stringValue\":\"{text}\"}}", "timestamptz"));
        Assert.Equal(TimeSpan.Zero, value.Offset);
        Assert.Equal(expectedIso, value.ToString("O"));
    }

    [Fact]
    public void Dates_times_and_timetz_decode()
    {
        Assert.Equal(new DateOnly(2024, 6, 12), Decode("{\"stringValue\":\"2024-06-12\"}", "date"));
        Assert.Equal(new TimeOnly(14, 30, 45), Decode("{\"stringValue\":\"14:30:45\"}", "time"));
        Assert.Equal(new TimeOnly(14, 30, 45).Add(TimeSpan.FromTicks(1234560)), Decode("{\"stringValue\":\"14:30:45.123456\"}", "time"));
        var timetz = Assert.IsType<DateTimeOffset>(Decode("{\"stringValue\":\"14:30:45.5+05:30\"}", "timetz"));
        Assert.Equal(new TimeSpan(5, 30, 0), timetz.Offset);
        Assert.Equal(new TimeOnly(14, 30, 45, 500), TimeOnly.FromDateTime(timetz.DateTime));
    }

    [Fact]
    public void Varbyte_is_base64_in_stringValue()
    {
        Assert.Equal("abc"u8.ToArray(), Decode("{\"stringValue\":\"YWJj\"}", "varbyte"));
        Assert.Equal(new byte[] { 0, 255, 16 }, Decode("{\"blobValue\":\"AP8Q\"}", "varbyte"));
        Assert.Equal(Array.Empty<byte>(), Decode("{\"stringValue\":\"\"}", "varbyte"));
    }

    [Fact]
    public void Intervals_decode_day_to_second_as_TimeSpan()
    {
        Assert.Equal(new TimeSpan(1, 2, 3, 4, 500), Decode("{\"stringValue\":\"1 day 02:03:04.5\"}", "intervald2s"));
        Assert.Equal(TimeSpan.FromSeconds(-1), Decode("{\"stringValue\":\"-00:00:01\"}", "intervald2s"));
        Assert.Equal("1 year 2 mons", Decode("{\"stringValue\":\"1 year 2 mons\"}", "intervaly2m"));
    }

    [Fact]
    public void Bool_and_float4_sent_as_text_by_old_endpoints_still_decode()
    {
        Assert.Equal(true, Decode("{\"stringValue\":\"t\"}", "bool"));
        Assert.Equal(2.2f, Decode("{\"stringValue\":\"2.2\"}", "float4"));
    }

    [Fact]
    public void An_empty_Field_and_an_unparsable_value_fail_with_the_column_named()
    {
        Assert.Contains("empty Field", Assert.Throws<FormatException>(() => Decode("{}", "bool")).Message);
        var ex = Assert.Throws<Typed.RowDecodeException>(() => Decode("{\"stringValue\":\"not a date\"}", "date"));
        Assert.Contains("Column \"c\"", ex.Message);
        Assert.Contains("not a date", ex.Message);
    }

    [Fact]
    public void Unknown_Field_members_are_skipped()
    {
        Assert.Equal(5L, Decode("{\"futureValue\":{\"x\":1},\"longValue\":5}", "int8"));
    }

    [Theory]
    [InlineData("character varying(256)", RedshiftType.VarChar)]
    [InlineData("numeric(18,2)", RedshiftType.Numeric)]
    [InlineData("timestamp with time zone", RedshiftType.TimestampTz)]
    [InlineData("timestamp without time zone", RedshiftType.Timestamp)]
    [InlineData("time with time zone", RedshiftType.TimeTz)]
    [InlineData("double precision", RedshiftType.DoublePrecision)]
    [InlineData("character(3)", RedshiftType.Char)]
    [InlineData("bpchar", RedshiftType.Char)]
    [InlineData("INT4", RedshiftType.Integer)]
    [InlineData("binary varying(100)", RedshiftType.VarByte)]
    [InlineData("interval day to second", RedshiftType.IntervalDayToSecond)]
    [InlineData("mystery", RedshiftType.Unknown)]
    public void Type_names_normalise(string name, RedshiftType expected) => Assert.Equal(expected, RedshiftTypeNames.Parse(name));

    [Fact]
    public void Fields_round_trip_through_JSON_exactly()
    {
        Field[] fields = [Field.Null, Field.FromBoolean(true), Field.FromLong(long.MinValue), Field.FromDouble(double.PositiveInfinity),
            Field.FromDouble(0.1), Field.FromString("ü\"\n"), Field.FromBlob([1, 2, 3])];
        foreach (var field in fields)
        {
            string json = JsonSerializer.Serialize(field, RedshiftDataJsonContext.Default.Options);
            Assert.Equal(field, JsonSerializer.Deserialize<Field>(json, RedshiftDataJsonContext.Default.Options));
        }

        Assert.Equal("{\"isNull\":true}", JsonSerializer.Serialize(Field.Null, RedshiftDataJsonContext.Default.Options));
    }

    [Theory]
    [InlineData("{\"longValue\":1,\"longValue\":2}")]
    [InlineData("{\"longValue\":2,\"stringValue\":\"3\"}")]
    [InlineData("{\"isNull\":true,\"stringValue\":\"y\"}")]
    [InlineData("{\"longValue\":1e2}")]
    [InlineData("{\"longValue\":99999999999999999999}")]
    [InlineData("{\"stringValue\":\"\\ud800\"}")]
    [InlineData("{\"booleanValue\":1}")]
    public void A_malformed_Field_is_a_JsonException_never_a_value(string json)
        => Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Field>(json, RedshiftDataJsonContext.Default.Options));

    [Theory]
    [InlineData("{\"isNull\":false,\"longValue\":2}")]
    [InlineData("{\"longValue\":2,\"futureMember\":{\"a\":1}}")]
    public void IsNull_false_and_unknown_members_leave_the_one_value(string json)
        => Assert.Equal(Field.FromLong(2), JsonSerializer.Deserialize<Field>(json, RedshiftDataJsonContext.Default.Options));
}
