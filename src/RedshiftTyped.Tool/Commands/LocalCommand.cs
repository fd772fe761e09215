using System.CommandLine;
using RedshiftTyped.Local;
using RedshiftTyped.Local.Security;
using RedshiftTyped.Tool.Cli;

namespace RedshiftTyped.Tool.Commands;

/// <summary>
/// <c>redshift-typed local</c>: runs the local, wire-compatible Data API server until Ctrl+C or SIGTERM.
/// Prints exactly one line on standard output, <c>Listening on http://ADDRESS:PORT</c> with the address it binds, once it
/// serves; warnings (listening beyond loopback) and the faults injected go to standard error.
/// </summary>
internal static class LocalCommand
{
    /// <summary>The subcommand's name.</summary>
    public const string Name = "local";

    /// <summary>What the first Ctrl-C or SIGTERM prints: the server stops; a second signal exits at once.</summary>
    public const string StoppingNotice = "Stopping the local server. Press Ctrl-C again to exit at once.";

    /// <summary>The ports <c>--port</c> takes, as its messages say them.</summary>
    private const string PortRange = "give 1 to 65535, or 0 to pick a free one";

    /// <summary>The most slices <c>--slices</c> takes.</summary>
    private const int MaxSlices = 128;

    /// <summary>The slices <c>--slices</c> takes, as its messages say them.</summary>
    private const string SlicesRange = "give 1 to 128";

