using RedshiftTyped.DataApi.Errors;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Execution;
using RedshiftTyped.IntegrationTests.Infrastructure;

namespace RedshiftTyped.IntegrationTests;

/// <summary>Running statements and reading results, on the TICKIT sample, through the real client over HTTP.</summary>
public abstract class StatementTests(TickitServerFixture fixture)
{
    protected RedshiftClient Client => fixture.Client;

    [Fact]
    public async Task Tickit_sample_has_its_tables_and_rows()
    {
        var rows = await Client.QueryAsync(new SqlStatement(
            "select (select count(*) from sales), (select count(*) from users), (select count(*) from listing), (select count(*) from category)")).ToListAsync();
        Assert.Equal([100000L, 5000L, 50000L, 12L], rows.Single().Select(v => Convert.ToInt64(v)).ToArray());
    }

    [Fact]
    public async Task Every_nullable_sample_column_holds_nulls_and_no_other_column_does()
    {
        foreach (string table in new[] { "users", "venue", "category", "date", "event", "listing", "sales" })
        {
            var described = await Client.DataApi.DescribeTableAsync(Client.WithTarget(new DescribeTableRequest { Table = table }));
            string counts = string.Join(", ", described.ColumnList!.Select(c => $"count(*) - count(\"{c.Name}\")"));
            var nulls = (await Client.QueryAsync(new SqlStatement($"select {counts} from {table}")).ToListAsync()).Single();
            for (int i = 0; i < nulls.Count; i++)
            {
                var column = described.ColumnList![i];
                long count = Convert.ToInt64(nulls[i]);
                Assert.True(column.Nullable == 1 ? count > 0 : count == 0, $"{table}.{column.Name}: nullable={column.Nullable}, nulls={count}");
            }
        }
    }

    [Fact]
    public async Task Parameters_are_bound_as_values_and_cast_by_the_engine()
    {
        var statement = new SqlStatement("select salesid, qtysold from sales where salesid = :id and qtysold >= :qty and ':id' = ':id'")
            .WithParameter("id", 42).WithParameter("qty", 1);
        var rows = await Client.QueryAsync(statement).ToListAsync();
        Assert.Equal(42L, Convert.ToInt64(rows.Single()[0]));

        // A parameter value is never SQL: an injection attempt is just a string that matches nothing.
        var injection = new SqlStatement("select count(*) from users where username = :name").WithParameter("name", "x' or '1'='1");
        Assert.Equal(0L, Convert.ToInt64((await Client.QueryAsync(injection).ToListAsync()).Single()[0]));

        var completed = await Client.ExecuteAsync(new SqlStatement("select :a as a, :a as b").WithParameter("a", "hello"));
        Assert.Equal("select :a as a, :a as b", completed.Description.QueryString);
        Assert.Equal("hello", Assert.Single(completed.Description.QueryParameters!).Value);
    }

    [Fact]
    public async Task Pagination_returns_every_row_once_across_many_pages()
    {
        long count = 0, sum = 0, previous = 0;
        int pages = 0;
        await foreach (var page in Client.QueryPagesAsync(new SqlStatement("select salesid, pricepaid, saletime from sales order by salesid")))
        {
            pages++;
            Assert.Equal(100000, page.TotalNumRows);
            Assert.Equal(3, page.Columns.Count);
            foreach (var row in page.Records)
            {
                long id = row[0].LongValue!.Value;
                Assert.Equal(previous + 1, id);
                previous = id;
                sum += id;
                count++;
            }
        }

        Assert.Equal(100000, count);
        Assert.Equal(100000L * 100001 / 2, sum);
        Assert.True(pages > 50, $"expected many pages, got {pages}");
    }

    [Fact]
    public async Task Csv_results_page_through_GetStatementResultV2()
    {
        var statement = new SqlStatement("select salesid, commission, saletime from sales order by salesid") { ResultFormat = ResultFormatString.CSV };
        long count = 0, sum = 0;
        int pages = 0, nulls = 0;
        await foreach (var page in Client.QueryPagesAsync(statement))
        {
            pages++;
            Assert.NotNull(page.CsvRecords);
            foreach (var row in page.ReadTextRows())
            {
                sum += long.Parse(row[0]!, System.Globalization.CultureInfo.InvariantCulture);
                if (row[1] is null) nulls++;
                count++;
            }
        }

        Assert.Equal(100000, count);
        Assert.Equal(100000L * 100001 / 2, sum);
        Assert.Equal(100, nulls);
        Assert.True(pages > 10);
    }

