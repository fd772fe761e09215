using RedshiftTyped.IntegrationTests.Infrastructure;
using RedshiftTyped.Tool;
using RedshiftTyped.Tool.Cli;
using RedshiftTyped.Tool.Snapshots;

namespace RedshiftTyped.IntegrationTests.Capture;

/// <summary>
/// <c>redshift-typed capture</c> and <c>check</c> against the real local server, on both backends: the committed
/// TICKIT snapshots match, drift is reported, late-binding views and hostile names are captured, and a server
/// that fails mid-capture leaves the previous snapshots intact.
/// </summary>
public abstract class CaptureCheckTests(TestBackend backend) : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rt-capture-it-").FullName;
    private TestServer _server = null!;

    public async Task InitializeAsync()
        => _server = await TestServer.StartAsync(backend, o =>
        {
            o.Sample = "tickit";
            o.Database = "tickit";
            // Hostile names that differ only in case need a cluster with enable_case_sensitive_identifier on.
            o.EnableCaseSensitiveIdentifier = true;
        });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private static string CommittedSnapshots => Path.Combine(PostgresEnvironment.RepositoryRoot(), "schema-snapshots");

    private Task<(int Exit, string Out, string Err)> Tool(params string[] args) => Tool(null, args);

    private async Task<(int Exit, string Out, string Err)> Tool(HttpMessageHandler? handler, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = await ToolApp.RunAsync([.. args, "--endpoint", _server.Server.Endpoint.ToString(), "--database", "tickit", "--poll-interval", "0.1"],
            new ToolConsole(output, error, handler));
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task A_filter_that_matches_nothing_fails_check_even_with_drift_to_report()
    {
        await Sql("alter table event add column promoter varchar(40)");

        var (exit, output, error) = await Tool("check", "--dir", CommittedSnapshots, "--schema-filter", "pubilc");
        Assert.Equal(2, exit);
        Assert.Contains("schema_filter \"pubilc\" names no schema of tickit (its schemas: public)", error);
        Assert.DoesNotContain("match", output);

        (exit, _, error) = await Tool("check", "--dir", CommittedSnapshots, "--include", "public.evnt");
        Assert.Equal(2, exit);
        Assert.Contains("--include \"public.evnt\" matches no table of tickit", error);

        (exit, output, _) = await Tool("check", "--dir", CommittedSnapshots, "--include", "public.event");
        Assert.Equal(1, exit);
        Assert.Contains("column added: promoter", output);
    }

    [Fact]
    public async Task A_throttled_catalog_query_fails_capture_and_check_instead_of_dropping_keys()
    {
        Assert.Equal(0, (await Tool("capture", "--dir", _dir)).Exit);
        var before = Files();
        // The distribution-style query is throttled past its retries; everything else is answered by the server.
        using var throttle = new ThrottleQuery("svv_table_info");
        Environment.SetEnvironmentVariable("REDSHIFT_TYPED_RETRY__MAX_RETRIES", "1");
        try
        {
            var (exit, _, error) = await Tool(throttle, "capture", "--dir", _dir);
            Assert.Equal(2, exit);
            Assert.Contains("could not read the distribution styles of the catalog (ThrottlingException: Rate exceeded)", error);
            Assert.Equal(before, Files());

            (exit, var output, error) = await Tool(throttle, "check", "--dir", CommittedSnapshots);
            Assert.Equal(2, exit);
            Assert.DoesNotContain("distribution changed", output);
            Assert.DoesNotContain("drifted", output);
        }
        finally
        {
            Environment.SetEnvironmentVariable("REDSHIFT_TYPED_RETRY__MAX_RETRIES", null);
        }
    }

    /// <summary>Answers ThrottlingException to every submit of SQL holding <paramref name="text"/>; passes the rest on.</summary>
    private sealed class ThrottleQuery(string text) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            string body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            if (request.Headers.TryGetValues("X-Amz-Target", out var target) && target.First().EndsWith(".ExecuteStatement", StringComparison.Ordinal)
                && body.Contains(text, StringComparison.Ordinal))
            {
                var throttled = new HttpResponseMessage(System.Net.HttpStatusCode.BadRequest)
                {
                    Content = new StringContent("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}"),
                };
                throttled.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-amz-json-1.1");
                return throttled;
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }

    private async Task Sql(string sql)
    {
        using var client = _server.Client(o => o.Database = "tickit");
        await client.ExecuteAsync(sql);
    }

    private Dictionary<string, string> Files() => SnapshotLayout.Files(_dir).ToDictionary(f => Path.GetRelativePath(_dir, f), File.ReadAllText);

    [Fact]
    public async Task The_committed_TICKIT_snapshots_match_the_server()
    {
        var (exit, output, error) = await Tool("check", "--dir", CommittedSnapshots);

        Assert.True(exit == 0, output + error);
        Assert.Contains("7 snapshots match tickit", output);
    }

    [Fact]
    public async Task A_fresh_capture_equals_the_committed_files_byte_for_byte_and_recaptures_identically()
    {
        var (exit, _, error) = await Tool("capture", "--dir", _dir);
        Assert.True(exit == 0, error);
        var first = Files();
        var committed = SnapshotLayout.Files(CommittedSnapshots).ToDictionary(f => Path.GetRelativePath(CommittedSnapshots, f), File.ReadAllText);
        Assert.Equal(committed, first);

        (exit, var output, _) = await Tool("capture", "--dir", _dir);
        Assert.Equal(0, exit);
        Assert.Contains("0 added, 0 changed, 7 unchanged", output);
        Assert.Equal(first, Files());
    }

    [Fact]
    public async Task Altering_the_warehouse_makes_check_fail_with_the_expected_diff()
    {
        Assert.Equal(0, (await Tool("capture", "--dir", _dir)).Exit);
        await Sql("alter table users add column nickname varchar(20)");
        await Sql("alter table venue drop column venueseats");
        await Sql("create table promo (promoid integer not null, discount decimal(5,2))");

        var (exit, output, _) = await Tool("check", "--dir", _dir);

        Assert.Equal(1, exit);
        string text = output.ReplaceLineEndings("\n");
        Assert.True(text.Contains("public.users\n  column added: nickname character varying(20)\n", StringComparison.Ordinal), text);
        Assert.Contains("public.users\n  column added: nickname character varying(20)\n", text);
        Assert.Contains("public.venue\n  column removed: venueseats integer\n", text);
        Assert.Contains("public.promo\n  table added (table, 2 columns)\n", text);
        Assert.Contains("3 of 8 tables drifted", text);
    }

    [Fact]
    public async Task Overrides_survive_a_recapture_of_a_changed_table()
    {
        Assert.Equal(0, (await Tool("capture", "--dir", _dir)).Exit);
        string path = Path.Combine(_dir, "tickit", "public", "sales.json");
        File.WriteAllText(path, File.ReadAllText(path)
            .Replace("\"recordName\": null", "\"recordName\": \"Sale\"", StringComparison.Ordinal)
            .Replace("\"name\": \"pricepaid\",", "\"name\": \"pricepaid\",\n      \"override\": { \"clrType\": \"string\" },", StringComparison.Ordinal));
        await Sql("alter table sales add column channel varchar(10)");

        var (exit, output, _) = await Tool("capture", "--dir", _dir);

        Assert.Equal(0, exit);
        Assert.Contains("changed   public.sales", output);
        var sales = SnapshotJson.Read(File.ReadAllText(path), path);
        Assert.Equal("Sale", sales.RecordName);
        Assert.Equal("string", (string?)sales.Columns.Single(c => c.Name == "pricepaid").Override!["clrType"]);
        Assert.Equal("channel", sales.Columns[^1].Name);
    }

    [Fact]
    public async Task Late_binding_views_are_captured_with_their_columns()
    {
        await Sql("create view sales_by_buyer as select buyerid, sum(pricepaid) as spent from public.sales group by buyerid with no schema binding");

        var (exit, _, error) = await Tool("capture", "--dir", _dir, "--include", "public.sales_by_buyer");

        Assert.True(exit == 0, error);
        var view = SnapshotJson.Read(File.ReadAllText(Path.Combine(_dir, "tickit", "public", "sales_by_buyer.json")), "view");
        Assert.Equal("late_binding_view", view.Kind);
        Assert.Equal(["buyerid", "spent"], view.Columns.Select(c => c.Name));
        Assert.Equal("int4", view.Columns[0].TypeName);
        Assert.Equal("numeric", view.Columns[1].TypeName);
    }

    [Fact]
    public async Task A_server_failing_mid_capture_leaves_the_previous_snapshots_intact()
    {
        Assert.Equal(0, (await Tool("capture", "--dir", _dir)).Exit);
        var before = Files();
        await Sql("alter table event add column promoter varchar(40)");
        // Every DescribeTable now loses its connection halfway through the answer, as a dying server does.
        _server.Server.Faults.Operations = new HashSet<string> { "DescribeTable" };
        _server.Server.Faults.ConnectionResetRate = 1;
        Environment.SetEnvironmentVariable("REDSHIFT_TYPED_RETRY__MAX_RETRIES", "1");
        try
        {
            var (exit, _, error) = await Tool("capture", "--dir", _dir);

            Assert.Equal(2, exit);
            Assert.StartsWith("error:", error);
        }
        finally
        {
            Environment.SetEnvironmentVariable("REDSHIFT_TYPED_RETRY__MAX_RETRIES", null);
            _server.Server.Faults.ConnectionResetRate = 0;
        }

        Assert.Equal(before, Files());
        Assert.Empty(Directory.EnumerateFiles(_dir, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Hostile_names_are_captured_exactly_into_distinct_files()
    {
        // DuckDB folds even quoted identifiers to one case, so names differing only in case are PostgreSQL's to test.
        string[] tables = backend == TestBackend.Postgres
            ? ["\"Users\"", "\"users \"\"quoted\"\"\"", "\"select\"", "\"with space\"", "\"ünïcødé\"", "\"MiXeD\"", "\"mixed\""]
            : ["\"Users\"", "\"users \"\"quoted\"\"\"", "\"select\"", "\"with space\"", "\"ünïcødé\"", "\"MiXeD\""];
        await Sql("create schema \"Odd Schema\"");
        foreach (string table in tables)
        {
            await Sql($"create table \"Odd Schema\".{table} (\"Col \"\"1\"\"\" integer, \"order\" varchar(10))");
        }

        var (exit, _, error) = await Tool("capture", "--dir", _dir, "--schema-filter", "Odd Schema");

        Assert.True(exit == 0, error);
        var captured = SnapshotLayout.Files(_dir).Select(f => SnapshotJson.Read(File.ReadAllText(f), f)).ToList();
        Assert.Equal(tables.Select(t => t[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal)).Order(StringComparer.Ordinal),
            captured.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(captured, t => Assert.Equal("Odd Schema", t.Schema));
        Assert.All(captured, t => Assert.Equal(["Col \"1\"", "order"], t.Columns.Select(c => c.Name)));
        Assert.Equal(tables.Length, SnapshotLayout.Files(_dir).Select(f => f.ToLowerInvariant()).Distinct().Count());
    }
}

[Collection(EnvironmentDependent.Name)]
public sealed class DuckDbCaptureCheckTests() : CaptureCheckTests(TestBackend.DuckDb);

[Collection(EnvironmentDependent.Name)]
public sealed class PostgresCaptureCheckTests() : CaptureCheckTests(TestBackend.Postgres);

/// <summary>These tests set REDSHIFT_TYPED_* variables that the tool reads: they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentDependent
{
    public const string Name = "Tool environment";
}
