using System.Text;
using RedshiftTyped.Generator.Tests.Generated.Synthetic;
using RedshiftTyped.Generator.Tests.Generated.Tickit;
using RedshiftTyped.Typed;
using AllTypes = RedshiftTyped.Generator.Tests.Generated.Synthetic.Hazards_2.AllTypes;
using Sales = RedshiftTyped.Generator.Tests.Generated.Tickit.Public.Sales;

namespace RedshiftTyped.Generator.Tests;

/// <summary>The generated typed column handles, and projected reads through the generated decoders.</summary>
public sealed class ProjectionTests
{
    private const string SalesRecord = """
        [{"longValue":1},{"longValue":2},{"longValue":36861},{"longValue":21191},{"longValue":7872},{"longValue":1875},
         {"longValue":4},{"stringValue":"728.00"},{"stringValue":"109.20"},{"stringValue":"2008-02-18 02:36:48"}]
        """;

    private static readonly string?[] SalesCsv = ["1", "2", "36861", "21191", "7872", "1875", "4", "728.00", "109.20", "2008-02-18 02:36:48"];

    [Fact]
    public void ColumnHandlesAreTypedByTheirProperty()
    {
        Column<Sales, decimal?> pricepaid = Sales.RedshiftTable.Column.Pricepaid;
        Column<Sales, int> salesid = Sales.RedshiftTable.Column.Salesid;
        Column<Sales, DateTime?> saletime = Sales.RedshiftTable.Column.Saletime;

        Assert.Same(TickitDatabase.Public.Sales.Columns[7], pricepaid.Descriptor);
        Assert.Equal("pricepaid", pricepaid.Name);
        Assert.Same(TickitDatabase.Public.Sales.Columns[0], salesid.Descriptor);
        Assert.Same(TickitDatabase.Public.Sales.Columns[9], saletime.Descriptor);

        // Non-nullable reference types keep their annotation only at compile time; the handle is still per column.
        Column<AllTypes, string> cChar = AllTypes.RedshiftTable.Column.CChar;
        Column<AllTypes, string?> nVarchar = AllTypes.RedshiftTable.Column.NVarchar;
        Assert.Equal("c_char", cChar.Name);
        Assert.Equal("n_varchar", nVarchar.Name);
    }

    [Fact]
    public void HandleOfAPropertyNamedColumnIsRenamed()
    {
        // NamingHazards.Column is a property; inside the class Column its handle is ColumnValue.
        var handle = Generated.Synthetic.Hazards_2.NamingHazards.RedshiftTable.Column.ColumnValue;
        Assert.Equal("column", handle.Name);
        Assert.Equal(nameof(Generated.Synthetic.Hazards_2.NamingHazards.Column), handle.Descriptor.PropertyName);

        // A record named Column: its handles live in Column.RedshiftTable.Column.
        var s = Generated.Synthetic.Hazards_2.Column.RedshiftTable.Column.SColumns;
        Assert.Equal("s_columns", s.Name);
        Assert.Equal("descriptor", Generated.Synthetic.Hazards_2.Column.RedshiftTable.Column.Descriptor.Name);
    }

    [Theory]
    [InlineData("salesid")]
    [InlineData("pricepaid")]
    [InlineData("saletime")]
    public void OneColumnProjectionReadsOnlyThatColumn(string column)
    {
        var sales = TickitDatabase.Public.Sales;
        var projection = ColumnProjection.Of(sales, [column]);
        int position = sales.FindColumn(column)!.Position;
        string field = FieldsOf(SalesRecord)[position];

        var json = Assert.Single(DataApiRecords.ReadPage(Page("[" + field + "]"), sales.Decoder, projection).Rows);
        var csv = Assert.Single(DataApiRecords.ReadCsv(SalesCsv[position] + "\n", sales.Decoder, projection));

        foreach (var row in new[] { json, csv })
        {
            Assert.Equal(column == "salesid" ? 1 : 0, row.Salesid);
            Assert.Equal(0, row.Listid);
            Assert.Equal((short)0, row.Qtysold);
            Assert.Equal(column == "pricepaid" ? 728.00m : null, row.Pricepaid);
            Assert.Null(row.Commission);
            Assert.Equal(column == "saletime" ? new DateTime(2008, 2, 18, 2, 36, 48) : null, row.Saletime);
        }
    }

    [Fact]
    public void FirstMiddleAndLastColumnsTogether()
    {
        var sales = TickitDatabase.Public.Sales;
        var projection = ColumnProjection.Of(sales, ["saletime", "salesid", "commission"]);
        Assert.Equal("\"salesid\", \"commission\", \"saletime\"", projection.SelectList);
        string[] fields = FieldsOf(SalesRecord);

        var json = DataApiRecords.ReadPage(Page($"[{fields[0]},{fields[8]},{fields[9]}]", """[{"longValue":5},{"isNull":true},{"isNull":true}]"""), sales.Decoder, projection).Rows;
        var csv = DataApiRecords.ReadCsv("1,109.20,2008-02-18 02:36:48\n5,,\n", sales.Decoder, projection).ToList();

        foreach (var rows in new[] { json, csv })
        {
            Assert.Equal(2, rows.Count);
            Assert.Equal((1, 0, (decimal?)null, (decimal?)109.20m, (DateTime?)new DateTime(2008, 2, 18, 2, 36, 48)),
                (rows[0].Salesid, rows[0].Sellerid, rows[0].Pricepaid, rows[0].Commission, rows[0].Saletime));
            Assert.Equal((5, (decimal?)null, (DateTime?)null), (rows[1].Salesid, rows[1].Commission, rows[1].Saletime));
        }
    }

