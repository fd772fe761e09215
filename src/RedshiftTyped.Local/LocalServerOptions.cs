using RedshiftTyped.Local.Security;

namespace RedshiftTyped.Local;

/// <summary>The database engine that executes the SQL.</summary>
public enum LocalBackend
{
    /// <summary>Embedded DuckDB (nothing to install; the default).</summary>
    DuckDb,

    /// <summary>A PostgreSQL server reached through <see cref="LocalServerOptions.PostgresConnectionString"/>.</summary>
    Postgres,
}

/// <summary>How the local Data API server runs. Every member has a working default.</summary>
public sealed class LocalServerOptions
{
    /// <summary>The address to bind. Default: 127.0.0.1 only. Anything else exposes the server to the network.</summary>
    public string? Host { get; set; }

    /// <summary>The TCP port; 0 picks a free ephemeral port.</summary>
    public int Port { get; set; }

    public LocalBackend Backend { get; set; } = LocalBackend.DuckDb;

    /// <summary>A DuckDB database file, or <c>:memory:</c> (the default).</summary>
    public string DuckDbPath { get; set; } = ":memory:";

    /// <summary>
    /// Threads DuckDB may use for one query (default: DuckDB's, one per core). On a small machine a lower value
    /// keeps a heavy query from starving the HTTP front end (and with it DescribeStatement and CancelStatement).
    /// </summary>
    public int? DuckDbThreads { get; set; }

    /// <summary>An Npgsql connection string, required for <see cref="LocalBackend.Postgres"/>.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>SQL files (Redshift dialect) run in order at start-up, after the sample.</summary>
    public IList<string> InitSqlFiles { get; } = new List<string>();

    /// <summary>
    /// Directories statements may still read once the server has started (DuckDB's <c>allowed_directories</c>), for a
    /// feature that lets the engine itself read local files (external tables do not: the server's code reads
    /// <see cref="ExternalDataFolder"/> and loads the rows). Empty by default: after
    /// start-up, statements reach none of the host's files or its network (DuckDB runs with
    /// <c>enable_external_access = false</c> and its configuration locked; PostgreSQL refuses to serve as a role that
    /// could read or write server files).
    /// </summary>
    public IList<string> AllowedDirectories { get; } = new List<string>();

    /// <summary>
    /// The folder external tables read their files from: <c>LOCATION 's3://bucket/prefix/'</c> of CREATE EXTERNAL TABLE
    /// is read from <c>ExternalDataFolder/bucket/prefix/</c> (Parquet, delimited text, CSV or JSON lines), and nothing
    /// outside this folder. Null (the default): external tables cannot be created.
    /// </summary>
    public string? ExternalDataFolder { get; set; }

    /// <summary>
    /// The S3-compatible endpoint UNLOAD writes its Parquet files and manifest to (e.g. <c>http://127.0.0.1:5000</c> for a
    /// moto_server or MinIO; path-style addressing). Null (the default): UNLOAD fails, naming this option.
    /// </summary>
    public string? S3Endpoint { get; set; }

    /// <summary>The key UNLOAD signs its S3 requests with (default <c>local</c>; S3 emulators accept any).</summary>
    public string S3AccessKeyId { get; set; } = LocalServerDefaults.AccessKey;

    /// <summary>The secret UNLOAD signs its S3 requests with (default <c>local</c>).</summary>
    public string S3SecretAccessKey { get; set; } = LocalServerDefaults.AccessKey;

    /// <summary>How many slices UNLOAD writes files from, in parallel, as a cluster's slices do (default 2).</summary>
    public int Slices { get; set; } = 2;

    /// <summary>A sample database to create at start-up: <c>tickit</c> or null.</summary>
    public string? Sample { get; set; }

    /// <summary>The database name the server answers to (Redshift's default is <c>dev</c>).</summary>
    public string Database { get; set; } = LocalServerDefaults.Database;

    public string Region { get; set; } = LocalServerDefaults.Region;

