using System.Text;
using RedshiftTyped.DataApi.Errors;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Execution;
using RedshiftTyped.IntegrationTests.Infrastructure;
using RedshiftTyped.Local;

namespace RedshiftTyped.IntegrationTests.Results;

/// <summary>
/// How the server stores results: encoded once in the statement's format, spilled to a temporary file past the memory
/// budget, released on expiry, on request and at stop, and sized by the bytes the wire carries. Each test runs its own
/// server (they change server-wide limits and read its storage figures).
/// </summary>
public abstract class ResultStorageTests(TestBackend backend)
{
    // NULL every 7th row; quotes, a comma, a newline and non-ASCII text, so both encoders escape.
    private const string MixedSql = """
        select g as id, case when g % 7 = 0 then null else 'row "' || g || '", é
        ü' end as label, g % 2 = 0 as even
        from generate_series(1, 600) as t(g) order by g
        """;

    private Task<TestServer> StartAsync(Action<LocalServerOptions>? configure = null) => TestServer.StartAsync(backend, o =>
    {
        o.InitSqlFiles.Clear();
        configure?.Invoke(o);
    });

    [Fact]
    public async Task Spilled_pages_read_back_the_same_rows_and_page_boundaries_as_pages_in_memory()
    {
        await using var inMemory = await StartAsync(o => o.PageMaxBytes = 4096);
        await using var spilling = await StartAsync(o => { o.PageMaxBytes = 4096; o.ResultMemoryLimitBytes = 10_000; });

        var (memoryJson, memoryJsonPages) = await ReadJsonAsync(inMemory, MixedSql);
        var (spilledJson, spilledJsonPages) = await ReadJsonAsync(spilling, MixedSql);
        var (memoryCsv, memoryCsvPages) = await ReadCsvAsync(inMemory, MixedSql);
        var (spilledCsv, spilledCsvPages) = await ReadCsvAsync(spilling, MixedSql);

        Assert.True(spilling.Server.ResultStorage.SpilledBytes > 0, spilling.Server.ResultStorage.ToString());
        Assert.True(spilling.Server.ResultStorage.InMemoryBytes <= 10_000, spilling.Server.ResultStorage.ToString());
        Assert.Equal(0, inMemory.Server.ResultStorage.SpilledBytes);
        Assert.Equal(memoryJson, spilledJson);
        Assert.Equal(memoryCsv, spilledCsv);
        Assert.True(memoryJsonPages > 3);
        // One page rule for both formats and both storages.
        Assert.Equal(memoryJsonPages, spilledJsonPages);
        Assert.Equal(memoryJsonPages, memoryCsvPages);
        Assert.Equal(memoryJsonPages, spilledCsvPages);

        Assert.Equal(600, memoryJson.Count);
        Assert.Equal("NULL", memoryJson[6][1]);
        Assert.Equal("row \"1\", é\nü", memoryJson[0][1]);
        Assert.StartsWith("1,\"row \"\"1\"\", é\nü\",f\n2,", memoryCsv, StringComparison.Ordinal);
        Assert.Contains("\n7,,f\n", memoryCsv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResultSize_counts_the_encoded_bytes_of_the_result_format()
    {
        await using var server = await StartAsync();
        using var client = server.Client();
        // [{"longValue":1},{"stringValue":"ab"}] is 38 bytes; an integer used to count 36 on its own.
        var json = await client.ExecuteAsync("select 1 as a, 'ab' as b");
        Assert.Equal(38, json.Description.ResultSize);

        string sql = "select g, 'x,' || g from generate_series(1, 1000) as t(g)";
        var csv = await ExecuteAsync(server, sql, ResultFormatString.CSV);
        long csvBytes = 0;
        string? token = null;
        do
        {
            var page = await client.DataApi.GetStatementResultV2Async(new GetStatementResultV2Request { Id = csv, NextToken = token });
            csvBytes += page.Records!.Sum(r => Encoding.UTF8.GetByteCount(r.CSVRecords!));
            token = page.NextToken;
        }
        while (token is not null);

        var described = await client.DataApi.DescribeStatementAsync(new DescribeStatementRequest { Id = csv });
        Assert.Equal(csvBytes, described.ResultSize);
    }

    [Fact]
    public async Task Strings_travel_as_UTF8_with_only_quotes_backslashes_and_control_characters_escaped()
    {
        // As the service writes JSON: é, 😀 and <>&' as is (STJ's default encoder made é 6 bytes and 😀 12), so ResultSize
        // counts UTF-8 bytes: [{"stringValue":"é😀<>&'\"\\\n"}] is 17 + 10 + 6 + 3 = 36 bytes.
        const string value = "é😀<>&'\"\\\n";
        await using var server = await StartAsync();
        using var client = server.Client();
        var raw = new RawAwsClient(server.Server.Endpoint, server.Server.Region);
        string id = await ExecuteAsync(server, "select :v::varchar as s", ResultFormatString.JSON, new SqlParameter("v", value));
        string csvId = await ExecuteAsync(server, "select :v::varchar as s", ResultFormatString.CSV, new SqlParameter("v", value));

        var (_, _, page) = await raw.PostForTextAsync("RedshiftData.GetStatementResult", $"{{\"Id\":\"{id}\"}}");
        Assert.Contains("""[[{"stringValue":"é😀<>&'\"\\\n"}]]""", page, StringComparison.Ordinal);
        var (_, _, csvPage) = await raw.PostForTextAsync("RedshiftData.GetStatementResultV2", $"{{\"Id\":\"{csvId}\"}}");
        Assert.Contains("""{"CSVRecords":"\"é😀<>&'\"\"\\\n\"\n"}""", csvPage, StringComparison.Ordinal);

        var described = await client.DataApi.DescribeStatementAsync(new DescribeStatementRequest { Id = id });
        Assert.Equal(36, described.ResultSize);
        var records = (await client.DataApi.GetStatementResultAsync(new GetStatementResultRequest { Id = id })).Records!;
        Assert.Equal(value, records[0][0].StringValue);
        var csv = (await client.DataApi.GetStatementResultV2Async(new GetStatementResultV2Request { Id = csvId })).Records!;
        Assert.Equal("\"é😀<>&'\"\"\\\n\"\n", csv[0].CSVRecords);

        // Errors and statement descriptions carry user text the same way.
        var (_, _, error) = await raw.PostForTextAsync("RedshiftData.DescribeStatement", """{"Id":"é<>&'"}""");
        Assert.Contains("é<>&'", error, StringComparison.Ordinal);
        var (_, _, description) = await raw.PostForTextAsync("RedshiftData.DescribeStatement", $"{{\"Id\":\"{id}\"}}");
        Assert.Contains("\"QueryString\":\"select :v::varchar as s\"", description, StringComparison.Ordinal);
        Assert.Contains("\"value\":\"é😀<>&'\\\"\\\\\\n\"", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_parameter_holding_NUL_fails_the_statement_instead_of_being_cut_short()
    {
        // DuckDB read "nul\0mid" as "nul", a silent wrong answer; Redshift's text types cannot hold U+0000 and PostgreSQL
        // refuses it with this message, so both backends fail the statement the same way.
        await using var server = await StartAsync();
        using var client = server.Client();
        var failed = await Assert.ThrowsAsync<StatementFailedException>(
            () => client.ExecuteAsync(new SqlStatement("select :p::varchar as s").WithParameter("p", "nul\0mid")));
        Assert.Contains("invalid byte sequence for encoding \"UTF8\": 0x00", failed.Message, StringComparison.Ordinal);

        // The same text without the NUL still travels whole.
        var fine = await client.ExecuteAsync(new SqlStatement("select :p::varchar as s").WithParameter("p", "nul mid"));
        Assert.Equal(StatusString.FINISHED, fine.Description.Status);
    }

    [Fact]
    public async Task The_size_cap_counts_encoded_bytes_so_integer_rows_fit_where_field_sizes_did_not()
    {
        // 1,000 rows of one 7-digit integer: 23 bytes each as sent ([{"longValue":1000001}]), 39 as the server used to count them.
        await using var server = await StartAsync(o => o.ResultSizeLimitBytes = 25_000);
        using var client = server.Client();
        var fits = await client.ExecuteAsync("select g + 1000000 from generate_series(1, 1000) as t(g)");
        Assert.Equal(StatusString.FINISHED, fits.Description.Status);
        Assert.InRange(fits.Description.ResultSize!.Value, 20_000, 25_000);
        var tooBig = await Assert.ThrowsAsync<StatementFailedException>(() => client.ExecuteAsync("select g + 1000000 from generate_series(1, 1300) as t(g)"));
        Assert.Equal("Database response exceeded size limit", tooBig.Error);
    }

    [Fact]
    public async Task Released_results_free_their_storage_and_read_as_expired()
    {
        var server = await StartAsync(o => o.ResultMemoryLimitBytes = 20_000);
        try
        {
            using var client = server.Client();
            var json = await client.ExecuteAsync("select g, repeat('j', 50) from generate_series(1, 2000) as t(g)");
            string csv = await ExecuteAsync(server, "select g, repeat('c', 50) from generate_series(1, 2000) as t(g)", ResultFormatString.CSV);
            var stored = server.Server.ResultStorage;
            Assert.Equal(2, stored.Results);
            Assert.True(stored.SpilledBytes > 0, stored.ToString());

            Assert.Equal(2, server.Server.ReleaseAllResults());
            Assert.Equal(new ResultStorageStatistics(0, 0, 0), server.Server.ResultStorage);
            var expired = await Assert.ThrowsAsync<ValidationException>(() => client.DataApi.GetStatementResultAsync(new GetStatementResultRequest { Id = json.Id }));
            Assert.StartsWith("Could not retrieve the query result as it has expired: the local server released it before its 24 hours", expired.Message, StringComparison.Ordinal);
            Assert.Contains("ReleaseAllResults", expired.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<ValidationException>(() => client.DataApi.GetStatementResultV2Async(new GetStatementResultV2Request { Id = csv }));
            Assert.Equal(0, server.Server.ReleaseAllResults());

            // Results stored afterwards are unaffected; stopping the server releases them (below).
            var later = await client.ExecuteAsync("select 1");
            Assert.Equal(1, (await client.DataApi.GetStatementResultAsync(new GetStatementResultRequest { Id = later.Id })).TotalNumRows);
            Assert.Equal(1, server.Server.ResultStorage.Results);
        }
        finally
        {
            await server.DisposeAsync();
        }

        Assert.Equal(new ResultStorageStatistics(0, 0, 0), server.Server.ResultStorage);
    }

    [Fact]
    public async Task Results_past_the_retention_are_released_by_the_clock_not_by_waiting()
    {
        var clock = new ManualClock();
        await using var server = await StartAsync(o => o.TimeProvider = clock);
        using var client = server.Client();
        var old = await client.ExecuteAsync("select g from generate_series(1, 100) as t(g)");
        Assert.Equal(0, server.Server.ReleaseExpiredResults());
        clock.Advance(TimeSpan.FromHours(23));
        var recent = await client.ExecuteAsync("select 2");
        clock.Advance(TimeSpan.FromHours(2));

        Assert.Equal(1, server.Server.ReleaseExpiredResults());
        Assert.Equal(1, server.Server.ResultStorage.Results);
        var expired = await Assert.ThrowsAsync<ValidationException>(() => client.DataApi.GetStatementResultAsync(new GetStatementResultRequest { Id = old.Id }));
        Assert.Equal("Could not retrieve the query result as it has expired after 24 hours", expired.Message);
        Assert.Equal(1, (await client.DataApi.GetStatementResultAsync(new GetStatementResultRequest { Id = recent.Id })).TotalNumRows);
    }

    [Fact]
    public async Task Statements_are_forgotten_after_the_retention_and_say_they_expired()
    {
        var clock = new ManualClock();
        await using var server = await StartAsync(o => o.TimeProvider = clock);
        using var client = server.Client();
        var old = await client.ExecuteAsync("select 1");
        var batch = await client.DataApi.BatchExecuteStatementAsync(client.WithTarget(new BatchExecuteStatementRequest { Sqls = ["select 1", "select 2"] }));
        await client.DataApi.DescribeStatementAsync(new DescribeStatementRequest { Id = batch.Id, WaitTimeSeconds = 30 });
        clock.Advance(TimeSpan.FromHours(23));
        var recent = await client.ExecuteAsync("select 2");
        clock.Advance(TimeSpan.FromHours(2));

        Assert.Equal(3, server.Server.ReleaseExpiredResults()); // the old statement's result and the batch's two
        var listed = await client.DataApi.ListStatementsAsync(new ListStatementsRequest { RoleLevel = false });
        Assert.Equal([recent.Id], listed.Statements!.Select(s => s.Id));
        foreach (string id in new[] { old.Id, batch.Id!, batch.Id + ":2" })
        {
            var gone = await Assert.ThrowsAsync<ResourceNotFoundException>(() => client.DataApi.DescribeStatementAsync(new DescribeStatementRequest { Id = id }));
            Assert.StartsWith($"Query does not exist: statement {id} expired, as statements do 24 hours after they end", gone.Message, StringComparison.Ordinal);
        }

        var result = await Assert.ThrowsAsync<ValidationException>(() => client.DataApi.GetStatementResultAsync(new GetStatementResultRequest { Id = old.Id }));
        Assert.Equal("Could not retrieve the query result as it has expired after 24 hours", result.Message);
        var unknown = await Assert.ThrowsAsync<ResourceNotFoundException>(() => client.DataApi.DescribeStatementAsync(new DescribeStatementRequest { Id = Guid.NewGuid().ToString() }));
        Assert.Equal("Query does not exist.", unknown.Message);

        // The ids are remembered one more retention, then forgotten too.
        clock.Advance(TimeSpan.FromHours(25));
        server.Server.ReleaseExpiredResults();
        var forgotten = await Assert.ThrowsAsync<ResourceNotFoundException>(() => client.DataApi.DescribeStatementAsync(new DescribeStatementRequest { Id = old.Id }));
        Assert.Equal("Query does not exist.", forgotten.Message);
    }

    private static async Task<string> ExecuteAsync(TestServer server, string sql, ResultFormatString format, params SqlParameter[] parameters)
    {
        using var client = server.Client();
        var submitted = await client.DataApi.ExecuteStatementAsync(client.WithTarget(new ExecuteStatementRequest
        {
            Sql = sql, ResultFormat = format, WaitTimeSeconds = 30, Parameters = parameters.Length == 0 ? null : [.. parameters],
        }));
        var described = await client.DataApi.DescribeStatementAsync(new DescribeStatementRequest { Id = submitted.Id, WaitTimeSeconds = 30 });
        Assert.Equal(StatusString.FINISHED, described.Status);
        return submitted.Id!;
    }

    /// <summary>Every row's fields as their JSON text, and the number of pages.</summary>
    private static async Task<(List<List<string>> Rows, int Pages)> ReadJsonAsync(TestServer server, string sql)
    {
        using var client = server.Client();
        string id = await ExecuteAsync(server, sql, ResultFormatString.JSON);
        var rows = new List<List<string>>();
        int pages = 0;
        string? token = null;
        do
        {
            var page = await client.DataApi.GetStatementResultAsync(new GetStatementResultRequest { Id = id, NextToken = token });
            pages++;
            rows.AddRange(page.Records!.Select(r => r.Select(Text).ToList()));
            token = page.NextToken;
        }
        while (token is not null);

        return (rows, pages);
    }

    private static string Text(Field field) => field.Kind switch
    {
        FieldKind.Null => "NULL",
        FieldKind.String => field.StringValue!,
        _ => field.ToString(),
    };

    /// <summary>The whole CSV text, and the number of pages.</summary>
    private static async Task<(string Csv, int Pages)> ReadCsvAsync(TestServer server, string sql)
    {
        using var client = server.Client();
        string id = await ExecuteAsync(server, sql, ResultFormatString.CSV);
        var csv = new StringBuilder();
        int pages = 0;
        string? token = null;
        do
        {
            var page = await client.DataApi.GetStatementResultV2Async(new GetStatementResultV2Request { Id = id, NextToken = token });
            pages++;
            foreach (var record in page.Records!) csv.Append(record.CSVRecords);
            token = page.NextToken;
        }
        while (token is not null);

        return (csv.ToString(), pages);
    }
}

public sealed class DuckDbResultStorageTests() : ResultStorageTests(TestBackend.DuckDb);

public sealed class PostgresResultStorageTests() : ResultStorageTests(TestBackend.Postgres);
