using System.Net;
using System.Net.Sockets;
using RedshiftTyped.IntegrationTests.Infrastructure;
using RedshiftTyped.Tool;
using RedshiftTyped.Tool.Cli;
using RedshiftTyped.Tool.Commands;

namespace RedshiftTyped.IntegrationTests.Tool;

/// <summary>
/// <c>redshift-typed local</c> as a user runs it: every bad input is one line naming the input and the fix (no stack
/// trace, exit 2), the addresses printed are the ones it binds, and the fault-injection flags work, after authentication.
/// </summary>
public sealed class LocalCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rt-local-cmd-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<(int Exit, string Out, string Err)> Local(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        int exit = await ToolApp.RunAsync(["local", .. args], new ToolConsole(output, error), cts.Token);
        return (exit, output.ToString(), error.ToString());
    }

    private static void AssertOneLineError(string error, params string[] expected)
    {
        Assert.StartsWith("error: ", error);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.DoesNotContain("   at ", error);
        Assert.DoesNotContain("unexpected", error);
        foreach (string text in expected)
        {
            Assert.Contains(text, error);
        }
    }

    [Theory]
    [InlineData("not-an-address", "host \"not-an-address\" is not an IP address", "0.0.0.0")]
    [InlineData("10.0.0.0.1", "host \"10.0.0.0.1\" is not an IP address", "127.0.0.1")]
    public async Task A_bad_host_is_one_line(string host, string expected, string fix)
    {
        var (exit, _, error) = await Local("--host", host, "--port", "0");

        Assert.Equal(2, exit);
        AssertOneLineError(error, expected, fix);
    }

    [Theory]
    [InlineData("99999")]
    [InlineData("-1")]
    public async Task A_port_out_of_range_is_one_line_naming_the_range(string port)
    {
        var (exit, _, error) = await Local("--port", port);

        Assert.Equal(2, exit);
        AssertOneLineError(error, $"--port {port} is not a TCP port", "1 to 65535");
    }

    [Theory]
    [InlineData("--result-memory-limit", "-1", "--result-memory-limit -1 is out of range: give a size in MB from 0 to")]
    [InlineData("--retained-result-limit", "0", "--retained-result-limit 0 is out of range: give a size in MB from 1 to")]
    [InlineData("--retained-result-limit", "9999999999999", "--retained-result-limit 9999999999999 is out of range")]
    public async Task Result_limits_out_of_range_are_one_line_naming_the_range(string flag, string value, string expected)
    {
        var (exit, _, error) = await Local(flag, value, "--port", "0");

        Assert.NotEqual(0, exit);
        AssertOneLineError(error, expected);
    }

    [Fact]
    public async Task The_retained_result_limit_releases_the_oldest_results_past_it()
    {
        using var cts = new CancellationTokenSource();
        var output = new StringWriter();
        var error = new StringWriter();
        var run = ToolApp.RunAsync(["local", "--port", "0", "--retained-result-limit", "1", "--result-memory-limit", "0"], new ToolConsole(output, error), cts.Token);
        var endpoint = new Uri((await WaitForListeningAsync(output, run))["Listening on ".Length..] + "/");
        var raw = new RawAwsClient(endpoint, "us-east-1");

        // About 1.5 MB of JSON: past the 1 MB kept, so the next result to end releases it.
        string big = await ExecuteAsync(raw, "select g, repeat('x', 1000) as pad from generate_series(1, 1500) as t(g)");
        string small = await ExecuteAsync(raw, "select 1");

        var released = await raw.PostAsync("RedshiftData.GetStatementResult", $"{{\"Id\":\"{big}\"}}");
        Assert.Equal(HttpStatusCode.BadRequest, released.Status);
        Assert.Contains("--retained-result-limit", released.Body.GetProperty("message").GetString(), StringComparison.Ordinal);
        var kept = await raw.PostAsync("RedshiftData.GetStatementResult", $"{{\"Id\":\"{small}\"}}");
        Assert.Equal(HttpStatusCode.OK, kept.Status);

        cts.Cancel();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(60)));
    }

    private static async Task<string> ExecuteAsync(RawAwsClient raw, string sql)
    {
        var submitted = await raw.PostAsync("RedshiftData.ExecuteStatement",
            System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["ClusterIdentifier"] = "local", ["Database"] = "dev", ["Sql"] = sql }));
        Assert.Equal(HttpStatusCode.OK, submitted.Status);
        string id = submitted.Body.GetProperty("Id").GetString()!;
        for (int i = 0; i < 600; i++)
        {
            var described = await raw.PostAsync("RedshiftData.DescribeStatement", $"{{\"Id\":\"{id}\"}}");
            string? status = described.Body.GetProperty("Status").GetString();
            if (status == "FINISHED") return id;
            Assert.True(status is "SUBMITTED" or "PICKED" or "STARTED", described.Body.ToString());
            await Task.Delay(50);
        }

        throw new TimeoutException(sql);
    }

    [Fact]
    public async Task An_address_this_machine_does_not_have_is_one_line()
    {
        var (exit, _, error) = await Local("--host", "203.0.113.7", "--port", "0");

        Assert.Equal(2, exit);
        AssertOneLineError(error, "could not listen on 203.0.113.7:0");
    }

    [Fact]
    public async Task A_database_path_that_cannot_be_opened_is_one_line_naming_it()
    {
        string path = Path.Combine(_dir, "missing", "dir", "dev.duckdb");
        var (exit, _, error) = await Local("--database", path, "--port", "0");

        Assert.Equal(2, exit);
        AssertOneLineError(error, $"the DuckDB database \"{path}\" could not be opened", "writable directory, or :memory:");
    }

    [Fact]
    public async Task A_bad_init_sql_file_names_the_file_the_statement_and_its_line()
    {
        string file = Path.Combine(_dir, "init.sql");
        File.WriteAllText(file, "create table notes(id integer);\n\ninsert into notes values (1);\nselec oops;\n");

        var (exit, _, error) = await Local("--init-sql", file, "--port", "0");

        Assert.Equal(2, exit);
        AssertOneLineError(error, $"init SQL file \"{file}\", statement 3 (line 4) failed", "selec oops", "Fix the statement, or leave the file out");
    }

    [Fact]
    public async Task A_port_in_use_says_so_rather_than_that_a_connection_broke()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (exit, _, error) = await Local("--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(2, exit);
        AssertOneLineError(error, $"port {port} on 127.0.0.1 is already in use", "or 0 for a free one");
        Assert.DoesNotContain("broke", error);
    }

    [Fact]
    public async Task An_unreachable_postgres_is_one_line_without_the_password()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var (exit, _, error) = await Local("--backend", "postgres", "--connection-string", $"Host=127.0.0.1;Port={port};Username=u;Password=hunter2;Database=d;Timeout=3", "--port", "0");

        Assert.Equal(2, exit);
        AssertOneLineError(error, $"PostgreSQL at 127.0.0.1:{port}", "could not be reached");
        Assert.DoesNotContain("hunter2", error);
    }

    [Fact]
    public async Task Bad_fault_flags_are_one_line()
    {
        AssertOneLineError((await Local("--fault-throttle", "1.5")).Err, "--fault-throttle 1.5 is not a share of requests");
        AssertOneLineError((await Local("--fault-throttle", "0.6", "--fault-5xx", "0.6")).Err, "add up to 1.2");
        AssertOneLineError((await Local("--fault-latency", "soon")).Err, "--fault-latency \"soon\" is not a duration");
        AssertOneLineError((await Local("--fault-operations", "Execute")).Err, "\"Execute\" is not an operation of the local server");
    }

    [Theory]
    [InlineData("--fault-throttle", "1e400")]
    [InlineData("--fault-throttle", "-1e400")]
    [InlineData("--fault-5xx", "NaN")]
    [InlineData("--fault-reset", "1.0000000000000001e1")]
    [InlineData("--fault-slow", "-0.5")]
    public async Task A_share_flag_out_of_range_quotes_the_value_as_typed(string flag, string value)
    {
        // 1e400 parses as Infinity: the message said "Infinity is not a share of requests", a value nobody typed.
        var (exit, _, error) = await Local(flag, value, "--port", "0");

        Assert.Equal(2, exit);
        // --fault-slow is a share of statements, the others of requests.
        string of = flag == "--fault-slow" ? "statements" : "requests";
        AssertOneLineError(error, $"{flag} {value} is not a share of {of}: give a number from 0 to 1, e.g. 0.1 for 10%.");
        Assert.DoesNotContain("Infinity", error);
        Assert.DoesNotContain("\u221E", error);
    }

    [Fact]
    public async Task A_share_with_a_comma_is_refused_not_read_as_a_thousands_separator()
    {
        // "0,1" parsed as 1: every request throttled.
        var (exit, _, error) = await Local("--fault-throttle", "0,1", "--port", "0");

        Assert.Equal(2, exit);
        AssertOneLineError(error, "--fault-throttle 0,1 has a comma: write the share with a decimal point, e.g. 0.1 for 10%.");
    }

    [Fact]
    public async Task Shares_are_added_exactly_and_quoted_as_typed()
    {
        // Over 1 by a ten-thousandth: the sum is exact and every value is as typed.
        var (exit, _, error) = await Local("--fault-throttle", "0.5", "--fault-5xx", "0.5", "--fault-reset", "0.0001", "--port", "0");
        Assert.Equal(2, exit);
        AssertOneLineError(error, "--fault-throttle 0.5, --fault-5xx 0.5 and --fault-reset 0.0001 add up to 1.0001; each request gets at most one of them");

        // Exactly 1 (1.0000000000000002 in doubles, which was refused) is accepted.
        using var cts = new CancellationTokenSource();
        var output = new StringWriter();
        var run = ToolApp.RunAsync(["local", "--port", "0", "--fault-throttle", "0.34", "--fault-5xx", "0.56", "--fault-reset", "0.1"],
            new ToolConsole(output, new StringWriter()), cts.Token);
        Assert.StartsWith("Listening on http://127.0.0.1:", await WaitForListeningAsync(output, run));
        cts.Cancel();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task A_share_flag_that_is_not_a_number_quotes_it_too()
    {
        var (exit, _, error) = await Local("--fault-throttle", "0x1", "--port", "0");

        Assert.Equal(2, exit);
        AssertOneLineError(error, "--fault-throttle takes a number, e.g. 0.5; '0x1' is not one.");
    }

    [Fact]
    public async Task Minus_zero_and_a_share_too_small_for_a_double_are_no_faults()
    {
        // -0 is 0, and 1e-400 rounds to 0 (the nearest double): both are accepted, as no such fault.
        using var cts = new CancellationTokenSource();
        var output = new StringWriter();
        var error = new StringWriter();
        var run = ToolApp.RunAsync(["local", "--port", "0", "--fault-throttle", "-0", "--fault-5xx", "1e-400"], new ToolConsole(output, error), cts.Token);

        Assert.StartsWith("Listening on http://127.0.0.1:", await WaitForListeningAsync(output, run));
        cts.Cancel();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(60)));
        // No "Injecting faults: …" notice: no fault is on.
        Assert.Equal("", error.ToString());
    }

    [Fact]
    public async Task Listening_on_every_interface_prints_the_real_address_and_warns_what_is_exposed()
    {
        using var cts = new CancellationTokenSource();
        var output = new StringWriter();
        var error = new StringWriter();
        var run = ToolApp.RunAsync(["local", "--host", "0.0.0.0", "--port", "0"], new ToolConsole(output, error), cts.Token);
        string listening = await WaitForListeningAsync(output, run);

        Assert.Matches(@"^Listening on http://0\.0\.0\.0:\d+$", listening);
        Assert.Contains("warning: listening on every network interface of this machine (", error.ToString());
        Assert.Contains("the default key local/local, which anyone can guess", error.ToString());
        Assert.Contains("can run any SQL", error.ToString());

        cts.Cancel();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task Loopback_prints_the_loopback_address_and_no_warning()
    {
        using var cts = new CancellationTokenSource();
        var output = new StringWriter();
        var error = new StringWriter();
        var run = ToolApp.RunAsync(["local", "--port", "0"], new ToolConsole(output, error), cts.Token);
        Assert.Matches(@"^Listening on http://127\.0\.0\.1:\d+$", await WaitForListeningAsync(output, run));

        cts.Cancel();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal("", error.ToString());
    }

    [Fact]
    public async Task Fault_flags_inject_faults_after_authentication_and_count_them()
    {
        using var cts = new CancellationTokenSource();
        var output = new StringWriter();
        var error = new StringWriter();
        var run = ToolApp.RunAsync(["local", "--port", "0", "--fault-5xx", "1", "--fault-seed", "7", "--fault-latency", "10ms"],
            new ToolConsole(output, error), cts.Token);
        var endpoint = new Uri((await WaitForListeningAsync(output, run))["Listening on ".Length..] + "/");
        var raw = new RawAwsClient(endpoint, "us-east-1");

        // An unsigned or wrongly keyed request is refused as AWS refuses it: never an injected 500 a client would retry.
        var unsigned = await raw.PostAsync("RedshiftData.ListDatabases", "{\"ClusterIdentifier\":\"local\",\"Database\":\"dev\"}", sign: false);
        Assert.Equal(HttpStatusCode.Forbidden, unsigned.Status);
        Assert.Equal("MissingAuthenticationTokenException", unsigned.Body.GetProperty("__type").GetString());
        var wrongKey = await raw.PostAsync("RedshiftData.ListDatabases", "{\"ClusterIdentifier\":\"local\",\"Database\":\"dev\"}", secretKey: "wrong");
        Assert.Equal(HttpStatusCode.BadRequest, wrongKey.Status);
        Assert.Equal("InvalidSignatureException", wrongKey.Body.GetProperty("__type").GetString());

        var signed = await raw.PostAsync("RedshiftData.ListDatabases", "{\"ClusterIdentifier\":\"local\",\"Database\":\"dev\"}");
        Assert.Equal(HttpStatusCode.InternalServerError, signed.Status);
        Assert.Equal("InternalServerException", signed.Body.GetProperty("__type").GetString());

        cts.Cancel();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("Injecting faults: 100% server errors, 10 ms latency, seed 7.", error.ToString());
        Assert.Contains("Faults injected: 0 throttles, 1 server errors, 0 connection resets, 0 slow statements.", error.ToString());
    }

    [Fact]
    public async Task SIGTERM_stops_the_server_and_says_so_without_a_client_commands_notice()
    {
        using var local = ToolProcess.Start("local", "--port", "0");
        for (int i = 0; i < 1200 && !local.Output.Contains("Listening on ", StringComparison.Ordinal); i++)
        {
            await Task.Delay(50);
        }

        Assert.Contains("Listening on ", local.Output);
        local.Terminate();

        Assert.Equal(0, await local.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains(LocalCommand.StoppingNotice, local.Error);
        Assert.DoesNotContain("statements already submitted", local.Error);
    }

    private static async Task<string> WaitForListeningAsync(StringWriter output, Task<int> run)
    {
        for (int i = 0; i < 1200; i++)
        {
            string text = output.ToString();
            if (text.Contains('\n'))
            {
                return text.TrimEnd();
            }

            if (run.IsCompleted)
            {
                throw new InvalidOperationException($"local exited with {await run}");
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("local never printed its Listening line");
    }
}