    [Fact]
    public void ProjectionOfEveryColumnReadsAsTheFullDecoder()
    {
        var sales = TickitDatabase.Public.Sales;
        var all = ColumnProjection.All(sales);
        var full = Assert.Single(DataApiRecords.ReadJsonPage(Page(SalesRecord), sales.Decoder));
        Assert.Equal(full, Assert.Single(DataApiRecords.ReadPage(Page(SalesRecord), sales.Decoder, all).Rows));
        Assert.Equal(sales.Decoder.DecodeCsv(SalesCsv), sales.Decoder.DecodeCsv(SalesCsv, all));
    }

    [Fact]
    public void LeftOutNotNullReferencePropertiesAreNullAndNullableOnesToo()
    {
        var table = SyntheticDatabase.Hazards_2.AllTypes;
        var projection = ColumnProjection.Of(table, ["c_int4", "n_varchar"]);

        var json = Assert.Single(DataApiRecords.ReadPage(Page("""[{"longValue":7},{"stringValue":"x\u00e9\"y"}]"""), table.Decoder, projection).Rows);
        var csv = table.Decoder.DecodeCsv(["7", "xé\"y"], projection);

        foreach (var row in new[] { json, csv })
        {
            Assert.Equal(7, row.CInt4);
            Assert.Equal("xé\"y", row.NVarchar);
            Assert.Null(row.CChar);      // string, not nullable, left out: default!
            Assert.Null(row.CVarbyte);   // byte[]
            Assert.Null(row.CSuper);     // RedshiftSuper
            Assert.Equal(default, row.CDate);
            Assert.Null(row.NInt2);
        }
    }

    [Fact]
    public void NullInAProjectedNotNullColumnStillNamesIt()
    {
        var sales = TickitDatabase.Public.Sales;
        var projection = ColumnProjection.Of(sales, ["listid"]);
        var ex = Assert.Throws<RowDecodeException>(() => DataApiRecords.ReadPage(Page("""[{"isNull":true}]"""), sales.Decoder, projection));
        Assert.Equal("listid", ex.Column?.Name);
        Assert.Throws<RowDecodeException>(() => sales.Decoder.DecodeCsv([null], projection));
    }

    [Fact]
    public void RecordsOfTheWrongWidthForTheProjectionAreRejected()
    {
        var sales = TickitDatabase.Public.Sales;
        var projection = ColumnProjection.Of(sales, ["salesid", "pricepaid"]);

        var tooMany = Assert.Throws<RowDecodeException>(() => DataApiRecords.ReadPage(
            Page("""[{"longValue":1},{"stringValue":"1.00"},{"longValue":3}]"""), sales.Decoder, projection));
        Assert.Contains("more Fields than projected columns", tooMany.Message, StringComparison.Ordinal);
        Assert.Contains("2 projected columns (salesid, pricepaid)", tooMany.Message, StringComparison.Ordinal);

        var tooFew = Assert.Throws<RowDecodeException>(() => DataApiRecords.ReadPage(Page("""[{"longValue":1}]"""), sales.Decoder, projection));
        Assert.Contains("ends before column \"pricepaid\"", tooFew.Message, StringComparison.Ordinal);

        // The full record is too wide for the projection.
        Assert.Throws<RowDecodeException>(() => DataApiRecords.ReadPage(Page(SalesRecord), sales.Decoder, projection));

        var csv = Assert.Throws<RowDecodeException>(() => sales.Decoder.DecodeCsv(SalesCsv, projection));
        Assert.Contains("has 10 fields", csv.Message, StringComparison.Ordinal);
        Assert.Contains("2 projected columns", csv.Message, StringComparison.Ordinal);
        Assert.Throws<RowDecodeException>(() => sales.Decoder.DecodeCsv(["1"], projection));
    }

    [Fact]
    public void ProjectionOfAnotherTableIsRejected()
    {
        var sales = TickitDatabase.Public.Sales;
        var users = ColumnProjection.Of(TickitDatabase.Public.Users, ["userid"]);

        var json = Assert.Throws<ArgumentException>(() => DataApiRecords.ReadPage(Page("""[{"longValue":1}]"""), sales.Decoder, users));
        Assert.Contains("tickit.public.users", json.Message, StringComparison.Ordinal);
        Assert.Contains("tickit.public.sales", json.Message, StringComparison.Ordinal);
        Assert.Equal("projection", json.ParamName);

        var csv = Assert.Throws<ArgumentException>(() => sales.Decoder.DecodeCsv(["1"], users));
        Assert.Equal(json.Message, csv.Message);
    }

    private static string[] FieldsOf(string record)
    {
        using var document = System.Text.Json.JsonDocument.Parse(record);
        return [.. document.RootElement.EnumerateArray().Select(e => e.GetRawText())];
    }

    private static byte[] Page(params string[] records)
        => Encoding.UTF8.GetBytes("{\"ColumnMetadata\":[],\"Records\":[" + string.Join(",", records) + "],\"TotalNumRows\":" + records.Length + "}");
}
