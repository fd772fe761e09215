using System.Text;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Reading;
using RedshiftTyped.Reading.Rows;
using RedshiftTyped.Typed;
using RedshiftTyped.Values;

namespace RedshiftTyped.Tests.Reading;

/// <summary>
/// Untyped rows held column by column (Reading/Rows): every value is the one <see cref="RedshiftValueDecoder"/> gives (type
/// and value), from JSON bytes, Field records and CSV text alike; the typed accessors read it unboxed.
/// </summary>
public sealed class RowPageTests
{
    /// <summary>Field JSON, column type, precision: the fast paths (plain numerics, timestamps) and every fallback.</summary>
    public static TheoryData<string, string, int> Fields => new()
    {
        { "{\"longValue\":32767}", "int2", 0 },
        { "{\"longValue\":-2147483648}", "int4", 0 },
        { "{\"longValue\":9223372036854775807}", "int8", 0 },
        { "{\"longValue\":12}", "numeric", 8 },
        { "{\"longValue\":12}", "numeric", 38 },
        { "{\"longValue\":7}", "float4", 0 },
        { "{\"longValue\":7}", "float8", 0 },
        { "{\"longValue\":7}", "mystery", 0 },
        { "{\"doubleValue\":2.5}", "float4", 0 },
        { "{\"doubleValue\":2.3}", "float8", 0 },
        { "{\"doubleValue\":2.5}", "numeric", 8 },
        { "{\"booleanValue\":true}", "bool", 0 },
        { "{\"booleanValue\":false}", "mystery", 0 },
        { "{\"stringValue\":\"123.4500\"}", "numeric", 8 },
        { "{\"stringValue\":\"-0.01\"}", "numeric", 8 },
        { "{\"stringValue\":\"-0\"}", "numeric", 8 },
        { "{\"stringValue\":\"99999999999999999999999999.99\"}", "numeric", 28 },
        { "{\"stringValue\":\"1234567890123456789012345678.1234567890\"}", "numeric", 38 },
        { "{\"stringValue\":\"2024-06-12 14:30:45.123456\"}", "timestamp", 0 },
        { "{\"stringValue\":\"0001-01-01 00:00:00\"}", "timestamp", 0 },
        { "{\"stringValue\":\"10000-01-01 00:00:00\"}", "timestamp", 0 },
        { "{\"stringValue\":\"0044-03-15 12:00:00 BC\"}", "timestamp", 0 },
        { "{\"stringValue\":\"2024-06-12 19:30:45.123456+00\"}", "timestamptz", 0 },
        { "{\"stringValue\":\"2024-06-12 14:30:45-05\"}", "timestamptz", 0 },
        { "{\"stringValue\":\"2024-06-12\"}", "date", 0 },
        { "{\"stringValue\":\"0044-03-15 BC\"}", "date", 0 },
        { "{\"stringValue\":\"14:30:45.5\"}", "time", 0 },
        { "{\"stringValue\":\"14:30:45+02\"}", "timetz", 0 },
        { "{\"stringValue\":\"1 day 02:03:04\"}", "interval", 0 },
        { "{\"stringValue\":\"1 year 2 mons\"}", "interval", 0 },
        { "{\"stringValue\":\"t\"}", "bool", 0 },
        { "{\"stringValue\":\"Zürich \\\"q\\\"\"}", "varchar", 0 },
        { "{\"stringValue\":\"AB  \"}", "bpchar", 0 },
        { "{\"stringValue\":\"{\\\"a\\\":1}\"}", "super", 0 },
        { "{\"stringValue\":\"AQID\"}", "varbyte", 0 },
        { "{\"blobValue\":\"AQID\"}", "varbyte", 0 },
        { "{\"stringValue\":\"x\"}", "mystery", 0 },
        { "{\"isNull\":true}", "int4", 0 },
        { "{\"isNull\":true}", "numeric", 8 },
        { "{\"isNull\":true}", "varchar", 0 },
        { "{\"isNull\":true}", "timestamp", 0 },
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public void A_JSON_page_holds_what_RedshiftValueDecoder_gives(string field, string typeName, int precision)
    {
        var column = Column(typeName, precision);
        object? expected = RedshiftValueDecoder.Decode(ReadField(field), column);

        var rows = JsonPage([column], [field, field]);

        Assert.Equal(2, rows.Count);
        foreach (var row in rows)
        {
            AssertSame(expected, row[0]);
            Assert.Equal(expected is null, row.IsNull(0));
        }
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void A_page_of_Field_records_holds_what_RedshiftValueDecoder_gives(string field, string typeName, int precision)
    {
        var column = Column(typeName, precision);
        var value = ReadField(field);
        var page = new Execution.ResultPage(0, [column], 1, new List<List<Field>> { new() { value } });

        var row = Assert.Single(page.ReadRows(new RedshiftRowSchema([column])));

        AssertSame(RedshiftValueDecoder.Decode(value, column), row[0]);
    }

    [Theory]
    [InlineData("int2", 0, "-32768")]
    [InlineData("int4", 0, "42")]
    [InlineData("int8", 0, "9223372036854775807")]
    [InlineData("float4", 0, "1.5")]
    [InlineData("float8", 0, "NaN")]
    [InlineData("numeric", 8, "123.4500")]
    [InlineData("numeric", 8, "-0")]
    [InlineData("numeric", 38, "1234567890123456789012345678.12")]
    [InlineData("timestamp", 0, "2024-06-12 14:30:45.123456")]
    [InlineData("timestamp", 0, "10000-01-01 00:00:00")]
    [InlineData("timestamptz", 0, "2024-06-12 19:30:45+00")]
    [InlineData("timestamptz", 0, "2024-06-12 19:30:45+05:30")]
    [InlineData("date", 0, "2024-02-29")]
    [InlineData("timetz", 0, "14:30:45+02")]
    [InlineData("bool", 0, "f")]
    [InlineData("interval", 0, "1 year 2 mons")]
    [InlineData("varchar", 0, "text, with a comma")]
    public void A_CSV_page_holds_what_RedshiftValueDecoder_gives(string typeName, int precision, string text)
    {
        var column = Column(typeName, precision);
        var decoder = new RowPageDecoder();
        decoder.Accept([column]);
        var builder = decoder.NewPage(json: false);
        builder.Add([text]);
        builder.Add([null]);

        var rows = builder.Build().Rows(new RedshiftRowSchema([column])).ToList();

        AssertSame(RedshiftValueDecoder.FromText(text, RedshiftTypeNames.Parse(typeName), precision, "c"), rows[0][0]);
        Assert.Null(rows[1][0]);
        Assert.True(rows[1].IsNull(0));
    }

    [Theory]
    [InlineData("int4", 0, "+42")]
    [InlineData("int8", 0, " 42")]
    [InlineData("int2", 0, "42\0")]
    [InlineData("float8", 0, " 1.5")]
    [InlineData("float4", 0, "1.5 ")]
    [InlineData("numeric", 8, "7.28e2")]
    [InlineData("timestamp", 0, "2024-06-12T14:30:45")]
    public void A_CSV_field_in_a_form_Redshift_never_prints_fails_as_RedshiftValueDecoder_fails(string typeName, int precision, string text)
    {
        var column = Column(typeName, precision);
        var decoder = new RowPageDecoder();
        decoder.Accept([column]);
        var builder = decoder.NewPage(json: false);
        var expected = Assert.Throws<RowDecodeException>(() => RedshiftValueDecoder.FromText(text, RedshiftTypeNames.Parse(typeName), precision, "c"));

        var actual = Assert.Throws<RowDecodeException>(() => builder.Add([text]));

        Assert.Equal(expected.Message, actual.Message);
    }

    [Theory]
    [InlineData("{\"longValue\":40000}", "int2", typeof(OverflowException))]
    // Text in a form Redshift never prints is an error on both paths, not a guess (CanonicalText).
    [InlineData("{\"stringValue\":\"1.5e3\"}", "numeric", typeof(RowDecodeException))]
    [InlineData("{\"stringValue\":\"2024-06-12T14:30:45\"}", "timestamp", typeof(RowDecodeException))]
    [InlineData("{\"stringValue\":\"abc\"}", "numeric", typeof(RowDecodeException))]
    [InlineData("{\"stringValue\":\"2024-13-01 00:00:00\"}", "timestamp", typeof(RowDecodeException))]
    [InlineData("{\"stringValue\":\"14:30:45.1234567\"}", "time", typeof(RowDecodeException))]
    [InlineData("{\"stringValue\":\"2024-06-12 14:30:45.1234567\"}", "timestamp", typeof(RowDecodeException))]
    [InlineData("{\"booleanValue\":true}", "int4", typeof(FormatException))]
    [InlineData("{}", "bool", typeof(FormatException))]
    public void A_bad_value_fails_as_RedshiftValueDecoder_fails(string field, string typeName, Type exception)
    {
        var column = Column(typeName, 8);
        var expected = Assert.Throws(exception, () => RedshiftValueDecoder.Decode(ReadField(field), column));

        var actual = Assert.Throws(exception, () => JsonPage([column], [field]));

        Assert.Equal(expected.Message, actual.Message);
    }

    [Fact]
    public void The_typed_accessors_read_each_column_of_a_sales_row()
    {
        ColumnMetadata[] columns = [Column("int4", 0, "salesid"), Column("int2", 0, "qtysold"), Column("numeric", 8, "pricepaid"),
            Column("timestamp", 0, "saletime"), Column("varchar", 0, "note"), Column("int8", 0, "big"), Column("float8", 0, "ratio"),
            Column("bool", 0, "paid")];
        var rows = JsonPage(columns, [
            "{\"longValue\":7},{\"longValue\":4},{\"stringValue\":\"12.50\"},{\"stringValue\":\"2008-01-01 10:00:00\"},{\"stringValue\":\"hi\"},{\"longValue\":5},{\"doubleValue\":0.5},{\"booleanValue\":true}",
            "{\"longValue\":8},{\"longValue\":1},{\"isNull\":true},{\"isNull\":true},{\"isNull\":true},{\"isNull\":true},{\"isNull\":true},{\"isNull\":true}"]);

        var first = rows[0];
        Assert.Equal(7, first.GetInt32(0));
        Assert.Equal((short)4, first.GetInt16(1));
        Assert.Equal(12.50m, first.GetDecimal(2));
        Assert.Equal("12.50", first.GetDecimal(2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new DateTime(2008, 1, 1, 10, 0, 0, DateTimeKind.Unspecified), first.GetDateTime(3));
        Assert.Equal("hi", first.GetString(4));
        Assert.Equal(5L, first.GetInt64(5));
        Assert.Equal(0.5, first.GetDouble(6));
        Assert.True(first.GetBoolean(7));
        Assert.Equal(12.50m, first.GetFieldValue<decimal?>(2));
        Assert.Equal(12.50m, first.GetFieldValue<decimal>("pricepaid"));
        Assert.Equal(12.50m, first.Get<decimal?>("pricepaid"));
        Assert.Equal(2, first.GetOrdinal("pricepaid"));

        var second = rows[1];
        Assert.Equal(8, second.GetInt32(0));
        Assert.True(second.IsNull(2));
        Assert.Null(second.GetFieldValue<decimal?>(2));
        Assert.Null(second.GetString(4));
        Assert.Equal(0m, second.Get<decimal>("pricepaid"));
        var isNull = Assert.Throws<InvalidCastException>(() => second.GetDecimal(2));
        Assert.Contains("\"pricepaid\" is NULL", isNull.Message, StringComparison.Ordinal);
        var wrongType = Assert.Throws<InvalidCastException>(() => first.GetInt64(0));
        Assert.Equal("Column \"salesid\" holds a value of type Int32, not Int64: read it as Int32.", wrongType.Message);
        Assert.Throws<KeyNotFoundException>(() => first.GetOrdinal("salesId"));
        var outOfRange = Assert.Throws<IndexOutOfRangeException>(() => first.GetInt32(99));
        Assert.Equal($"Column ordinal 99 is out of range: the row has {first.Count} columns, numbered from 0 (GetOrdinal finds one by name).", outOfRange.Message);
        Assert.Throws<IndexOutOfRangeException>(() => first.IsNull(-1));
        Assert.Throws<IndexOutOfRangeException>(() => first[first.Count]);
        Assert.Equal(new object?[] { 7, (short)4, 12.50m, new DateTime(2008, 1, 1, 10, 0, 0), "hi", 5L, 0.5, true }, first.ToArray());
    }

    [Fact]
    public void A_timestamp_beyond_NET_years_reads_as_its_text_and_not_as_a_DateTime()
    {
        var rows = JsonPage([Column("timestamp", 0)], ["{\"stringValue\":\"10000-01-01 00:00:00\"}", "{\"stringValue\":\"2000-01-01 00:00:00\"}"]);

        Assert.Equal("10000-01-01 00:00:00", rows[0][0]);
        Assert.Equal("10000-01-01 00:00:00", rows[0].GetFieldValue<string>(0));
        Assert.False(rows[0].IsNull(0));
        Assert.Throws<InvalidCastException>(() => rows[0].GetDateTime(0));
        Assert.Equal(new DateTime(2000, 1, 1), rows[1].GetDateTime(0));
    }

    [Fact]
    public void Pages_larger_than_the_last_keep_every_value_in_order()
    {
        var column = Column("int4", 0);
        var decoder = new RowPageDecoder();
        decoder.Accept([column]);
        foreach (int size in new[] { 3, 1000, 5 })
        {
            var builder = decoder.NewPage(json: false);
            // NULLs where the arrays grow (16, 32, …) too.
            for (int i = 0; i < size; i++) builder.Add([i % 7 == 0 || i % 16 == 0 ? null : i.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

            var rows = builder.Build().Rows(new RedshiftRowSchema([column])).ToList();

            Assert.Equal(size, rows.Count);
            for (int i = 0; i < size; i++)
            {
                Assert.Equal(i % 7 == 0 || i % 16 == 0 ? null : i, rows[i].GetFieldValue<int?>(0));
            }
        }
    }

    [Fact]
    public void A_row_made_from_values_has_the_same_accessors()
    {
        var schema = new RedshiftRowSchema([Column("int4", 0, "a"), Column("numeric", 8, "b")]);
        var row = new RedshiftRow(schema, [3, null]);

        Assert.Equal(3, row.GetInt32(0));
        Assert.True(row.IsNull(1));
        Assert.Null(row.GetFieldValue<decimal?>(1));
        Assert.Equal(0m, row.Get<decimal>("b"));
        Assert.Throws<InvalidCastException>(() => row.GetDecimal(1));
        Assert.Throws<InvalidCastException>(() => row.GetInt64(0));
    }

    [Fact]
    public void A_page_appends_to_an_Arrow_batch_as_its_boxed_rows_do()
    {
        ColumnMetadata[] columns = [Column("int4", 0, "a"), Column("int2", 0, "b"), Column("int8", 0, "c"), Column("float8", 0, "d"),
            Column("numeric", 8, "e"), Column("numeric", 38, "f"), Column("bool", 0, "g"), Column("date", 0, "h"), Column("timestamp", 0, "i"),
            Column("timestamptz", 0, "j"), Column("varchar", 0, "k"), Column("time", 0, "l")];
        foreach (var column in columns) column.Scale = 2;
        string[] records = [
            "{\"longValue\":1},{\"longValue\":2},{\"longValue\":3},{\"doubleValue\":0.5},{\"stringValue\":\"1.25\"},{\"stringValue\":\"12345678901234567890123456789.12\"},{\"booleanValue\":true},{\"stringValue\":\"2024-02-29\"},{\"stringValue\":\"2024-02-29 12:00:00.5\"},{\"stringValue\":\"2024-02-29 12:00:00+00\"},{\"stringValue\":\"x\"},{\"stringValue\":\"10:11:12\"}",
            "{\"isNull\":true},{\"isNull\":true},{\"isNull\":true},{\"isNull\":true},{\"isNull\":true},{\"isNull\":true},{\"isNull\":true},{\"isNull\":true},{\"isNull\":true},{\"isNull\":true},{\"isNull\":true},{\"isNull\":true}"];
        var decoder = new RowPageDecoder();
        decoder.Accept(columns);
        var builder = decoder.NewPage(json: true);
        DataApiRecords.ReadPage(Encoding.UTF8.GetBytes("{\"Records\":[" + string.Join(",", records.Select(r => "[" + r + "]")) + "]}"), builder);
        var page = builder.Build();
        var schema = ResultArrowSchema.For(columns);

        var fromPage = new UntypedArrowBatchBuilder(schema);
        fromPage.Append(page);
        var fromBoxed = new UntypedArrowBatchBuilder(schema);
        for (int row = 0; row < page.Count; row++) fromBoxed.Append(page.BoxRow(row));
        using var expected = fromBoxed.Build();
        using var actual = fromPage.Build();

        Assert.Equal(2, actual.Length);
        for (int c = 0; c < columns.Length; c++)
        {
            Assert.Equal(Values(expected.Column(c)), Values(actual.Column(c)));
            Assert.True(actual.Column(c).IsNull(1));
        }
    }

    private static object?[] Values(Apache.Arrow.IArrowArray array) => array switch
    {
        Apache.Arrow.StringArray s => [.. Enumerable.Range(0, s.Length).Select(i => (object?)s.GetString(i))],
        _ => [.. Enumerable.Range(0, array.Length).Select(i => array.IsNull(i) ? null : (object?)Convert.ToBase64String(RawValue(array, i)))],
    };

    private static byte[] RawValue(Apache.Arrow.IArrowArray array, int index)
    {
        var data = array.Data;
        if (data.DataType is Apache.Arrow.Types.BooleanType)
        {
            return [(byte)(((Apache.Arrow.BooleanArray)array).GetValue(index) == true ? 1 : 0)];
        }

        int width = ((Apache.Arrow.Types.FixedWidthType)data.DataType).BitWidth / 8;
        return data.Buffers[1].Span.Slice((data.Offset + index) * width, width).ToArray();
    }

    private static ColumnMetadata Column(string typeName, int precision, string name = "c")
        => new() { Name = name, TypeName = typeName, Precision = precision };

    private static Field ReadField(string json)
    {
        var reader = new System.Text.Json.Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return new FieldJsonConverter().Read(ref reader, typeof(Field), DataApi.Serialization.RedshiftDataJsonContext.Default.Options);
    }

    /// <summary>A GetStatementResult body of these records (each the text of its Fields), read through RowPageBuilder.</summary>
    private static List<RedshiftRow> JsonPage(ColumnMetadata[] columns, string[] records)
    {
        var decoder = new RowPageDecoder();
        decoder.Accept(columns);
        var builder = decoder.NewPage(json: true);
        byte[] body = Encoding.UTF8.GetBytes("{\"Records\":[" + string.Join(",", records.Select(r => "[" + r + "]")) + "]}");
        DataApiRecords.ReadPage(body, builder);
        return builder.Build().Rows(new RedshiftRowSchema(columns)).ToList();
    }

    private static void AssertSame(object? expected, object? actual)
    {
        Assert.Equal(expected?.GetType(), actual?.GetType());
        Assert.Equal(expected, actual);
    }
}
