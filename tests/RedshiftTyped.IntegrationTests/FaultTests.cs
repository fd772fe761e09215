using RedshiftTyped.DataApi.Errors;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Execution;
using RedshiftTyped.IntegrationTests.Infrastructure;
using RedshiftTyped.Local;

namespace RedshiftTyped.IntegrationTests;

/// <summary>
/// Injected faults (each followed by recovery), cancellation, the active-statement bound, result limits and
/// expiry: each test runs its own server, because these change server-wide behaviour.
/// </summary>
public abstract class FaultTests(TestBackend backend)
{
    private Task<TestServer> StartAsync(Action<LocalServerOptions>? configure = null) => TestServer.StartAsync(backend, o =>
    {
        o.InitSqlFiles.Clear();
        configure?.Invoke(o);
    });

    /// <summary>Statements that sleep (without using the CPU) before they run, so they can be cancelled while running.</summary>
    private static FaultInjectionOptions SlowStatements(double seconds = 30) => new() { SlowStatementRate = 1, SlowStatementDelay = TimeSpan.FromSeconds(seconds) };

    [Fact]
    public async Task Throttling_is_retried_by_the_client_and_surfaces_when_retries_run_out()
    {
        await using var server = await StartAsync();
        using var client = server.Client();
        server.Server.Faults = new FaultInjectionOptions { Seed = 7, ThrottleRate = 0.4 };
        var completed = await client.ExecuteAsync("select 1");
        Assert.True(completed.Retries >= 0);

        server.Server.Faults = new FaultInjectionOptions { ThrottleRate = 1 };
        using var noRetries = server.Client(o => o.Retry.MaxRetries = 0);
        var throttled = await Assert.ThrowsAsync<ThrottlingException>(() => noRetries.ExecuteAsync("select 1"));
        Assert.Equal("Rate exceeded", throttled.Message);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, throttled.StatusCode);

