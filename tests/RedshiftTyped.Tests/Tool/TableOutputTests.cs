using RedshiftTyped.Tool.Output;

namespace RedshiftTyped.Tests.Tool;

/// <summary>
/// The table output of <c>redshift-typed sql</c>: the plain writer draws Spectre.Console's layout byte for byte
/// whenever it says it can, and no control character reaches the terminal.
/// </summary>
public sealed class TableOutputTests
{
    public static TheoryData<string[], string[][]> Tables => new()
    {
        { ["?column?"], [["1"]] },
        { ["id", "name", "price"], [["1", "a,\"b\"", "12.50"], ["2", "NULL", "-0.01"]] },
        { ["a", "b"], [["1", ""]] },
        { ["a"], [[""]] },
        { ["long column name"], [["x"], ["yy"]] },
        { ["x"], [] },
        { ["x", "y"], [] },
        { ["c"], [["  leading and trailing  "]] },
        { ["a"], [["[red]markup[/]"]] },
        // At and past the width Spectre wraps at: 240 = 1 + (w + 3) per column.
        { ["w"], [[new string('x', 236)]] },
        { ["w"], [[new string('x', 237)]] },
        { ["a", "b"], [[new string('x', 100), new string('y', 133)]] },
        { ["a", "b"], [[new string('x', 100), new string('y', 134)]] },
        // Characters the plain writer leaves to Spectre (wide, accented, combining).
        { ["z"], [["é日本"]] },
        { ["z"], [["e\u0301"]] },
    };

    [Theory]
    [MemberData(nameof(Tables))]
    public void The_plain_table_is_Spectres_table_byte_for_byte_whenever_it_is_used(string[] names, string[][] rows)
    {
        var spectre = new StringWriter();
        SpectreTable.Write(spectre, names, rows);

        if (PlainTable.CanWrite(names, rows))
        {
            var plain = new StringWriter();
            PlainTable.Write(plain, names, rows);
            Assert.Equal(spectre.ToString(), plain.ToString());
        }
    }

    [Fact]
    public void Random_plain_tables_match_Spectre_and_the_common_ones_use_the_plain_writer()
    {
        var random = new Random(16);
        int plainCount = 0;
        for (int n = 0; n < 300; n++)
        {
            string[] names = Enumerable.Range(0, random.Next(1, 6)).Select(_ => Word(random, 1, 12)).ToArray();
            string[][] rows = Enumerable.Range(0, random.Next(0, 5))
                .Select(_ => names.Select(_ => Word(random, 0, random.Next(2) == 0 ? 8 : 70)).ToArray()).ToArray();
            var spectre = new StringWriter();
            SpectreTable.Write(spectre, names, rows);
            if (PlainTable.CanWrite(names, rows))
            {
                plainCount++;
                var plain = new StringWriter();
                PlainTable.Write(plain, names, rows);
                Assert.Equal(spectre.ToString(), plain.ToString());
            }
        }

        Assert.True(plainCount > 150, $"only {plainCount} of 300 printable-ASCII tables took the plain writer");
    }

    [Fact]
    public void A_small_result_takes_the_plain_writer()
    {
        Assert.True(PlainTable.CanWrite(["?column?"], [["1"]]));
        Assert.True(PlainTable.CanWrite(["w"], [[new string('x', 236)]]));
        Assert.True(PlainTable.CanWrite(["a", "b"], [[new string('x', 100), new string('y', 133)]]));
        Assert.False(PlainTable.CanWrite(["z"], [["日本"]]));
        Assert.False(PlainTable.CanWrite(["w"], [[new string('x', 237)]]));
    }

    [Theory]
    [InlineData("a\u001B[31mred", "a\\x1B[31mred")]
    [InlineData("line\r\nnext\tcol", "line\\r\\nnext\\tcol")]
    [InlineData("nul\0bel\u0007del\u007F", "nul\\x00bel\\x07del\\x7F")]
    [InlineData("c1\u0085csi\u009B", "c1\\x85csi\\x9B")]
    [InlineData("plain é 日本 \\n", "plain é 日本 \\n")]
    [InlineData("abc\u202Egpj.exe", "abc\\u202Egpj.exe")]
    [InlineData("x\u2028y\u2029z", "x\\u2028y\\u2029z")]
    [InlineData("zw\u200Bsp\uFEFFbom\u2066iso\u2069", "zw\\u200Bsp\\uFEFFbom\\u2066iso\\u2069")]
    public void Control_characters_are_escaped_visibly(string text, string shown)
        => Assert.Equal(shown, TerminalText.Escape(text));

    [Fact]
    public void No_control_character_of_a_name_or_value_reaches_the_table_output()
    {
        var output = new StringWriter();
        var writer = new TableResultWriter(output);
        writer.Begin([new RedshiftTyped.DataApi.Model.ColumnMetadata { Name = "x\u001B]0;title\u0007" }]);
        writer.WriteRow(["a\u001B[2Jb\rc\u009Bd"]);
        writer.WriteRow(["日本\u001B[31m"]);
        writer.End(2, hadResultSet: true);

        string text = output.ToString().ReplaceLineEndings("\n");
        Assert.DoesNotContain(text, c => c != '\n' && (char.IsControl(c)));
        Assert.Contains("a\\x1B[2Jb\\rc\\x9Bd", text, StringComparison.Ordinal);
        Assert.Contains("x\\x1B]0;title\\x07", text, StringComparison.Ordinal);
        Assert.Contains("日本\\x1B[31m", text, StringComparison.Ordinal);
    }

    private static string Word(Random random, int min, int max)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 .,-_[]|+'\"";
        return new string(Enumerable.Range(0, random.Next(min, max + 1)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
    }
}
