using System.Data.SqlTypes;
using System.Text;
using System.Text.Json;
using Apache.Arrow;
using Apache.Arrow.Types;
using RedshiftTyped.Generator.Tests.Generated.Synthetic;
using RedshiftTyped.Generator.Tests.Generated.Synthetic.Hazards_2;
using RedshiftTyped.Generator.Tests.Generated.Tickit;
using RedshiftTyped.Typed;

namespace RedshiftTyped.Generator.Tests;

/// <summary>
/// The decoders the generator wrote into this test assembly (from Snapshots/), fed Data API pages shaped as
/// DATA-API-FACTS §4 describes and CSV as GetStatementResultV2 sends it.
/// </summary>
public sealed class DecoderTests
{
    // One record of every type, in the select-list order of hazards.all_types. An unknown Field member is skipped.
    private const string FullRecord = """
        [{"longValue":-32768},{"longValue":2147483647},{"longValue":9223372036854775807},{"doubleValue":123.456787109375},
         {"doubleValue":2.3},{"stringValue":"1234567890123456.78"},{"stringValue":"1234567890123456789012345678.0123456789"},
         {"stringValue":"99999999999999999999999999999999999999"},{"booleanValue":true},{"stringValue":"abc       "},
         {"stringValue":"h\u00e9llo \"w\u00f6rld\"\n"},{"stringValue":"2024-06-12"},{"stringValue":"14:30:45.123456"},
         {"stringValue":"14:30:45+05:30"},{"stringValue":"2024-06-12 14:30:45.123456"},{"stringValue":"2024-06-12 19:30:45.123456+00"},
         {"stringValue":"1 year 2 mons"},{"stringValue":"1 day 02:03:04.5"},{"stringValue":"YWJj"},
         {"stringValue":"{\"foo\":[1,2.50,\"x\"]}"},{"stringValue":"0101000000000000000000F03F0000000000000040"},
         {"stringValue":"0101000020E6100000000000000000F03F0000000000000040"},{"stringValue":"{\"version\":1,\"logm\":15}"},
         {"longValue":7},{"longValue":-8},{"longValue":9},{"doubleValue":0.5},{"doubleValue":"NaN"},{"stringValue":"-0.01"},
         {"booleanValue":false},{"stringValue":""},{"stringValue":"1999-12-31"},{"stringValue":"00:00:00"},{"stringValue":"23:59:59.999999-08"},
         {"stringValue":"2022-02-22 00:00:00.0"},{"stringValue":"2024-06-12 14:30:45-05:00"},{"stringValue":"-00:00:01"},{"stringValue":""},
         {"longValue":42},{"stringValue":"192.168.0.0/16","typeHint":{"ignored":[1]}},{"longValue":5}]
        """;

    // The NOT NULL columns again (some in other forms the general parser handles: an escaped string, +00:00), every nullable column NULL.
    private const string NullRecord = """
        [{"longValue":32767},{"longValue":-1},{"longValue":0},{"doubleValue":-1.5},{"doubleValue":"-Infinity"},{"longValue":12},
         {"isNull":true},{"isNull":true},{"booleanValue":false},{"stringValue":""},{"stringValue":"x"},
         {"stringValue":"2024\u002d02\u002d29"},{"stringValue":"23:59:59"},{"stringValue":"00:00:00+00"},
         {"stringValue":"2000-01-01 00:00:00"},{"stringValue":"1970-01-01 00:00:00+00:00"},{"stringValue":"-1 years"},{"stringValue":"3 days"},
         {"stringValue":""},{"stringValue":"null"},{"stringValue":""},{"stringValue":""},{"stringValue":""},
         {"isNull":true},{"isNull":true},{"isNull":true},{"isNull":true},{"isNull":true},{"isNull":true},{"isNull":true},{"isNull":true},
         {"isNull":true},{"isNull":true},{"isNull":true},{"isNull":true},{"isNull":true},{"isNull":true},{"isNull":true},{"isNull":true},
         {"isNull":true},{"isNull":true}]
        """;