        server.Server.Faults = new FaultInjectionOptions();
        Assert.Equal(FinishedStatus, (await noRetries.ExecuteAsync("select 1")).Description.Status);
    }

    private static readonly StatusString FinishedStatus = StatusString.FINISHED;

    [Fact]
    public async Task Server_errors_are_retried_and_recovered_from()
    {
        await using var server = await StartAsync();
        using var client = server.Client();
        server.Server.Faults = new FaultInjectionOptions { Seed = 3, ServerErrorRate = 0.4 };
        var rows = await client.QueryAsync(new SqlStatement("select 41 + 1")).ToListAsync();
        Assert.Equal(42L, Convert.ToInt64(rows.Single()[0]));

        server.Server.Faults = new FaultInjectionOptions { ServerErrorRate = 1 };
        using var noRetries = server.Client(o => o.Retry.MaxRetries = 0);
        var error = await Assert.ThrowsAsync<InternalServerException>(() => noRetries.ExecuteAsync("select 1"));
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, error.StatusCode);

        server.Server.Faults = new FaultInjectionOptions();
        Assert.Equal(FinishedStatus, (await noRetries.ExecuteAsync("select 1")).Description.Status);
    }

    [Fact]
    public async Task Connections_reset_mid_body_are_retried_and_recovered_from()
    {
        await using var server = await StartAsync();
        using var client = server.Client();
        server.Server.Faults = new FaultInjectionOptions { Seed = 11, ConnectionResetRate = 0.3, Operations = { "DescribeStatement", "GetStatementResult" } };
        var rows = await client.QueryAsync(new SqlStatement("select 'still here' as s")).ToListAsync();
        Assert.Equal("still here", rows.Single()[0]);

        server.Server.Faults = new FaultInjectionOptions { ConnectionResetRate = 1 };
        using var noRetries = server.Client(o => o.Retry.MaxRetries = 0);
        await Assert.ThrowsAnyAsync<Exception>(() => noRetries.ExecuteAsync("select 1"));

        server.Server.Faults = new FaultInjectionOptions();
        Assert.Equal(FinishedStatus, (await noRetries.ExecuteAsync("select 1")).Description.Status);
    }

    [Fact]
    public async Task Added_latency_slows_every_call_and_goes_away()
    {
        await using var server = await StartAsync();
        using var client = server.Client();
        server.Server.Faults = new FaultInjectionOptions { AddedLatency = TimeSpan.FromSeconds(1.5) };
        var timer = System.Diagnostics.Stopwatch.StartNew();
        await client.DataApi.ListDatabasesAsync(client.WithTarget(new ListDatabasesRequest()));
        Assert.True(timer.ElapsedMilliseconds >= 1490, $"took {timer.ElapsedMilliseconds} ms");

        server.Server.Faults = new FaultInjectionOptions();
        timer.Restart();
        await client.DataApi.ListDatabasesAsync(client.WithTarget(new ListDatabasesRequest()));
        Assert.True(timer.ElapsedMilliseconds < 1490, $"took {timer.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Per_operation_rate_limits_throttle_and_recover_the_next_second()
    {
        await using var server = await StartAsync();
        server.Server.Faults = new FaultInjectionOptions { OperationsPerSecond = { ["ListDatabases"] = 2 } };
        using var client = server.Client(o => o.Retry.MaxRetries = 0);
        var request = () => client.DataApi.ListDatabasesAsync(client.WithTarget(new ListDatabasesRequest()));
        await request();
        await request();
        await Assert.ThrowsAsync<ThrottlingException>(request);
        await Task.Delay(1100);
        Assert.Equal(["dev"], (await request()).Databases);
        Assert.Equal(StatusString.FINISHED, (await client.ExecuteAsync("select 1")).Description.Status);
    }

    [Fact]
    public async Task An_unknown_status_is_reported_and_the_client_keeps_waiting()
    {
        await using var server = await StartAsync(o => o.Faults = new FaultInjectionOptions { UnknownStatusRate = 1, SlowStatementRate = 1, SlowStatementDelay = TimeSpan.FromSeconds(1) });
        using var client = server.Client(o => o.LongPolling = false);
        var submitted = await client.DataApi.ExecuteStatementAsync(client.WithTarget(new ExecuteStatementRequest { Sql = "select 1" }));
        var unknown = await client.DataApi.DescribeStatementAsync(new DescribeStatementRequest { Id = submitted.Id });
        Assert.Equal("UNKNOWN", unknown.Status!.Value.Value);
        Assert.Equal(-1, unknown.Duration);

        var completed = await client.ExecuteAsync("select 2");
        Assert.Equal(StatusString.FINISHED, completed.Description.Status);
    }

    [Fact]
    public async Task Cancelling_a_running_statement_aborts_it()
    {
        await using var server = await StartAsync(o => o.Faults = SlowStatements());
        using var client = server.Client();
        var submitted = await client.DataApi.ExecuteStatementAsync(client.WithTarget(new ExecuteStatementRequest { Sql = "select 1" }));
        var running = await client.DataApi.DescribeStatementAsync(new DescribeStatementRequest { Id = submitted.Id });
        Assert.Contains(running.Status!.Value.Value, new[] { "SUBMITTED", "PICKED", "STARTED" });

        var cancelled = await client.DataApi.CancelStatementAsync(new CancelStatementRequest { Id = submitted.Id });
        Assert.True(cancelled.Status);
        var described = await client.DataApi.DescribeStatementAsync(new DescribeStatementRequest { Id = submitted.Id });
        Assert.Equal(StatusString.ABORTED, described.Status);
        var again = await Assert.ThrowsAsync<ValidationException>(() => client.DataApi.CancelStatementAsync(new CancelStatementRequest { Id = submitted.Id }));
        Assert.Contains("ABORTED", again.Message);

        // Recovery: with the fault gone, statements run again.
        server.Server.Faults = new FaultInjectionOptions();
        Assert.Equal(FinishedStatus, (await client.ExecuteAsync("select 1")).Description.Status);
    }

    [Fact]
    public async Task A_cancelled_token_cancels_the_statement_on_the_server()
    {
        await using var server = await StartAsync(o => o.Faults = SlowStatements());
        using var client = server.Client();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1.5));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ExecuteAsync(new SqlStatement("select 1") { StatementName = "cancel-token" }, cts.Token));
        var listed = await client.DataApi.ListStatementsAsync(new ListStatementsRequest { StatementName = "cancel-token", Status = StatusString.ALL });
        Assert.Equal(StatusString.ABORTED, Assert.Single(listed.Statements!).Status);
    }

    [Fact]
    public async Task A_busy_session_refuses_a_second_statement_and_an_idle_one_expires()
    {
        await using var server = await StartAsync(o => o.Faults = SlowStatements(2));
        using var client = server.Client();
        var first = await client.DataApi.ExecuteStatementAsync(client.WithTarget(new ExecuteStatementRequest { Sql = "select 1", SessionKeepAliveSeconds = 1 }));
        string sessionId = Assert.IsType<string>(first.SessionId);
        var busy = await client.DataApi.ListSessionsAsync(new ListSessionsRequest { SessionId = sessionId });
        var listed = Assert.Single(busy.Sessions!);
        Assert.Equal(SessionStatusString.BUSY, listed.Status);
        Assert.Equal(first.Id, listed.CurrentStatementId);

        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            client.DataApi.ExecuteStatementAsync(new ExecuteStatementRequest { Sql = "select 2", SessionId = sessionId }));
        Assert.Equal("Session is not available", refused.Message);

        var done = await client.DataApi.DescribeStatementAsync(new DescribeStatementRequest { Id = first.Id, WaitTimeSeconds = 10 });
        Assert.Equal(StatusString.FINISHED, done.Status);
        var available = await client.DataApi.ListSessionsAsync(new ListSessionsRequest());
        Assert.Equal(SessionStatusString.AVAILABLE, Assert.Single(available.Sessions!).Status);

        await Task.Delay(1500);
        await Assert.ThrowsAsync<ValidationException>(() =>
            client.DataApi.ExecuteStatementAsync(new ExecuteStatementRequest { Sql = "select 3", SessionId = sessionId }));
        var closed = await client.DataApi.ListSessionsAsync(new ListSessionsRequest { Status = SessionStatusString.CLOSED });
        Assert.Equal(sessionId, Assert.Single(closed.Sessions!).SessionId);
        Assert.Empty((await client.DataApi.ListSessionsAsync(new ListSessionsRequest())).Sessions!);
    }

    [Fact]
    public async Task Too_many_long_polls_on_one_statement_are_refused_and_the_client_falls_back_to_polling()
    {
        await using var server = await StartAsync(o =>
        {
            o.MaxWaitingRequestsPerStatement = 1;
            o.Faults = SlowStatements(3);
        });
        using var client = server.Client();
        var submitted = await client.DataApi.ExecuteStatementAsync(client.WithTarget(new ExecuteStatementRequest { Sql = "select 1" }));
        var first = client.DataApi.DescribeStatementAsync(new DescribeStatementRequest { Id = submitted.Id, WaitTimeSeconds = 20 });
        await Task.Delay(300);
        var refused = await Assert.ThrowsAsync<ActiveWaitingRequestsExceededException>(() =>
            client.DataApi.DescribeStatementAsync(new DescribeStatementRequest { Id = submitted.Id, WaitTimeSeconds = 20 }));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(StatusString.FINISHED, (await first).Status);

        // Two runners waiting on their own statements each hold one long poll: both finish.
        var both = await Task.WhenAll(client.ExecuteAsync("select 1"), client.ExecuteAsync("select 2"));
        Assert.All(both, c => Assert.Equal(StatusString.FINISHED, c.Description.Status));
    }

    [Fact]
    public async Task Active_statements_beyond_the_quota_are_refused()
    {
        await using var server = await StartAsync(o =>
        {
            o.MaxActiveStatements = 2;
            o.Faults = SlowStatements();
        });
        using var client = server.Client();
        var first = await client.DataApi.ExecuteStatementAsync(client.WithTarget(new ExecuteStatementRequest { Sql = "select 1" }));
        var second = await client.DataApi.ExecuteStatementAsync(client.WithTarget(new ExecuteStatementRequest { Sql = "select 2" }));
        var refused = await Assert.ThrowsAsync<ActiveStatementsExceededException>(() =>
            client.DataApi.ExecuteStatementAsync(client.WithTarget(new ExecuteStatementRequest { Sql = "select 3" })));
        Assert.Equal("Active statements exceeded the allowed quota (2).", refused.Message);

        await client.DataApi.CancelStatementAsync(new CancelStatementRequest { Id = first.Id });
        await client.DataApi.CancelStatementAsync(new CancelStatementRequest { Id = second.Id });
        server.Server.Faults = new FaultInjectionOptions();
        Assert.Equal(FinishedStatus, (await client.ExecuteAsync("select 3")).Description.Status);
    }

    [Fact]
    public async Task Rows_over_the_row_cap_and_results_over_the_size_cap_fail_the_statement()
    {
        await using var server = await StartAsync(o =>
        {
            o.RowSizeLimitBytes = 1000;
            o.ResultSizeLimitBytes = 20_000;
        });
        using var client = server.Client();
        var wide = await Assert.ThrowsAsync<StatementFailedException>(() => client.ExecuteAsync("select repeat('x', 2000) as wide"));
        Assert.Equal("Packet for query is too large.", wide.Error);
        var big = await Assert.ThrowsAsync<StatementFailedException>(() => client.ExecuteAsync("select repeat('y', 500) as s from generate_series(1, 100)"));
        Assert.Equal("Database response exceeded size limit", big.Error);
        Assert.Equal(FinishedStatus, (await client.ExecuteAsync("select repeat('z', 100)")).Description.Status);
    }

    [Fact]
    public async Task Results_expire_after_the_retention()
    {
        await using var server = await StartAsync(o => o.ResultRetention = TimeSpan.FromSeconds(1));
        using var client = server.Client();
        var completed = await client.ExecuteAsync("select 1");
        await Task.Delay(1500);
        var expired = await Assert.ThrowsAsync<ValidationException>(() =>
            client.DataApi.GetStatementResultAsync(new GetStatementResultRequest { Id = completed.Id }));
        Assert.StartsWith("Could not retrieve the query result as it has expired after", expired.Message);
    }

    [Fact]
    public async Task The_oldest_results_are_dropped_beyond_the_memory_budget()
    {
        await using var server = await StartAsync(o => o.RetainedResultBytesLimit = 50_000);
        using var client = server.Client();
        var old = await client.ExecuteAsync("select repeat('a', 100) as s from generate_series(1, 300)");
        await Task.Delay(1100);
        var recent = await client.ExecuteAsync("select repeat('b', 100) as s from generate_series(1, 300)");
        await Task.Delay(1100);
        await client.ExecuteAsync("select 1");

        var evicted = await Assert.ThrowsAsync<ValidationException>(() => client.DataApi.GetStatementResultAsync(new GetStatementResultRequest { Id = old.Id }));
        Assert.StartsWith("Could not retrieve the query result as it has expired: the local server released it before", evicted.Message);
        Assert.Contains("RetainedResultBytesLimit", evicted.Message);
        var kept = await client.DataApi.GetStatementResultAsync(new GetStatementResultRequest { Id = recent.Id });
        Assert.Equal(300, kept.TotalNumRows);
    }

    [Fact]
    public async Task A_burst_of_results_is_held_to_the_budget_as_each_statement_ends()
    {
        // No delay and no later submission: the limit holds when a result arrives, not at the next submission (which
        // checks at most once a second) or the one-minute sweep. The result that just ended is spared for its reader.
        await using var server = await StartAsync(o => o.RetainedResultBytesLimit = 50_000);
        using var client = server.Client();
        var first = await client.ExecuteAsync("select repeat('a', 100) as s from generate_series(1, 300)");
        var second = await client.ExecuteAsync("select repeat('b', 100) as s from generate_series(1, 300)");

        var evicted = await Assert.ThrowsAsync<ValidationException>(() => client.DataApi.GetStatementResultAsync(new GetStatementResultRequest { Id = first.Id }));
        Assert.Contains("--retained-result-limit", evicted.Message);
        var kept = await client.DataApi.GetStatementResultAsync(new GetStatementResultRequest { Id = second.Id });
        Assert.Equal(300, kept.TotalNumRows);
    }

    [Fact]
    public async Task A_failed_batch_holds_the_results_it_finished_to_the_budget_as_it_ends()
    {
        // Only the success paths held the limit: a batch that FAILED after a statement with a large result left the
        // server over the budget (the older result stayed readable) until the next submission or sweep.
        await using var server = await StartAsync(o => o.RetainedResultBytesLimit = 50_000);
        using var client = server.Client();
        var first = await client.ExecuteAsync("select repeat('a', 100) as s from generate_series(1, 300)");
        var batch = await client.DataApi.BatchExecuteStatementAsync(client.WithTarget(new BatchExecuteStatementRequest
        {
            Sqls = ["select repeat('b', 100) as s from generate_series(1, 300)", "select x from no_such_table"],
        }));
        DescribeStatementResponse ended;
        do
        {
            ended = await client.DataApi.DescribeStatementAsync(new DescribeStatementRequest { Id = batch.Id, WaitTimeSeconds = 20 });
        }
        while (ended.Status != StatusString.FAILED && ended.Status != StatusString.FINISHED && ended.Status != StatusString.ABORTED);
        Assert.Equal(StatusString.FAILED, ended.Status);

        var evicted = await Assert.ThrowsAsync<ValidationException>(() => client.DataApi.GetStatementResultAsync(new GetStatementResultRequest { Id = first.Id }));
        Assert.Contains("--retained-result-limit", evicted.Message);
        var kept = await client.DataApi.GetStatementResultAsync(new GetStatementResultRequest { Id = batch.Id + ":1" });
        Assert.Equal(300, kept.TotalNumRows);
    }

    [Fact]
    public async Task A_result_being_paged_is_read_whole_while_other_results_push_past_the_budget()
    {
        // Before, the limit dropped the result that ended first, even while a client was paging through it: the read
        // failed mid-result. Now a result whose NextToken is outstanding is spared; a new result that does not fit beside
        // it is the one released, and reads as such, naming the option.
        await using var server = await StartAsync(o =>
        {
            o.RetainedResultBytesLimit = 50_000;
            o.PageMaxRows = 20;
        });
        using var client = server.Client();
        var paged = await client.ExecuteAsync("select g, repeat('p', 100) as pad from generate_series(1, 300) as t(g) order by g");

        var seen = new List<long>();
        var pushed = new List<string>();
        string? token = null;
        int pages = 0;
        do
        {
            var page = await client.DataApi.GetStatementResultAsync(new GetStatementResultRequest { Id = paged.Id, NextToken = token });
            seen.AddRange(page.Records!.Select(r => r[0].LongValue!.Value));
            token = page.NextToken;
            if (++pages % 5 == 1)
            {
                // About as large as the paged result: with it, past the budget.
                pushed.Add((await client.ExecuteAsync("select g, repeat('q', 100) as pad from generate_series(1, 300) as t(g)")).Id);
            }
        }
        while (token is not null);

        Assert.Equal(Enumerable.Range(1, 300).Select(g => (long)g), seen);
        Assert.Equal(15, pages);
        var refused = await Assert.ThrowsAsync<ValidationException>(() => client.DataApi.GetStatementResultAsync(new GetStatementResultRequest { Id = pushed[0] }));
        Assert.Contains("RetainedResultBytesLimit", refused.Message);

        // Read to its end, the result is no longer spared: the next result to end takes its room and stays readable.
        var after = await client.ExecuteAsync("select g, repeat('r', 100) as pad from generate_series(1, 300) as t(g)");
        await Assert.ThrowsAsync<ValidationException>(() => client.DataApi.GetStatementResultAsync(new GetStatementResultRequest { Id = paged.Id }));
        Assert.Equal(300, (await client.DataApi.GetStatementResultAsync(new GetStatementResultRequest { Id = after.Id })).TotalNumRows);
    }

    [Fact]
    public async Task Two_readers_of_one_result_both_read_every_page_while_other_results_push_past_the_budget()
    {
        // Before, a result held one read mark: when the faster reader fetched the last page, the slower reader's
        // outstanding NextToken lost its protection and the next result to end released the rows under it. Now each
        // reader (its NextTokens carry its number) is protected until it fetches its own last page.
        await using var server = await StartAsync(o =>
        {
            o.RetainedResultBytesLimit = 50_000;
            o.PageMaxRows = 20;
        });
        using var client = server.Client();
        var shared = await client.ExecuteAsync("select g, repeat('p', 100) as pad from generate_series(1, 300) as t(g) order by g");
        var pushed = new List<string>();
        var pushGate = new SemaphoreSlim(1, 1);

        async Task<List<long>> ReadAsync(int pushEvery)
        {
            var seen = new List<long>();
            string? token = null;
            int pages = 0;
            do
            {
                var page = await client.DataApi.GetStatementResultAsync(new GetStatementResultRequest { Id = shared.Id, NextToken = token });
                seen.AddRange(page.Records!.Select(r => r[0].LongValue!.Value));
                token = page.NextToken;
                if (++pages % pushEvery == 0)
                {
                    // About as large as the shared result: with it, past the budget, so only a protected read survives.
                    await pushGate.WaitAsync();
                    try
                    {
                        pushed.Add((await client.ExecuteAsync("select g, repeat('q', 100) as pad from generate_series(1, 300) as t(g)")).Id);
                    }
                    finally
                    {
                        pushGate.Release();
                    }
                }
            }
            while (token is not null);
            return seen;
        }

        // The fast reader reads all 15 pages before the slow one is half through; the slow one then keeps pushing.
        var slowFirstPage = await client.DataApi.GetStatementResultAsync(new GetStatementResultRequest { Id = shared.Id });
        var fast = await ReadAsync(pushEvery: 100);
        Assert.Equal(Enumerable.Range(1, 300).Select(g => (long)g), fast);
        var slowSeen = slowFirstPage.Records!.Select(r => r[0].LongValue!.Value).ToList();
        string? slowToken = slowFirstPage.NextToken;
        pushed.Add((await client.ExecuteAsync("select g, repeat('q', 100) as pad from generate_series(1, 300) as t(g)")).Id);
        while (slowToken is not null)
        {
            var page = await client.DataApi.GetStatementResultAsync(new GetStatementResultRequest { Id = shared.Id, NextToken = slowToken });
            slowSeen.AddRange(page.Records!.Select(r => r[0].LongValue!.Value));
            slowToken = page.NextToken;
            pushed.Add((await client.ExecuteAsync("select g, repeat('q', 100) as pad from generate_series(1, 300) as t(g)")).Id);
        }

        Assert.Equal(Enumerable.Range(1, 300).Select(g => (long)g), slowSeen);

        // Two readers at once, each pushing results past the budget as it goes: both read every page exactly once.
        var again = await client.ExecuteAsync("select g, repeat('p', 100) as pad from generate_series(1, 300) as t(g) order by g");
        shared = again;
        var both = await Task.WhenAll(Task.Run(() => ReadAsync(pushEvery: 3)), Task.Run(() => ReadAsync(pushEvery: 4)));
        Assert.All(both, seen => Assert.Equal(Enumerable.Range(1, 300).Select(g => (long)g), seen));

        // A result that ended beside the reads under way was the one released, and says so.
        var refused = await Assert.ThrowsAsync<ValidationException>(() => client.DataApi.GetStatementResultAsync(new GetStatementResultRequest { Id = pushed[0] }));
        Assert.Contains("Finish the reads under way", refused.Message);
        Assert.Contains("--retained-result-limit", refused.Message);
    }

    [Fact]
    public async Task A_token_naming_a_reader_the_server_never_started_is_not_valid()
    {
        await using var server = await StartAsync(o => o.PageMaxRows = 5);
        using var client = server.Client();
        var run = await client.ExecuteAsync("select g from generate_series(1, 20) as t(g)");
        var first = await client.DataApi.GetStatementResultAsync(new GetStatementResultRequest { Id = run.Id });
        string text = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(Pad(first.NextToken!)));
        Assert.Equal($"v1|{run.Id}|1|1", text);
        string forged = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"v1|{run.Id}|7|1"));
        var invalid = await Assert.ThrowsAsync<ValidationException>(() => client.DataApi.GetStatementResultAsync(new GetStatementResultRequest { Id = run.Id, NextToken = forged }));
        Assert.Equal("The NextToken is not valid.", invalid.Message);

        static string Pad(string token)
        {
            string padded = token.Replace('-', '+').Replace('_', '/');
            return padded + new string('=', (4 - padded.Length % 4) % 4);
        }
    }

    [Fact]
    public async Task A_single_result_over_the_budget_stays_readable_until_the_next_one_ends()
    {
        await using var server = await StartAsync(o => o.RetainedResultBytesLimit = 10_000);
        using var client = server.Client();
        var large = await client.ExecuteAsync("select repeat('a', 100) as s from generate_series(1, 300)");
        var page = await client.DataApi.GetStatementResultAsync(new GetStatementResultRequest { Id = large.Id });
        Assert.Equal(300, page.TotalNumRows);
    }

    [Fact]
    public async Task Small_pages_split_a_result_without_losing_rows()
    {
        await using var server = await StartAsync(o => o.PageMaxRows = 7);
        using var client = server.Client();
        long sum = 0;
        int pages = 0, rows = 0;
        await foreach (var page in client.QueryPagesAsync(new SqlStatement("select g from generate_series(1, 100) as t(g)")))
        {
            pages++;
            Assert.True(page.RowCount <= 7);
            foreach (var row in page.Records)
            {
                sum += row[0].LongValue!.Value;
                rows++;
            }
        }

        Assert.Equal(15, pages);
        Assert.Equal(100, rows);
        Assert.Equal(5050, sum);
    }
}

public sealed class DuckDbFaultTests() : FaultTests(TestBackend.DuckDb);

public sealed class PostgresFaultTests() : FaultTests(TestBackend.Postgres);
