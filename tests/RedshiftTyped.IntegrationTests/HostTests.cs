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
}