    [Fact]
    public void JsonPageDecodesEveryType()
    {
        var rows = DataApiRecords.ReadJsonPage(Page(FullRecord, NullRecord), SyntheticDatabase.Hazards_2.AllTypes.Decoder);

        Assert.Equal(2, rows.Count);
        AssertFullRow(rows[0]);
        var row = rows[1];
        Assert.Equal(32767, row.CInt2);
        Assert.Equal(12m, row.CNumeric);
        Assert.Equal(double.NegativeInfinity, row.CFloat8);
        Assert.Equal(new DateOnly(2024, 2, 29), row.CDate);
        Assert.Equal(new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Unspecified), row.CTimestamp);
        Assert.Equal(DateTimeOffset.UnixEpoch, row.CTimestamptz);
        Assert.Equal(TimeSpan.FromDays(3), row.CIntervalDs);
        Assert.Equal("-1 years", row.CIntervalYm);
        Assert.Empty(row.CVarbyte);
        Assert.Equal("null", row.CSuper.Json);
        Assert.Null(row.CNumericWide);
        Assert.Null(row.CNumericText);
        Assert.Null(row.NInt2);
        Assert.Null(row.NInt4);
        Assert.Null(row.NInt8);
        Assert.Null(row.NFloat4);
        Assert.Null(row.NFloat8);
        Assert.Null(row.NNumeric);
        Assert.Null(row.NBool);
        Assert.Null(row.NVarchar);
        Assert.Null(row.NDate);
        Assert.Null(row.NTime);
        Assert.Null(row.NTimetz);
        Assert.Null(row.NTimestamp);
        Assert.Null(row.NTimestamptz);
        Assert.Null(row.NIntervalDs);
        Assert.Null(row.NVarbyte);
        Assert.Null(row.NSuper);
        Assert.Null(row.CUnknown);
        Assert.Null(row.Renamed);
    }

    [Fact]
    public void CsvRecordsDecodeEveryType()
    {
        // RFC 4180, no header; NULL is an empty unquoted field and an empty string is "".
        string csv = string.Join(",", [
            "-32768", "2147483647", "9223372036854775807", "123.456787109375", "2.3", "1234567890123456.78",
            "1234567890123456789012345678.0123456789", "99999999999999999999999999999999999999", "t", "\"abc       \"",
            "\"héllo \"\"wörld\"\"\n\"", "2024-06-12", "14:30:45.123456", "14:30:45+05:30", "2024-06-12 14:30:45.123456",
            "2024-06-12 19:30:45.123456+00", "1 year 2 mons", "1 day 02:03:04.5", "YWJj", "\"{\"\"foo\"\":[1,2.50,\"\"x\"\"]}\"",
            "0101000000000000000000F03F0000000000000040", "0101000020E6100000000000000000F03F0000000000000040",
            "\"{\"\"version\"\":1,\"\"logm\"\":15}\"", "7", "-8", "9", "0.5", "NaN", "-0.01", "f", "\"\"", "1999-12-31", "00:00:00",
            "23:59:59.999999-08", "2022-02-22 00:00:00.0", "2024-06-12 14:30:45-05:00", "-00:00:01", "\"\"", "42", "192.168.0.0/16", "5",
        ]) + "\n" + string.Join(",", [
            "32767", "-1", "0", "-1.5", "-Infinity", "12", "", "", "f", "\"\"", "x", "2024-02-29", "23:59:59", "00:00:00+00",
            "2000-01-01 00:00:00", "1970-01-01 00:00:00+00", "-1 years", "3 days", "\"\"", "null", "\"\"", "\"\"", "\"\"",
            .. Enumerable.Repeat(string.Empty, 18),
        ]) + "\n";

        var rows = DataApiRecords.ReadCsv(csv, SyntheticDatabase.Hazards_2.AllTypes.Decoder).ToList();

        Assert.Equal(2, rows.Count);
        AssertFullRow(rows[0]);
        Assert.Null(rows[1].NInt4);
        Assert.Null(rows[1].NSuper);
        Assert.Null(rows[1].Renamed);
        Assert.Equal(string.Empty, rows[1].CChar);
        Assert.Equal(TimeSpan.FromDays(3), rows[1].CIntervalDs);
    }

    [Fact]
    public void TickitSalesPageAsTheServiceSendsIt()
    {
        const string body = """
            {"Records":[[{"longValue":1},{"longValue":1},{"longValue":36861},{"longValue":21191},{"longValue":7872},{"longValue":1875},
               {"longValue":4},{"stringValue":"728.00"},{"stringValue":"109.20"},{"stringValue":"2008-02-18 02:36:48"}],
              [{"longValue":2},{"longValue":4},{"longValue":8117},{"longValue":11498},{"longValue":4337},{"longValue":1983},
               {"longValue":2},{"isNull":true},{"isNull":true},{"isNull":true}]],
             "ColumnMetadata":[{"isCaseSensitive":false,"isCurrency":false,"isSigned":true,"label":"salesid","length":0,"name":"salesid",
               "nullable":0,"precision":10,"scale":0,"schemaName":"public","tableName":"sales","typeName":"int4","type":4}],
             "TotalNumRows":2}
            """;

        var rows = DataApiRecords.ReadJsonPage(Encoding.UTF8.GetBytes(body), TickitDatabase.Public.Sales.Decoder);

        Assert.Equal(2, rows.Count);
        Assert.Equal(1, rows[0].Salesid);
        Assert.Equal((short)4, rows[0].Qtysold);
        Assert.Equal(728.00m, rows[0].Pricepaid);
        Assert.Equal("728.00", rows[0].Pricepaid!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(109.20m, rows[0].Commission);
        Assert.Equal(new DateTime(2008, 2, 18, 2, 36, 48), rows[0].Saletime);
        Assert.Null(rows[1].Pricepaid);
        Assert.Null(rows[1].Saletime);
    }

    [Fact]
    public void WholePageGivesRowsMetadataAndNextToken()
    {
        const string body = """
            {"ColumnMetadata":[{"name":"catid","typeName":"int2","nullable":0,"precision":5,"scale":0,"unknownKey":[1]},
               {"name":"catgroup","typeName":"varchar","nullable":1,"length":0}],
             "NextToken":"opaque==","TotalNumRows":3,
             "Records":[[{"longValue":1},{"stringValue":"Sports"},{"stringValue":"MLB"},{"isNull":true}]]}
            """;

        var page = DataApiRecords.ReadPage(Encoding.UTF8.GetBytes(body), TickitDatabase.Public.Category.Decoder);

        var row = Assert.Single(page.Rows);
        Assert.Equal(((short)1, "Sports", "MLB", (string?)null), (row.Catid, row.Catgroup, row.Catname, row.Catdesc));
        Assert.Equal(["catid", "catgroup"], page.ColumnMetadata!.Select(c => c.Name));
        Assert.Equal("int2", page.ColumnMetadata![0].TypeName);
        Assert.Equal("opaque==", page.NextToken);
        Assert.Equal(3, page.TotalNumRows);
    }

    [Theory]
    [InlineData("""{"Records":[[{"longValue":1},{"stringValue":"a"},{"stringValue":"b"},{"isNull":true}]],"Records":[]}""", "Records twice")]
    [InlineData("""{"Records":[],"NextToken":5}""", "NextToken must be a string")]
    [InlineData("""{"Records":[],"TotalNumRows":"5"}""", "TotalNumRows must be a number")]
    [InlineData("""{"Records":[]}garbage""", "")]
    public void A_malformed_page_is_a_JsonException_never_fewer_or_more_rows(string body, string message)
    {
        var ex = Assert.ThrowsAny<JsonException>(() => DataApiRecords.ReadPage(Encoding.UTF8.GetBytes(body), TickitDatabase.Public.Category.Decoder));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_NextToken_is_the_last_page()
        => Assert.Null(DataApiRecords.ReadPage("""{"Records":[],"NextToken":null}"""u8.ToArray(), TickitDatabase.Public.Category.Decoder).NextToken);

    [Theory]
    [InlineData("123456789012345678")]
    [InlineData("-123456789012345678")]
    [InlineData("1234567890123456789")]
    [InlineData("-9223372036854775808")]
    [InlineData("9223372036854775807")]
    [InlineData("-0")]
    public void BigintsOfEveryLengthReadExactly(string number)
    {
        // Plain integers of up to 18 digits are read by the record scanner, longer ones and other spellings by the general reader.
        string record = NullRecord.Replace("{\"longValue\":0}", "{\"longValue\":" + number + "}", StringComparison.Ordinal);
        var row = Assert.Single(DataApiRecords.ReadJsonPage(Page(record), SyntheticDatabase.Hazards_2.AllTypes.Decoder));
        Assert.Equal(long.Parse(number, System.Globalization.CultureInfo.InvariantCulture), row.CInt8);
    }

    [Theory]
    [InlineData("123456789012345678901234567890")]
    [InlineData("1.23456789012345678901234567890123")]
    public void NumericBeyondDecimalRaisesAClearOverflow(string value)
    {
        string record = FullRecord.Replace("\"1234567890123456.78\"", "\"" + value + "\"", StringComparison.Ordinal);

        var ex = Assert.Throws<OverflowException>(() => DataApiRecords.ReadJsonPage(Page(record), SyntheticDatabase.Hazards_2.AllTypes.Decoder));

        Assert.Contains("\"c_numeric\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains("synthetic.hazards.all_types", ex.Message, StringComparison.Ordinal);
        Assert.Contains(value, ex.Message, StringComparison.Ordinal);
        Assert.Contains("SqlDecimal", ex.Message, StringComparison.Ordinal);

        var csv = Assert.Throws<OverflowException>(() => SyntheticDatabase.Hazards_2.AllTypes.Decoder.DecodeCsv(CsvFieldsWithNumeric(value)));
        Assert.Equal(ex.Message, csv.Message);
    }

    [Theory]
    [InlineData("79228162514264337593543950335")]
    [InlineData("-0.0000000000000000000000000001")]
    [InlineData("12345678901234567890.123456780000000000")]
    public void NumericAtTheEdgeOfDecimalIsExact(string value)
    {
        string record = FullRecord.Replace("\"1234567890123456.78\"", "\"" + value + "\"", StringComparison.Ordinal);
        var row = Assert.Single(DataApiRecords.ReadJsonPage(Page(record), SyntheticDatabase.Hazards_2.AllTypes.Decoder));
        Assert.Equal(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), row.CNumeric);
    }

    // TICKIT sales: salesid, listid, sellerid, buyerid, eventid, dateid, qtysold, pricepaid, commission, saletime.
    private static readonly string[] SalesCsv = ["1", "1", "36861", "21191", "7872", "1875", "4", "728.00", "109.20", "2008-02-18 02:36:48"];

    [Theory]
    [InlineData(7, "728.00\u0000")]
    [InlineData(7, "7.28e2")]
    [InlineData(7, " 728.00")]
    [InlineData(7, "728.00 ")]
    [InlineData(7, "+728.00")]
    [InlineData(7, "728.")]
    [InlineData(7, ".5")]
    [InlineData(7, "-.5")]
    [InlineData(7, "1e40")]
    [InlineData(7, "1.5E-2")]
    [InlineData(7, "12345678901234567890.5\u0000")]
    [InlineData(9, " 2008-02-18 02:36:48")]
    [InlineData(9, "2008-02-18T02:36:48")]
    [InlineData(9, "2008-02-18 02:36:48\u0000")]
    [InlineData(9, "2008-02-18  02:36:48")]
    [InlineData(9, "2008-02-18 02:36")]
    public void Text_in_any_form_but_the_one_Redshift_prints_is_a_RowDecodeException_naming_the_column(int index, string text)
    {
        string json = JsonSerializer.Serialize(text);
        var fields = SalesCsv.Select(f => $"{{\"stringValue\":{JsonSerializer.Serialize(f)}}}").ToArray();
        fields[index] = $"{{\"stringValue\":{json}}}";
        string record = "[" + string.Join(",", fields.Select((f, i) => i < 7 ? $"{{\"longValue\":{SalesCsv[i]}}}" : f)) + "]";
        var csv = (string[])SalesCsv.Clone();
        csv[index] = text;
        string column = index == 7 ? "pricepaid" : "saletime";

        var fromJson = Assert.Throws<RowDecodeException>(() => DataApiRecords.ReadJsonPage(Page(record), TickitDatabase.Public.Sales.Decoder));
        var fromCsv = Assert.Throws<RowDecodeException>(() => TickitDatabase.Public.Sales.Decoder.DecodeCsv(csv));

        foreach (var ex in new[] { fromJson, fromCsv })
        {
            Assert.Equal(column, ex.Column?.Name);
            Assert.Contains($"Column \"{column}\" of tickit.public.sales", ex.Message, StringComparison.Ordinal);
            Assert.Contains(text.Replace("\u0000", "\\u0000", StringComparison.Ordinal), ex.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(0, " 1")]
    [InlineData(0, "1 ")]
    [InlineData(0, "+1")]
    [InlineData(0, "1\u0000")]
    [InlineData(0, "1e0")]
    [InlineData(0, "1.0")]
    [InlineData(6, "0x4")]
    public void Integers_in_CSV_take_only_digits_and_a_minus(int index, string text)
    {
        var csv = (string[])SalesCsv.Clone();
        csv[index] = text;
        var ex = Assert.Throws<RowDecodeException>(() => TickitDatabase.Public.Sales.Decoder.DecodeCsv(csv));
        Assert.Equal(index == 0 ? "salesid" : "qtysold", ex.Column?.Name);
    }

    [Fact]
    public void The_forms_Redshift_prints_still_read()
    {
        var row = TickitDatabase.Public.Sales.Decoder.DecodeCsv(["-1", "1", "1", "1", "1", "1", "-4", "-0.00", "109", "2008-02-18 02:36:48.123456"]);
        Assert.Equal(-1, row.Salesid);
        Assert.Equal((short)-4, row.Qtysold);
        Assert.Equal(0m, row.Pricepaid);
        Assert.Equal(109m, row.Commission);
        Assert.Equal(new DateTime(2008, 2, 18, 2, 36, 48).AddTicks(1_234_560), row.Saletime);
    }

    [Fact]
    public void NullInANotNullColumnNamesTheColumn()
    {
        string record = FullRecord.Replace("{\"longValue\":2147483647}", "{\"isNull\":true}", StringComparison.Ordinal);
        var ex = Assert.Throws<RowDecodeException>(() => DataApiRecords.ReadJsonPage(Page(record), SyntheticDatabase.Hazards_2.AllTypes.Decoder));
        Assert.Equal("c_int4", ex.Column?.Name);
        Assert.Contains("synthetic.hazards.all_types", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValueOutOfRangeOfItsTypeNamesTheColumn()
    {
        string record = FullRecord.Replace("{\"longValue\":-32768}", "{\"longValue\":40000}", StringComparison.Ordinal);
        var ex = Assert.Throws<RowDecodeException>(() => DataApiRecords.ReadJsonPage(Page(record), SyntheticDatabase.Hazards_2.AllTypes.Decoder));
        Assert.Equal("c_int2", ex.Column?.Name);
    }

    [Fact]
    public void WrongFieldMemberForTheTypeIsReported()
    {
        string record = FullRecord.Replace("{\"stringValue\":\"2024-06-12\"}", "{\"longValue\":20240612}", StringComparison.Ordinal);
        var ex = Assert.Throws<RowDecodeException>(() => DataApiRecords.ReadJsonPage(Page(record), SyntheticDatabase.Hazards_2.AllTypes.Decoder));
        Assert.Equal("c_date", ex.Column?.Name);
        Assert.Contains("longValue", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordsOfTheWrongWidthAreRejected()
    {
        var decoder = TickitDatabase.Public.Category.Decoder;
        Assert.Throws<RowDecodeException>(() => DataApiRecords.ReadJsonPage(Page("""[{"longValue":1},{"stringValue":"Sports"}]"""), decoder));
        Assert.Throws<RowDecodeException>(() => DataApiRecords.ReadJsonPage(
            Page("""[{"longValue":1},{"stringValue":"a"},{"stringValue":"b"},{"stringValue":"c"},{"stringValue":"d"}]"""), decoder));
        Assert.Throws<RowDecodeException>(() => decoder.DecodeCsv(["1", "a"]));
    }

    [Fact]
    public void ArrowBatchCarriesEveryTypeAndNull()
    {
        var table = SyntheticDatabase.Hazards_2.AllTypes;
        var rows = DataApiRecords.ReadJsonPage(Page(FullRecord, NullRecord), table.Decoder);
        var builder = table.CreateArrowBuilder();
        foreach (var row in rows)
        {
            builder.Append(row);
        }

        using var batch = builder.Build();

        Assert.Equal(2, batch.Length);
        Assert.Same(table.ArrowSchema, batch.Schema);
        Assert.Equal(table.Columns.Count, batch.ColumnCount);
        Assert.Equal((short)-32768, ((Int16Array)batch.Column("c_int2")).GetValue(0));
        Assert.Equal(1234567890123456.78m, ((Decimal128Array)batch.Column("c_numeric")).GetValue(0));
        Assert.Equal(SqlDecimal.Parse("1234567890123456789012345678.0123456789"), ((Decimal128Array)batch.Column("c_numeric_wide")).GetSqlDecimal(0));
        Assert.Equal(new DateOnly(2024, 6, 12), ((Date32Array)batch.Column("c_date")).GetDateOnly(0));
        Assert.Equal(new TimeOnly(14, 30, 45).Add(TimeSpan.FromTicks(1234560)), ((Time64Array)batch.Column("c_time")).GetTime(0));
        Assert.Equal("14:30:45.000000+05:30", ((StringArray)batch.Column("c_timetz")).GetString(0));
        var timestamp = (TimestampArray)batch.Column("c_timestamp");
        Assert.Null(((TimestampType)timestamp.Data.DataType).Timezone);
        Assert.Equal(new DateTimeOffset(2024, 6, 12, 14, 30, 45, TimeSpan.Zero).AddTicks(1234560), timestamp.GetTimestamp(0));
        Assert.Equal("UTC", ((TimestampType)batch.Column("c_timestamptz").Data.DataType).Timezone);
        Assert.Equal(new TimeSpan(1, 2, 3, 4, 500), ((DurationArray)batch.Column("c_interval_ds")).GetTimeSpan(0));
        Assert.Equal("abc"u8.ToArray(), ((BinaryArray)batch.Column("c_varbyte")).GetBytes(0).ToArray());
        Assert.Equal("{\"foo\":[1,2.50,\"x\"]}", ((StringArray)batch.Column("c_super")).GetString(0));
        Assert.Equal(1, batch.Column("n_int4").NullCount);
        Assert.True(batch.Column("n_varbyte").IsNull(1));
        Assert.False(table.ArrowSchema.GetFieldByName("c_int4").IsNullable);
        Assert.True(table.ArrowSchema.GetFieldByName("n_int4").IsNullable);
    }

    [Fact]
    public void DescriptorsDescribeTheSnapshot()
    {
        var sales = TickitDatabase.Public.Sales;
        Assert.Equal(("tickit", "public", "sales", TableKind.Table), (sales.Database, sales.Schema, sales.Name, sales.Kind));
        Assert.Equal("\"public\".\"sales\"", sales.QualifiedName);
        Assert.Equal(10, sales.Columns.Count);
        var pricepaid = sales.FindColumn("pricepaid")!;
        Assert.Equal((8, "numeric(8,2)", "numeric", typeof(decimal?), true, 8, 2, 7), (pricepaid.Ordinal, pricepaid.RedshiftType, pricepaid.TypeName, pricepaid.ClrType, pricepaid.IsNullable, pricepaid.Precision, pricepaid.Scale, pricepaid.Position));
        Assert.Equal(typeof(Generated.Tickit.Public.Sales), sales.RecordType);

        var hazards = SyntheticDatabase.Hazards_2.NamingHazards;
        Assert.Contains("\"we\"\"ird\"", hazards.SelectList, StringComparison.Ordinal);
        Assert.Contains("\"naming hazards\"", hazards.SelectList, StringComparison.Ordinal);
        Assert.Equal("\"hazards\".\"naming hazards\"", hazards.QualifiedName);
        Assert.Equal(hazards.Columns.Select(c => c.QuotedName), hazards.SelectList.Split(", "));

        Assert.IsNotType<ColumnDescriptor[]>(sales.Columns);
        Assert.Same(sales.Columns, Generated.Tickit.Public.Sales.RedshiftTable.Columns);

        var allTypes = SyntheticDatabase.Hazards_2.AllTypes;
        Assert.Null(allTypes.FindColumn("c_ignored"));
        Assert.Equal(["c_int4"], allTypes.PrimaryKey);
        Assert.Equal(TableKind.LateBindingView, SyntheticDatabase.Hazards_2.Events.Kind);
        Assert.Equal(TableKind.ExternalTable, SyntheticDatabase.Hazards_2.Customer.Kind);
    }

    [Fact]
    public void SuperKeepsTheExactTextAndParsesOnDemand()
    {
        var row = DataApiRecords.ReadJsonPage(Page(FullRecord), SyntheticDatabase.Hazards_2.AllTypes.Decoder)[0];
        Assert.Equal("2.50", row.CSuper.ToJsonElement().GetProperty("foo")[1].GetRawText());
        Assert.Equal(new RedshiftSuper("{\"foo\":[1,2.50,\"x\"]}"), row.CSuper);
        Assert.Equal(42, row.NSuper!.ToJsonElement().GetInt32());
    }

    private static void AssertFullRow(Generated.Synthetic.Hazards_2.AllTypes row)
    {
        Assert.Equal((short)-32768, row.CInt2);
        Assert.Equal(int.MaxValue, row.CInt4);
        Assert.Equal(long.MaxValue, row.CInt8);
        Assert.Equal(123.456787f, row.CFloat4);
        Assert.Equal(2.3, row.CFloat8);
        Assert.Equal(1234567890123456.78m, row.CNumeric);
        Assert.Equal(SqlDecimal.Parse("1234567890123456789012345678.0123456789"), row.CNumericWide!.Value);
        Assert.Equal("99999999999999999999999999999999999999", row.CNumericText);
        Assert.True(row.CBool);
        Assert.Equal("abc       ", row.CChar);
        Assert.Equal("héllo \"wörld\"\n", row.CVarchar);
        Assert.Equal(new DateOnly(2024, 6, 12), row.CDate);
        Assert.Equal(new TimeOnly(14, 30, 45).Add(TimeSpan.FromTicks(1234560)), row.CTime);
        Assert.Equal(new DateTimeOffset(1, 1, 2, 14, 30, 45, TimeSpan.FromMinutes(330)), row.CTimetz);
        Assert.Equal(new DateTime(2024, 6, 12, 14, 30, 45, DateTimeKind.Unspecified).AddTicks(1234560), row.CTimestamp);
        Assert.Equal(DateTimeKind.Unspecified, row.CTimestamp.Kind);
        Assert.Equal(new DateTimeOffset(2024, 6, 12, 19, 30, 45, TimeSpan.Zero).AddTicks(1234560), row.CTimestamptz);
        Assert.Equal(TimeSpan.Zero, row.CTimestamptz.Offset);
        Assert.Equal("1 year 2 mons", row.CIntervalYm);
        Assert.Equal(new TimeSpan(1, 2, 3, 4, 500), row.CIntervalDs);
        Assert.Equal("abc"u8.ToArray(), row.CVarbyte);
        Assert.Equal("{\"foo\":[1,2.50,\"x\"]}", row.CSuper.Json);
        Assert.Equal("0101000000000000000000F03F0000000000000040", row.CGeometry);
        Assert.Equal("0101000020E6100000000000000000F03F0000000000000040", row.CGeography);
        Assert.Equal("{\"version\":1,\"logm\":15}", row.CHllsketch);
        Assert.Equal((short)7, row.NInt2);
        Assert.Equal(-8, row.NInt4);
        Assert.Equal(9L, row.NInt8);
        Assert.Equal(0.5f, row.NFloat4);
        Assert.True(double.IsNaN(row.NFloat8!.Value));
        Assert.Equal(-0.01m, row.NNumeric);
        Assert.False(row.NBool);
        Assert.Equal(string.Empty, row.NVarchar);
        Assert.Equal(new DateOnly(1999, 12, 31), row.NDate);
        Assert.Equal(TimeOnly.MinValue, row.NTime);
        Assert.Equal(new DateTimeOffset(1, 1, 2, 23, 59, 59, TimeSpan.FromHours(-8)).AddTicks(9999990), row.NTimetz);
        Assert.Equal(new DateTime(2022, 2, 22), row.NTimestamp);
        Assert.Equal(new DateTimeOffset(2024, 6, 12, 19, 30, 45, TimeSpan.Zero), row.NTimestamptz);
        Assert.Equal(TimeSpan.FromSeconds(-1), row.NIntervalDs);
        Assert.Empty(row.NVarbyte!);
        Assert.Equal("42", row.NSuper!.Json);
        Assert.Equal("192.168.0.0/16", row.CUnknown);
        Assert.Equal(5, row.Renamed);
    }

    private static string?[] CsvFieldsWithNumeric(string numeric)
    {
        var fields = new string?[SyntheticDatabase.Hazards_2.AllTypes.Columns.Count];
        string[] notNull = ["1", "1", "1", "1", "1", numeric, "", "", "t", "a", "b", "2024-01-01", "00:00:00", "00:00:00+00",
            "2024-01-01 00:00:00", "2024-01-01 00:00:00+00", "1 mon", "1 day", "", "{}", "g", "g", "h"];
        for (int i = 0; i < notNull.Length; i++)
        {
            fields[i] = notNull[i].Length == 0 && i is 6 or 7 ? null : notNull[i];
        }

        return fields;
    }

    private static byte[] Page(params string[] records)
        => Encoding.UTF8.GetBytes("{\"ColumnMetadata\":[],\"Records\":[" + string.Join(",", records) + "],\"TotalNumRows\":" + records.Length + "}");
}
