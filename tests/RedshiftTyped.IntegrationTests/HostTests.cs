using RedshiftTyped.Local;

namespace RedshiftTyped.IntegrationTests;

/// <summary>The entry point behind <c>redshift-typed local</c>.</summary>
public sealed class HostTests
{
    [Fact]
    public async Task RunAsync_prints_one_listening_line_serves_and_stops_on_cancellation()
    {
        using var cts = new CancellationTokenSource();
        var output = new StringWriter();
        var run = LocalServerHost.RunAsync(new LocalServerOptions(), cts.Token, output);
        for (int i = 0; i < 200 && !output.ToString().Contains('\n'); i++)
        {
            await Task.Delay(50);
        }

        string text = output.ToString();
        Assert.Matches(@"^Listening on http://127\.0\.0\.1:\d+\r?\n$", text);
        string endpoint = text["Listening on ".Length..].Trim();

        using var client = new RedshiftClient(new Connection.RedshiftConnectionOptions
        {
            Region = "us-east-1", Database = "dev", ClusterIdentifier = "local", AccessKeyId = "local", SecretAccessKey = "local", Endpoint = endpoint,
        });
        var rows = await client.QueryAsync(new Execution.SqlStatement("select 'up' as state")).ToListAsync();
        Assert.Equal("up", rows.Single()[0]);

        cts.Cancel();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(text, output.ToString());
    }

    [Fact]
    public async Task DuckDb_threads_can_be_bounded()
    {
        await using var server = await LocalDataApiServer.StartAsync(new LocalServerOptions { DuckDbThreads = 1 });
        using var client = new RedshiftClient(new Connection.RedshiftConnectionOptions
        {
            Region = "us-east-1", Database = "dev", ClusterIdentifier = "local", AccessKeyId = "local", SecretAccessKey = "local", Endpoint = server.Endpoint.ToString(),
        });
        var rows = await client.QueryAsync(new Execution.SqlStatement("select current_setting('threads')")).ToListAsync();
        Assert.Equal(1L, Convert.ToInt64(rows.Single()[0]));
    }

    [Fact]
    public async Task A_duckdb_file_keeps_the_sample_and_init_sql_across_restarts()
    {
        string directory = Directory.CreateTempSubdirectory("redshift-typed-test").FullName;
        try
        {
            string init = Path.Combine(directory, "init.sql");
            await File.WriteAllTextAsync(init, "create table if not exists notes(id integer not null, body varchar(40)) diststyle all;\ninsert into notes values (1, 'kept');");
            var options = new LocalServerOptions { DuckDbPath = Path.Combine(directory, "dev.duckdb"), Sample = "tickit", InitSqlFiles = { init } };
            await using (var first = await LocalDataApiServer.StartAsync(options))
            {
            }

            await using var second = await LocalDataApiServer.StartAsync(options);
            using var client = new RedshiftClient(new Connection.RedshiftConnectionOptions
            {
                Region = "us-east-1", Database = "dev", ClusterIdentifier = "local", AccessKeyId = "local", SecretAccessKey = "local", Endpoint = second.Endpoint.ToString(),
            });
            var rows = await client.QueryAsync(new Execution.SqlStatement("select (select count(*) from sales), (select count(*) from notes)")).ToListAsync();
            Assert.Equal([100000L, 2L], rows.Single().Select(Convert.ToInt64));
            var users = await client.DataApi.DescribeTableAsync(client.WithTarget(new DataApi.Model.DescribeTableRequest { Table = "users" }));
            Assert.Equal(8, users.ColumnList!.Single(c => c.Name == "username").Length);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
