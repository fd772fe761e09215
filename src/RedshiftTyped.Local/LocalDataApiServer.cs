using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RedshiftTyped.DataApi.Serialization;
using RedshiftTyped.Local.Engine;
using RedshiftTyped.Local.Operations;
using RedshiftTyped.Local.Protocol;
using RedshiftTyped.Local.Sample;
using RedshiftTyped.Local.Security;
using RedshiftTyped.Local.Statements;
using RedshiftTyped.SecretsManager;

namespace RedshiftTyped.Local;

/// <summary>
/// A local, wire-compatible Redshift Data API (and Secrets Manager) server on DuckDB or PostgreSQL.
/// <code>await using var server = await LocalDataApiServer.StartAsync(new LocalServerOptions { Sample = "tickit" });</code>
/// then point a client at <see cref="Endpoint"/> with <see cref="Credentials"/> and <see cref="Region"/>.
/// </summary>
public sealed class LocalDataApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IDatabaseBackend _backend;
    private readonly SessionRegistry _sessions;
    private readonly FaultInjector _faults;
    private readonly StatementOperations _statements;

    private LocalDataApiServer(WebApplication app, IDatabaseBackend backend, SessionRegistry sessions, FaultInjector faults,
        StatementOperations statements, Uri endpoint, LocalServerOptions options)
    {
        _app = app;
        _statements = statements;
        _backend = backend;
        _sessions = sessions;
        _faults = faults;
        Endpoint = endpoint;
        Credentials = options.EffectiveCredentials[0];
        Region = options.Region;
        Database = options.Database;
    }

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:8790/</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>The first accepted key pair (default <c>local</c> / <c>local</c>).</summary>
    public LocalCredential Credentials { get; }

    public string Region { get; }

    public string Database { get; }

    /// <summary>Connection options for a client of this server: its endpoint, region, database and first key pair.</summary>
    public RedshiftTyped.Connection.RedshiftConnectionOptions ClientOptions() => new()
    {
        Endpoint = Endpoint.ToString(),
        Region = Region,
        Database = Database,
        ClusterIdentifier = LocalServerDefaults.ClusterIdentifier,
        AccessKeyId = Credentials.AccessKeyId,
        SecretAccessKey = Credentials.SecretAccessKey,
        SessionToken = Credentials.SessionToken,
    };

    /// <summary>The faults in force; assign new options to change them while running (the generator is re-seeded).</summary>
    public FaultInjectionOptions Faults
    {
        get => _faults.Options;
        set => _faults.Options = value ?? new FaultInjectionOptions();
    }

    /// <summary>Starts the server: opens the backend, loads the sample and init SQL, then listens.</summary>
    public static async Task<LocalDataApiServer> StartAsync(LocalServerOptions options, CancellationToken cancellationToken = default,
        ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        loggerFactory ??= NullLoggerFactory.Instance;
        IDatabaseBackend backend = options.Backend switch
        {
            LocalBackend.Postgres => new PostgresBackend(options.PostgresConnectionString
                ?? throw new ArgumentException("PostgresConnectionString is required for the PostgreSQL backend.", nameof(options))),
            _ => new DuckDbBackend(options.DuckDbPath, options.DuckDbThreads),
        };

        try
        {
            await backend.InitializeAsync(cancellationToken).ConfigureAwait(false);
            var catalog = new LocalCatalog();
            var faults = new FaultInjector(options.Faults);
            var sessions = new SessionRegistry(options.TimeProvider);
            var executor = new StatementExecutor(backend, catalog, options, faults, sessions, loggerFactory.CreateLogger("RedshiftTyped.Local.Dialect"));
            var loader = new ScriptLoader(backend, executor);
            if (string.Equals(options.Sample, "tickit", StringComparison.OrdinalIgnoreCase))
            {
                await TickitSample.LoadAsync(backend, loader, cancellationToken).ConfigureAwait(false);
            }
            else if (options.Sample is not null)
            {
                throw new ArgumentException($"Unknown sample \"{options.Sample}\" (known: tickit).", nameof(options));
            }

            foreach (string file in options.InitSqlFiles)
            {
                await loader.RunScriptAsync(await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            }

            var secrets = new SecretStore(options.Secrets, options.Region, options.TimeProvider.GetUtcNow().UtcDateTime);
            var statements = new StatementOperations(options, executor, sessions, secrets, faults);
            var catalogOps = new CatalogOperations(options, backend, catalog, secrets);
            var verifier = new SigV4Verifier(options.EffectiveCredentials, options.Region, TimeProvider.System);
            var endpoint = new AwsJsonEndpoint(verifier, faults, loggerFactory.CreateLogger<LocalDataApiServer>());
            RegisterOperations(endpoint, statements, catalogOps, secrets);

            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton(loggerFactory);
            builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, PassiveHostLifetime>();
            builder.WebHost.UseKestrel(kestrel =>
            {
                kestrel.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
                var address = options.Host is null or "127.0.0.1" or "localhost" ? IPAddress.Loopback : IPAddress.Parse(options.Host);
                kestrel.Listen(address, options.Port);
            });
            var app = builder.Build();
            app.Run(endpoint.HandleAsync);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);

            string bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var uri = new Uri(bound.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal) + "/");
            return new LocalDataApiServer(app, backend, sessions, faults, statements, uri, options);
        }
        catch
        {
            await backend.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static void RegisterOperations(AwsJsonEndpoint endpoint, StatementOperations statements, CatalogOperations catalog, SecretStore secrets)
    {
        const string rd = "RedshiftData", rdService = "redshift-data";
        var json = RedshiftDataJsonContext.Default;
        endpoint.Register(rd, "ExecuteStatement", rdService, json.ExecuteStatementRequest, json.ExecuteStatementResponse, statements.ExecuteStatementAsync);
        endpoint.Register(rd, "BatchExecuteStatement", rdService, json.BatchExecuteStatementRequest, json.BatchExecuteStatementResponse, statements.BatchExecuteStatementAsync);
        endpoint.Register(rd, "DescribeStatement", rdService, json.DescribeStatementRequest, json.DescribeStatementResponse, (r, _, ct) => statements.DescribeStatementAsync(r, ct));
        endpoint.RegisterWriter(rd, "GetStatementResult", rdService, json.GetStatementResultRequest, (r, _, w, ct) => statements.WriteStatementResultAsync(r, w, ct));
        endpoint.RegisterWriter(rd, "GetStatementResultV2", rdService, json.GetStatementResultV2Request, (r, _, w, ct) => statements.WriteStatementResultV2Async(r, w, ct));
        endpoint.Register(rd, "CancelStatement", rdService, json.CancelStatementRequest, json.CancelStatementResponse, (r, _, ct) => statements.CancelStatementAsync(r, ct));
        endpoint.Register(rd, "ListStatements", rdService, json.ListStatementsRequest, json.ListStatementsResponse, (r, caller, _) => Task.FromResult(statements.ListStatements(r, caller)));
        endpoint.Register(rd, "ListSessions", rdService, json.ListSessionsRequest, json.ListSessionsResponse, (r, caller, _) => statements.ListSessionsAsync(r, caller));
        endpoint.Register(rd, "ListDatabases", rdService, json.ListDatabasesRequest, json.ListDatabasesResponse, (r, _, _) => Task.FromResult(catalog.ListDatabases(r)));
        endpoint.Register(rd, "ListSchemas", rdService, json.ListSchemasRequest, json.ListSchemasResponse, (r, _, ct) => catalog.ListSchemasAsync(r, ct));
        endpoint.Register(rd, "ListTables", rdService, json.ListTablesRequest, json.ListTablesResponse, (r, _, ct) => catalog.ListTablesAsync(r, ct));
        endpoint.Register(rd, "DescribeTable", rdService, json.DescribeTableRequest, json.DescribeTableResponse, (r, _, ct) => catalog.DescribeTableAsync(r, ct));

        const string sm = "secretsmanager";
        var smJson = SecretsManagerJsonContext.Default;
        endpoint.Register(sm, "GetSecretValue", sm, smJson.GetSecretValueRequest, smJson.GetSecretValueResponse, (r, _, _) => Task.FromResult(secrets.GetSecretValue(r)));
        endpoint.Register(sm, "DescribeSecret", sm, smJson.DescribeSecretRequest, smJson.DescribeSecretResponse, (r, _, _) => Task.FromResult(secrets.DescribeSecret(r)));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        // Nothing keeps running on the engine once the server is gone.
        await _statements.CancelAllAsync().ConfigureAwait(false);
        await _sessions.DisposeAsync().ConfigureAwait(false);
        await _backend.DisposeAsync().ConfigureAwait(false);
    }
}
