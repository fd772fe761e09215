using RedshiftTyped.DataApi.Model;
using RedshiftTyped.IntegrationTests.Infrastructure;
using RedshiftTyped.Local;

namespace RedshiftTyped.IntegrationTests.Tool;

/// <summary>
/// Ctrl-C during a slow submit, with the real tool in a process of its own and a real SIGINT: the first one waits for
/// the statement id, cancels the statement on the server, says so and exits 130; a second one exits at once. (System.
/// CommandLine's own handling killed the process two seconds after the signal, leaving the statement running.)
/// </summary>
public abstract class CancellationSignalTests(TestBackend backend) : IAsyncLifetime
{
    /// <summary>How long the submit's answer is held back: the signal arrives well inside it.</summary>
    private static readonly TimeSpan SubmitDelay = TimeSpan.FromSeconds(4);

    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(backend, o => o.Faults = new FaultInjectionOptions
    {
        // Only the submit is slow to answer (the statement already exists on the server by then), and statements sleep
        // a minute, so cancelling is what ends them.
        AddedLatency = SubmitDelay,
        Operations = { "ExecuteStatement" },
        SlowStatementRate = 1,
        SlowStatementDelay = TimeSpan.FromMinutes(1),
    });

    public Task DisposeAsync() => _server.DisposeAsync().AsTask();

    private ToolProcess StartSql() => ToolProcess.Start("sql", "select 1", "--endpoint", _server.Server.Endpoint.ToString(), "--poll-interval", "0.1");

    /// <summary>The one statement the tool submitted, once the server has it (its answer is still held back).</summary>
    private async Task<StatementData> SubmittedStatementAsync()
    {
        using var client = _server.Client();
        for (int i = 0; i < 600; i++)
        {
            var listed = await client.DataApi.ListStatementsAsync(new ListStatementsRequest { Status = StatusString.ALL });
            if (listed.Statements is [var statement])
            {
                return statement;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("the tool never submitted its statement");
    }

    private async Task<StatusString?> StatusAsync(string id)
    {
        using var client = _server.Client();
        return (await client.DataApi.DescribeStatementAsync(new DescribeStatementRequest { Id = id })).Status;
    }

    [Fact]
    public async Task The_first_Ctrl_C_waits_for_the_statement_id_cancels_it_on_the_server_and_exits_130()
    {
        using var tool = StartSql();
        var statement = await SubmittedStatementAsync();

        tool.Interrupt();
        int exit = await tool.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(130, exit);
        Assert.Contains("Stopping: statements already submitted are cancelled on the server first", tool.Error);
        Assert.Contains($"note: Cancelling statement {statement.Id}: the caller cancelled", tool.Error);
        Assert.EndsWith("cancelled.\n", tool.Error);
        Assert.DoesNotContain("   at ", tool.Error);
        Assert.Equal(StatusString.ABORTED, await StatusAsync(statement.Id!));
    }

    [Fact]
    public async Task A_second_Ctrl_C_exits_at_once_without_waiting_for_the_submit()
    {
        using var tool = StartSql();
        var statement = await SubmittedStatementAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        tool.Interrupt();
        await tool.WaitForErrorAsync("Stopping:", TimeSpan.FromSeconds(10));
        tool.Interrupt();
        int exit = await tool.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(130, exit);
        Assert.Contains("Exiting at once.", tool.Error);
        Assert.True(clock.Elapsed < SubmitDelay, $"took {clock.Elapsed}: the second signal waited for the submit");
        Assert.NotEqual(StatusString.ABORTED, await StatusAsync(statement.Id!));
    }

    [Fact]
    public async Task SIGTERM_stops_the_tool_the_way_the_first_Ctrl_C_does()
    {
        using var tool = StartSql();
        var statement = await SubmittedStatementAsync();

        tool.Terminate();

        Assert.Equal(130, await tool.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(StatusString.ABORTED, await StatusAsync(statement.Id!));
    }
}

public sealed class DuckDbCancellationSignalTests() : CancellationSignalTests(TestBackend.DuckDb);

public sealed class PostgresCancellationSignalTests() : CancellationSignalTests(TestBackend.Postgres);
