using System.Text.Json.Nodes;
using RedshiftTyped.Execution;
using RedshiftTyped.Tests.Infrastructure;

namespace RedshiftTyped.Tests.Wire;

public sealed class PaginationTests
{
    private const string Id = Aws.StatementId;
    private const string Columns = "[{\"name\":\"n\",\"label\":\"n\",\"typeName\":\"int8\",\"precision\":19,\"nullable\":0}]";

    /// <summary>A statement whose result of <paramref name="rows"/> rows comes back <paramref name="perPage"/> rows a page.</summary>
    private static RecordingHandler Paged(int rows, int perPage, Func<int, string?>? tokenFor = null, long? announced = null)
    {
        tokenFor ??= page => (page + 1) * perPage < rows ? $"opaque-{page + 1:x4}" : null;
        return new RecordingHandler((r, _) =>
        {
            switch (r.Operation)
            {
                case "ExecuteStatement": return Aws.Ok(Aws.Submitted(Id));
                case "DescribeStatement": return Aws.Ok(Aws.Described(Id, "FINISHED", resultRows: rows));
            }

            string? token = (string?)r.Json["NextToken"];
            int page = token is null ? 0 : Convert.ToInt32(token["opaque-".Length..], 16);
            var records = new JsonArray();
            for (int n = page * perPage; n < Math.Min(rows, (page + 1) * perPage); n++)
            {
                records.Add(new JsonArray(new JsonObject { ["longValue"] = n }));
            }

            var body = new JsonObject
            {
                ["Records"] = records,
                ["ColumnMetadata"] = JsonNode.Parse(Columns),
                ["TotalNumRows"] = announced ?? rows,
            };
            if (tokenFor(page) is { } next)
            {
                body["NextToken"] = next;
            }

            return Aws.Ok(body);
        });
    }

    [Fact]
    public async Task Every_page_is_read_once_with_no_row_lost_or_repeated()
    {
        var handler = Paged(rows: 10_007, perPage: 100);
        using var client = TestClients.Create(handler);

        var seen = new List<long>();
        int pages = 0;
        await foreach (var page in client.QueryPagesAsync(new SqlStatement("select n from t")))
        {
            pages++;
            Assert.Equal(10_007, page.TotalNumRows);
            seen.AddRange(page.DecodeRows().Select(row => (long)row[0]!));
        }

        Assert.Equal(101, pages);
        Assert.Equal(Enumerable.Range(0, 10_007).Select(i => (long)i), seen);
        var tokens = handler.Calls("GetStatementResult").Select(r => (string?)r.Json["NextToken"]).ToList();
        Assert.Null(tokens[0]);
        Assert.Equal(tokens.Count, tokens.Distinct().Count());
    }

    [Fact]
    public async Task The_next_page_is_prefetched_one_ahead_and_no_further_and_an_early_stop_is_clean()
    {
        var handler = Paged(rows: 1_000, perPage: 100);
        using var client = TestClients.Create(handler);

        await foreach (var page in client.QueryPagesAsync(new SqlStatement("select n from t")))
        {
            // Give a runaway prefetcher time to show itself.
            await Task.Delay(100);
            Assert.Equal(2, handler.Calls("GetStatementResult").Count());
            break;
        }

        Assert.Equal(2, handler.Calls("GetStatementResult").Count());
    }

    [Fact]
    public async Task A_repeated_NextToken_stops_reading_instead_of_repeating_rows()
    {
        var handler = Paged(rows: 500, perPage: 100, tokenFor: page => page < 2 ? "opaque-0001" : null);
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<ResultIntegrityException>(async () =>
        {
            await foreach (var _ in client.QueryPagesAsync(new SqlStatement("select n from t")))
            {
            }
        });
        Assert.Contains("NextToken", ex.Message);
    }

    [Fact]
    public async Task Rows_that_do_not_add_up_to_TotalNumRows_are_reported()
    {
        var handler = Paged(rows: 250, perPage: 100, announced: 300);
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<ResultIntegrityException>(async () =>
        {
            await foreach (var _ in client.QueryAsync(new SqlStatement("select n from t")))
            {
            }
        });
        Assert.Contains("announced 300 rows", ex.Message);
    }

    [Fact]
    public async Task A_statement_without_a_result_set_reads_no_pages()
    {
        var handler = new RecordingHandler((r, _) => r.Operation == "ExecuteStatement"
            ? Aws.Ok(Aws.Submitted(Id))
            : Aws.Ok(Aws.Described(Id, "FINISHED", hasResultSet: false, resultRows: 3)));
        using var client = TestClients.Create(handler);

        var pages = new List<ResultPage>();
        await foreach (var page in client.QueryPagesAsync(new SqlStatement("delete from t")))
        {
            pages.Add(page);
        }

        Assert.Empty(pages);
        Assert.Empty(handler.Calls("GetStatementResult"));
    }

    [Fact]
    public async Task CSV_results_are_read_through_GetStatementResultV2()
    {
        var handler = new RecordingHandler((r, _) => r.Operation switch
        {
            "ExecuteStatement" => Aws.Ok(Aws.Submitted(Id)),
            "DescribeStatement" => Aws.Ok(Aws.Described(Id, "FINISHED", resultRows: 3, format: "CSV")),
            _ => Aws.Ok("{\"Records\":[{\"CSVRecords\":\"1,\\\"a,b\\\"\\n2,\\n3,\\\"\\\"\\n\"}],\"ColumnMetadata\":[{\"name\":\"n\",\"typeName\":\"int4\"},{\"name\":\"s\",\"typeName\":\"varchar\"}],\"TotalNumRows\":3,\"ResultFormat\":\"CSV\"}"),
        });
        using var client = TestClients.Create(handler);

        var rows = new List<object?[]>();
        await foreach (var row in client.QueryAsync(new SqlStatement("select n, s from t") { ResultFormat = DataApi.Model.ResultFormatString.CSV }))
        {
            Assert.Equal(["n", "s"], row.Schema.Names);
            Assert.Equal([RedshiftTyped.Values.RedshiftType.Integer, RedshiftTyped.Values.RedshiftType.VarChar], row.Schema.Types);
            rows.Add([.. row]);
        }

        Assert.Equal("CSV", (string?)handler.Calls("ExecuteStatement").Single().Json["ResultFormat"]);
        Assert.Single(handler.Calls("GetStatementResultV2"));
        Assert.Equal([1, "a,b"], rows[0]);
        Assert.Equal([2, null], rows[1]);
        Assert.Equal([3, ""], rows[2]);
    }
}
