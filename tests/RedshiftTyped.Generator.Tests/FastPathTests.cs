using System.Globalization;
using System.Text;
using System.Text.Json;
using RedshiftTyped.Generator.Tests.Generated.Tickit;
using RedshiftTyped.Typed;

namespace RedshiftTyped.Generator.Tests;

/// <summary>
/// The decoders' fast paths (Field members matched on raw bytes, plain numerics parsed without decimal.Parse) give
/// exactly what the general paths give: escaped member names, values split across buffers, unknown members,
/// isNull false, and every numeric spelling.
/// </summary>
public sealed class FastPathTests
{
    private const string SalesRecord = """
        [{"longValue":1},{"longValue":2},{"longValue":36861},{"longValue":21191},{"longValue":7872},{"longValue":1875},
         {"longValue":4},{"stringValue":"728.00"},{"stringValue":"109.20"},{"stringValue":"2008-02-18 02:36:48"}]
        """;

    [Fact]
    public void EscapedMemberNamesAndValuesReadAsPlainOnes()
    {
        string escaped = SalesRecord
            .Replace("{\"longValue\":1}", "{\"long\\u0056alue\":1}", StringComparison.Ordinal)
            .Replace("{\"stringValue\":\"728.00\"}", "{\"\\u0073tringValue\":\"72\\u0038.00\"}", StringComparison.Ordinal)
            .Replace("2008-02-18 02:36:48", "2008-02-18\\u002002:36:48", StringComparison.Ordinal);

        Assert.Equal(Decode(SalesRecord), Decode(escaped));
        Assert.Equal("728.00", Decode(escaped).Pricepaid!.Value.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void UnknownMembersAreSkippedWhereverTheyAre()
    {
        string noisy = SalesRecord
            .Replace("{\"longValue\":2}", "{\"typeHint\":{\"a\":[1,{\"longValue\":9}]},\"longValue\":2,\"l\":null,\"\":0}", StringComparison.Ordinal)
            .Replace("{\"stringValue\":\"109.20\"}", "{\"stringValueX\":\"1\",\"stringValue\":\"109.20\",\"s\":true}", StringComparison.Ordinal);

        Assert.Equal(Decode(SalesRecord), Decode(noisy));
    }

    [Fact]
    public void IsNullFalseBesideAValueIsAValue()
    {
        string record = SalesRecord
            .Replace("{\"longValue\":2}", "{\"isNull\":false,\"longValue\":2}", StringComparison.Ordinal)
            .Replace("{\"stringValue\":\"109.20\"}", "{\"stringValue\":\"109.20\",\"isNull\":false}", StringComparison.Ordinal)
            .Replace("{\"stringValue\":\"728.00\"}", "{\"isNull\":true}", StringComparison.Ordinal);

        var row = Decode(record);
        Assert.Equal(2, row.Listid);
        Assert.Equal(109.20m, row.Commission);
        Assert.Null(row.Pricepaid);
    }

    [Fact]
    public void WhitespaceEverywhereReadsTheSame()
    {
        // Pretty-printed JSON: whitespace between records and Fields (the scanner skips it) and inside Fields (the
        // general reader reads those).
        string spaced = SalesRecord
            .Replace("{\"longValue\":2}", "{ \"longValue\" :\n 2 }", StringComparison.Ordinal)
            .Replace("{\"stringValue\":\"109.20\"}", "\t{\"stringValue\": \"109.20\"\r\n}", StringComparison.Ordinal)
            .Replace(",", " ,\n ", StringComparison.Ordinal)
            .Replace("[", "  [ ", StringComparison.Ordinal)
            .Replace("]", " ] ", StringComparison.Ordinal);

        var scanner = new JsonRecordScanner(Encoding.UTF8.GetBytes(spaced));
        var row = TickitDatabase.Public.Sales.Decoder.DecodeJson(ref scanner);

        Assert.Equal(Decode(SalesRecord), row);
        Assert.Equal(spaced.TrimEnd().Length, scanner.BytesConsumed);
    }

    [Theory]
    [InlineData("{\"longValue\":01}")]
    [InlineData("{\"longValue\":1,}")]
    [InlineData("{\"longValue\":1]")]
    [InlineData("{\"longValue\":-}")]
    [InlineData("{\"longValue\" 1}")]
    [InlineData("{\"isNull\":tru}")]
    public void MalformedFieldsAreStillJsonErrors(string field)
    {
        string record = SalesRecord.Replace("{\"longValue\":2}", field, StringComparison.Ordinal);
        Assert.ThrowsAny<JsonException>(() => Decode(record));
    }

    [Theory]
    [InlineData("\u0001")]
    [InlineData("\n")]
    public void ControlCharactersInAStringAreJsonErrors(string control)
    {
        string record = SalesRecord.Replace("2008-02-18 02:36:48", "2008-02-18" + control + "02:36:48", StringComparison.Ordinal);
        Assert.ThrowsAny<JsonException>(() => Decode(record));
    }

    [Fact]
    public void InvalidUtf8InAStringIsAnErrorNotAReplacementCharacter()
    {
        var bytes = Encoding.UTF8.GetBytes(SalesRecord.Replace("\"109.20\"", "\"10X.20\"", StringComparison.Ordinal));
        bytes[Array.IndexOf(bytes, (byte)'X')] = 0xFF;
        var ex = Record.Exception(() =>
        {
            var scanner = new JsonRecordScanner(bytes);
            TickitDatabase.Public.Sales.Decoder.DecodeJson(ref scanner);
        });
        Assert.NotNull(ex);
    }

    [Theory]
    [InlineData("728.00")]
    [InlineData("-0.01")]
    [InlineData("0")]
    [InlineData("0.000")]
    [InlineData("-0")]
    [InlineData("-0.00")]
    [InlineData("007.50")]
    [InlineData("9999999999999999999")]
    [InlineData("-9999999999999999999")]
    [InlineData("18446744073709551615")]
    [InlineData("0.1234567890123456789")]
    [InlineData("0.0000000000000000000000000001")]
    [InlineData("12345678901234567890.12345678")]
    public void NumericTextReadsAsDecimalParseReadsIt(string text)
    {
        decimal expected = decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        string record = SalesRecord.Replace("\"728.00\"", "\"" + text + "\"", StringComparison.Ordinal);
        string?[] csv = ["1", "2", "3", "4", "5", "6", "7", text, null, null];

        foreach (decimal actual in new[] { Decode(record).Pricepaid!.Value, TickitDatabase.Public.Sales.Decoder.DecodeCsv(csv).Pricepaid!.Value })
        {
            Assert.Equal(expected, actual);
            Assert.Equal(expected.Scale, actual.Scale);
            Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), actual.ToString(CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("-")]
    [InlineData("1.2.3")]
    [InlineData("12a")]
    [InlineData("--1")]
    public void TextThatIsNotANumberIsStillAnError(string text)
    {
        string record = SalesRecord.Replace("\"728.00\"", "\"" + text + "\"", StringComparison.Ordinal);
        var ex = Assert.Throws<RowDecodeException>(() => Decode(record));
        Assert.Equal("pricepaid", ex.Column?.Name);
    }

    [Theory]
    [InlineData(2147483648L)]
    [InlineData(-2147483649L)]
    public void IntegerOutOfRangeNamesTheColumn(long value)
    {
        string record = SalesRecord.Replace("{\"longValue\":36861}", "{\"longValue\":" + value.ToString(CultureInfo.InvariantCulture) + "}", StringComparison.Ordinal);
        var ex = Assert.Throws<RowDecodeException>(() => Decode(record));
        Assert.Equal("sellerid", ex.Column?.Name);
        Assert.Contains(value.ToString(CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"longValue\":1,\"longValue\":36861}")]
    [InlineData("{\"longValue\":2,\"stringValue\":\"3\"}")]
    [InlineData("{\"isNull\":true,\"longValue\":2}")]
    [InlineData("{\"longValue\":2,\"isNull\":true}")]
    public void AFieldWithMoreThanOneValueIsAnError(string field)
    {
        string record = SalesRecord.Replace("{\"longValue\":36861}", field, StringComparison.Ordinal);
        var ex = Assert.Throws<RowDecodeException>(() => Decode(record));
        Assert.Equal("sellerid", ex.Column?.Name);
        Assert.Contains("more than one value", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"longValue\":1e2}")]
    [InlineData("{\"longValue\":2.0}")]
    [InlineData("{\"longValue\":99999999999999999999}")]
    [InlineData("{\"longValue\":\"2\"}")]
    public void AMalformedValueNamesItsColumnInARowDecodeException(string field)
    {
        string record = SalesRecord.Replace("{\"longValue\":36861}", field, StringComparison.Ordinal);
        var ex = Assert.Throws<RowDecodeException>(() => Decode(record));
        Assert.Equal("sellerid", ex.Column?.Name);
    }

    private static Generated.Tickit.Public.Sales Decode(string record)
    {
        var scanner = new JsonRecordScanner(Encoding.UTF8.GetBytes(record));
        return TickitDatabase.Public.Sales.Decoder.DecodeJson(ref scanner);
    }
}