    public static Command Create(ToolConsole console)
    {
        var port = new Option<int>("--port") { Description = "TCP port (0 picks a free one).", DefaultValueFactory = _ => 8790 };
        var host = new Option<string?>("--host") { Description = "Address to bind. Default 127.0.0.1; anything else exposes the server to the network." };
        var backend = new Option<string>("--backend") { Description = "Database engine.", DefaultValueFactory = _ => "duckdb" };
        backend.AcceptOnlyFromAmong("duckdb", "postgres");
        var database = new Option<string>("--database") { Description = "DuckDB database file, or :memory:.", DefaultValueFactory = _ => ":memory:" };
        var databaseName = new Option<string>("--db-name") { Description = "The Redshift database name the server answers to.", DefaultValueFactory = _ => LocalServerDefaults.Database };
        var connectionString = new Option<string?>("--connection-string") { Description = "Npgsql connection string for --backend postgres (Host=...;Username=...)." };
        var initSql = new Option<string[]>("--init-sql") { Description = "Redshift SQL file run at start-up (repeatable, in order)." };
        var sample = new Option<string?>("--sample") { Description = "Sample database to load: tickit." };
        sample.AcceptOnlyFromAmong("tickit");
        var accessKeyId = new Option<string?>("--access-key-id") { Description = $"The access key the server accepts (default {LocalServerDefaults.AccessKey})." };
        var secretAccessKey = new Option<string?>("--secret-access-key") { Description = $"Its secret key (default {LocalServerDefaults.AccessKey})." };
        var externalData = new Option<string?>("--external-data")
        {
            Description = "Folder that external tables read: LOCATION 's3://bucket/prefix/' is read from DIR/bucket/prefix/ (nothing outside it).",
        };
        var s3Endpoint = new Option<string?>("--s3-endpoint")
        {
            Description = "S3-compatible endpoint UNLOAD writes Parquet files and manifests to (e.g. http://127.0.0.1:5000, a moto_server or MinIO; path-style).",
        };
        var slices = new Option<int>("--slices") { Description = "Slices UNLOAD writes files from in parallel.", DefaultValueFactory = _ => 2 };
        var resultMemoryLimit = new Option<long?>("--result-memory-limit")
        {
            Description = "MB (MiB) of encoded result pages kept in memory across all results; pages past it spill to temporary files (default 256; 0 spills every page).",
        };
        var retainedResultLimit = new Option<long?>("--retained-result-limit")
        {
            Description = "MB (MiB) of results kept at once, in memory and spilled; past it the oldest are released early and read as expired (default 2048).",
        };
        // Bounded at parse time too, so a size too large to parse (99999999999999999999) is out of range, as a large one is.
        NumberFlagError.Bound(resultMemoryLimit, 0L, MaxMegabytes, "a size in MB");
        NumberFlagError.Bound(retainedResultLimit, 1L, MaxMegabytes, "a size in MB");
        // Checked after parsing with their own messages; registered so that a number too large to parse says the same range.
        NumberFlagError.Bound(port, PortRange);
        NumberFlagError.Bound(slices, SlicesRange);
        var secrets = new Option<string[]>("--secret") { Description = "A Secrets Manager secret as NAME=JSON, e.g. admin={\"username\":\"admin\",\"password\":\"pw\"} (repeatable)." };

        var faultFlags = new FaultFlags();

        var command = new Command(Name, "Run a local Redshift Data API server (DuckDB by default, or PostgreSQL) for samples and tests.")
        {
            port, host, backend, database, databaseName, connectionString, initSql, sample, accessKeyId, secretAccessKey, secrets, externalData, s3Endpoint, slices,
            resultMemoryLimit, retainedResultLimit,
        };
        faultFlags.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console, async () =>
        {
            var options = new LocalServerOptions
            {
                Port = parse.GetValue(port) is int p and >= 0 and <= 65535
                    ? p
                    : throw new UsageException($"--port {parse.GetValue(port)} is not a TCP port: {PortRange}."),
                Host = parse.GetValue(host),
                Backend = parse.GetValue(backend) == "postgres" ? LocalBackend.Postgres : LocalBackend.DuckDb,
                DuckDbPath = parse.GetValue(database)!,
                Database = parse.GetValue(databaseName)!,
                PostgresConnectionString = parse.GetValue(connectionString),
                Sample = parse.GetValue(sample),
                Faults = faultFlags.Read(parse),
                ExternalDataFolder = parse.GetValue(externalData),
                S3Endpoint = parse.GetValue(s3Endpoint),
                Slices = parse.GetValue(slices),
            };
            if (options.S3Endpoint is { } s3 && (!Uri.TryCreate(s3, UriKind.Absolute, out var s3Uri) || s3Uri.Scheme is not ("http" or "https")))
            {
                throw new UsageException($"--s3-endpoint \"{s3}\" is not an absolute http or https URL, e.g. http://127.0.0.1:5000.");
            }

            if (parse.GetValue(resultMemoryLimit) is long memoryMb)
            {
                options.ResultMemoryLimitBytes = Megabytes("--result-memory-limit", memoryMb, minimum: 0);
            }

            if (parse.GetValue(retainedResultLimit) is long retainedMb)
            {
                options.RetainedResultBytesLimit = Megabytes("--retained-result-limit", retainedMb, minimum: 1);
            }

            if (options.Slices is < 1 or > MaxSlices)
            {
                throw new UsageException($"--slices {options.Slices} is out of range: {SlicesRange}.");
            }

            if (options.ExternalDataFolder is { } folder && !Directory.Exists(folder))
            {
                throw new UsageException($"--external-data \"{folder}\" is not a folder: create it, or give the folder that holds bucket/prefix/ files.");
            }

            if (options.Backend == LocalBackend.Postgres && string.IsNullOrWhiteSpace(options.PostgresConnectionString))
            {
                throw new UsageException("--backend postgres needs --connection-string, e.g. \"Host=127.0.0.1;Username=postgres;Database=postgres\".");
            }

            foreach (string file in parse.GetValue(initSql) ?? [])
            {
                if (!File.Exists(file))
                {
                    throw new UsageException($"--init-sql \"{file}\" does not exist.");
                }

                options.InitSqlFiles.Add(file);
            }

            string? key = parse.GetValue(accessKeyId);
            string? secret = parse.GetValue(secretAccessKey);
            if ((key is null) != (secret is null))
            {
                throw new UsageException("--access-key-id and --secret-access-key go together: give both, or neither for local/local.");
            }

            if (key is not null)
            {
                options.Credentials.Add(new LocalCredential(key, secret!));
            }

            foreach (string pair in parse.GetValue(secrets) ?? [])
            {
                int equals = pair.IndexOf('=');
                if (equals <= 0)
                {
                    throw new UsageException($"--secret \"{pair[..Math.Min(pair.Length, 20)]}…\" is not NAME=JSON: write e.g. --secret admin='{{\"username\":\"admin\",\"password\":\"pw\"}}'.");
                }

                options.Secrets[pair[..equals]] = pair[(equals + 1)..];
            }

            try
            {
                await LocalServerHost.RunAsync(options, cancellationToken, console.Out, console.Error);
            }
            catch (LocalServerStartException ex)
            {
                // A usage error (port taken, bad --init-sql, ...). Caught here, not in CommandRunner's filter: naming
                // the type there loaded the local server's assembly into every command's process (cold start).
                throw new UsageException(ex.Message, ex);
            }

            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    /// <summary>The largest MB figure the byte limits take (a petabyte: far past any machine, far from overflowing a long).</summary>
    private const long MaxMegabytes = 1L << 30;

    /// <summary>A size flag given in MB (MiB), as bytes; out of range is a one-line usage error naming the range.</summary>
    private static long Megabytes(string flag, long megabytes, long minimum)
        => megabytes >= minimum && megabytes <= MaxMegabytes
            ? megabytes * 1024 * 1024
            : throw new UsageException($"{flag} {megabytes} is out of range: give a size in MB from {minimum} to {MaxMegabytes}.");
}
