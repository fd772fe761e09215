using RedshiftTyped.Local;

namespace RedshiftTyped.IntegrationTests.Infrastructure;

/// <summary>A server with the TICKIT sample, shared by the tests of one class. Small pages, so results span many.</summary>
public abstract class TickitServerFixture(TestBackend backend) : IAsyncLifetime
{
    public const int PageMaxBytes = 32 * 1024;

    public TestBackend Backend { get; } = backend;

    public TestServer Server { get; private set; } = null!;

    public RedshiftClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await TestServer.StartAsync(Backend, o =>
        {
            o.Sample = "tickit";
            o.PageMaxBytes = PageMaxBytes;
            o.Secrets["app/db"] = """{"username":"app","password":"pw"}""";
            o.Secrets["app/broken"] = """{"username":"app"}""";
            o.Credentials.Add(new RedshiftTyped.Local.Security.LocalCredential("local", "local"));
            o.Credentials.Add(new RedshiftTyped.Local.Security.LocalCredential("AKIDREADONLY", "readonly-secret",
                AllowedActions: new HashSet<string> { "redshift-data:ListDatabases", "redshift-data:DescribeStatement" }));
            o.Credentials.Add(new RedshiftTyped.Local.Security.LocalCredential("ASIATEMPORARY", "temporary-secret", SessionToken: "session-token"));
        });
        Client = Server.Client();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}

public sealed class DuckDbTickitFixture() : TickitServerFixture(TestBackend.DuckDb);

public sealed class PostgresTickitFixture() : TickitServerFixture(TestBackend.Postgres);
