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
    private readonly Lazy<S3Files> _s3;

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
        // Long polls hold a request up to 30 s (the validator keeps the attempt timeout above that); the retry pipeline bounds the total time.
        _http.Timeout = Options.Retry.AttemptTimeout;

        var credentials = AwsCredentialSource.FromOptions(Options);
        var retry = new RetryPolicy(Options.Retry, logger, time);
        Uri? explicitEndpoint = string.IsNullOrWhiteSpace(Options.Endpoint) ? null : new Uri(Options.Endpoint);
        string region = Options.Region!;

        DataApi = new RedshiftDataApiClient(new AwsJsonTransport(_http, AwsService.RedshiftData,
            explicitEndpoint ?? AwsService.RedshiftData.RegionalEndpoint(region, Options.UseFips), region, credentials, retry, logger));
        // The local server answers Secrets Manager on the same endpoint, as do tests that point both at one host.
        SecretsManager = new SecretsManagerClient(new AwsJsonTransport(_http, AwsService.SecretsManager,
            explicitEndpoint ?? AwsService.SecretsManager.RegionalEndpoint(region, Options.UseFips), region, credentials, retry, logger));

        var target = new TargetApplier(Options, SecretsManager);
        Target = target;
        _runner = new StatementRunner(DataApi, Options, target, time, logger);
        _pager = new ResultPager(DataApi, logger);
        SchemaVerifier = new SchemaVerifier(DataApi, request => WithTarget(request), logger);
        _s3 = new Lazy<S3Files>(() => new S3Files(Options));
    }

    /// <summary>S3, for the UNLOAD transport (created on first use).</summary>
    internal S3Files S3 => _s3.Value;

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

    /// <summary>
    /// Runs a statement and streams its rows page by page (one page in memory at a time): each row has the columns'
    /// names and Redshift types (<see cref="RedshiftRow.Schema"/>) and its values decoded to .NET values by
    /// <see cref="Values.RedshiftValueDecoder"/>, by position (<c>row[0]</c>) or name (<c>row["eventname"]</c>,
    /// <c>row.Get&lt;DateTime?&gt;("starttime")</c>). A statement without a result set (DDL, INSERT) yields no rows.
    /// </summary>
    /// <param name="statement">The SQL and its parameters (<see cref="SqlStatement.WithParameter"/>).</param>
    /// <param name="cancellationToken">Stops the wait and the reading, and cancels the statement on the server.</param>
    /// <exception cref="StatementFailedException">Redshift failed the statement (its message says why).</exception>
    public async IAsyncEnumerable<RedshiftRow> QueryAsync(SqlStatement statement,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        RedshiftRowSchema? schema = null;
        await foreach (var page in QueryPagesAsync(statement, cancellationToken).ConfigureAwait(false))
        {
            // Every row of the result shares one schema (later pages may repeat or omit ColumnMetadata).
            schema ??= new RedshiftRowSchema(page.Columns);
            foreach (var row in page.ReadRows(schema))
            {
                yield return row;
            }
        }
    }

    /// <summary>Runs SQL without parameters and streams its rows (see <see cref="QueryAsync(SqlStatement, CancellationToken)"/>).</summary>
    /// <param name="sql">The SQL to run.</param>
    /// <param name="cancellationToken">Stops the wait and the reading, and cancels the statement on the server.</param>
    public IAsyncEnumerable<RedshiftRow> QueryAsync(string sql, CancellationToken cancellationToken = default)
        => QueryAsync(new SqlStatement(sql), cancellationToken);

    /// <summary>
    /// Reads a compiled table's rows as records, streamed page by page (the next page is fetched and decoded while you
    /// work on the current one). The live table is checked against the snapshot the code was compiled from
    /// (<see cref="SchemaDriftException"/>); filter values travel as Data API parameters.
    /// </summary>
    /// <typeparam name="TRecord">The generated record.</typeparam>
    /// <param name="table">The generated descriptor: <c>TickitDatabase.Public.Sales</c>.</param>
    /// <param name="options">Filters, order, limit, format and schema check; null reads every row.</param>
    /// <param name="cancellationToken">Stops the wait and the reading, and cancels the statement on the server.</param>
    /// <exception cref="ArgumentException">The options name a column the table does not have, or limit an unordered read.</exception>
    /// <exception cref="SchemaDriftException">The live table no longer matches the snapshot.</exception>
    /// <exception cref="StatementFailedException">Redshift failed the statement.</exception>
    public async IAsyncEnumerable<TRecord> SnapshotAsync<TRecord>(TableDescriptor<TRecord> table, SnapshotOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var reader = await OpenSnapshotAsync(table, options, cancellationToken).ConfigureAwait(false);
        await foreach (var row in reader.ReadRowsAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return row;
        }
    }

    /// <summary>
    /// Reads some columns of a compiled table: rows are the projection's values (<c>(int, decimal?)</c> for
    /// <c>TickitDatabase.Public.Sales.Select(Column.Eventid, Column.Pricepaid)</c>), every one read from the result.
    /// Checked as <see cref="SnapshotAsync{TRecord}(TableDescriptor{TRecord}, SnapshotOptions?, CancellationToken)"/> is.
    /// </summary>
    /// <typeparam name="TRecord">The generated record of the table.</typeparam>
    /// <typeparam name="TRow">A column's value type, or a tuple of them.</typeparam>
    /// <param name="projection">The columns: <c>table.Select(Column.A, Column.B)</c>.</param>
    /// <param name="options">Filters, order, limit, format and schema check; null reads every row.</param>
    /// <param name="cancellationToken">Stops the wait and the reading, and cancels the statement on the server.</param>
    public async IAsyncEnumerable<TRow> SnapshotAsync<TRecord, TRow>(TableProjection<TRecord, TRow> projection, SnapshotOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var reader = await OpenSnapshotAsync(projection, options, cancellationToken).ConfigureAwait(false);
        await foreach (var row in reader.ReadRowsAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return row;
        }
    }

    /// <summary>Reads a compiled table's rows as Arrow record batches with the generated schema, one per result page.</summary>
    /// <typeparam name="TRecord">The generated record.</typeparam>
    /// <param name="table">The generated descriptor.</param>
    /// <param name="options">Filters, order, limit, format and schema check; null reads every row.</param>
    /// <param name="cancellationToken">Stops the wait and the reading, and cancels the statement on the server.</param>
    public async IAsyncEnumerable<Apache.Arrow.RecordBatch> SnapshotBatchesAsync<TRecord>(TableDescriptor<TRecord> table,
        SnapshotOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var reader = await OpenSnapshotAsync(table, options, cancellationToken).ConfigureAwait(false);
        await foreach (var batch in reader.ReadBatchesAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return batch;
        }
    }

    /// <summary>Reads some columns of a compiled table as Arrow record batches of the projection's schema, one per result page.</summary>
    /// <typeparam name="TRecord">The generated record of the table.</typeparam>
    /// <typeparam name="TRow">A column's value type, or a tuple of them.</typeparam>
    /// <param name="projection">The columns: <c>table.Select(Column.A, Column.B)</c>.</param>
    /// <param name="options">Filters, order, limit, format and schema check; null reads every row.</param>
    /// <param name="cancellationToken">Stops the wait and the reading, and cancels the statement on the server.</param>
    public async IAsyncEnumerable<Apache.Arrow.RecordBatch> SnapshotBatchesAsync<TRecord, TRow>(TableProjection<TRecord, TRow> projection,
        SnapshotOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var reader = await OpenSnapshotAsync(projection, options, cancellationToken).ConfigureAwait(false);
        await foreach (var batch in reader.ReadBatchesAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return batch;
        }
    }

    /// <summary>
    /// Runs a compiled table's snapshot statement, checks the schema and reads the first page; the reader then gives
    /// the statement id, the row total and the Arrow schema before streaming the rows.
    /// </summary>
    /// <typeparam name="TRecord">The generated record.</typeparam>
    /// <param name="table">The generated descriptor.</param>
    /// <param name="options">Filters, order, limit, format and schema check; null reads every row.</param>
    /// <param name="cancellationToken">Stops the wait, and cancels the statement on the server.</param>
    public Task<SnapshotReader<TRecord>> OpenSnapshotAsync<TRecord>(TableDescriptor<TRecord> table, SnapshotOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        return SnapshotReader<TRecord>.OpenAsync(this, RowShape<TRecord>.Of(table), options ?? new SnapshotOptions(), cancellationToken);
    }

    /// <summary>Opens a snapshot of some columns of a compiled table (see <see cref="OpenSnapshotAsync{TRecord}(TableDescriptor{TRecord}, SnapshotOptions?, CancellationToken)"/>).</summary>
    /// <typeparam name="TRecord">The generated record of the table.</typeparam>
    /// <typeparam name="TRow">A column's value type, or a tuple of them.</typeparam>
    /// <param name="projection">The columns: <c>table.Select(Column.A, Column.B)</c>.</param>
    /// <param name="options">Filters, order, limit, format and schema check; null reads every row.</param>
    /// <param name="cancellationToken">Stops the wait, and cancels the statement on the server.</param>
    public Task<SnapshotReader<TRow>> OpenSnapshotAsync<TRecord, TRow>(TableProjection<TRecord, TRow> projection, SnapshotOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projection);
        return SnapshotReader<TRow>.OpenAsync(this, RowShape<TRow>.Of(projection), options ?? new SnapshotOptions(), cancellationToken);
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

    /// <summary>Releases the HTTP client the client created (not a handler you passed in).</summary>
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }

        if (_s3.IsValueCreated)
        {
            _s3.Value.Dispose();
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"RedshiftClient {{ {Options} }}";
}
