using System.Net;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Execution;
using RedshiftTyped.Tests.Infrastructure;

namespace RedshiftTyped.Tests.Wire;

public sealed class StatementRunnerTests
{
    private const string Id = Aws.StatementId;

    /// <summary>A statement that reports STARTED for <paramref name="busyPolls"/> polls, then <paramref name="final"/>.</summary>
    private static RecordingHandler Lifecycle(int busyPolls, string final = "FINISHED", string? error = null)
    {
        int polls = 0;
        return new RecordingHandler((r, _) => r.Operation switch
        {
            "ExecuteStatement" => Aws.Ok(Aws.Submitted(Id)),
            "DescribeStatement" => Aws.Ok(Aws.Described(Id, Interlocked.Increment(ref polls) > busyPolls ? final : "STARTED", error: error)),
            "CancelStatement" => Aws.Ok("{\"Status\":true}"),
            _ => Aws.Error(HttpStatusCode.BadRequest, "ValidationException", $"unexpected {r.Operation}"),
        });
    }

    [Fact]
    public async Task Parameters_travel_as_Data_API_parameters_never_in_the_SQL()
    {
        var handler = Lifecycle(busyPolls: 0);
        using var client = TestClients.Create(handler);
        var statement = new SqlStatement("select * from users where userid = :id and city = :city")
            .WithParameter("id", 42)
            .WithParameter("city", "O'Hare; drop table users --");

        await client.ExecuteAsync(statement);

        var submit = Assert.Single(handler.Calls("ExecuteStatement")).Json;
        Assert.Equal("select * from users where userid = :id and city = :city", (string?)submit["Sql"]);
        var parameters = submit["Parameters"]!.AsArray();
        Assert.Equal("id", (string?)parameters[0]!["name"]);
        Assert.Equal("42", (string?)parameters[0]!["value"]);
        Assert.Equal("O'Hare; drop table users --", (string?)parameters[1]!["value"]);
    }

    [Fact]
    public void Parameter_values_are_formatted_invariantly_and_bad_ones_are_refused()
    {
        var s = new SqlStatement("select :a, :b, :c, :d, :e")
            .WithParameter("a", 1234.5m)
            .WithParameter("b", new DateTime(2024, 6, 12, 14, 30, 45, 123).AddTicks(4560))
            .WithParameter("c", new DateOnly(2024, 6, 12))
            .WithParameter("d", true)
            .WithParameter("e", new DateTimeOffset(2024, 6, 12, 14, 30, 45, TimeSpan.FromHours(-5)));

        Assert.Equal(["1234.5", "2024-06-12 14:30:45.123456", "2024-06-12", "true", "2024-06-12 19:30:45.000000+00"], s.Parameters.Select(p => p.Value!));
        Assert.Contains("IS NULL", Assert.Throws<ArgumentException>(() => new SqlStatement("select :x").WithParameter("x", null!)).Message);
        Assert.Contains("empty string", Assert.Throws<ArgumentException>(() => new SqlStatement("select :x").WithParameter("x", "")).Message);
        Assert.Contains("letters, digits and underscores", Assert.Throws<ArgumentException>(() => new SqlStatement("select @x").WithParameter("@x", 1)).Message);
        Assert.Contains("100 KB", Assert.Throws<ArgumentException>(() => new SqlStatement("select '" + new string('x', 110_000) + "'")).Message);
        Assert.DoesNotContain("secret-value", new SqlStatement("select :p").WithParameter("p", "secret-value").ToString());
    }

    [Fact]
    public async Task A_failed_statement_raises_Redshifts_error_with_id_and_SQL_but_no_parameter_values()
    {
        var handler = Lifecycle(busyPolls: 1, final: "FAILED", error: "ERROR: relation \"no_such_table\" does not exist");
        using var client = TestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<StatementFailedException>(() =>
            client.ExecuteAsync(new SqlStatement("select * from no_such_table where x = :x").WithParameter("x", "hunter2")));

        Assert.Equal(Id, ex.StatementId);
        Assert.Equal("ERROR: relation \"no_such_table\" does not exist", ex.Error);
        Assert.Contains("no_such_table where x = :x", ex.Message);
        Assert.Contains(Id, ex.Message);
        Assert.DoesNotContain("hunter2", ex.Message);
    }

