using RedshiftTyped.IntegrationTests.Infrastructure;
using RedshiftTyped.Tool;
using RedshiftTyped.Tool.Cli;

namespace RedshiftTyped.IntegrationTests.Tool;

/// <summary>
/// Every command of the tool driven through an endpoint that answers one of its calls with the wrong types, half a body,
/// 2 GiB, HTML, nothing, or a closed connection (check twice: its tables, and its typed queries alone): each ends with a one-line error naming what went wrong (or, where the
/// model allows the answer, a clean result) — never an unhandled exception, a stack trace or an out-of-memory.
/// </summary>
/// <summary>One server with the TICKIT sample per backend, a connection file, a pipeline and committed snapshots to check.</summary>
public abstract class HostileEndpointFixture(TestBackend backend) : IAsyncLifetime
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("rt-hostile-").FullName;

    public TestServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await TestServer.StartAsync(backend, o => o.Sample = "tickit");
        // Few, quick retries: a hostile answer is never retried, a closed connection is, twice.
        File.WriteAllText(Path.Combine(Dir, "conn.json"), $$$"""
            {"endpoint": "{{{Server.Server.Endpoint}}}", "poll_interval": 0.05, "retry": {"max_retries": 2, "base_delay": "00:00:00.010", "max_delay": "00:00:00.050"}}
            """);
        File.WriteAllText(Path.Combine(Dir, "pipeline.json"), """
            {"connection_name": "c", "default_destination_catalog": "main", "default_destination_schema": "tickit",
             "objects": [{"table": {"source_table": "public.venue", "table_configuration": {"primary_keys": ["venueid"]}}},
                         {"table": {"source_table": "public.category"}}]}
            """);
        var error = new StringWriter();
        int exit = await ToolApp.RunAsync(["capture", "--dir", Path.Combine(Dir, "committed"), "--connection", Path.Combine(Dir, "conn.json")],
            new ToolConsole(new StringWriter(), error));
        Assert.True(exit == 0, error.ToString());

        // A typed query file and its snapshot, for check's query path (describing a query reads a result page).
        Directory.CreateDirectory(Path.Combine(Dir, "queries", "tickit"));
        File.WriteAllText(Path.Combine(Dir, "queries", "tickit", "venues.sql"),
            "-- Venues by id.\n-- @param below int\nselect venueid, venuename from venue where venueid < :below order by venueid\n");
        exit = await ToolApp.RunAsync(["capture", "--dir", Path.Combine(Dir, "committed"), "--exclude", "*", .. QueryFlags, "--connection", Path.Combine(Dir, "conn.json")],
            new ToolConsole(new StringWriter(), error));
        Assert.True(exit == 0, error.ToString());
    }

    /// <summary>The typed query files and their snapshots: <c>--queries</c> and <c>--query-snapshots</c>.</summary>
    public string[] QueryFlags => ["--queries", Path.Combine(Dir, "queries"), "--query-snapshots", Path.Combine(Dir, "query-snapshots")];

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(Dir, recursive: true);
    }
}

public sealed class DuckDbHostileEndpointFixture() : HostileEndpointFixture(TestBackend.DuckDb);

public sealed class PostgresHostileEndpointFixture() : HostileEndpointFixture(TestBackend.Postgres);

public abstract class HostileEndpointTests(HostileEndpointFixture fixture)
{
    private string Dir => fixture.Dir;

    private static readonly string[] SqlCalls = ["ExecuteStatement", "DescribeStatement", "GetStatementResult"];
    private static readonly string[] CatalogCalls = ["ListSchemas", "ListTables", "DescribeTable", "ExecuteStatement", "DescribeStatement", "GetStatementResult"];
    private static readonly string[] SnapshotCalls = ["ExecuteStatement", "DescribeStatement", "GetStatementResult"];

