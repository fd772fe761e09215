using RedshiftTyped.Reading;
using RedshiftTyped.Tool.Export;

namespace RedshiftTyped.Tests.Reading;

/// <summary>
/// Raw conditions (SnapshotFilter.Sql, the pipeline's where_clause) are trusted configuration, but they must stay one
/// condition: a crafted <c>) union all (select …</c> returned 202 rows from a 200-row table, recorded as ok.
/// </summary>
public sealed class RawConditionTests
{
    [Theory]
    [InlineData("1=1) union all (select * from users", "closes a parenthesis it did not open (character 4)")]
    [InlineData("qtysold > 1); drop table sales; select (1", "closes a parenthesis")]
    [InlineData("qtysold > 1; delete from sales", "holds a semicolon (character 12)")]
    [InlineData("(qtysold > 1", "leaves 1 parenthesis open")]
    [InlineData("name = 'abc", "leaves a string literal ('…') open")]
    // Redshift reads \' as an escaped quote: the string does not end where PostgreSQL would end it.
    [InlineData("name = 'a\\'' ) union all (select 1 --'", "closes a parenthesis")]
    [InlineData("name = 'C:\\'", "leaves a string literal")]
    [InlineData("\"col = 1", "leaves a quoted identifier")]
    [InlineData("x = 1 /* note", "leaves a /* comment open")]
    // Redshift ends a block comment at the first */; PostgreSQL nests them: the two would split this differently.
    [InlineData("x = 1 /* /* */ ) union all (select 1 /* */", "nests a /* comment")]
    [InlineData("x = $$ ) union all (select 1 $$", "dollar quote")]
    [InlineData("x = $t$ a $t$", "dollar quote")]
    public void A_condition_that_would_change_the_statement_is_refused_saying_where(string sql, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => SnapshotFilter.Sql(sql));

        Assert.Contains(expected, ex.Message);
        Assert.Contains("A raw condition is placed in WHERE (…) as it stands", ex.Message);
    }

    [Theory]
    [InlineData("qtysold > 1")]
    [InlineData("(a = 1 or b = 2) and c in (select id from t where d = 'x)')")]
    [InlineData("name = 'O''Brien' and note = 'it\\'s (fine'")]
    [InlineData("\"we)ird\" = 1")]
    [InlineData("saletime >= dateadd(day, -:days, getdate()) -- the last days\n")]
    [InlineData("x = 1 /* a ) comment */")]
    [InlineData("price$usd > 5 and a$b = c")]
    [InlineData("x in (select 1 union select 2)")]
    public void A_single_condition_is_accepted(string sql) => Assert.NotNull(SnapshotFilter.Sql(sql));

    [Fact]
    public void A_where_clause_that_escapes_is_a_spec_error_at_its_json_path()
    {
        string spec = """
            {"connection_name": "c", "default_destination_catalog": "main", "default_destination_schema": "s",
             "objects": [{"table": {"source_table": "public.sales", "table_configuration": {"where_clause": "1=1) union all (select * from sales"}}}]}
            """;

        var ex = Assert.Throws<PipelineSpecException>(() => PipelineSpecReader.Read(spec));

        Assert.Contains("$.objects[0].table.table_configuration.where_clause: The raw condition", ex.Message);
        Assert.Contains("closes a parenthesis it did not open", ex.Message);
    }
}
