using System.Text;
using RedshiftTyped.Generator.Tests.Generated.Synthetic;
using RedshiftTyped.Generator.Tests.Generated.Tickit;
using RedshiftTyped.Typed;
using AllTypes = RedshiftTyped.Generator.Tests.Generated.Synthetic.Hazards_2.AllTypes;
using Sales = RedshiftTyped.Generator.Tests.Generated.Tickit.Public.Sales;

namespace RedshiftTyped.Generator.Tests;

/// <summary>The generated typed column handles, and projections: some columns read as typed values, in the order named.</summary>
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

    [Fact]
    public void ASelectionReadsItsColumnsInTheOrderNamedAsTypedValues()
    {
        var sales = TickitDatabase.Public.Sales;
        TableProjection<Sales, (DateTime?, int, decimal?)> projection =
            sales.Select(Sales.RedshiftTable.Column.Saletime, Sales.RedshiftTable.Column.Salesid, Sales.RedshiftTable.Column.Commission);
        Assert.Equal("\"saletime\", \"salesid\", \"commission\"", projection.SelectList);
        Assert.Equal(["saletime", "salesid", "commission"], projection.ArrowSchema.FieldsList.Select(f => f.Name));
        string[] fields = FieldsOf(SalesRecord);

        var json = DataApiRecords.ReadPage(Page($"[{fields[9]},{fields[0]},{fields[8]}]", """[{"isNull":true},{"longValue":5},{"isNull":true}]"""),
            projection.Decoder).Rows;
        var csv = DataApiRecords.ReadCsv("2008-02-18 02:36:48,1,109.20\n,5,\n", projection.Decoder).ToList();

        foreach (var rows in new[] { json, csv })
        {
            Assert.Equal(
                [((DateTime?)new DateTime(2008, 2, 18, 2, 36, 48), 1, (decimal?)109.20m), ((DateTime?)null, 5, (decimal?)null)],
                rows);
        }
    }

    [Fact]
    public void OneColumnIsReadAsItsValue()
    {
        TableProjection<Sales, decimal?> prices = TickitDatabase.Public.Sales.Select(Sales.RedshiftTable.Column.Pricepaid);
        Assert.Equal([728.00m, null], DataApiRecords.ReadPage(Page("""[{"stringValue":"728.00"}]""", """[{"isNull":true}]"""), prices.Decoder).Rows);
        Assert.Equal([728.00m, null], DataApiRecords.ReadCsv("728.00\n\n", prices.Decoder));
    }

    [Fact]
    public void EveryTypeReadsThroughItsHandle()
    {
        var table = SyntheticDatabase.Hazards_2.AllTypes;
        var projection = table.Select(AllTypes.RedshiftTable.Column.CInt4, AllTypes.RedshiftTable.Column.NVarchar, AllTypes.RedshiftTable.Column.CChar,
            AllTypes.RedshiftTable.Column.CDate, AllTypes.RedshiftTable.Column.CSuper, AllTypes.RedshiftTable.Column.CVarbyte);
        var row = Assert.Single(DataApiRecords.ReadPage(Page("""
            [{"longValue":7},{"stringValue":"x\u00e9\"y"},{"stringValue":"abc"},{"stringValue":"2024-02-29"},{"stringValue":"{\"a\":1}"},{"blobValue":"AQI="}]
            """), projection.Decoder).Rows);

        Assert.Equal(7, row.Item1);
        Assert.Equal("xé\"y", row.Item2);
        Assert.Equal("abc", row.Item3);
        Assert.Equal(new DateOnly(2024, 2, 29), row.Item4);
        Assert.Equal("{\"a\":1}", row.Item5.Json);
        Assert.Equal([1, 2], row.Item6);
    }

    [Fact]
    public void NullInANotNullColumnIsAnErrorNamingItNeverADefault()
    {
        var sales = TickitDatabase.Public.Sales;
        var projection = sales.Select(Sales.RedshiftTable.Column.Listid);
        var ex = Assert.Throws<RowDecodeException>(() => DataApiRecords.ReadPage(Page("""[{"isNull":true}]"""), projection.Decoder));
        Assert.Equal("listid", ex.Column?.Name);
        Assert.Throws<RowDecodeException>(() => projection.Decoder.DecodeCsv([null]));

        // A NOT NULL string too: its handle is typed string, and NULL is not made into one.
        var chars = SyntheticDatabase.Hazards_2.AllTypes.Select(AllTypes.RedshiftTable.Column.CChar);
        Assert.Equal("c_char", Assert.Throws<RowDecodeException>(() => chars.Decoder.DecodeCsv([null])).Column?.Name);
    }

    [Fact]
    public void RecordsOfTheWrongWidthAreRejected()
    {
        var sales = TickitDatabase.Public.Sales;
        var projection = sales.Select(Sales.RedshiftTable.Column.Salesid, Sales.RedshiftTable.Column.Pricepaid);

        var tooMany = Assert.Throws<RowDecodeException>(() => DataApiRecords.ReadPage(
            Page("""[{"longValue":1},{"stringValue":"1.00"},{"longValue":3}]"""), projection.Decoder));
        Assert.Contains("more Fields than selected columns", tooMany.Message, StringComparison.Ordinal);
        Assert.Contains("2 selected columns (salesid, pricepaid)", tooMany.Message, StringComparison.Ordinal);

        var tooFew = Assert.Throws<RowDecodeException>(() => DataApiRecords.ReadPage(Page("""[{"longValue":1}]"""), projection.Decoder));
        Assert.Contains("ends before column \"pricepaid\"", tooFew.Message, StringComparison.Ordinal);

        var csv = Assert.Throws<RowDecodeException>(() => projection.Decoder.DecodeCsv(SalesCsv));
        Assert.Contains("has 10 fields", csv.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AColumnSelectedTwiceIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => TickitDatabase.Public.Sales.Select(Sales.RedshiftTable.Column.Salesid, Sales.RedshiftTable.Column.Salesid));
        Assert.Contains("\"salesid\" is selected twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HandlesGiveOrderKeys()
    {
        var descending = Sales.RedshiftTable.Column.Pricepaid.Descending();
        RedshiftTyped.Reading.ColumnOrder ascending = Sales.RedshiftTable.Column.Salesid;
        Assert.Equal("\"pricepaid\" DESC NULLS FIRST", descending.ToString());
        Assert.True(descending.IsDescending);
        Assert.Equal("\"salesid\"", ascending.ToString());
        Assert.False(ascending.IsDescending);
        Assert.Equal("\"venue name\" DESC NULLS FIRST", RedshiftTyped.Reading.ColumnOrder.Descending("venue name").ToString());
    }

    private static string[] FieldsOf(string record)
    {
        using var document = System.Text.Json.JsonDocument.Parse(record);
        return [.. document.RootElement.EnumerateArray().Select(e => e.GetRawText())];
    }

    private static byte[] Page(params string[] records)
        => Encoding.UTF8.GetBytes("{\"ColumnMetadata\":[],\"Records\":[" + string.Join(",", records) + "],\"TotalNumRows\":" + records.Length + "}");
}
