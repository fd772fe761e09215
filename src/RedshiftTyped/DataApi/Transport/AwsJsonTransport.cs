using System.Net.Http.Headers;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using RequestMetrics = Amazon.Runtime.Internal.Util.RequestMetrics;
using Microsoft.Extensions.Logging;
using RedshiftTyped.DataApi.Errors;

namespace RedshiftTyped.DataApi.Transport;

/// <summary>
/// Sends AWS JSON 1.1 calls: <c>POST /</c> with <c>X-Amz-Target</c>, signed with AWSSDK.Core's SigV4 signer,
/// retried under the client's <see cref="RetryPolicy"/>, errors decoded into typed exceptions. Every answer is read up to
/// <see cref="MaxResponseBytes"/>, and an answer that does not fit the operation's model is an
/// <see cref="UnexpectedResponseException"/> naming the operation and the JSON path, never a network error.
/// </summary>
internal sealed class AwsJsonTransport
{
    /// <summary>
    /// The longest answer read: 100 MiB. AWS ends a Data API call that "returns more than 100 MB of response data"
    /// (Redshift Management Guide, "Considerations when calling the Amazon Redshift Data API"), so no real answer is longer.
    /// </summary>
    public const long MaxResponseBytes = 100L * 1024 * 1024;

    /// <summary>Error answers are a few hundred bytes; more is read no further (the status code still classifies it).</summary>
    private const int MaxErrorBodyBytes = 64 * 1024;

    private const string JsonContentType = "application/x-amz-json-1.1";
    private static readonly MediaTypeHeaderValue ContentTypeHeader = MediaTypeHeaderValue.Parse(JsonContentType);

    private readonly HttpClient _http;
    private readonly AwsService _service;
    private readonly SigningClientConfig _signingConfig;
    private readonly AwsCredentialSource _credentials;
    private readonly RetryPolicy _retry;
    private readonly ILogger _logger;
    private readonly AWS4Signer _signer = new();
    private readonly string _region;

    public AwsJsonTransport(HttpClient http, AwsService service, Uri endpoint, string region,
        AwsCredentialSource credentials, RetryPolicy retry, ILogger logger)
    {
        _http = http;
        _service = service;
        Endpoint = endpoint;
        _signingConfig = new SigningClientConfig(service, region);
        _region = region;
        _credentials = credentials;
        _retry = retry;
        _logger = logger;
    }

    public Uri Endpoint { get; }

    /// <summary>Invokes one operation, retrying transient failures. <paramref name="retries"/> counts the retries made.</summary>
    public Task<TResponse> InvokeAsync<TRequest, TResponse>(
        string operation,
        TRequest request,
        JsonTypeInfo<TRequest> requestInfo,
        JsonTypeInfo<TResponse> responseInfo,
        CancellationToken cancellationToken,
        Counter? retries = null)
        => InvokeAsync(operation, request, requestInfo, (content, ct) => DeserializeAsync(operation, content, responseInfo, ct),
            cancellationToken, retries);

    /// <summary>
    /// Invokes one operation and returns the response body's bytes undecoded, for readers that decode a result page
    /// straight into typed rows.
    /// </summary>
    public Task<PooledBody> InvokeForBytesAsync<TRequest>(
        string operation,
        TRequest request,
        JsonTypeInfo<TRequest> requestInfo,
        CancellationToken cancellationToken,
        Counter? retries = null)
        => InvokeAsync(operation, request, requestInfo, (content, ct) => ReadBytesAsync(operation, content, ct), cancellationToken, retries);

    /// <summary>The full name of an operation in messages: <c>RedshiftData.ExecuteStatement</c>.</summary>
    public string Describe(string operation) => $"{_service.TargetPrefix}.{operation}";

