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
using RedshiftTyped.Local.Results;
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
    private readonly ResultStore _results;
    private readonly ITimer _expirySweep;

    private LocalDataApiServer(WebApplication app, IDatabaseBackend backend, SessionRegistry sessions, FaultInjector faults,
        StatementOperations statements, ResultStore results, Uri endpoint, IReadOnlyList<Uri> listening, LocalServerOptions options)
    {
        _results = results;
        // Expired results go even when no statement is submitted (submitting one also sweeps, at most once a second).
        _expirySweep = options.TimeProvider.CreateTimer(static s => ((StatementOperations)s!).ReleaseExpiredResults(), statements,
            TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        ListeningAddresses = listening;
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

    /// <summary>The base URL a client on this machine connects to, e.g. <c>http://127.0.0.1:8790/</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>
    /// The addresses the server really listens on, e.g. <c>http://0.0.0.0:8790/</c> for every IPv4 interface (while
    /// <see cref="Endpoint"/> is the loopback address a local client uses).
    /// </summary>
    public IReadOnlyList<Uri> ListeningAddresses { get; }

    /// <summary>What the server holds of statement results now: how many, encoded bytes in memory and spilled to temporary files.</summary>
    public ResultStorageStatistics ResultStorage => _results.Statistics;

    /// <summary>
    /// Releases now the results past <see cref="LocalServerOptions.ResultRetention"/> (and the oldest beyond
    /// <see cref="LocalServerOptions.RetainedResultBytesLimit"/>), as the server otherwise does as statements are
    /// submitted and once a minute. A page being sent when its result is released is sent whole. Returns how many
    /// results were released.
    /// </summary>
    public int ReleaseExpiredResults() => _statements.ReleaseExpiredResults();

    /// <summary>
    /// Releases every finished statement's result now, expired or not, freeing their memory and temporary files; reading
    /// one afterwards fails as for an expired result ("Could not retrieve the query result as it has expired ..."). A page
    /// being sent is sent whole. Statements still running keep their results. Returns how many results were released.
    /// </summary>
    public int ReleaseAllResults() => _statements.ReleaseAllResults();

    /// <summary>Whether the server listens on more than the loopback interface, i.e. other machines may reach it.</summary>
    public bool IsExposed => ListeningAddresses.Any(a => !IPAddress.TryParse(a.Host.Trim('[', ']'), out var ip) || !IPAddress.IsLoopback(ip));

    /// <summary>The operations the server answers (Data API and Secrets Manager), by their AWS names.</summary>
    public static IReadOnlyList<string> Operations { get; } =
    [
        "ExecuteStatement", "BatchExecuteStatement", "DescribeStatement", "GetStatementResult", "GetStatementResultV2", "CancelStatement",
        "ListStatements", "ListSessions", "ListDatabases", "ListSchemas", "ListTables", "DescribeTable", "GetSecretValue", "DescribeSecret",
    ];

    /// <summary>The faults injected so far, by kind.</summary>
    public FaultStatistics FaultStatistics => _faults.Statistics;

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
        var address = ListenAddress(options.Host);
        IDatabaseBackend backend = options.Backend switch
        {
            LocalBackend.Postgres => new PostgresBackend(options.PostgresConnectionString
                ?? throw new ArgumentException("PostgresConnectionString is required for the PostgreSQL backend.", nameof(options))),
            _ => new DuckDbBackend(options.DuckDbPath, options.DuckDbThreads, [.. options.AllowedDirectories]),
        };

        ResultStore? results = null;
        try
        {
            await backend.InitializeAsync(cancellationToken).ConfigureAwait(false);
            var catalog = new LocalCatalog();
            var faults = new FaultInjector(options.Faults);
            var sessions = new SessionRegistry(options.TimeProvider);
            results = new ResultStore(options.ResultMemoryLimitBytes);
            var executor = new StatementExecutor(backend, catalog, options, faults, sessions, results, loggerFactory.CreateLogger("RedshiftTyped.Local.Dialect"));
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
                await loader.RunScriptAsync(await ReadInitSqlAsync(file, cancellationToken).ConfigureAwait(false), $"init SQL file \"{file}\"", cancellationToken)
                    .ConfigureAwait(false);
            }

            // From here on, statements run without access to the host's files and network (the server's own set-up is done).
            await backend.LockDownAsync(cancellationToken).ConfigureAwait(false);

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
                kestrel.Listen(address, options.Port);
            });
            var app = builder.Build();
            app.Run(endpoint.HandleAsync);
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException)
            {
                await app.DisposeAsync().ConfigureAwait(false);
                throw CannotListen(address, options.Port, ex);
            }

            var listening = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
                .Select(a => new Uri(a.TrimEnd('/') + "/")).ToList();
            var bound = listening[0];
            // A client on this machine reaches an every-interface listener through loopback.
            string clientHost = address.Equals(IPAddress.Any) ? "127.0.0.1" : address.Equals(IPAddress.IPv6Any) ? "[::1]" : bound.Host;
            var uri = new UriBuilder(bound) { Host = clientHost.Trim('[', ']') }.Uri;
            return new LocalDataApiServer(app, backend, sessions, faults, statements, results, uri, listening, options);
        }
        catch
        {
            results?.Dispose();
            await backend.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The address to bind: loopback unless told otherwise; anything but an IP address (or localhost) is refused.</summary>
    private static IPAddress ListenAddress(string? host)
    {
        if (host is null or "localhost")
        {
            return IPAddress.Loopback;
        }

        return IPAddress.TryParse(host, out var address)
            ? address
            : throw new LocalServerStartException(
                $"host \"{host}\" is not an IP address: give 127.0.0.1 (the default), ::1, the address of one of this machine's interfaces, or 0.0.0.0 for all of them.");
    }

    /// <summary>Kestrel reports a port in use as an IOException around AddressInUseException, other bind failures as SocketException.</summary>
    private static LocalServerStartException CannotListen(IPAddress address, int port, Exception ex)
    {
        string where = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]:{port}" : $"{address}:{port}";
        var socket = ex as System.Net.Sockets.SocketException
            ?? ex.InnerException as System.Net.Sockets.SocketException
            ?? ex.InnerException?.InnerException as System.Net.Sockets.SocketException;
        bool inUse = ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException
            || socket?.SocketErrorCode == System.Net.Sockets.SocketError.AddressAlreadyInUse;
        return inUse
            ? new LocalServerStartException($"port {port} on {address} is already in use by another program: choose another port, or 0 for a free one.", ex)
            : new LocalServerStartException(
                $"could not listen on {where}: {(socket?.Message ?? ex.Message).TrimEnd('.')}. Use an address of this machine (127.0.0.1 by default) and a free port (0 picks one).", ex);
    }

    private static async Task<string> ReadInitSqlAsync(string file, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new LocalServerStartException($"init SQL file \"{file}\" could not be read: {ex.Message.TrimEnd('.')}. Give a readable file of Redshift SQL.", ex);
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
        await _expirySweep.DisposeAsync().ConfigureAwait(false);
        _results.Dispose();
        await _sessions.DisposeAsync().ConfigureAwait(false);
        await _backend.DisposeAsync().ConfigureAwait(false);
    }
}