    [Fact]
    public async Task An_aborted_statement_raises_StatementAbortedException()
    {
        using var client = TestClients.Create(Lifecycle(busyPolls: 0, final: "ABORTED"));

        var ex = await Assert.ThrowsAsync<StatementAbortedException>(() => client.ExecuteAsync("select pg_sleep(100)"));
        Assert.Equal(Id, ex.StatementId);
    }

    [Fact]
    public async Task After_max_poll_attempts_the_statement_is_cancelled_and_reported_as_timed_out()
    {
        var handler = Lifecycle(busyPolls: int.MaxValue);
        using var client = TestClients.Create(handler, o => { o.MaxPollAttempts = 4; o.PollInterval = 0.05; });

        var ex = await Assert.ThrowsAsync<StatementTimeoutException>(() => client.ExecuteAsync("select pg_sleep(1000)"));

        Assert.StartsWith("Statement timed out after 4 polling attempts", ex.Message);
        Assert.Equal(4, handler.Calls("DescribeStatement").Count());
        var cancel = Assert.Single(handler.Calls("CancelStatement"));
        Assert.Equal(Id, (string?)cancel.Json["Id"]);
    }

    [Fact]
    public async Task Cancelling_the_token_cancels_the_statement_on_the_server()
    {
        var handler = Lifecycle(busyPolls: int.MaxValue);
        using var client = TestClients.Create(handler, o => o.PollInterval = 0.05);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ExecuteAsync("select pg_sleep(1000)", cts.Token));

