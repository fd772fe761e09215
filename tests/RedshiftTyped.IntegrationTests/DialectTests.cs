using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Execution;
using RedshiftTyped.IntegrationTests.Infrastructure;

namespace RedshiftTyped.IntegrationTests;

/// <summary>
/// The local server speaks Redshift's SQL (issue 10): the semantics that used to differ silently — values and result
/// metadata — through the real client over HTTP, on both backends. Each expectation is the guide's documented one.
/// </summary>
public abstract class DialectTests(TickitServerFixture fixture)
{
    private RedshiftClient Client => fixture.Client;

    private async Task<GetStatementResultResponse> ResultAsync(string sql)
    {
        var completed = await Client.ExecuteAsync(sql);
        return await Client.DataApi.GetStatementResultAsync(new GetStatementResultRequest { Id = completed.Id });
    }

    private static (string Name, string Type, int Precision, int Scale) Describe(ColumnMetadata column)
        => (column.Name!, column.TypeName!, column.Precision ?? -1, column.Scale ?? -1);

    [Theory]
    [InlineData("select 1")]
    [InlineData("select 1, 'a', 1 + 1")]
    [InlineData("select 1;")]
    [InlineData("select 1, 2 ; ;")]
    public async Task Unnamed_expressions_are_named_question_column_on_every_path(string sql)
    {
        // Redshift, like PostgreSQL, names an unaliased expression ?column? (DuckDB names it after its text: "1").
        var result = await ResultAsync(sql);
        Assert.All(result.ColumnMetadata!, c => Assert.Equal("?column?", c.Name));

        var batch = await Client.DataApi.BatchExecuteStatementAsync(Client.WithTarget(new BatchExecuteStatementRequest { Sqls = ["select 1", sql] }));
        var described = await Client.DataApi.DescribeStatementAsync(new DescribeStatementRequest { Id = batch.Id, WaitTimeSeconds = 30 });
        Assert.Equal(StatusString.FINISHED, described.Status);
        foreach (var sub in described.SubStatements!)
        {
            var page = await Client.DataApi.GetStatementResultAsync(new GetStatementResultRequest { Id = sub.Id });
            Assert.All(page.ColumnMetadata!, c => Assert.Equal("?column?", c.Name));
        }
    }

    [Theory]
    [InlineData("select 1; select 2")]
    [InlineData("select 1, 2; select 7 as seven")]
    [InlineData("select 1 -- a comment; no statement\n; select 2")]
    public async Task Several_statements_in_one_execute_statement_fail_as_a_prepared_statement_does(string sql)
    {
        // The Data API reference: ExecuteStatement's SQL "must be a single SQL statement"; Redshift refuses several in a
        // prepared statement. Before, the first statement's rows came back and the rest was skipped.
        var failure = await Assert.ThrowsAsync<StatementFailedException>(() => Client.ExecuteAsync(sql));
        Assert.StartsWith("ERROR: cannot insert multiple commands into a prepared statement", failure.Error);
        Assert.Contains("BatchExecuteStatement", failure.Error);
    }

    [Fact]
    public async Task Several_statements_run_nothing_of_the_text_not_even_the_first()
    {
        string table = "multi_" + Guid.NewGuid().ToString("N")[..8];
        await Assert.ThrowsAsync<StatementFailedException>(
            () => Client.ExecuteAsync($"create table {table} (a int); select * from no_such_table_anywhere"));
        var exists = await Client.ExecuteAsync(new SqlStatement(
            "select count(*) from information_schema.tables where table_name = :t").WithParameter("t", table));
        var count = await Client.DataApi.GetStatementResultAsync(new GetStatementResultRequest { Id = exists.Id });
        Assert.Equal(0L, count.Records!.Single()[0].LongValue);
    }

    [Fact]
    public async Task A_batch_entry_holding_several_statements_fails_and_rolls_back_the_batch()
    {
        string table = "multi_" + Guid.NewGuid().ToString("N")[..8];
        var batch = await Client.DataApi.BatchExecuteStatementAsync(Client.WithTarget(new BatchExecuteStatementRequest
        {
            Sqls = [$"create table {table} (a int)", "select 1; select 2"],
        }));
        var described = await Client.DataApi.DescribeStatementAsync(new DescribeStatementRequest { Id = batch.Id, WaitTimeSeconds = 30 });
        Assert.Equal(StatusString.FAILED, described.Status);
        Assert.StartsWith("ERROR: cannot insert multiple commands", described.Error);
        await Assert.ThrowsAsync<StatementFailedException>(() => Client.ExecuteAsync($"select * from {table}"));
    }

