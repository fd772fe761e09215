using RedshiftTyped.IntegrationTests.Infrastructure;
using RedshiftTyped.Reading;
using RedshiftTyped.Typed;

namespace RedshiftTyped.IntegrationTests.Queries;

/// <summary>
/// When the warehouse changes under a typed query, on both backends: <c>redshift-typed check</c> fails (exit 1) with a
/// per-query diff — a changed result type, a removed column, a renamed column, a query that no longer compiles (with
/// Redshift's error, the file and the line), a file edited since capture — and a read of the compiled query fails on
/// its first page with <see cref="SchemaDriftException"/> naming the file and the command. Each test has tables of its own.
/// </summary>
public abstract class TypedQueryDriftTests(TypedQueryServerFixture fixture) : IDisposable
{
    private readonly QueryProject _project = QueryProject.Create();
    private readonly string _table = "drift_" + Guid.NewGuid().ToString("N")[..12];

    private TestServer Server => fixture.Server;

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task Check_passes_after_capture_and_a_changed_result_type_fails_it_with_the_diff()
    {
        await CreateTableAsync();
        _project.Write("tickit/amounts.sql", $"-- Amounts.\nselect id, amount, label\nfrom {_table}\n");
        await _project.CaptureAsync(Server);
        var (exit, output, _) = await _project.ToolAsync(Server, "check");
        Assert.True(exit == 0, output);
        Assert.Contains("1 query snapshots match", output, StringComparison.Ordinal);

        await SqlAsync($"alter table {_table} drop column amount", $"alter table {_table} add column amount bigint");
        (exit, output, _) = await _project.ToolAsync(Server, "check");

        Assert.Equal(1, exit);
        Assert.Contains($"{QueryPath("tickit/amounts.sql")}\n  column type changed: amount integer → bigint\n", Lf(output), StringComparison.Ordinal);
        Assert.Contains("1 of 1 queries drifted", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_removed_column_and_a_renamed_column_fail_check()
    {
        await CreateTableAsync();
        _project.Write("every_column.sql", $"select * from {_table}\n");
        await _project.CaptureAsync(Server);

        await SqlAsync($"alter table {_table} drop column label");
        var (exit, output, _) = await _project.ToolAsync(Server, "check");

        Assert.Equal(1, exit);
        Assert.Contains($"{QueryPath("every_column.sql")}\n  column removed: label character varying(10)\n", Lf(output), StringComparison.Ordinal);

        await SqlAsync($"alter table {_table} rename column amount to total");
        (exit, output, _) = await _project.ToolAsync(Server, "check");
        Assert.Equal(1, exit);
        Assert.Contains("column renamed: amount → total (column 2, integer)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_that_no_longer_compiles_fails_check_with_the_error_and_its_line()
    {
        await CreateTableAsync();
        _project.Write("tickit/labels.sql", $"-- Labels.\nselect id,\n       label\nfrom {_table}\n");
        await _project.CaptureAsync(Server);

        await SqlAsync($"alter table {_table} drop column label");
        var (exit, output, _) = await _project.ToolAsync(Server, "check");

        Assert.Equal(1, exit);
        Assert.Contains($"  query no longer compiles: {QueryPath("tickit/labels.sql")}:3: ", Lf(output), StringComparison.Ordinal);
        Assert.Contains("label", output.Split('\n').Single(l => l.Contains("no longer compiles", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Capture_names_the_file_and_line_Redshift_rejects_and_writes_nothing()
    {
        await CreateTableAsync();
        _project.Write("good.sql", $"select id from {_table}\n").Write("bad.sql", $"-- A typo.\nselect id,\n       lable\nfrom {_table}\n");

        var (exit, _, error) = await _project.ToolAsync(Server, "capture");

        Assert.Equal(1, exit);
        Assert.StartsWith($"error: {QueryPath("bad.sql")}:3: ", error, StringComparison.Ordinal);
        Assert.Contains("nothing was written", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_project.SnapshotsDirectory) && Directory.EnumerateFiles(_project.SnapshotsDirectory, "*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public async Task A_file_edited_without_recapture_fails_check_and_the_build()
    {
        await CreateTableAsync();
        _project.Write("tickit/ids.sql", $"select id from {_table}\n");
        await _project.CaptureAsync(Server);
        _project.Write("tickit/ids.sql", $"select id, amount from {_table}\n");

        var (exit, output, _) = await _project.ToolAsync(Server, "check");
        Assert.Equal(1, exit);
        Assert.Contains("the file changed since it was captured", output, StringComparison.Ordinal);
        Assert.Contains("column added: amount integer", output, StringComparison.Ordinal);

        var compiled = _project.Compile(allowGeneratorErrors: true);
        var stale = Assert.Single(compiled.GeneratorDiagnostics, d => d.Id == "RTG101");
        Assert.Equal(Path.Combine(_project.QueriesDirectory, "tickit", "ids.sql"), stale.Location.GetLineSpan().Path);
        Assert.Contains("run redshift-typed capture", stale.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reading_a_query_whose_result_changed_raises_SchemaDriftException_naming_the_file_and_check()
    {
        await CreateTableAsync();
        _project.Write("tickit/amounts.sql", $"-- @param min int\nselect id, amount from {_table} where amount >= :min\n");
        await _project.CaptureAsync(Server);
        var query = _project.Compile().Get("TickitQueries", "Amounts");
        await SqlAsync($"alter table {_table} drop column amount", $"alter table {_table} add column amount varchar(5)");

        var drift = await Assert.ThrowsAsync<SchemaDriftException>(() => CompiledQueries.OpenAsync(fixture.Client, query, [1]));

        Assert.Equal("query tickit/amounts.sql", drift.Table);
        var difference = Assert.Single(drift.Differences);
        Assert.Equal((SchemaDifferenceKind.TypeChanged, "amount", "integer"), (difference.Kind, difference.Column, difference.Expected));
        Assert.Contains("query tickit/amounts.sql no longer matches its query snapshot", drift.Message, StringComparison.Ordinal);
        Assert.Contains("redshift-typed check", drift.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_NULL_in_a_column_a_hint_narrowed_fails_the_read_naming_the_column_and_the_query()
    {
        await CreateTableAsync();
        await SqlAsync($"insert into {_table} (id, amount) values (3, 30)");
        _project.Write("labels.sql", $"-- @nullable label false\nselect id, label from {_table} order by id\n");
        await _project.CaptureAsync(Server);
        var query = _project.Compile().Get("RootQueries", "Labels");
        Assert.False(query.Columns.Single(c => c.Name == "label").IsNullable);

        var error = await Assert.ThrowsAsync<RowDecodeException>(async () =>
        {
            await using var reader = await CompiledQueries.OpenAsync(fixture.Client, query, []);
            await CompiledQueries.RowsAsync(reader);
        });

        Assert.Equal("label", error.Column?.Name);
        Assert.Contains("Column \"label\" of query labels.sql is NOT NULL in the snapshot but the result holds NULL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overrides_survive_a_recapture_and_prune_removes_the_snapshot_of_a_deleted_file()
    {
        await CreateTableAsync();
        _project.Write("a.sql", $"select id, amount from {_table}\n").Write("b.sql", $"select id from {_table}\n");
        await _project.CaptureAsync(Server);
        string a = _project.SnapshotPath("a.sql");
        File.WriteAllText(a, File.ReadAllText(a).Replace("\"name\": \"amount\",", "\"name\": \"amount\",\n      \"override\": { \"propertyName\": \"Total\" },", StringComparison.Ordinal));
        _project.Write("a.sql", $"-- Now with a comment.\nselect id, amount from {_table}\n");
        File.Delete(Path.Combine(_project.QueriesDirectory, "b.sql"));

        var (exit, output, _) = await _project.ToolAsync(Server, "capture");
        Assert.Equal(0, exit);
        Assert.Contains("changed   query a.sql", output, StringComparison.Ordinal);
        Assert.Contains("gone      query b.sql", output, StringComparison.Ordinal);
        Assert.Contains("\"propertyName\": \"Total\"", File.ReadAllText(a), StringComparison.Ordinal);
        Assert.True(File.Exists(_project.SnapshotPath("b.sql")));

        var pruned = await RunToolAsync("capture", "--prune");
        Assert.Equal(0, pruned.Exit);
        Assert.False(File.Exists(_project.SnapshotPath("b.sql")));
        Assert.Equal("Total", _project.Compile().Get("RootQueries", "A").Columns[1].PropertyName);
    }

    [Fact]
    public async Task The_committed_sample_query_snapshots_match_and_recapture_unchanged()
    {
        string root = PostgresEnvironment.RepositoryRoot();
        foreach (string file in Directory.EnumerateFiles(Path.Combine(root, "queries"), "*.sql", SearchOption.AllDirectories))
        {
            _project.Write(Path.GetRelativePath(Path.Combine(root, "queries"), file).Replace('\\', '/'), File.ReadAllText(file));
        }

        string committed = Path.Combine(root, "query-snapshots");
        foreach (string file in Directory.EnumerateFiles(committed, "*.json", SearchOption.AllDirectories))
        {
            string copy = Path.Combine(_project.SnapshotsDirectory, Path.GetRelativePath(committed, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        var (exit, output, error) = await _project.ToolAsync(fixture.TickitServer, "check");
        Assert.True(exit == 0, output + error);
        Assert.Contains("3 query snapshots match tickit", output, StringComparison.Ordinal);

        (exit, output, _) = await _project.ToolAsync(fixture.TickitServer, "capture");
        Assert.Equal(0, exit);
        Assert.Contains("0 queries added, 0 changed, 3 unchanged, 0 removed", output, StringComparison.Ordinal);
        foreach (string file in Directory.EnumerateFiles(committed, "*.json", SearchOption.AllDirectories))
        {
            Assert.Equal(File.ReadAllText(file), File.ReadAllText(Path.Combine(_project.SnapshotsDirectory, Path.GetRelativePath(committed, file))));
        }
    }

    private string QueryPath(string file) => Path.Combine([_project.QueriesDirectory, .. file.Split('/')]);

    private static string Lf(string text) => text.ReplaceLineEndings("\n");

    private async Task<(int Exit, string Out, string Err)> RunToolAsync(string command, string extra)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = await global::RedshiftTyped.Tool.ToolApp.RunAsync(
            [command, extra, "--endpoint", Server.Server.Endpoint.ToString(), "--database", Server.Server.Database, "--poll-interval", "0.1",
             "--dir", Path.Combine(_project.Root, "schema-snapshots"), "--exclude", "*",
             "--queries", _project.QueriesDirectory, "--query-snapshots", _project.SnapshotsDirectory],
            new global::RedshiftTyped.Tool.Cli.ToolConsole(output, error));
        return (exit, output.ToString(), error.ToString());
    }

    private async Task CreateTableAsync()
        => await SqlAsync($"create table {_table} (id integer not null, amount integer, label varchar(10))", $"insert into {_table} values (1, 10, 'one'), (2, 20, 'two')");

    private async Task SqlAsync(params string[] statements)
    {
        foreach (string sql in statements)
        {
            await fixture.Client.ExecuteAsync(sql);
        }
    }
}

/// <summary>Two servers per backend: an empty one for tables the tests change, and one with TICKIT as the sample captured it.</summary>
public abstract class TypedQueryServerFixture(TestBackend backend) : IAsyncLifetime
{
    public TestServer Server { get; private set; } = null!;

    public TestServer TickitServer { get; private set; } = null!;

    public RedshiftClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await TestServer.StartAsync(backend);
        TickitServer = await TestServer.StartAsync(backend, o => { o.Sample = "tickit"; o.Database = "tickit"; });
        Client = Server.Client();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        await TickitServer.DisposeAsync();
    }
}

public sealed class DuckDbTypedQueryServerFixture() : TypedQueryServerFixture(TestBackend.DuckDb);

public sealed class PostgresTypedQueryServerFixture() : TypedQueryServerFixture(TestBackend.Postgres);

public sealed class DuckDbTypedQueryDriftTests(DuckDbTypedQueryServerFixture fixture)
    : TypedQueryDriftTests(fixture), IClassFixture<DuckDbTypedQueryServerFixture>;

public sealed class PostgresTypedQueryDriftTests(PostgresTypedQueryServerFixture fixture)
    : TypedQueryDriftTests(fixture), IClassFixture<PostgresTypedQueryServerFixture>;