    /// <summary>
    /// Every kind of bad answer at each command's last call, and wrong types at every call of every command. What is
    /// tested is the client's; the PostgreSQL run takes the answers at each command's last call only, to keep it short.
    /// </summary>
    public static TheoryData<string, string, HostileAnswer> Cases(bool everyCall)
    {
        var cases = new TheoryData<string, string, HostileAnswer>();
        foreach (var (command, calls) in new[]
                 { ("sql", SqlCalls), ("capture", CatalogCalls), ("check", CatalogCalls), ("snapshot", SnapshotCalls), ("check-queries", SqlCalls) })
        {
            string last = command is "sql" or "snapshot" or "check-queries" ? "GetStatementResult" : "DescribeTable";
            // 100 MiB streamed before the bound trips: once per result-reading command is enough (capture and check read
            // seven tables at once; the announced 2 GiB covers them).
            foreach (var answer in Enum.GetValues<HostileAnswer>().Where(a => a != HostileAnswer.HugeStreamed || command is "sql" or "snapshot"))
            {
                cases.Add(command, last, answer);
            }

            foreach (string call in calls.Where(c => c != last && everyCall))
            {
                cases.Add(command, call, HostileAnswer.WrongTypes);
            }
        }

        return cases;
    }

    private async Task<(int Exit, string Out, string Err)> Run(HostileProxy? proxy, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        int exit = await ToolApp.RunAsync([.. args, "--connection", Path.Combine(Dir, "conn.json")], new ToolConsole(output, error, proxy), cts.Token);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>The command, writing (capture, snapshot) to a directory of this case's own.</summary>
    private string[] Command(string command, string caseDir) => command switch
    {
        "sql" => ["sql", "select venueid, venuename from venue where venueid < 50 order by venueid"],
        "capture" => ["capture", "--dir", Path.Combine(caseDir, "captured")],
        "check" => ["check", "--dir", Path.Combine(Dir, "committed")],
        "check-queries" => ["check", "--dir", Path.Combine(Dir, "committed"), "--exclude", "*", .. fixture.QueryFlags],
        _ => ["snapshot", "--pipeline", Path.Combine(Dir, "pipeline.json"), "--out", Path.Combine(caseDir, "out"), "--format", "csv"],
    };

    /// <summary>The command ends with exit 0, 1 or 2 and one-line errors that say what was wrong, never a stack trace.</summary>
    protected async Task AssertHandled(string command, string call, HostileAnswer answer)
    {
        using var proxy = new HostileProxy(call, answer);
        string caseDir = Directory.CreateDirectory(Path.Combine(Dir, Guid.NewGuid().ToString("N"))).FullName;

        var (exit, output, error) = await Run(proxy, Command(command, caseDir));

        string all = output + error;
        Assert.DoesNotContain("   at ", all);
        Assert.DoesNotContain("Unhandled", all);
        Assert.DoesNotContain("error: unexpected", all);
        Assert.DoesNotContain("OutOfMemory", all);
        Assert.True(proxy.Hits > 0, $"{command} never called {call}");
        if (answer is HostileAnswer.Empty && exit is 0 or 1 && !error.Contains("error: ", StringComparison.Ordinal))
        {
            // An empty answer fits some operations' model ({} from DescribeTable is a table without columns): the command
            // says what it saw (a warning per table) and goes on.
            Assert.Contains("warning: ", error);
            return;
        }

        Assert.True(exit is 1 or 2, $"exit {exit}: {error}");
        Assert.Contains("error: ", error);
        string expected = answer switch
        {
            HostileAnswer.HugeAnnounced or HostileAnswer.HugeStreamed => "longer than 100 MiB",
            HostileAnswer.Closed => "could not reach the Data API endpoint",
            HostileAnswer.Empty => "",
            _ => $"{call} at {fixture.Server.Server.Endpoint.GetLeftPart(UriPartial.Authority)} answered something that is not a Data API answer",
        };
        Assert.Contains(expected, error);
        Assert.DoesNotContain(Directory.EnumerateFiles(caseDir, "*", SearchOption.AllDirectories), f => Path.GetFileName(f).StartsWith('.'));
    }
}

public sealed class DuckDbHostileEndpointTests(DuckDbHostileEndpointFixture fixture) : HostileEndpointTests(fixture), IClassFixture<DuckDbHostileEndpointFixture>
{
    [Theory]
    [MemberData(nameof(Cases), true)]
    public Task No_command_ends_in_an_unhandled_exception(string command, string call, HostileAnswer answer) => AssertHandled(command, call, answer);
}

public sealed class PostgresHostileEndpointTests(PostgresHostileEndpointFixture fixture) : HostileEndpointTests(fixture), IClassFixture<PostgresHostileEndpointFixture>
{
    [Theory]
    [MemberData(nameof(Cases), false)]
    public Task No_command_ends_in_an_unhandled_exception(string command, string call, HostileAnswer answer) => AssertHandled(command, call, answer);
}
