using RedshiftTyped.Corpus.Tests.Comparison;

namespace RedshiftTyped.Corpus.Tests;

/// <summary>
/// The port of run_corpus.py's comparison. Each expectation is what the Python function answers for the same input
/// (computed with run_corpus.py's <c>cell_eq</c>, <c>repr</c> and <c>rows_match</c>), so a drift from the reference fails here.
/// </summary>
public sealed class ComparisonTests
{
    [Theory]
    [InlineData("", null, "varchar", true)]
    [InlineData("NULL", null, "int4", true)]
    [InlineData("<null>", null, "text", true)]
    [InlineData("0", null, "int4", false)]
    [InlineData("t", true, "bool", true)]
    [InlineData("true", true, "bool", true)]
    [InlineData("f", true, "bool", false)]
    [InlineData("yes", true, "bool", false)]
    [InlineData("t", "true", "bool", true)]
    [InlineData("false", "f", "varchar", true)]
    [InlineData("True", true, "varchar", true)]
    [InlineData("  abc ", "abc", "varchar", true)]
    [InlineData("abc", "ABC", "varchar", false)]
    [InlineData("0.75", 0.75, "float8", true)]
    [InlineData("0", 0.75, "float8", false)]
    [InlineData("3", 3L, "int4", true)]
    [InlineData("3.0", 3L, "int8", true)]
    [InlineData("1.50", "1.5", "numeric", true)]
    [InlineData("1.5", "1.50000000000000000000000000000000000001", "numeric", false)]
    [InlineData("12345678901234567890123456789012345678", "12345678901234567890123456789012345678", "numeric", true)]
    [InlineData("12345678901234567890123456789012345679", "12345678901234567890123456789012345678", "numeric", false)]
    [InlineData("0.1", 0.1000000000001, "float8", true)]
    [InlineData("0.1", 0.100000000001, "float8", false)]
    [InlineData("0.1", "0.1000000000001", "float4", true)]
    [InlineData("0.1", "0.1000000000001", "numeric", false)]
    [InlineData("1e+16", 1e+16, "float8", true)]
    [InlineData("1E16", "10000000000000000", "int8", true)]
    [InlineData("1_000", 1000L, "int4", true)]
    [InlineData("inf", double.PositiveInfinity, "float8", true)]
    [InlineData("Infinity", double.PositiveInfinity, "float8", false)]
    [InlineData("NaN", double.NaN, "float8", false)]
    [InlineData("nan", double.NaN, "float8", true)]
    [InlineData("-0", 0L, "int4", true)]
    [InlineData(".5", "0.5", "numeric", true)]
    [InlineData("5.", "5", "numeric", true)]
    [InlineData("+5", 5L, "int4", true)]
    [InlineData("616263", "YWJj", "varbyte", true)]
    [InlineData("616263", "616263", "varbyte", true)]
    [InlineData("61", "YQ==", "varbyte", true)]
    [InlineData("616263", "YWJj", "varchar", false)]
    [InlineData("6162", "YWJj", "varbyte", false)]
    [InlineData("2008-01-01 10:00:00", "2008-01-01T10:00:00.000000", "timestamp", true)]
    [InlineData("2008-01-01 10:00:00", "2008-01-01 10:00:00.5", "timestamp", false)]
    [InlineData("10:00:00", "10:00:00.000", "time", true)]
    [InlineData("2001-02-16 19:38:40-08", "2001-02-17 03:38:40+00", "timestamptz", true)]
    [InlineData("2001-02-16 19:38:40-08", "2001-02-17 03:38:40+00:00", "timestamptz", true)]
    [InlineData("2001-02-16 19:38:40-08", "2001-02-17 03:38:41+00", "timestamptz", false)]
    [InlineData("2001-02-16 19:38:40+05:30", "2001-02-16 14:08:40+00", "timestamptz", true)]
    [InlineData("2001-02-16 19:38:40.123456-08", "2001-02-17 03:38:40.123456+00", "timestamptz", true)]
    [InlineData("2008-01-01", "2008-01-01", "date", true)]
    [InlineData("2008-01-01 00:00:00", "2008-01-01", "date", false)]
    [InlineData("{\"a\":1}", "{\"a\":1}", "super", true)]
    [InlineData("{\"a\": 1}", "{\"a\":1}", "super", false)]
    [InlineData("123456789012345.0", 123456789012345.0, "float8", true)]
    [InlineData("0.00001", 1e-05, "float8", true)]
    public void A_cell_matches_as_run_corpus_py_matches_it(string expected, object? actual, string type, bool matches)
        => Assert.Equal(matches, CellComparer.CellEquals(expected, actual, type));

    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(1e+16, "1e+16")]
    [InlineData(1000000000000000.0, "1000000000000000.0")]
    [InlineData(123456789012345.0, "123456789012345.0")]
    [InlineData(1e-05, "1e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(0.0, "0.0")]
    [InlineData(1.5e+300, "1.5e+300")]
    [InlineData(2.5, "2.5")]
    [InlineData(-3.0, "-3.0")]
    [InlineData(0.3333333333333333, "0.3333333333333333")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1e+22, "1e+22")]
    [InlineData(12345.678, "12345.678")]
    public void A_double_prints_as_python_repr_prints_it(double value, string repr)
        => Assert.Equal(repr, PythonText.FloatRepr(value));

    [Fact]
    public void A_row_prints_as_a_python_list()
        => Assert.Equal("""['a', None, "it's", 'x"y', 'q\'"', 'tab\tnl\n', 'é']""",
            PythonText.ReprList(["a", null, "it's", "x\"y", "q'\"", "tab\tnl\n", "é"]));

    [Fact]
    public void Ordered_rows_report_the_first_row_that_differs()
    {
        var result = RowMatcher.Compare([["1", "a"], ["2", "b"]], [[1L, "a"], [2L, "c"]], ["int4", "varchar"], ordered: true, null);
        Assert.Equal(new RowComparison(false, "row 2: expected ['2', 'b'], got ['2', 'c']"), result);
    }

    [Fact]
    public void Unordered_rows_match_as_multisets_but_counts_must_agree()
    {
        Assert.True(RowMatcher.Compare([["1"], ["2"], ["2"]], [[2L], [1L], [2L]], ["int4"], ordered: false, null).Matches);
        Assert.Equal("expected row ['2'] not found (unordered compare)",
            RowMatcher.Compare([["1"], ["2"], ["2"]], [[2L], [1L], [1L]], ["int4"], ordered: false, null).Detail);
        Assert.Equal("row count: expected 2, got 1", RowMatcher.Compare([["1"], ["2"]], [[1L]], ["int4"], ordered: false, null).Detail);
    }

    [Fact]
    public void Order_by_some_columns_lets_ties_come_in_any_order_but_not_the_keys()
    {
        IReadOnlyList<string?> types = ["varchar", "int4"];
        Assert.True(RowMatcher.Compare([["a", "1"], ["a", "2"], ["b", "3"]], [["a", 2L], ["a", 1L], ["b", 3L]], types, true, [0]).Matches);
        Assert.Equal("row 1: order of key columns [0] differs: expected ['a', '1'], got ['b', '3']",
            RowMatcher.Compare([["a", "1"], ["a", "2"], ["b", "3"]], [["b", 3L], ["a", 2L], ["a", 1L]], types, true, [0]).Detail);
    }

    [Fact]
    public void A_guide_row_of_another_width_is_a_column_count_difference()
        => Assert.Equal("column count: expected 1, got 2",
            RowMatcher.Compare([["1"]], [[1L, 2L]], ["int4", "int4"], ordered: true, null).Detail);
}