    private async Task<TResponse> InvokeAsync<TRequest, TResponse>(
        string operation,
        TRequest request,
        JsonTypeInfo<TRequest> requestInfo,
        Func<HttpContent, CancellationToken, Task<TResponse>> readResponse,
        CancellationToken cancellationToken,
        Counter? retries)
    {
        // Serialized once: every attempt sends the same bytes, hence the same ClientToken.
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(request, requestInfo);
        retries ??= new Counter();
        using var budget = _retry.StartBudget(cancellationToken);
        var callToken = budget?.Token ?? cancellationToken;
        try
        {
            ExceptionDispatchInfo firstFailure;
            try
            {
                // As a Polly pipeline does before it runs anything: a cancelled call sends nothing.
                callToken.ThrowIfCancellationRequested();
                return await SendOnceAsync(operation, body, readResponse, callToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (_retry.RetriesAfterFirstAttempt(ex, callToken))
            {
                firstFailure = ExceptionDispatchInfo.Capture(ex);
            }

            return await _retry.RetryAsync(
                operation,
                firstFailure,
                static (state, ct) => state.Self.SendOnceAsync(state.Operation, state.Body, state.ReadResponse, ct),
                (Self: this, Operation: operation, Body: body, ReadResponse: readResponse),
                retries,
                callToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (EndpointUnreachableException.Classify(ex) is { } failure && !cancellationToken.IsCancellationRequested)
        {
            // One line naming the endpoint and what to check, instead of a bare "Connection refused".
            throw new EndpointUnreachableException(Endpoint, failure, retries.Value + 1,
                Endpoint.Host.EndsWith(".amazonaws.com", StringComparison.OrdinalIgnoreCase) ? _region : null, ex);
        }
        catch (OperationCanceledException ex) when (budget is not null && budget.Expired(cancellationToken))
        {
            throw new TimeoutException(
                $"{_service.TargetPrefix}.{operation} did not succeed within {_retry.TotalTimeout} across its retries; raise retry.total_timeout or check the endpoint.", ex);
        }
        catch (OperationCanceledException ex) when (budget is not null && cancellationToken.IsCancellationRequested && ex.CancellationToken != cancellationToken)
        {
            // The caller cancelled: the exception carries the caller's token, not the budget's (as Polly's timeout strategy did).
            throw new OperationCanceledException(ex.Message, ex, cancellationToken);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient's own timeout is a TaskCanceledException the caller did not ask for; after the last retry it is
            // the call timing out, not a cancellation (a caller's catch of OperationCanceledException would swallow it).
            throw new TimeoutException(
                $"{_service.TargetPrefix}.{operation} got no answer within the HTTP timeout ({_http.Timeout}) on any of its {retries.Value + 1} attempts; check the endpoint, or raise retry.attempt_timeout (the HTTP timeout of one attempt).", ex);
        }
    }

    private async ValueTask<TResponse> SendOnceAsync<TResponse>(
        string operation, byte[] body, Func<HttpContent, CancellationToken, Task<TResponse>> readResponse, CancellationToken cancellationToken)
    {
        using var message = await CreateSignedMessageAsync(operation, body, cancellationToken).ConfigureAwait(false);
        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);

        if (!response.IsSuccessStatusCode)
        {
            byte[] errorBody = await ReadErrorBodyAsync(response.Content, cancellationToken).ConfigureAwait(false);
            var error = AwsErrorDecoder.Decode(_service, response.StatusCode, response.Headers, errorBody);
            DataApiLog.CallFailed(_logger, operation, error.ErrorCode, (int)error.StatusCode, error.RequestId);
            throw error;
        }

        // Read inside the retry: a connection dropped mid-body is retried like any other transient fault.
        return await readResponse(response.Content, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TResponse> DeserializeAsync<TResponse>(
        string operation, HttpContent content, JsonTypeInfo<TResponse> responseInfo, CancellationToken cancellationToken)
    {
        RefuseNonJson(operation, content);
        if (content.Headers.ContentLength == 0)
        {
            // AWS JSON servers may answer an operation without output members with an empty body.
            return Deserialize(operation, () => JsonSerializer.Deserialize("{}"u8, responseInfo)!);
        }

        await using var stream = await OpenBoundedAsync(operation, content, cancellationToken).ConfigureAwait(false);
        try
        {
            return await JsonSerializer.DeserializeAsync(stream, responseInfo, cancellationToken).ConfigureAwait(false)
                ?? throw new JsonException("the body is the JSON literal null, not an object.");
        }
        catch (JsonException ex)
        {
            throw UnexpectedResponseException.FromJson(Describe(operation), Endpoint, ex);
        }
    }

    private TResponse Deserialize<TResponse>(string operation, Func<TResponse> deserialize)
    {
        try
        {
            return deserialize();
        }
        catch (JsonException ex)
        {
            throw UnexpectedResponseException.FromJson(Describe(operation), Endpoint, ex);
        }
    }

    private async Task<PooledBody> ReadBytesAsync(string operation, HttpContent content, CancellationToken cancellationToken)
    {
        RefuseNonJson(operation, content);
        if (content.Headers.ContentLength == 0)
        {
            return PooledBody.Of("{}"u8.ToArray());
        }

        await using var stream = await OpenBoundedAsync(operation, content, cancellationToken).ConfigureAwait(false);
        return await PooledBody.ReadAsync(stream, content.Headers.ContentLength, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The body, read at most to <see cref="MaxResponseBytes"/>; an announced longer one is refused before reading.</summary>
    private async Task<Stream> OpenBoundedAsync(string operation, HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > MaxResponseBytes)
        {
            throw new ResponseTooLargeException(Describe(operation), Endpoint, MaxResponseBytes);
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return new BoundedReadStream(stream, MaxResponseBytes, () => new ResponseTooLargeException(Describe(operation), Endpoint, MaxResponseBytes));
    }

    /// <summary>A 200 answer of HTML or plain text (a proxy's page, a captive portal) is not a Data API answer.</summary>
    private void RefuseNonJson(string operation, HttpContent content)
    {
        string? media = content.Headers.ContentType?.MediaType;
        if (media is not null && media.StartsWith("text/", StringComparison.OrdinalIgnoreCase))
        {
            throw new UnexpectedResponseException(Describe(operation), Endpoint, null, $"the answer is {media}, not JSON");
        }
    }

    private static async Task<byte[]> ReadErrorBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[MaxErrorBodyBytes];
        int filled = 0;
        int read;
        while (filled < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false)) > 0)
        {
            filled += read;
        }

        return buffer[..filled];
    }

    private async ValueTask<HttpRequestMessage> CreateSignedMessageAsync(string operation, byte[] body, CancellationToken cancellationToken)
    {
        var credentials = await _credentials.GetAsync(_signingConfig, cancellationToken).ConfigureAwait(false);
        var signable = new DefaultRequest(new SignableRequest(), _service.TargetPrefix)
        {
            HttpMethod = "POST",
            Endpoint = Endpoint,
            ResourcePath = "/",
            Content = body,
        };
        signable.Headers["Content-Type"] = JsonContentType;
        signable.Headers["X-Amz-Target"] = $"{_service.TargetPrefix}.{operation}";
        signable.Headers["x-amz-api-version"] = _service.ApiVersion;
        if (credentials.UseToken)
        {
            // AWS4Signer signs what it is given; the SDK's pipeline adds the token header before it, so do we.
            signable.Headers["X-Amz-Security-Token"] = credentials.Token;
        }

        var result = _signer.SignRequest(signable, _signingConfig, new RequestMetrics(), credentials.AccessKey, credentials.SecretKey);
        signable.Headers["Authorization"] = result.ForAuthorizationHeader;

        var message = new HttpRequestMessage(HttpMethod.Post, Endpoint)
        {
            Content = new ByteArrayContent(body),
        };
        message.Content.Headers.ContentType = ContentTypeHeader;
        foreach (var (name, value) in signable.Headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                message.Headers.Host = value;
                continue;
            }

            message.Headers.TryAddWithoutValidation(name, value);
        }

        message.Headers.TryAddWithoutValidation("User-Agent", UserAgentHeader.Value);
        return message;
    }

    /// <summary>AWSSDK.Core's request type needs an originating request object; this one carries nothing.</summary>
    private sealed class SignableRequest : Amazon.Runtime.AmazonWebServiceRequest;
}
