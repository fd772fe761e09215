using System.Text.Json.Nodes;
using RedshiftTyped.Tests.Infrastructure;
using RedshiftTyped.Tool;
using RedshiftTyped.Tool.Capture;
using RedshiftTyped.Tool.Cli;
using RedshiftTyped.Tool.Snapshots;
using static RedshiftTyped.Tests.Infrastructure.FakeCatalog;

namespace RedshiftTyped.Tests.Capture;

/// <summary><c>redshift-typed capture</c> and <c>check</c> through the wire, against a catalog answered as Redshift answers it.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class CaptureTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rt-capture-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static FakeCatalog Tickitish()
    {
        var catalog = new FakeCatalog();
        catalog.Tables.Add(new Table("public", "sales", "TABLE",
        [
            new Column("salesid", "int4", Precision: 10, Nullable: false),
            new Column("listid", "int4", Precision: 10, Nullable: false),
            new Column("pricepaid", "numeric", Precision: 8, Scale: 2),
            new Column("saletime", "timestamp"),
        ]));
        catalog.Tables.Add(new Table("public", "users", "TABLE",
        [
            new Column("userid", "int4", Precision: 10, Nullable: false),
            new Column("username", "bpchar", Length: 8),
            new Column("city", "varchar", Length: 30),
            new Column("likesports", "bool"),
        ]));
        catalog.QueryRows[CatalogQueries.PrimaryKeys] = [new JsonArray("public", "sales", "salesid", 1)];
        catalog.QueryRows[CatalogQueries.ColumnDetails] =
        [
            new JsonArray("public", "sales", "listid", true, 0, null),
            new JsonArray("public", "sales", "saletime", false, 1, "When the sale happened"),
            new JsonArray("public", "users", "userid", true, 1, null),
        ];
        catalog.QueryRows[CatalogQueries.TableComments] = [new JsonArray("public", "sales", "TABLE", "One row per ticket sale")];
        catalog.QueryRows[CatalogQueries.DistributionStyles] = [new JsonArray("public", "sales", "KEY(listid)")];
        return catalog;
    }

    private async Task<(int Exit, string Out, string Err)> Tool(RecordingHandler handler, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = await ToolApp.RunAsync([.. args, "--dir", _dir, "--endpoint", "http://127.0.0.1:8790", "--poll-interval", "0.05"],
            new ToolConsole(output, error, handler));
        return (exit, output.ToString(), error.ToString());
    }

    private Dictionary<string, string> Files() => SnapshotLayout.Files(_dir).ToDictionary(f => Path.GetRelativePath(_dir, f), File.ReadAllText);

    [Fact]
    public async Task Capture_writes_one_deterministic_file_per_table_with_keys_comments_and_distribution()
    {
        var (exit, output, error) = await Tool(Tickitish().Handler(), "capture");

        Assert.True(exit == 0, error);
        Assert.Equal("", error);
        Assert.Contains("2 added, 0 changed, 0 unchanged, 0 removed", output);
        var files = Files();
        Assert.Equal(["dev/public/sales.json", "dev/public/users.json"], files.Keys.Order());
        string sales = files["dev/public/sales.json"];
        Assert.EndsWith("}\n", sales);
        Assert.DoesNotContain("\r", sales);
        var table = SnapshotJson.Read(sales, "sales.json");
        Assert.Equal("table", table.Kind);
        Assert.Equal("One row per ticket sale", table.Comment);
        Assert.Equal(["salesid"], table.PrimaryKey);
        Assert.Equal("key", table.DistStyle);
        Assert.Equal("listid", table.DistKey);
        Assert.Equal(["saletime"], table.SortKeys);
        Assert.Equal(["salesid", "listid", "pricepaid", "saletime"], table.Columns.Select(c => c.Name));
        var price = table.Columns[2];
        Assert.Equal(("numeric(8,2)", "numeric", 8, 2, true), (price.Type, price.TypeName, price.Precision, price.Scale, price.Nullable));
        Assert.Equal("When the sale happened", table.Columns[3].Comment);
        Assert.Equal("timestamp without time zone", table.Columns[3].Type);
        var users = SnapshotJson.Read(files["dev/public/users.json"], "users.json");
        Assert.Equal(("character(8)", "char", 8), (users.Columns[1].Type, users.Columns[1].TypeName, users.Columns[1].Length));
        Assert.Equal(("character varying(30)", "varchar", 30), (users.Columns[2].Type, users.Columns[2].TypeName, users.Columns[2].Length));
        Assert.False(users.Columns[0].Nullable);
    }

    [Fact]
    public async Task Capturing_twice_gives_byte_identical_files()
    {
        await Tool(Tickitish().Handler(), "capture");
        var first = Files();

        var (exit, output, _) = await Tool(Tickitish().Handler(), "capture");

        Assert.Equal(0, exit);
        Assert.Contains("0 added, 0 changed, 2 unchanged", output);
        Assert.Equal(first, Files());
    }

    [Fact]
    public async Task Hand_written_overrides_survive_a_recapture_that_changes_the_table()
    {
        await Tool(Tickitish().Handler(), "capture");
        string path = Path.Combine(_dir, "dev", "public", "sales.json");
        var edited = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edited["recordName"] = "Sale";
        edited["columns"]![2]!["override"] = new JsonObject { ["clrType"] = "System.Data.SqlTypes.SqlDecimal", ["propertyName"] = "PricePaid", ["note"] = "kept as written" };
        File.WriteAllText(path, edited.ToJsonString());

        var catalog = Tickitish();
        catalog.Tables[0].Columns.Add(new Column("commission", "numeric", Precision: 8, Scale: 2));
        var (exit, output, _) = await Tool(catalog.Handler(), "capture");

        Assert.Equal(0, exit);
        Assert.Contains("changed   public.sales", output);
        var table = SnapshotJson.Read(File.ReadAllText(path), path);
        Assert.Equal("Sale", table.RecordName);
        Assert.Equal("kept as written", (string?)table.Columns.Single(c => c.Name == "pricepaid").Override!["note"]);
        Assert.Contains(table.Columns, c => c.Name == "commission");
    }

    [Fact]
    public async Task Late_binding_view_columns_come_from_pg_get_late_binding_view_cols()
    {
        var catalog = Tickitish();
        catalog.Tables.Add(new Table("public", "sales_lbv", "VIEW", []));
        catalog.QueryRows[CatalogQueries.LateBindingViewColumns] =
        [
            new JsonArray("public", "sales_lbv", "pricepaid", "numeric(8,2)", 2),
            new JsonArray("public", "sales_lbv", "salesid", "integer", 1),
            new JsonArray("public", "sales_lbv", "buyer", "character varying(256)", 3),
        ];

        var (exit, _, error) = await Tool(catalog.Handler(), "capture");

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        var view = SnapshotJson.Read(File.ReadAllText(Path.Combine(_dir, "dev", "public", "sales_lbv.json")), "view");
        Assert.Equal("late_binding_view", view.Kind);
        Assert.Equal(["salesid", "pricepaid", "buyer"], view.Columns.Select(c => c.Name));
        Assert.Equal(["int4", "numeric", "varchar"], view.Columns.Select(c => c.TypeName));
        Assert.Equal(256, view.Columns[2].Length);
    }

    [Fact]
    public async Task A_server_dying_mid_capture_leaves_the_previous_snapshots_intact()
    {
        await Tool(Tickitish().Handler(), "capture");
        var before = Files();
        var catalog = Tickitish();
        catalog.Tables[0].Columns.RemoveAt(3);
        catalog.DieOnDescribeOf = "users";

        // One retry keeps the test quick; the dropped connection persists, so capture fails.
        Environment.SetEnvironmentVariable("REDSHIFT_TYPED_RETRY__MAX_RETRIES", "1");
        (int exit, string error) = (0, "");
        try
        {
            (exit, _, error) = await Tool(catalog.Handler(), "capture");
        }
        finally
        {
            Environment.SetEnvironmentVariable("REDSHIFT_TYPED_RETRY__MAX_RETRIES", null);
        }

        Assert.Equal(2, exit);
        Assert.Contains("could not reach the Data API endpoint", error);
        Assert.Equal(before, Files());
        Assert.Empty(Directory.EnumerateFiles(_dir, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Hostile_names_get_distinct_portable_files_and_never_reach_SQL()
    {
        string[] names = ["Users", "users", "select", "with space", "quote\"d", "ünïcødé_表", "a/b", "..", "MiXeD"];
        var catalog = new FakeCatalog();
        foreach (string name in names)
        {
            catalog.Tables.Add(new Table("Weird \"Schema\"", name, "TABLE", [new Column("Col \"1\"", "int4"), new Column("order", "varchar", Length: 10)]));
        }

        var handler = catalog.Handler();
        var (exit, _, error) = await Tool(handler, "capture");

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        var read = SnapshotLayout.Files(_dir).Select(f => SnapshotJson.Read(File.ReadAllText(f), f)).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), read.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(read, t => Assert.Equal("Weird \"Schema\"", t.Schema));
        Assert.All(read, t => Assert.Equal(["Col \"1\"", "order"], t.Columns.Select(c => c.Name)));
        // Case-insensitive file systems keep them apart too.
        Assert.Equal(names.Length, SnapshotLayout.Files(_dir).Select(f => f.ToLowerInvariant()).Distinct().Count());
        Assert.All(SnapshotLayout.Files(_dir), f => Assert.StartsWith(_dir, Path.GetFullPath(f)));
        var sql = handler.Calls("ExecuteStatement").Select(r => (string)r.Json["Sql"]!).ToList();
        Assert.NotEmpty(sql);
        Assert.All(sql, s => Assert.DoesNotContain("Weird", s));
        Assert.Contains(handler.Calls("DescribeTable"), r => (string?)r.Json["Table"] == "quote\"d" && (string?)r.Json["Schema"] == "Weird \"Schema\"");
    }

    [Fact]
    public async Task A_catalog_view_this_cluster_lacks_is_a_warning_not_a_silent_gap()
    {
        var catalog = Tickitish();
        catalog.FailingQueries[CatalogQueries.MaterializedViews] = "ERROR: relation \"stv_mv_info\" does not exist";

        var (exit, _, error) = await Tool(catalog.Handler(), "capture");

        Assert.Equal(0, exit);
        Assert.Contains("warning: Could not read materialized views", error);
        Assert.Contains("does not exist", error);
    }

    [Theory]
    [InlineData("ERROR: permission denied for relation key_column_usage")]
    [InlineData("ERROR: Query (1234) cancelled on user's request")]
    public async Task Any_other_catalog_query_failure_fails_capture_and_check_and_writes_nothing(string failure)
    {
        await Tool(Tickitish().Handler(), "capture");
        var before = Files();
        var catalog = Tickitish();
        catalog.Tables[0].Columns.RemoveAt(3);
        catalog.FailingQueries[CatalogQueries.PrimaryKeys] = failure;

        var (exit, _, error) = await Tool(catalog.Handler(), "capture");
        Assert.Equal(2, exit);
        Assert.Contains("could not read the primary keys of the catalog", error);
        Assert.Equal(before, Files());

        // check must not report drift that is not there (keys "removed") nor pass: it could not check.
        (exit, var output, error) = await Tool(Tickitish().Handler(), "check");
        Assert.Equal(0, exit);
        var failing = Tickitish();
        failing.FailingQueries[CatalogQueries.PrimaryKeys] = failure;
        (exit, output, error) = await Tool(failing.Handler(), "check");
        Assert.Equal(2, exit);
        Assert.DoesNotContain("primary key changed", output);
        Assert.Contains("could not read the primary keys", error);
    }

    [Fact]
    public async Task A_throttle_that_outlives_the_retries_on_one_catalog_query_is_not_a_missing_feature()
    {
        await Tool(Tickitish().Handler(), "capture");
        var before = Files();
        var catalog = Tickitish();
        var fake = catalog.Handler();
        // Every submit of the distribution-style query is throttled; everything else is answered.
        var handler = new RecordingHandler((request, index) =>
            request.Operation == "ExecuteStatement" && ((string?)request.Json["Sql"])!.Contains("svv_table_info", StringComparison.Ordinal)
                ? Aws.Throttled()
                : ForwardTo(fake, request));

        Environment.SetEnvironmentVariable("REDSHIFT_TYPED_RETRY__MAX_RETRIES", "2");
        try
        {
            var (exit, output, error) = await Tool(handler, "capture");
            Assert.Equal(2, exit);
            Assert.Contains("ThrottlingException", error);
            Assert.Equal(before, Files());

            (exit, output, error) = await Tool(handler, "check");
            Assert.Equal(2, exit);
            Assert.DoesNotContain("distribution changed", output);
        }
        finally
        {
            Environment.SetEnvironmentVariable("REDSHIFT_TYPED_RETRY__MAX_RETRIES", null);
        }
    }

    private static HttpResponseMessage ForwardTo(RecordingHandler handler, RecordedRequest request)
    {
        using var invoker = new HttpMessageInvoker(handler, disposeHandler: false);
        using var message = new HttpRequestMessage(request.Method, request.Uri) { Content = new ByteArrayContent(request.Body) };
        foreach (var (name, value) in request.Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return invoker.SendAsync(message, CancellationToken.None).GetAwaiter().GetResult();
    }

    [Fact]
    public async Task Removed_tables_are_reported_and_deleted_only_with_prune()
    {
        await Tool(Tickitish().Handler(), "capture");
        var catalog = Tickitish();
        catalog.Tables.RemoveAll(t => t.Name == "users");

        var (_, output, _) = await Tool(catalog.Handler(), "capture");
        Assert.Contains("gone      public.users", output);
        Assert.True(File.Exists(Path.Combine(_dir, "dev", "public", "users.json")));

        (_, output, _) = await Tool(catalog.Handler(), "capture", "--prune");
        Assert.Contains("removed   public.users", output);
        Assert.False(File.Exists(Path.Combine(_dir, "dev", "public", "users.json")));
    }

    [Fact]
    public async Task Include_and_exclude_globs_and_schema_filter_choose_the_tables()
    {
        var catalog = Tickitish();
        catalog.Tables.Add(new Table("staging", "sales_raw", "TABLE", [new Column("x", "int4")]));

        await Tool(catalog.Handler(), "capture", "--include", "*.sales*", "--exclude", "staging.*");
        Assert.Equal(["dev/public/sales.json"], Files().Keys);

        await Tool(catalog.Handler(), "capture", "--schema-filter", "staging");
        Assert.Equal(["dev/public/sales.json", "dev/staging/sales_raw.json"], Files().Keys.Order());
    }

    [Theory]
    [InlineData("--schema-filter", "pubilc", "schema_filter \"pubilc\" names no schema of dev")]
    [InlineData("--include", "public.sale", "--include \"public.sale\" matches no table of dev")]
    [InlineData("--exclude", "public.*", "the selection (--exclude \"public.*\") matches no table of dev")]
    public async Task A_selection_that_matches_nothing_fails_capture_and_check_naming_the_filter(string flag, string value, string expected)
    {
        await Tool(Tickitish().Handler(), "capture");
        var before = Files();
        var drifted = Tickitish();
        drifted.Tables[0].Columns.RemoveAt(3);

        // Real drift, and a filter that selects nothing: check must not pass on nothing.
        var (exit, output, error) = await Tool(drifted.Handler(), "check", flag, value);
        Assert.Equal(2, exit);
        Assert.Contains(expected, error);
        Assert.DoesNotContain("snapshots match", output);

        (exit, _, error) = await Tool(drifted.Handler(), "capture", flag, value, "--prune");
        Assert.Equal(2, exit);
        Assert.Contains(expected, error);
        Assert.Equal(before, Files());
    }

    [Fact]
    public async Task One_include_of_several_that_matches_nothing_is_named_even_when_another_matches()
    {
        var (exit, _, error) = await Tool(Tickitish().Handler(), "capture", "--include", "public.sales", "--include", "public.user");

        Assert.Equal(2, exit);
        Assert.Contains("--include \"public.user\" matches no table", error);
        Assert.DoesNotContain("public.sales\"", error);
        Assert.Empty(Files());
    }

    [Fact]
    public async Task An_empty_database_is_nothing_to_check()
    {
        var (exit, _, error) = await Tool(new FakeCatalog().Handler(), "check");

        Assert.Equal(2, exit);
        Assert.Contains("dev has no tables or views", error);
    }

    [Fact]
    public async Task Adversarial_globs_match_in_linear_time()
    {
        // Seven wildcards against a 120-character name never finished with a backtracking regex; a non-backtracking
        // one takes microseconds. The budget is one only a hang would exceed, not a benchmark.
        string name = new('a', 120);
        var catalog = new FakeCatalog();
        catalog.Tables.Add(new Table("public", name, "TABLE", [new Column("x", "int4")]));
        catalog.Tables.Add(new Table("public", name + "b", "TABLE", [new Column("x", "int4")]));
        string[] patterns = ["*a*a*a*a*a*a*a*c", "public.*a*a*a*a*a*a*a*a*a*a*a*b", "*?*?*?*?*?*?*?*?*?*?*?*?*c", string.Concat(Enumerable.Repeat("*a", 40)) + "c"];

        var run = Task.Run(async () =>
        {
            foreach (string pattern in patterns)
            {
                var selector = new TableSelector([], [pattern], []);
                Assert.False(selector.Includes("public", name));
            }

            return await Tool(catalog.Handler(), "capture", "--include", "*a*a*a*a*a*a*a*b", "--exclude", "*a*a*a*a*a*a*a*c");
        });

        var (exit, output, _) = await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, exit);
        Assert.Contains("1 added", output);
    }

    [Fact]
    public async Task Check_passes_on_a_fresh_capture_and_fails_with_a_readable_diff_on_drift()
    {
        await Tool(Tickitish().Handler(), "capture");
        var (exit, output, _) = await Tool(Tickitish().Handler(), "check");
        Assert.Equal(0, exit);
        Assert.Contains("2 snapshots match dev", output);

        var drifted = Tickitish();
        drifted.Tables[0].Columns[2] = new Column("pricepaid", "numeric", Precision: 10, Scale: 2, Nullable: false);
        drifted.Tables[0].Columns.RemoveAt(3);
        drifted.Tables[1].Columns.Add(new Column("email", "varchar", Length: 100));
        drifted.Tables.Add(new Table("public", "venue", "TABLE", [new Column("venueid", "int2")]));
        drifted.QueryRows[CatalogQueries.PrimaryKeys] = [];

        (exit, output, _) = await Tool(drifted.Handler(), "check");

        Assert.Equal(1, exit);
        string text = output.ReplaceLineEndings("\n");
        Assert.Contains("public.sales\n", text);
        Assert.Contains("  column removed: saletime timestamp without time zone", text);
        Assert.Contains("  column type changed: pricepaid numeric(8,2) → numeric(10,2)", text);
        Assert.Contains("  column nullability changed: pricepaid null → not null", text);
        Assert.Contains("  primary key changed: (salesid) → ()", text);
        Assert.Contains("public.users\n  column added: email character varying(100)", text);
        Assert.Contains("public.venue\n  table added (table, 1 columns)", text);
        Assert.Contains("Run redshift-typed capture", text);
    }

    [Fact]
    public async Task Check_exits_2_on_a_malformed_snapshot_and_names_the_place()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "dev", "public"));
        string path = Path.Combine(_dir, "dev", "public", "sales.json");
        File.WriteAllText(path, "{\"formatVersion\": 1, \"database\": \"dev\",\n  \"columns\": [ }");

        var (exit, _, error) = await Tool(Tickitish().Handler(), "check");

        Assert.Equal(2, exit);
        Assert.Contains(path, error);
        Assert.Contains("(2,", error);

        // capture refuses too, rather than overwrite a file it cannot read (and its overrides).
        (exit, _, _) = await Tool(Tickitish().Handler(), "capture");
        Assert.Equal(2, exit);
        Assert.StartsWith("{\"formatVersion\": 1", File.ReadAllText(path));
    }
}
