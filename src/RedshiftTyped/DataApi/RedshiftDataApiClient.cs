using RedshiftTyped.DataApi.Model;
using RedshiftTyped.DataApi.Serialization;
using RedshiftTyped.DataApi.Transport;

namespace RedshiftTyped.DataApi;

/// <summary>
/// The Redshift Data API, one method per operation, named as in the AWS SDK's
/// <c>IAmazonRedshiftDataAPIService</c>. Calls are signed, retried on throttling and transient faults,
/// and fail with typed exceptions (<see cref="Errors.RedshiftDataApiException"/>).
/// Most code wants <see cref="RedshiftClient"/>, which runs statements and streams their results.
/// </summary>
public sealed class RedshiftDataApiClient
{
    private static readonly RedshiftDataJsonContext Json = RedshiftDataJsonContext.Default;
    private readonly AwsJsonTransport _transport;

    internal RedshiftDataApiClient(AwsJsonTransport transport) => _transport = transport;

    /// <summary>The endpoint calls go to.</summary>
    public Uri Endpoint => _transport.Endpoint;

    /// <summary>Calls <c>RedshiftData.ExecuteStatement</c>.</summary>
    public Task<ExecuteStatementResponse> ExecuteStatementAsync(ExecuteStatementRequest request, CancellationToken cancellationToken = default)
        => ExecuteStatementAsync(request, cancellationToken, retries: null);

    internal Task<ExecuteStatementResponse> ExecuteStatementAsync(ExecuteStatementRequest request, CancellationToken cancellationToken, Counter? retries)
        => _transport.InvokeAsync("ExecuteStatement", request, Json.ExecuteStatementRequest, Json.ExecuteStatementResponse, cancellationToken, retries);

    /// <summary>Calls <c>RedshiftData.BatchExecuteStatement</c>.</summary>
    public Task<BatchExecuteStatementResponse> BatchExecuteStatementAsync(BatchExecuteStatementRequest request, CancellationToken cancellationToken = default)
        => BatchExecuteStatementAsync(request, cancellationToken, retries: null);

    internal Task<BatchExecuteStatementResponse> BatchExecuteStatementAsync(BatchExecuteStatementRequest request, CancellationToken cancellationToken, Counter? retries)
        => _transport.InvokeAsync("BatchExecuteStatement", request, Json.BatchExecuteStatementRequest, Json.BatchExecuteStatementResponse, cancellationToken, retries);

    /// <summary>Calls <c>RedshiftData.DescribeStatement</c>.</summary>
    public Task<DescribeStatementResponse> DescribeStatementAsync(DescribeStatementRequest request, CancellationToken cancellationToken = default)
        => DescribeStatementAsync(request, cancellationToken, retries: null);

    internal Task<DescribeStatementResponse> DescribeStatementAsync(DescribeStatementRequest request, CancellationToken cancellationToken, Counter? retries)
        => _transport.InvokeAsync("DescribeStatement", request, Json.DescribeStatementRequest, Json.DescribeStatementResponse, cancellationToken, retries);

    /// <summary>Calls <c>RedshiftData.GetStatementResult</c>.</summary>
    public Task<GetStatementResultResponse> GetStatementResultAsync(GetStatementResultRequest request, CancellationToken cancellationToken = default)
        => GetStatementResultAsync(request, cancellationToken, retries: null);

    internal Task<GetStatementResultResponse> GetStatementResultAsync(GetStatementResultRequest request, CancellationToken cancellationToken, Counter? retries)
        => _transport.InvokeAsync("GetStatementResult", request, Json.GetStatementResultRequest, Json.GetStatementResultResponse, cancellationToken, retries);

    /// <summary>
    /// Calls <c>RedshiftData.GetStatementResult</c> and returns the response body undecoded (for typed page decoding), in a
    /// pooled buffer the caller disposes once the page is decoded.
    /// </summary>
    internal Task<Transport.PooledBody> GetStatementResultBytesAsync(GetStatementResultRequest request, CancellationToken cancellationToken)
        => _transport.InvokeForBytesAsync("GetStatementResult", request, Json.GetStatementResultRequest, cancellationToken);

    /// <summary>Calls <c>RedshiftData.GetStatementResultV2</c>.</summary>
    public Task<GetStatementResultV2Response> GetStatementResultV2Async(GetStatementResultV2Request request, CancellationToken cancellationToken = default)
        => GetStatementResultV2Async(request, cancellationToken, retries: null);

