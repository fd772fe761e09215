using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RedshiftTyped.Connection;
using RedshiftTyped.DataApi;
using RedshiftTyped.DataApi.Transport;
using RedshiftTyped.Execution;
using RedshiftTyped.Reading;
using RedshiftTyped.SecretsManager;
using RedshiftTyped.Typed;

namespace RedshiftTyped;

/// <summary>
/// Reads Amazon Redshift through the Data API: runs statements (parameters sent as parameters, waits by long
/// or adaptive polling, cancels on the server when the caller gives up) and streams their results page by page.
/// Thread-safe; create one per connection and reuse it.
/// </summary>
public sealed class RedshiftClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly StatementRunner _runner;
    private readonly ResultPager _pager;

    /// <summary>Creates a client. The options are validated (and copied) first: nothing is sent if they are wrong.</summary>
    /// <param name="options">Where and how to connect.</param>
    /// <param name="loggerFactory">Where logs go (statement ids, durations, retries; never secrets).</param>
    /// <param name="httpHandler">The HTTP handler to send through; the client owns neither it nor its lifetime.</param>
    /// <param name="timeProvider">The clock for polling and timeouts.</param>
    public RedshiftClient(RedshiftConnectionOptions options, ILoggerFactory? loggerFactory = null,
        HttpMessageHandler? httpHandler = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options.Clone();
        loggerFactory ??= NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger<RedshiftClient>();
        Logger = logger;
        var time = timeProvider ?? TimeProvider.System;

        _ownsHttp = httpHandler is null;
        _http = httpHandler is null
            ? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            : new HttpClient(httpHandler, disposeHandler: false);
        // Long polls hold a request up to 30 s; the retry pipeline bounds the total time.
        _http.Timeout = TimeSpan.FromSeconds(90);

        var credentials = AwsCredentialSource.FromOptions(Options);
        var pipeline = RetryPipelineFactory.Create(Options.Retry, logger, time);
        Uri? explicitEndpoint = string.IsNullOrWhiteSpace(Options.Endpoint) ? null : new Uri(Options.Endpoint);
        string region = Options.Region!;

        DataApi = new RedshiftDataApiClient(new AwsJsonTransport(_http, AwsService.RedshiftData,
            explicitEndpoint ?? AwsService.RedshiftData.RegionalEndpoint(region, Options.UseFips), region, credentials, pipeline, logger));
        // The local server answers Secrets Manager on the same endpoint, as do tests that point both at one host.
        SecretsManager = new SecretsManagerClient(new AwsJsonTransport(_http, AwsService.SecretsManager,
            explicitEndpoint ?? AwsService.SecretsManager.RegionalEndpoint(region, Options.UseFips), region, credentials, pipeline, logger));

        var target = new TargetApplier(Options, SecretsManager);
        Target = target;
        _runner = new StatementRunner(DataApi, Options, target, time, logger);
        _pager = new ResultPager(DataApi, logger);
        SchemaVerifier = new SchemaVerifier(DataApi, request => WithTarget(request), logger);
    }

    /// <summary>The options in force (a validated copy).</summary>
    public RedshiftConnectionOptions Options { get; }

    /// <summary>The Data API operations, one to one, for what this class does not cover.</summary>
    public RedshiftDataApiClient DataApi { get; }

    /// <summary>The Secrets Manager calls the client makes.</summary>
    public SecretsManagerClient SecretsManager { get; }

    internal TargetApplier Target { get; }

    internal ILogger Logger { get; }

    internal SchemaVerifier SchemaVerifier { get; }

    /// <summary>Fills a Data API request's cluster or workgroup, database and credentials from the options.</summary>
    public T WithTarget<T>(T request) where T : DataApi.Model.ITargetedRequest
    {
        Target.Apply(request);
        return request;
    }

    /// <summary>Runs a statement and waits until it finishes. Throws <see cref="StatementFailedException"/> when Redshift fails it.</summary>
    public Task<CompletedStatement> ExecuteAsync(SqlStatement statement, CancellationToken cancellationToken = default)
        => _runner.RunAsync(statement ?? throw new ArgumentNullException(nameof(statement)), cancellationToken);

    /// <summary>Runs SQL without parameters and waits until it finishes.</summary>
    public Task<CompletedStatement> ExecuteAsync(string sql, CancellationToken cancellationToken = default)
        => ExecuteAsync(new SqlStatement(sql), cancellationToken);

    /// <summary>Streams a finished statement's result page by page (one page in memory at a time).</summary>
    public IAsyncEnumerable<ResultPage> ReadPagesAsync(CompletedStatement statement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statement);
        if (!statement.HasResultSet)
        {
            return AsyncEnumerable.Empty<ResultPage>();
        }

        return _pager.ReadPagesAsync(statement.Id, statement.ResultFormat, cancellationToken);
    }

    /// <summary>Runs a statement and streams its result pages.</summary>
    public async IAsyncEnumerable<ResultPage> QueryPagesAsync(SqlStatement statement,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var completed = await ExecuteAsync(statement, cancellationToken).ConfigureAwait(false);
        await foreach (var page in ReadPagesAsync(completed, cancellationToken).ConfigureAwait(false))
        {
            yield return page;
        }
    }

    /// <summary>Runs a statement and streams its rows, decoded to .NET values (see <see cref="Values.RedshiftValueDecoder"/>).</summary>
    public async IAsyncEnumerable<object?[]> QueryAsync(SqlStatement statement,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in QueryPagesAsync(statement, cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in page.DecodeRows())
            {
                yield return row;
            }
        }
    }

    /// <summary>
    /// Reads a compiled table's rows as records, streamed page by page. The live table is checked against the snapshot
    /// the code was compiled from first (<see cref="SchemaDriftException"/>); values in filters travel as parameters.
    /// </summary>
    public async IAsyncEnumerable<TRecord> SnapshotAsync<TRecord>(TableDescriptor<TRecord> table, SnapshotOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var reader = await OpenSnapshotAsync(table, options, cancellationToken).ConfigureAwait(false);
        await foreach (var row in reader.ReadRowsAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return row;
        }
    }

    /// <summary>Reads a compiled table's rows as Arrow record batches with the generated schema, one per result page.</summary>
    public async IAsyncEnumerable<Apache.Arrow.RecordBatch> SnapshotBatchesAsync<TRecord>(TableDescriptor<TRecord> table,
        SnapshotOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var reader = await OpenSnapshotAsync(table, options, cancellationToken).ConfigureAwait(false);
        await foreach (var batch in reader.ReadBatchesAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return batch;
        }
    }

    /// <summary>
    /// Runs a compiled table's snapshot statement, checks the schema and reads the first page; the reader then gives
    /// the statement id, the row total and the Arrow schema before streaming the rows.
    /// </summary>
    public Task<SnapshotReader<TRecord>> OpenSnapshotAsync<TRecord>(TableDescriptor<TRecord> table, SnapshotOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        return SnapshotReader<TRecord>.OpenAsync(this, table, options ?? new SnapshotOptions(), cancellationToken);
    }

    /// <summary>Reads a table that is not compiled in: rows built from the result's ColumnMetadata.</summary>
    public async IAsyncEnumerable<RedshiftRow> SnapshotAsync(TableReference table, SnapshotOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var reader = await OpenSnapshotAsync(table, options, cancellationToken).ConfigureAwait(false);
        await foreach (var row in reader.ReadRowsAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return row;
        }
    }

    /// <summary>Reads a table that is not compiled in as Arrow record batches, typed from its ColumnMetadata.</summary>
    public async IAsyncEnumerable<Apache.Arrow.RecordBatch> SnapshotBatchesAsync(TableReference table, SnapshotOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var reader = await OpenSnapshotAsync(table, options, cancellationToken).ConfigureAwait(false);
        await foreach (var batch in reader.ReadBatchesAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return batch;
        }
    }

    /// <summary>Runs an untyped snapshot statement and reads its first page (columns, total and Arrow schema known up front).</summary>
    public Task<SnapshotReader> OpenSnapshotAsync(TableReference table, SnapshotOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        return SnapshotReader.OpenAsync(this, table, options ?? new SnapshotOptions(), cancellationToken);
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    public override string ToString() => $"RedshiftClient {{ {Options} }}";
}