    [Theory]
    [InlineData("insert into {0} values ('C:\\'); drop table {0}", "ERROR: unterminated quoted string at or near \"'C:\\'); drop table")]
    [InlineData("insert into {0} values (1) /* ; drop table {0}", "ERROR: unterminated /* comment at or near \"/* ; drop table")]
    [InlineData("insert into {0} values ($q$x); drop table {0}", "ERROR: unterminated dollar-quoted string at or near \"$q$x); drop table")]
    [InlineData("insert into {0} values (1); drop table \"{0}", "ERROR: unterminated quoted identifier at or near \"\"")]
    public async Task A_literal_or_comment_left_open_fails_the_statement_before_anything_runs(string template, string expected)
    {
        // Redshift reads \' in a string as an escaped quote, so 'C:\' is open and swallows the rest. Before, the splitter
        // took the rest as one statement and the engine, lexing it its own way, ran the insert and the drop.
        string table = "open_" + Guid.NewGuid().ToString("N")[..8];
        await Client.ExecuteAsync($"create table {table} (a varchar(10))");
        string sql = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, table);

        var failure = await Assert.ThrowsAsync<StatementFailedException>(() => Client.ExecuteAsync(sql));
        Assert.StartsWith(expected, failure.Error);
        Assert.DoesNotContain('\n', failure.Error);

        var batch = await Client.DataApi.BatchExecuteStatementAsync(Client.WithTarget(new BatchExecuteStatementRequest
        {
            Sqls = [$"insert into {table} values ('ok')", sql],
        }));
        var described = await Client.DataApi.DescribeStatementAsync(new DescribeStatementRequest { Id = batch.Id, WaitTimeSeconds = 30 });
        Assert.Equal(StatusString.FAILED, described.Status);
        Assert.StartsWith(expected, described.Error);