    internal Task<GetStatementResultV2Response> GetStatementResultV2Async(GetStatementResultV2Request request, CancellationToken cancellationToken, Counter? retries)
        => _transport.InvokeAsync("GetStatementResultV2", request, Json.GetStatementResultV2Request, Json.GetStatementResultV2Response, cancellationToken, retries);

    /// <summary>Calls <c>RedshiftData.CancelStatement</c>.</summary>
    public Task<CancelStatementResponse> CancelStatementAsync(CancelStatementRequest request, CancellationToken cancellationToken = default)
        => CancelStatementAsync(request, cancellationToken, retries: null);

    internal Task<CancelStatementResponse> CancelStatementAsync(CancelStatementRequest request, CancellationToken cancellationToken, Counter? retries)
        => _transport.InvokeAsync("CancelStatement", request, Json.CancelStatementRequest, Json.CancelStatementResponse, cancellationToken, retries);

    /// <summary>Calls <c>RedshiftData.ListStatements</c>.</summary>
    public Task<ListStatementsResponse> ListStatementsAsync(ListStatementsRequest request, CancellationToken cancellationToken = default)
        => ListStatementsAsync(request, cancellationToken, retries: null);

    internal Task<ListStatementsResponse> ListStatementsAsync(ListStatementsRequest request, CancellationToken cancellationToken, Counter? retries)
        => _transport.InvokeAsync("ListStatements", request, Json.ListStatementsRequest, Json.ListStatementsResponse, cancellationToken, retries);

    /// <summary>Calls <c>RedshiftData.ListSessions</c>.</summary>
    public Task<ListSessionsResponse> ListSessionsAsync(ListSessionsRequest request, CancellationToken cancellationToken = default)
        => ListSessionsAsync(request, cancellationToken, retries: null);

    internal Task<ListSessionsResponse> ListSessionsAsync(ListSessionsRequest request, CancellationToken cancellationToken, Counter? retries)
        => _transport.InvokeAsync("ListSessions", request, Json.ListSessionsRequest, Json.ListSessionsResponse, cancellationToken, retries);

    /// <summary>Calls <c>RedshiftData.ListDatabases</c>.</summary>
    public Task<ListDatabasesResponse> ListDatabasesAsync(ListDatabasesRequest request, CancellationToken cancellationToken = default)
        => ListDatabasesAsync(request, cancellationToken, retries: null);

    internal Task<ListDatabasesResponse> ListDatabasesAsync(ListDatabasesRequest request, CancellationToken cancellationToken, Counter? retries)
        => _transport.InvokeAsync("ListDatabases", request, Json.ListDatabasesRequest, Json.ListDatabasesResponse, cancellationToken, retries);

    /// <summary>Calls <c>RedshiftData.ListSchemas</c>.</summary>
    public Task<ListSchemasResponse> ListSchemasAsync(ListSchemasRequest request, CancellationToken cancellationToken = default)
        => ListSchemasAsync(request, cancellationToken, retries: null);

    internal Task<ListSchemasResponse> ListSchemasAsync(ListSchemasRequest request, CancellationToken cancellationToken, Counter? retries)
        => _transport.InvokeAsync("ListSchemas", request, Json.ListSchemasRequest, Json.ListSchemasResponse, cancellationToken, retries);

    /// <summary>Calls <c>RedshiftData.ListTables</c>.</summary>
    public Task<ListTablesResponse> ListTablesAsync(ListTablesRequest request, CancellationToken cancellationToken = default)
        => ListTablesAsync(request, cancellationToken, retries: null);

    internal Task<ListTablesResponse> ListTablesAsync(ListTablesRequest request, CancellationToken cancellationToken, Counter? retries)
        => _transport.InvokeAsync("ListTables", request, Json.ListTablesRequest, Json.ListTablesResponse, cancellationToken, retries);

    /// <summary>Calls <c>RedshiftData.DescribeTable</c>.</summary>
    public Task<DescribeTableResponse> DescribeTableAsync(DescribeTableRequest request, CancellationToken cancellationToken = default)
        => DescribeTableAsync(request, cancellationToken, retries: null);

    internal Task<DescribeTableResponse> DescribeTableAsync(DescribeTableRequest request, CancellationToken cancellationToken, Counter? retries)
        => _transport.InvokeAsync("DescribeTable", request, Json.DescribeTableRequest, Json.DescribeTableResponse, cancellationToken, retries);
}
