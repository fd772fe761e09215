using RedshiftTyped.Values;

namespace RedshiftTyped.Tests.Values;

public sealed class CsvRecordReaderTests
{
    [Fact]
    public void RFC_4180_quoting_NULL_and_empty_string_are_distinguished()
    {
        var rows = CsvRecordReader.Read("1,\"a,b\",\"say \"\"hi\"\"\"\n2,,\"\"\r\n3,\"multi\nline\",x").ToList();

        Assert.Equal(3, rows.Count);
        Assert.Equal(new string?[] { "1", "a,b", "say \"hi\"" }, rows[0]);
        Assert.Equal(new string?[] { "2", null, "" }, rows[1]);
        Assert.Equal(new string?[] { "3", "multi\nline", "x" }, rows[2]);
    }

    [Fact]
    public void An_unterminated_quote_is_an_error()
    {
        Assert.Throws<FormatException>(() => CsvRecordReader.Read("1,\"open").ToList());
    }
}
