using RedshiftTyped.Connection;
using RedshiftTyped.Local;

namespace RedshiftTyped.TestSupport;

public enum TestBackend
{
    DuckDb,
    Postgres,
}

/// <summary>A running local server on one backend (PostgreSQL: in a database of its own) and clients for it.</summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly string? _postgresDatabase;

    private TestServer(LocalDataApiServer server, string? postgresDatabase)
    {
        Server = server;
        _postgresDatabase = postgresDatabase;
    }

    public LocalDataApiServer Server { get; }

    public static async Task<TestServer> StartAsync(TestBackend backend, Action<LocalServerOptions>? configure = null)
    {
        var options = new LocalServerOptions();
        string? database = null;
        if (backend == TestBackend.Postgres)
        {
            database = await PostgresEnvironment.CreateDatabaseAsync();
            options.Backend = LocalBackend.Postgres;
            options.PostgresConnectionString = database;
        }

        configure?.Invoke(options);
        try
        {
            return new TestServer(await LocalDataApiServer.StartAsync(options), database);
        }
        catch
        {
            if (database is not null) await PostgresEnvironment.DropDatabaseAsync(database);
            throw;
        }
    }

    /// <summary>Connection options for the real client, pointed at this server.</summary>
    public RedshiftConnectionOptions Options(string accessKey = "local", string secretKey = "local") => new()
    {
        Region = Server.Region,
        Database = Server.Database,
        ClusterIdentifier = "local-cluster",
        AccessKeyId = accessKey,
        SecretAccessKey = secretKey,
        Endpoint = Server.Endpoint.ToString(),
        PollInterval = 0.2,
        Retry = new RedshiftRetryOptions { MaxRetries = 8, BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(200) },
    };

    public RedshiftClient Client(Action<RedshiftConnectionOptions>? configure = null)
    {
        var options = Options();
        configure?.Invoke(options);
        return new RedshiftClient(options);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        if (_postgresDatabase is not null)
        {
            await PostgresEnvironment.DropDatabaseAsync(_postgresDatabase);
        }
    }
}