    [Fact]
    public async Task Csv_distinguishes_null_from_empty_string_and_quotes_per_rfc4180()
    {
        var response = await RunCsvAsync("select cast(null as varchar) as a, '' as b, 'x,y' as c, 'say \"hi\"' as d, 'plain' as e");
        Assert.Equal(",\"\",\"x,y\",\"say \"\"hi\"\"\",plain\n", response.Records!.Single().CSVRecords);
        Assert.Equal(ResultFormatString.CSV, response.ResultFormat);
        Assert.Null(response.NextToken);
    }

    private async Task<GetStatementResultV2Response> RunCsvAsync(string sql)
    {
        var submitted = await Client.DataApi.ExecuteStatementAsync(Client.WithTarget(new ExecuteStatementRequest
        {
            Sql = sql,
            ResultFormat = ResultFormatString.CSV,
            WaitTimeSeconds = 10,
        }));
        Assert.Equal(StatusString.FINISHED, submitted.Status);
        return await Client.DataApi.GetStatementResultV2Async(new GetStatementResultV2Request { Id = submitted.Id });
    }

    [Fact]
    public async Task DescribeStatement_reports_every_member()
    {
        var completed = await Client.ExecuteAsync(new SqlStatement("select * from category where catid <= :n") { StatementName = "describe-me" }.WithParameter("n", 3));
        var d = completed.Description;
        Assert.Equal(StatusString.FINISHED, d.Status);
        Assert.Equal(3, d.ResultRows);
        Assert.True(d.ResultSize > 0);
        Assert.True(d.HasResultSet);
        Assert.True(d.Duration > 0);
        Assert.True(d.RedshiftPid > 0);
        Assert.True(d.RedshiftQueryId > 0);
        Assert.Equal("dev", d.Database);
        Assert.Equal("local-cluster", d.ClusterIdentifier);
        Assert.Equal(ResultFormatString.JSON, d.ResultFormat);
        Assert.NotNull(d.CreatedAt);
        Assert.True(d.UpdatedAt >= d.CreatedAt);
        Assert.Null(d.Error);
    }

    [Fact]
    public async Task Dml_reports_affected_rows_without_a_result_set()
    {
        await Client.ExecuteAsync("create table dml_probe(id integer not null, name varchar(20)) diststyle even");
        var inserted = await Client.ExecuteAsync(new SqlStatement("insert into dml_probe values (1, :a), (2, :a), (3, :a)").WithParameter("a", "x"));
        Assert.Equal(3, inserted.ResultRows);
        Assert.False(inserted.HasResultSet);
        var updated = await Client.ExecuteAsync("update dml_probe set name = 'y' where id > 1");
        Assert.Equal(2, updated.ResultRows);
        await Client.ExecuteAsync("drop table dml_probe");
    }

    [Fact]
    public async Task A_failing_statement_is_FAILED_with_the_engine_message()
    {
        var failure = await Assert.ThrowsAsync<StatementFailedException>(() => Client.ExecuteAsync("select * from no_such_table_e2e"));
        Assert.Contains("no_such_table_e2e", failure.Error);
        var described = await Client.DataApi.DescribeStatementAsync(new DescribeStatementRequest { Id = failure.StatementId });
        Assert.Equal(StatusString.FAILED, described.Status);
        Assert.StartsWith("ERROR:", described.Error);
        Assert.False(described.HasResultSet);
        var noResult = await Assert.ThrowsAsync<ResourceNotFoundException>(() =>
            Client.DataApi.GetStatementResultAsync(new GetStatementResultRequest { Id = failure.StatementId }));
        Assert.Equal(failure.StatementId, noResult.ResourceId);
    }