    /// <summary>Accepted keys. Empty means the single key <c>local</c> / <c>local</c> with every action allowed.</summary>
    public IList<LocalCredential> Credentials { get; } = new List<LocalCredential>();

    /// <summary>Secrets Manager secrets by name; the value is the SecretString (JSON with username and password).</summary>
    public IDictionary<string, string> Secrets { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Upper bound of one GetStatementResult(V2) page, in the page rule's weight of its rows (a row weighs
    /// <c>2 + Σ (w + 1)</c>, w per field: null 15, boolean 21, integer 36, double 41, string 18 + its UTF-8 bytes; JSON and CSV
    /// results of the same rows page alike). A page always holds at least one row. Default 1 MiB.
    /// </summary>
    public int PageMaxBytes { get; set; } = 1024 * 1024;

    /// <summary>Upper bound of rows in one page (default: no bound but <see cref="PageMaxBytes"/>). Small values make paging testable.</summary>
    public int? PageMaxRows { get; set; }

    /// <summary>
    /// A statement whose result is larger fails with "Database response exceeded size limit" (the service's cap, 500 MB
    /// by default). Counted in what the wire carries for the statement's ResultFormat: for JSON each record's array
    /// (<c>[{"longValue":1},...]</c>) in UTF-8 bytes, for CSV each line with its <c>\n</c>. The same sum is ResultSize.
    /// </summary>
    public long ResultSizeLimitBytes { get; set; } = 500L * 1024 * 1024;

    /// <summary>A row larger than this, in the same encoded bytes as <see cref="ResultSizeLimitBytes"/>, fails its statement with "Packet for query is too large". Default 64 KB.</summary>
    public int RowSizeLimitBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Encoded result pages kept in memory across all results (default 256 MiB). Pages past it are written to a temporary
    /// file per result, in a directory the server creates under the system's temporary folder (deleted when the result is
    /// released and when the server stops), and read back from there.
    /// </summary>
    public long ResultMemoryLimitBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// Results kept at once, in memory and spilled, counted in their encoded bytes (default 2 GB). Beyond it results are
    /// dropped early and read as expired, so a long benchmark cannot fill the disk or the memory: those read to the end or
    /// abandoned first (least recently read first), then those never read (oldest first), never one a client is paging
    /// through; when such reads leave no room, the result that just ended is dropped instead.
    /// </summary>
    public long RetainedResultBytesLimit { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// How long results stay readable (24 hours, as on AWS). Expired results are released as statements are submitted,
    /// once a minute on <see cref="TimeProvider"/>'s timer, and on <see cref="LocalDataApiServer.ReleaseExpiredResults"/>.
    /// </summary>
    public TimeSpan ResultRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Statements SUBMITTED, PICKED or STARTED at once before ActiveStatementsExceededException (500, as on AWS).</summary>
    public int MaxActiveStatements { get; set; } = 500;

    /// <summary>
    /// Redshift's <c>enable_case_sensitive_identifier</c>: when false (Redshift's default) every identifier folds to
    /// lower case, quoted ones too (<c>"MixedCase"</c> is <c>mixedcase</c>); when true, quoted identifiers keep their case
    /// (https://docs.aws.amazon.com/redshift/latest/dg/r_enable_case_sensitive_identifier.html).
    /// </summary>
    public bool EnableCaseSensitiveIdentifier { get; set; }

    /// <summary>
    /// Requests long-polling one statement at once (WaitTimeSeconds) before ActiveWaitingRequestsExceededException.
    /// The service's own limit is not documented; 16 by default.
    /// </summary>
    public int MaxWaitingRequestsPerStatement { get; set; } = 16;

    /// <summary>Statements executing on the engine at once; the others wait as SUBMITTED.</summary>
    public int MaxParallelExecutions { get; set; } = Math.Max(4, Environment.ProcessorCount * 2);

    /// <summary>Faults to inject (none by default). Can be changed while running through <see cref="LocalDataApiServer.Faults"/>.</summary>
    public FaultInjectionOptions Faults { get; set; } = new();

    /// <summary>The clock for statement timestamps and result expiry (not for SigV4, which follows the real clock).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The credentials in force: the configured ones, or <c>local</c>/<c>local</c>.</summary>
    internal IReadOnlyList<LocalCredential> EffectiveCredentials =>
        Credentials.Count > 0 ? [.. Credentials] : [new LocalCredential(LocalServerDefaults.AccessKey, LocalServerDefaults.AccessKey)];
}

/// <summary>
/// Deterministic fault injection: the same seed and the same sequence of requests give the same faults, so a
/// test that sees a fault sees it every run.
/// </summary>
public sealed class FaultInjectionOptions
{
    public int Seed { get; set; } = 42;

    /// <summary>Share of requests answered 400 ThrottlingException "Rate exceeded" (0..1).</summary>
    public double ThrottleRate { get; set; }

    /// <summary>Share of requests answered 500 InternalServerException (0..1).</summary>
    public double ServerErrorRate { get; set; }

    /// <summary>Share of requests whose connection is reset after half the response body was sent (0..1).</summary>
    public double ConnectionResetRate { get; set; }

    /// <summary>Delay added before every answer.</summary>
    public TimeSpan AddedLatency { get; set; }

    /// <summary>Share of statements that sleep <see cref="SlowStatementDelay"/> before running (0..1); they can be cancelled meanwhile.</summary>
    public double SlowStatementRate { get; set; }

    public TimeSpan SlowStatementDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Share of DescribeStatement answers for an unfinished statement that say <c>"Status":"UNKNOWN"</c> with
    /// Duration -1 and RedshiftPid 0, as the service once did (0..1). Clients must keep polling.
    /// </summary>
    public double UnknownStatusRate { get; set; }

    /// <summary>
    /// Requests per second allowed per operation (e.g. ExecuteStatement 30, GetStatementResult 20, DescribeStatement
    /// 100, as AWS's account quotas); more in the same second are 400 ThrottlingException "Rate exceeded".
    /// </summary>
    public IDictionary<string, int> OperationsPerSecond { get; set; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>Operations the request faults apply to (e.g. <c>DescribeStatement</c>); empty means all.</summary>
    public ISet<string> Operations { get; set; } = new HashSet<string>(StringComparer.Ordinal);

    internal bool Any => ThrottleRate > 0 || ServerErrorRate > 0 || ConnectionResetRate > 0 || AddedLatency > TimeSpan.Zero || SlowStatementRate > 0;
}

/// <summary>How many faults a server has injected since it started, by kind (<see cref="LocalDataApiServer.FaultStatistics"/>).</summary>
/// <param name="Throttles">Requests answered 400 ThrottlingException by <see cref="FaultInjectionOptions.ThrottleRate"/>.</param>
/// <param name="ServerErrors">Requests answered 500 InternalServerException.</param>
/// <param name="ConnectionResets">Answers cut off after half their body.</param>
/// <param name="SlowStatements">Statements that slept <see cref="FaultInjectionOptions.SlowStatementDelay"/> before running.</param>
/// <param name="UnknownStatuses">DescribeStatement answers that said UNKNOWN.</param>
/// <param name="RateLimited">Requests throttled by <see cref="FaultInjectionOptions.OperationsPerSecond"/>.</param>
public sealed record FaultStatistics(long Throttles, long ServerErrors, long ConnectionResets, long SlowStatements, long UnknownStatuses, long RateLimited)
{
    /// <summary>Requests that failed by an injected fault (each one a retry for a client that recovers).</summary>
    public long FailedRequests => Throttles + ServerErrors + ConnectionResets + RateLimited;

    /// <summary>E.g. <c>12 throttles, 4 server errors, 2 connection resets, 0 slow statements</c>.</summary>
    public override string ToString()
        => $"{Throttles} throttles, {ServerErrors} server errors, {ConnectionResets} connection resets, {SlowStatements} slow statements"
           + (UnknownStatuses > 0 ? $", {UnknownStatuses} UNKNOWN statuses" : "")
           + (RateLimited > 0 ? $", {RateLimited} rate-limited requests" : "");
}