        var cancel = Assert.Single(handler.Calls("CancelStatement"));
        Assert.Equal(Id, (string?)cancel.Json["Id"]);
    }

    [Fact]
    public async Task Cancelling_while_the_submit_is_in_flight_still_cancels_the_statement_once_its_id_is_known()
    {
        using var cts = new CancellationTokenSource();
        var handler = new RecordingHandler((r, _) =>
        {
            if (r.Operation == "ExecuteStatement")
            {
                // The caller gives up while the submit is in flight (deterministically, not by a timer that a loaded
                // machine may fire late), and the answer still arrives afterwards.
                cts.Cancel();
                Thread.Sleep(100);
                return Aws.Ok(Aws.Submitted(Id));
            }

            return r.Operation == "CancelStatement" ? Aws.Ok("{\"Status\":true}") : Aws.Ok(Aws.Described(Id, "STARTED"));
        });
        using var client = TestClients.Create(handler);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ExecuteAsync("select pg_sleep(1000)", cts.Token));

        var cancel = Assert.Single(handler.Calls("CancelStatement"));
        Assert.Equal(Id, (string?)cancel.Json["Id"]);
        Assert.Empty(handler.Calls("DescribeStatement"));
    }

    [Fact]
    public async Task A_caller_timeout_cancels_the_statement_and_says_so()
    {
        var handler = Lifecycle(busyPolls: int.MaxValue);
        using var client = TestClients.Create(handler, o => o.PollInterval = 0.05);

        var ex = await Assert.ThrowsAsync<StatementTimeoutException>(() =>
            client.ExecuteAsync(new SqlStatement("select pg_sleep(1000)") { Timeout = TimeSpan.FromMilliseconds(300) }));

        Assert.Contains("timed out after 00:00:00.3", ex.Message);
        Assert.Single(handler.Calls("CancelStatement"));
    }

    [Fact]
    public void The_polling_schedule_starts_near_50ms_and_backs_off_to_poll_interval()
    {
        var schedule = new PollingSchedule(TimeSpan.FromSeconds(2));
        var delays = Enumerable.Range(0, 12).Select(_ => schedule.Next().TotalMilliseconds).ToList();

        Assert.Equal(50, delays[0]);
        Assert.Equal(75, delays[1]);
        Assert.Equal(112.5, delays[2], 1);
        Assert.True(delays.Zip(delays.Skip(1)).All(p => p.Second >= p.First), "never shrinks");
        Assert.Equal(2000, delays[^1]);
    }

    [Fact]
    public async Task Adaptive_polling_answers_a_quick_statement_within_tens_of_milliseconds()
    {
        var handler = Lifecycle(busyPolls: 2);
        using var client = TestClients.Create(handler, o => o.PollInterval = 2);

        var done = await client.ExecuteAsync("select 1");

        Assert.Equal(3, done.Polls);
        var describes = handler.Calls("DescribeStatement").Select(r => r.At).ToList();
        var submitAt = handler.Calls("ExecuteStatement").Single().At;
        // 50 + 75 + 112.5 ms of pauses, where the connector's fixed interval would wait 6 s.
        Assert.InRange((describes[^1] - submitAt).TotalMilliseconds, 200, 1500);
    }

    [Fact]
    public async Task Long_polling_sends_WaitTimeSeconds_and_needs_one_describe()
    {
        var handler = new RecordingHandler((r, _) => r.Operation == "ExecuteStatement"
            ? Aws.Ok(Aws.Submitted(Id))
            : Aws.Ok(Aws.Described(Id, "FINISHED")));
        using var client = TestClients.Create(handler, o => o.LongPolling = true);

        var done = await client.ExecuteAsync("select 1");

        var describe = Assert.Single(handler.Calls("DescribeStatement"));
        Assert.Equal(30, (int?)describe.Json["WaitTimeSeconds"]);
        Assert.Equal(1, done.Polls);
    }

    [Fact]
    public async Task An_endpoint_that_ignores_WaitTimeSeconds_falls_back_to_adaptive_polling()
    {
        var handler = Lifecycle(busyPolls: 3);
        using var client = TestClients.Create(handler, o => o.LongPolling = true);

        await client.ExecuteAsync("select 1");

        var describes = handler.Calls("DescribeStatement").ToList();
        Assert.Equal(4, describes.Count);
        Assert.NotNull(describes[0].Json["WaitTimeSeconds"]);
        Assert.All(describes.Skip(1), d => Assert.Null(d.Json["WaitTimeSeconds"]));
    }

    [Fact]
    public async Task A_secret_arn_is_checked_once_through_DescribeSecret_before_any_SQL()
    {
        var handler = new RecordingHandler((r, _) => r.Operation switch
        {
            "DescribeSecret" => Aws.Error(HttpStatusCode.BadRequest, "ResourceNotFoundException", "Secrets Manager can't find the specified secret."),
            _ => Aws.Ok(Aws.Submitted(Id)),
        });
        using var client = TestClients.Create(handler, o => o.SecretArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:missing-a1b2c3");

        var ex = await Assert.ThrowsAsync<RedshiftTyped.Connection.RedshiftConfigurationException>(() => client.ExecuteAsync("select 1"));

        Assert.Contains("was not found by Secrets Manager", ex.Message);
        Assert.Empty(handler.Calls("ExecuteStatement"));
    }

    [Fact]
    public async Task A_verified_secret_arn_is_sent_as_SecretArn()
    {
        var handler = new RecordingHandler((r, _) => r.Operation switch
        {
            "DescribeSecret" => Aws.Ok("{\"Name\":\"db\"}"),
            "ExecuteStatement" => Aws.Ok(Aws.Submitted(Id)),
            _ => Aws.Ok(Aws.Described(Id, "FINISHED")),
        });
        using var client = TestClients.Create(handler, o => o.SecretArn = "db");

        await client.ExecuteAsync("select 1");
        await client.ExecuteAsync("select 2");

        Assert.Single(handler.Calls("DescribeSecret"));
        Assert.All(handler.Calls("ExecuteStatement"), r => Assert.Equal("db", (string?)r.Json["SecretArn"]));
    }
}