        // Nothing ran: the table is still there, and empty (the batch's first insert rolled back with it).
        var count = await ResultAsync($"select count(*) from {table}");
        Assert.Equal(0L, count.Records!.Single()[0].LongValue);
    }

    [Fact]
    public async Task Non_ascii_names_nul_characters_and_comments_ending_at_a_carriage_return_are_read_as_the_engines_read_them()
    {
        // A non-ASCII letter opening a word made the lexer loop until the server ran out of memory.
        var named = await ResultAsync("select 1 as café");
        Assert.Equal("café", named.ColumnMetadata!.Single().Name);

        // A -- comment ends at \r: the statement after it is a second statement, refused, and nothing runs.
        string table = "cr_" + Guid.NewGuid().ToString("N")[..8];
        await Client.ExecuteAsync($"create table {table} (a int)");
        var several = await Assert.ThrowsAsync<StatementFailedException>(
            () => Client.ExecuteAsync($"insert into {table} values (1) --x\r; drop table {table}\n"));
        Assert.StartsWith("ERROR: cannot insert multiple commands into a prepared statement", several.Error);
        var count = await ResultAsync($"select count(*) from {table}");
        Assert.Equal(0L, count.Records!.Single()[0].LongValue);

        // U+0000 in the text: DuckDB ran the statement only up to it.
        var nul = await Assert.ThrowsAsync<StatementFailedException>(() => Client.ExecuteAsync($"insert into {table} values (1)\0, (2)"));
        Assert.Equal("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00", nul.Error);
        count = await ResultAsync($"select count(*) from {table}");
        Assert.Equal(0L, count.Records!.Single()[0].LongValue);
    }

    [Theory]
    [InlineData(";")]
    [InlineData(" ; ; ")]
    [InlineData("-- only a comment")]
    public async Task An_empty_query_finishes_with_no_result_as_postgresql_answers_it(string sql)
    {
        var completed = await Client.ExecuteAsync(sql);
        Assert.False(completed.HasResultSet);
    }

    [Fact]
    public async Task Integer_division_truncates()
    {
        var result = await ResultAsync("select 3/4, 7/2, -7/2");
        Assert.Equal([0L, 3L, -3L], result.Records!.Single().Select(f => f.LongValue!.Value));
        Assert.All(result.ColumnMetadata!, c => Assert.Equal(("?column?", "int4"), (c.Name, c.TypeName)));
    }

    [Theory]
    [InlineData("select 1/0")]
    [InlineData("select 7 % 0")]
    [InlineData("select 1.5/0")]
    [InlineData("select cast(1 as double precision) / 0")]
    [InlineData("select qtysold / (qtysold - qtysold) from sales limit 1")]
    public async Task Division_by_zero_fails_as_redshift_does_rather_than_answering_null(string sql)
    {
        // Redshift (as PostgreSQL) fails the statement; DuckDB on its own answers NULL, a silent wrong answer.
        var failure = await Assert.ThrowsAsync<StatementFailedException>(() => Client.ExecuteAsync(sql));
        Assert.Equal("ERROR: division by zero", failure.Error);
        var fine = await ResultAsync("select 7/2, 7 % 2, 1.5/3, qtysold / qtysold from sales limit 1");
        Assert.Equal([3L, 1L], fine.Records!.Single().Take(2).Select(f => f.LongValue!.Value));
    }

    [Fact]
    public async Task Aggregates_have_redshifts_result_types()
    {
        // r_AVG, r_SUM, r_COUNT: avg of integers is a truncated BIGINT, sum of integers BIGINT, of DECIMAL(p,s) DECIMAL(38,s).
        var result = await ResultAsync(
            "select avg(i), sum(s), sum(d), avg(d), count(*) from (select 1 as i, cast(1 as smallint) as s, cast(10.00 as numeric(8,2)) as d " +
            "union all select 2, 2, 9.00 union all select 2, 3, 12.00) as t");
        var row = result.Records!.Single();
        Assert.Equal(1L, row[0].LongValue);
        Assert.Equal(6L, row[1].LongValue);
        Assert.Equal("31.00", row[2].StringValue);
        Assert.Equal("10.33", row[3].StringValue);
        Assert.Equal(3L, row[4].LongValue);
        Assert.Equal(
            [("avg", "int8", 19, 0), ("sum", "int8", 19, 0), ("sum", "numeric", 38, 2), ("avg", "numeric", 38, 2), ("count", "int8", 19, 0)],
            result.ColumnMetadata!.Select(Describe));
    }

    [Fact]
    public async Task Casts_report_redshifts_types_and_defaults()
    {
        var result = await ResultAsync("select 3.7::numeric, 'ab'::char(5), 'x'::varchar(20), 'y'::varchar, 'z'::text, 3.14159, cast('Fourscore and seven' as varchar(5))");
        Assert.Equal(
            [("numeric", "numeric", 18, 0), ("bpchar", "bpchar", 5, 0), ("varchar", "varchar", 20, 0), ("varchar", "varchar", 256, 0),
             ("varchar", "varchar", 256, 0), ("?column?", "numeric", 6, 5), ("varchar", "varchar", 5, 0)],
            result.ColumnMetadata!.Select(Describe));
        var row = result.Records!.Single();
        Assert.Equal("4", row[0].StringValue);
        Assert.Equal("ab   ", row[1].StringValue);
        Assert.Equal("Fours", row[6].StringValue);
    }

    [Fact]
    public async Task Identifiers_fold_to_lower_case_even_quoted()
    {
        await Client.ExecuteAsync("create table if not exists \"MixedCaseTable\" (\"MixedCol\" integer)");
        await Client.ExecuteAsync("insert into MIXEDCASETABLE values (5)");
        var result = await ResultAsync("select \"MIXEDCOL\", mixedcol as \"Random Column\" from \"mixedcasetable\"");
        Assert.Equal(["mixedcol", "random column"], result.ColumnMetadata!.Select(c => c.Name));
        Assert.Equal("mixedcasetable", result.ColumnMetadata![0].TableName);
        Assert.Equal(5L, result.Records!.Single()[0].LongValue);
        var tables = await Client.DataApi.ListTablesAsync(Client.WithTarget(new ListTablesRequest { TablePattern = "mixedcase%" }));
        Assert.Equal("mixedcasetable", Assert.Single(tables.Tables!).Name);
        await Client.ExecuteAsync("drop table mixedcasetable");
    }

    [Fact]
    public async Task Unnamed_expressions_get_redshifts_default_column_names()
    {
        var result = await ResultAsync(
            "select dateadd(day, 1, '2008-02-28'), datediff(week, '2009-01-01', '2009-12-31'), date_part(minute, timestamp '2023-01-04 04:05:06'), " +
            "extract(hour from timestamp '2023-01-04 04:05:06'), cast(1 as integer), case when true then 1 end, 1 + 1, nvl(null, 2), " +
            "json_parse('{\"a\": {\"b\": 1}}').a.b, trim('  x  '), decode(1, 1, 'one')");
        Assert.Equal(["date_add", "date_diff", "pgdate_part", "date_part", "int4", "case", "?column?", "coalesce", "b", "btrim", "case"],
            result.ColumnMetadata!.Select(c => c.Name));
        var row = result.Records!.Single();
        Assert.Equal("2008-02-29 00:00:00.0", row[0].StringValue);
        Assert.Equal(52L, row[1].LongValue);
        Assert.Equal(5.0, row[2].DoubleValue);
        Assert.Equal(4L, row[3].LongValue);
        Assert.Equal("1", row[8].StringValue);
        Assert.Equal("one", row[10].StringValue);
    }

    [Fact]
    public async Task Json_parse_is_super_and_a_string_stored_in_super_stays_a_string()
    {
        await Client.ExecuteAsync("create table if not exists super_probe (s super)");
        await Client.ExecuteAsync("delete from super_probe");
        await Client.ExecuteAsync("insert into super_probe values ('{\"a\": 1}'), (json_parse('{\"a\": 1}')), (5)");
        var result = await ResultAsync("select s, json_typeof(s), s.a from super_probe order by 2");
        Assert.Equal(("s", "super"), (result.ColumnMetadata![0].Name, result.ColumnMetadata[0].TypeName));
        Assert.Equal(
            [["5", "number", null], ["{\"a\":1}", "object", "1"], ["\"{\\\"a\\\": 1}\"", "string", null]],
            result.Records!.Select(r => r.Select(f => f.StringValue).ToArray()));
        await Client.ExecuteAsync("drop table super_probe");
    }

    [Fact]
    public async Task Parameters_keep_binding_to_the_same_values_in_rewritten_calls()
    {
        var rows = await Client.QueryAsync(new SqlStatement(
            "select dateadd(day, -:days, '2008-03-01'), :days + 1, ':days', nvl(:missing_text, 'x')")
            .WithParameter("days", 2).WithParameter("missing_text", "given")).ToListAsync();
        var row = rows.Single();
        Assert.Equal(new DateTime(2008, 2, 28), row[0]);
        Assert.Equal(3, Convert.ToInt32(row[1]));
        Assert.Equal(":days", row[2]);
        Assert.Equal("given", row[3]);
    }

    [Fact]
    public async Task A_table_made_from_a_query_keeps_the_querys_redshift_types()
    {
        await Client.ExecuteAsync("drop table if exists ctas_probe");
        await Client.ExecuteAsync("create table ctas_probe as select 1 as a, 'x'::varchar(5) as b, json_parse('[1]') as j, sum(qtysold) as total from sales");
        var described = await Client.DataApi.DescribeTableAsync(Client.WithTarget(new DescribeTableRequest { Table = "ctas_probe" }));
        Assert.Equal(["int4", "varchar", "super", "int8"], described.ColumnList!.Select(c => c.TypeName));
        Assert.Equal(5, described.ColumnList![1].Length);
        var rows = await Client.QueryAsync(new SqlStatement("select b, j from ctas_probe limit :n").WithParameter("n", 1)).ToListAsync();
        Assert.Equal("x", rows.Single()[0]);
        await Client.ExecuteAsync("drop table ctas_probe");
    }

    [Fact]
    public async Task Redshift_only_syntax_runs()
    {
        var top = await ResultAsync("select top 2 salesid from sales order by salesid");
        Assert.Equal([1L, 2L], top.Records!.Select(r => r[0].LongValue!.Value));
        var minus = await ResultAsync("select 1 as x union select 2 minus select 2 order by 1");
        Assert.Equal(1L, minus.Records!.Single()[0].LongValue);
        var listagg = await ResultAsync("select listagg(catname, ',') within group (order by catid) from category where catid <= 3");
        Assert.Equal(("listagg", "MLB,NHL,NFL"), (listagg.ColumnMetadata![0].Name, listagg.Records!.Single()[0].StringValue));
    }

    [Fact]
    public async Task Features_the_local_server_cannot_emulate_fail_naming_the_feature()
    {
        var failure = await Assert.ThrowsAsync<StatementFailedException>(() => Client.ExecuteAsync("select st_point(1, 2)"));
        Assert.Equal("ERROR: The spatial function ST_POINT is not supported by the local server", failure.Error);
    }

    [Fact]
    public async Task Statements_the_dialect_layer_does_not_parse_still_run()
    {
        await Client.ExecuteAsync("create table if not exists passthrough_probe (id integer, note varchar(10) default 'n/a')");
        await Client.ExecuteAsync("insert into passthrough_probe (id) values (1)");
        var result = await ResultAsync("select note from passthrough_probe");
        Assert.Equal(("n/a", "varchar", 10), (result.Records!.Single()[0].StringValue, result.ColumnMetadata![0].TypeName, result.ColumnMetadata[0].Precision ?? 0));
        await Client.ExecuteAsync("drop table passthrough_probe");
    }
}

public sealed class DuckDbDialectTests(DuckDbTickitFixture fixture) : DialectTests(fixture), IClassFixture<DuckDbTickitFixture>;

public sealed class PostgresDialectTests(PostgresTickitFixture fixture) : DialectTests(fixture), IClassFixture<PostgresTickitFixture>;