    [Fact]
    public async Task ExecuteStatement_long_polls_until_finished()
    {
        var submitted = await Client.DataApi.ExecuteStatementAsync(Client.WithTarget(new ExecuteStatementRequest { Sql = "select count(*) from sales", WaitTimeSeconds = 20 }));
        Assert.Equal(StatusString.FINISHED, submitted.Status);
        Assert.True(submitted.HasResultSet);
        var described = await Client.DataApi.DescribeStatementAsync(new DescribeStatementRequest { Id = submitted.Id, WaitTimeSeconds = 5 });
        Assert.Equal(StatusString.FINISHED, described.Status);
    }

    [Fact]
    public async Task ClientToken_makes_a_retried_submit_run_once()
    {
        string token = Guid.NewGuid().ToString();
        ExecuteStatementRequest Request() => Client.WithTarget(new ExecuteStatementRequest { Sql = "select 1", ClientToken = token });
        var first = await Client.DataApi.ExecuteStatementAsync(Request());
        var second = await Client.DataApi.ExecuteStatementAsync(Request());
        Assert.Equal(first.Id, second.Id);
    }

    [Fact]
    public async Task Batch_runs_in_order_and_results_live_on_sub_statement_ids()
    {
        var batch = await Client.DataApi.BatchExecuteStatementAsync(Client.WithTarget(new BatchExecuteStatementRequest
        {
            Sqls = ["select 1 as one", "select catid from category where catid <= 2"],
            WaitTimeSeconds = 20,
        }));
        Assert.Equal(StatusString.FINISHED, batch.Status);
        var described = await Client.DataApi.DescribeStatementAsync(new DescribeStatementRequest { Id = batch.Id });
        Assert.Equal([$"{batch.Id}:1", $"{batch.Id}:2"], described.SubStatements!.Select(s => s.Id));
        Assert.All(described.SubStatements!, s => Assert.Equal(StatusString.FINISHED, s.Status));
        Assert.Equal(3, described.ResultRows);
        Assert.True(described.HasResultSet);

        var wrong = await Assert.ThrowsAsync<ValidationException>(() => Client.DataApi.GetStatementResultAsync(new GetStatementResultRequest { Id = batch.Id }));
        Assert.Equal("BatchExecuteStatement result can only be retrieved with sub-statement id.", wrong.Message);
        var second = await Client.DataApi.GetStatementResultAsync(new GetStatementResultRequest { Id = $"{batch.Id}:2" });
        Assert.Equal(2, second.TotalNumRows);
        var sub = await Client.DataApi.DescribeStatementAsync(new DescribeStatementRequest { Id = $"{batch.Id}:1" });
        Assert.Equal("select 1 as one", sub.QueryString);
    }

    [Fact]
    public async Task A_transaction_batch_rolls_back_and_an_autocommit_batch_does_not()
    {
        string[] sqls = ["create table batch_tx(a integer)", "insert into batch_tx values (1)", "select * from no_such_batch_table"];
        var tx = await Client.DataApi.BatchExecuteStatementAsync(Client.WithTarget(new BatchExecuteStatementRequest { Sqls = [.. sqls], WaitTimeSeconds = 20 }));
        Assert.Equal(StatusString.FAILED, tx.Status);
        var txDescribed = await Client.DataApi.DescribeStatementAsync(new DescribeStatementRequest { Id = tx.Id });
        Assert.Equal(StatusString.FAILED, txDescribed.SubStatements![2].Status);
        await Assert.ThrowsAsync<StatementFailedException>(() => Client.ExecuteAsync("select * from batch_tx"));

        var auto = await Client.DataApi.BatchExecuteStatementAsync(Client.WithTarget(new BatchExecuteStatementRequest
        {
            Sqls = [.. sqls],
            ExecutionMode = ExecutionMode.AUTO_COMMIT,
            WaitTimeSeconds = 20,
        }));
        Assert.Equal(StatusString.FAILED, auto.Status);
        var kept = await Client.QueryAsync(new SqlStatement("select count(*) from batch_tx")).ToListAsync();
        Assert.Equal(1L, Convert.ToInt64(kept.Single()[0]));
        await Client.ExecuteAsync("drop table batch_tx");
    }

