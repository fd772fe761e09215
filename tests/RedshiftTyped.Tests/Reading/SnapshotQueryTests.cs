using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Reading;

namespace RedshiftTyped.Tests.Reading;

/// <summary>The SQL a snapshot sends: quoted names, values only as parameters, ordering under a limit.</summary>
public sealed class SnapshotQueryTests
{
    [Fact]
    public void Filters_are_ANDed_with_values_as_parameters_and_names_quoted()
    {
        var options = new SnapshotOptions { Limit = 10 }
            .Where(SnapshotFilter.Column("we\"ird").GreaterThan(5) | SnapshotFilter.Column("b").IsNull())
            .Where(SnapshotFilter.Column("c").In([1, 2]))
            .Where("d = :d", ("d", "x"));

        var statement = SnapshotQuery.Build("\"s\".\"t\"", "*", options, ["id", "k\"2"]);

        Assert.Equal(
            "SELECT * FROM \"s\".\"t\" WHERE (((\"we\"\"ird\" > :rtf_1) OR (\"b\" IS NULL))) AND (\"c\" IN (:rtf_2, :rtf_3)) AND (d = :d\n)" +
            " ORDER BY \"id\", \"k\"\"2\" LIMIT 10",
            statement.Sql);
        Assert.Equal(["rtf_1", "rtf_2", "rtf_3", "d"], statement.Parameters.Select(p => p.Name));
        Assert.Equal(["5", "1", "2", "x"], statement.Parameters.Select(p => p.Value));
    }

    [Fact]
    public void Without_a_limit_there_is_no_implicit_order_and_an_explicit_one_wins()
    {
        Assert.Equal("SELECT a FROM t", SnapshotQuery.Build("t", "a", new SnapshotOptions(), ["id"]).Sql);
        Assert.Equal("SELECT a FROM t ORDER BY \"x\" LIMIT 1",
            SnapshotQuery.Build("t", "a", new SnapshotOptions { Limit = 1 }.OrderBy("x"), ["id"]).Sql);
        Assert.Equal("SELECT a FROM t ORDER BY \"x\" DESC NULLS FIRST, \"y\" LIMIT 1",
            SnapshotQuery.Build("t", "a", new SnapshotOptions { Limit = 1 }.OrderBy(ColumnOrder.Descending("x"), "y"), ["id"]).Sql);
        Assert.Equal(ResultFormatString.CSV,
            SnapshotQuery.Build("t", "a", new SnapshotOptions { ResultFormat = ResultFormatString.CSV }, []).ResultFormat);
    }

    [Fact]
    public void An_empty_string_becomes_a_literal_and_an_empty_list_matches_nothing()
    {
        var options = new SnapshotOptions()
            .Where(SnapshotFilter.Column("a").EqualTo(""))
            .Where(SnapshotFilter.Column("b").In([]))
            .Where(!SnapshotFilter.Column("c").NotIn([]));

        var statement = SnapshotQuery.Build("t", "*", options, []);

        Assert.Equal("SELECT * FROM t WHERE (\"a\" = '') AND (1 = 0) AND (NOT (1 = 1))", statement.Sql);
        Assert.Empty(statement.Parameters);
    }

    [Fact]
    public void Bad_filters_and_options_say_what_to_do()
    {
        var isNull = Assert.Throws<ArgumentNullException>(() => SnapshotFilter.Column("a").EqualTo(null!));
        Assert.Contains("Use IsNull()", isNull.Message);

        var prefix = Assert.Throws<ArgumentException>(() =>
            SnapshotQuery.Build("t", "*", new SnapshotOptions().Where("a = :rtf_1", ("rtf_1", 1)), []));
        Assert.Contains("rename it", prefix.Message);

        var twice = Assert.Throws<ArgumentException>(() =>
            SnapshotQuery.Build("t", "*", new SnapshotOptions().Where("a = :p", ("p", 1)).Where("b = :p", ("p", 2)), []));
        Assert.Contains("given twice", twice.Message);

        Assert.Throws<ArgumentOutOfRangeException>(() => new SnapshotOptions { Limit = -1 }.Validate());
        Assert.Contains("leave it null", Assert.Throws<ArgumentException>(() => new SnapshotOptions { Columns = [] }.Validate()).Message);
        Assert.Throws<ArgumentException>(() => SnapshotFilter.And());
    }

    [Fact]
    public void A_key_range_compares_composite_keys_lexicographically_with_parameters()
    {
        var range = new KeyRangeFilter(["a", "b\"c"], lower: [1, "x"], upper: [5, "y"]);

        var statement = SnapshotQuery.Build("t", "*", new SnapshotOptions().Where(range), []);

        Assert.Equal(
            "SELECT * FROM t WHERE (((\"a\" > :rtf_1) OR (\"a\" = :rtf_2 AND \"b\"\"c\" > :rtf_3))" +
            " AND ((\"a\" < :rtf_4) OR (\"a\" = :rtf_5 AND \"b\"\"c\" <= :rtf_6)))",
            statement.Sql);
        Assert.Equal(["1", "1", "x", "5", "5", "y"], statement.Parameters.Select(p => p.Value));
        Assert.Equal("1 = 1", new KeyRangeFilter(["a"], null, null).ToString());
        Assert.Equal("((\"a\" <= :rtf_1))", new KeyRangeFilter(["a"], null, [3]).ToString());
        Assert.Contains("NULL", Assert.Throws<InvalidOperationException>(() => new KeyRangeFilter(["a"], [null], null).ToString()).Message);
    }

    [Fact]
    public void Chunk_options_are_checked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SnapshotOptions { ChunkRows = 0 }.Validate());
        Assert.Contains("cannot be combined",
            Assert.Throws<ArgumentException>(() => new SnapshotOptions { ChunkRows = 5, Limit = 1 }.Validate()).Message);
    }

    [Theory]
    [InlineData("sales", "public", "sales")]
    [InlineData("Public.Sales", "public", "sales")]
    [InlineData("\"My Schema\".\"we.i\"\"rd\"", "My Schema", "we.i\"rd")]
    [InlineData(" tickit . event ", "tickit", "event")]
    public void Table_references_parse_like_Redshift_names(string text, string schema, string name)
    {
        var table = TableReference.Parse(text);

        Assert.Equal((schema, name), (table.Schema, table.Name));
    }

    [Theory]
    [InlineData("a.b.c", "more than two parts")]
    [InlineData("\"open", "not closed")]
    [InlineData("a.", "empty")]
    [InlineData("\"\".t", "empty")]
    public void Bad_table_references_are_explained(string text, string why)
    {
        var error = Assert.Throws<FormatException>(() => TableReference.Parse(text));

        Assert.Contains(why, error.Message);
    }
}
