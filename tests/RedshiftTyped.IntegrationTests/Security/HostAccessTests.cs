using RedshiftTyped.Execution;
using RedshiftTyped.IntegrationTests.Infrastructure;
using RedshiftTyped.Local;

namespace RedshiftTyped.IntegrationTests.Security;

/// <summary>
/// A Data API caller must not reach the files, programs or network of the machine that runs the local server: each
/// escape an engine offers is tried through the real client and must fail with a clear refusal, leaving nothing behind.
/// </summary>
public abstract class HostAccessTests(TestBackend backend) : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rt-host-access-").FullName;
    private TestServer _server = null!;

    protected TestServer Server => _server;

    protected string Dir => _dir;

    public async Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(_dir, "secret.csv"), "secret\ntop\n");
        _server = await TestServer.StartAsync(backend, o => o.Sample = "tickit");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Redshift's COPY is refused by the server before any engine sees it (the engines' COPY is locked down too).</summary>
    protected const string CopyRefused = "COPY (loading from Amazon S3, DynamoDB or remote hosts) is not supported by the local server";

    /// <summary>
    /// Runs <paramref name="sql"/>; asserts it failed with <paramref name="refusal"/> and the server's explanation: the
    /// engine's refusal with the note on host access, or the server's own refusal of a statement it does not run.
    /// </summary>
    protected async Task AssertRefused(string sql, string refusal)
    {
        using var client = _server.Client();
        var failed = await Assert.ThrowsAsync<StatementFailedException>(() => client.ExecuteAsync(sql));
        Assert.Contains(refusal, failed.Error, StringComparison.OrdinalIgnoreCase);
        if (refusal != CopyRefused)
        {
            Assert.Contains("the local server runs statements without access to the host's files", failed.Error);
        }
    }

    [Fact]
    public async Task The_server_still_answers_ordinary_statements()
    {
        using var client = _server.Client();
        var rows = await client.QueryAsync(new SqlStatement("select count(*) from sales where salesid >= :first").WithParameter("first", 1)).ToListAsync();
        Assert.Equal(100000L, Convert.ToInt64(rows.Single()[0], System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed class DuckDbHostAccessTests() : HostAccessTests(TestBackend.DuckDb)
{
    [Theory]
    [InlineData("select * from read_csv('{secret}')", "file system operations are disabled by configuration")]
    [InlineData("select * from read_parquet('{dir}/x.parquet')", "file system operations are disabled by configuration")]
    [InlineData("select * from read_text('{secret}')", "file system operations are disabled by configuration")]
    [InlineData("select * from glob('{dir}/*')", "file system operations are disabled by configuration")]
    [InlineData("select * from '{secret}'", "file system operations are disabled by configuration")]
    [InlineData("copy sales to '{dir}/stolen.csv'", CopyRefused)]
    [InlineData("/* a comment first */ copy sales to '{dir}/stolen.csv'", CopyRefused)]
    [InlineData("export database '{dir}/export'", "file system operations are disabled by configuration")]
    [InlineData("attach '{dir}/other.db' as other", "file system operations are disabled by configuration")]
    [InlineData("install httpfs", "disabled by configuration")]
    [InlineData("load httpfs", "Loading external extensions is disabled")]
    [InlineData("select * from read_csv('https://example.com/data.csv')", "disabled by configuration")]
    // The lock cannot be undone from a statement.
    [InlineData("set enable_external_access = true", "the configuration has been locked")]
    [InlineData("set lock_configuration = false", "the configuration has been locked")]
    [InlineData("reset enable_external_access", "the configuration has been locked")]
    public async Task Every_way_to_the_hosts_files_network_and_extensions_is_refused(string sql, string refusal)
    {
        await AssertRefused(sql.Replace("{secret}", Path.Combine(Dir, "secret.csv")).Replace("{dir}", Dir), refusal);

        Assert.Equal(["secret.csv"], Directory.EnumerateFileSystemEntries(Dir).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_directory_given_at_start_up_stays_readable_and_no_other()
    {
        string allowed = Directory.CreateDirectory(Path.Combine(Dir, "external")).FullName;
        File.WriteAllText(Path.Combine(allowed, "t.csv"), "a,b\n1,2\n");
        await using var server = await TestServer.StartAsync(TestBackend.DuckDb, o => o.AllowedDirectories.Add(allowed));
        using var client = server.Client();

        var rows = await client.QueryAsync(new SqlStatement($"select b from read_csv('{allowed}/t.csv')")).ToListAsync();
        Assert.Equal(2L, Convert.ToInt64(rows.Single()[0], System.Globalization.CultureInfo.InvariantCulture));
        var failed = await Assert.ThrowsAsync<StatementFailedException>(() => client.ExecuteAsync($"select * from read_csv('{Path.Combine(Dir, "secret.csv")}')"));
        Assert.Contains("disabled by configuration", failed.Error);
    }

    [Fact]
    public async Task A_database_file_is_locked_down_as_well()
    {
        await using var server = await TestServer.StartAsync(TestBackend.DuckDb, o => o.DuckDbPath = Path.Combine(Dir, "dev.duckdb"));
        using var client = server.Client();
        var failed = await Assert.ThrowsAsync<StatementFailedException>(() => client.ExecuteAsync($"select * from read_csv('{Path.Combine(Dir, "secret.csv")}')"));
        Assert.Contains("disabled by configuration", failed.Error);
        Assert.Equal("UTC", (await client.QueryAsync(new SqlStatement("select current_setting('TimeZone')")).ToListAsync()).Single()[0]);
    }
}

public sealed class PostgresHostAccessTests() : HostAccessTests(TestBackend.Postgres)
{
    [Theory]
    [InlineData("copy sales from '{secret}'", CopyRefused)]
    [InlineData("copy sales to '{dir}/stolen.csv'", CopyRefused)]
    [InlineData("copy sales to program 'touch {dir}/ran'", CopyRefused)]
    [InlineData("copy sales from program 'cat {secret}'", CopyRefused)]
    [InlineData("/* a comment first */ copy sales to program 'touch {dir}/ran'", CopyRefused)]
    [InlineData("select pg_read_file('{secret}')", "permission denied for function pg_read_file")]
    [InlineData("select pg_read_binary_file('{secret}')", "permission denied for function pg_read_binary_file")]
    [InlineData("select pg_ls_dir('{dir}')", "permission denied for function pg_ls_dir")]
    [InlineData("select lo_import('{secret}')", "permission denied for function lo_import")]
    public async Task Every_way_to_the_hosts_files_and_programs_is_refused(string sql, string refusal)
    {
        await AssertRefused(sql.Replace("{secret}", Path.Combine(Dir, "secret.csv")).Replace("{dir}", Dir), refusal);

        Assert.Equal(["secret.csv"], Directory.EnumerateFileSystemEntries(Dir).Select(Path.GetFileName));
    }

    [Fact]
    public async Task The_server_refuses_to_start_as_a_superuser()
    {
        var ex = await Assert.ThrowsAsync<LocalServerStartException>(() => LocalDataApiServer.StartAsync(new LocalServerOptions
        {
            Backend = LocalBackend.Postgres,
            PostgresConnectionString = PostgresEnvironment.SuperuserConnectionString,
        }));

        Assert.Contains("is a superuser", ex.Message);
        Assert.Contains("Connect as a role without them", ex.Message);
    }
}