    [Fact]
    public async Task Batch_parameters_are_shared_and_must_each_be_used()
    {
        var batch = await Client.DataApi.BatchExecuteStatementAsync(Client.WithTarget(new BatchExecuteStatementRequest
        {
            Sqls = ["select :a as x", "select 2 as y"],
            Parameters = [new SqlParameter("a", "1")],
            WaitTimeSeconds = 20,
        }));
        Assert.Equal(StatusString.FINISHED, batch.Status);
        var unused = await Assert.ThrowsAsync<ValidationException>(() => Client.DataApi.BatchExecuteStatementAsync(Client.WithTarget(new BatchExecuteStatementRequest
        {
            Sqls = ["select :a as x"],
            Parameters = [new SqlParameter("a", "1"), new SqlParameter("b", "2")],
        })));
        Assert.Equal("Parameters list contains unused parameters. Unused parameters: [b]", unused.Message);
    }

    [Fact]
    public async Task Sessions_keep_temporary_tables_between_statements()
    {
        var first = await Client.ExecuteAsync(new SqlStatement("create temp table session_probe(a integer)") { SessionKeepAliveSeconds = 60 });
        string sessionId = Assert.IsType<string>(first.SessionId);
        await Client.ExecuteAsync(new SqlStatement("insert into session_probe values (7)") { SessionId = sessionId });
        var rows = await Client.QueryAsync(new SqlStatement("select a from session_probe") { SessionId = sessionId }).ToListAsync();
        Assert.Equal(7L, Convert.ToInt64(rows.Single()[0]));

        // Without the session, the temporary table does not exist.
        await Assert.ThrowsAsync<StatementFailedException>(() => Client.ExecuteAsync("select a from session_probe"));
    }

    [Fact]
    public async Task ListStatements_filters_by_name_prefix_and_status_and_pages()
    {
        string prefix = "list-" + Guid.NewGuid().ToString("N")[..8];
        for (int i = 0; i < 3; i++)
        {
            await Client.ExecuteAsync(new SqlStatement($"select {i}") { StatementName = $"{prefix}-{i}" });
        }

        var seen = new List<StatementData>();
        string? token = null;
        do
        {
            var page = await Client.DataApi.ListStatementsAsync(new ListStatementsRequest { StatementName = prefix, MaxResults = 2, NextToken = token, Status = StatusString.FINISHED });
            seen.AddRange(page.Statements!);
            token = page.NextToken;
        }
        while (token is not null);

        Assert.Equal(3, seen.Count);
        Assert.All(seen, s => Assert.StartsWith(prefix, s.StatementName));
        Assert.Equal(3, seen.Select(s => s.Id).Distinct().Count());
    }

    [Fact]
    public async Task Everyday_redshift_functions_run_on_either_engine()
    {
        var row = (await Client.QueryAsync(new SqlStatement(
            "select nvl(null, 'x') as a, len('abcd') as b, charindex('c', 'abc') as c, dateadd('day', 2, date '2024-01-30') as d, " +
            "json_parse('{\"k\": 1}') as e, getdate() is not null as f")).ToListAsync()).Single();
        Assert.Equal("x", row[0]);
        Assert.Equal(4L, Convert.ToInt64(row[1]));
        Assert.Equal(3L, Convert.ToInt64(row[2]));
        Assert.Equal(new DateTime(2024, 2, 1), row[3]);
        Assert.Equal(true, row[5]);
    }

    [Fact]
    public async Task Concurrent_statements_run_side_by_side()
    {
        var tasks = Enumerable.Range(1, 16).Select(async i =>
        {
            var rows = await Client.QueryAsync(new SqlStatement("select count(*) from sales where qtysold = :q").WithParameter("q", i % 8 + 1)).ToListAsync();
            return Convert.ToInt64(rows.Single()[0]);
        });
        long[] counts = await Task.WhenAll(tasks);
        var total = await Client.QueryAsync(new SqlStatement("select count(*) from sales")).ToListAsync();
        Assert.Equal(2 * Convert.ToInt64(total.Single()[0]), counts.Sum());
    }
}

public sealed class DuckDbStatementTests(DuckDbTickitFixture fixture) : StatementTests(fixture), IClassFixture<DuckDbTickitFixture>;

public sealed class PostgresStatementTests(PostgresTickitFixture fixture) : StatementTests(fixture), IClassFixture<PostgresTickitFixture>;
