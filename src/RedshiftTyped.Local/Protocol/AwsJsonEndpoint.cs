using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RedshiftTyped.Local.Security;

namespace RedshiftTyped.Local.Protocol;

/// <summary>One operation: its service, and a handler from request bytes to response bytes.</summary>
internal sealed record OperationHandler(string Service, Func<byte[], LocalCredential, PooledBufferWriter, CancellationToken, Task> Handle);

/// <summary>
/// The AWS JSON 1.1 front end: <c>POST /</c> with <c>X-Amz-Target</c>, SigV4 verified on every request, the
/// caller's action allow-list checked, the body decoded with the client's own source-generated contexts, errors
/// written as <c>{"__type","message"}</c> with AWS's status codes. Injected faults happen here, after authentication.
/// </summary>
internal sealed class AwsJsonEndpoint
{
    public const string ContentType = "application/x-amz-json-1.1";
    private const int MaxBodyBytes = 8 * 1024 * 1024;

    private readonly Dictionary<string, OperationHandler> _operations = new(StringComparer.Ordinal);
    private readonly SigV4Verifier _verifier;
    private readonly FaultInjector _faults;
    private readonly ILogger _logger;

    public AwsJsonEndpoint(SigV4Verifier verifier, FaultInjector faults, ILogger logger)
    {
        _verifier = verifier;
        _faults = faults;
        _logger = logger;
    }

    /// <summary>Registers <c>prefix.Operation</c> (e.g. <c>RedshiftData.ExecuteStatement</c>) signed for <paramref name="service"/>.</summary>
    public void Register<TRequest, TResponse>(string targetPrefix, string operation, string service,
        JsonTypeInfo<TRequest> requestInfo, JsonTypeInfo<TResponse> responseInfo,
        Func<TRequest, LocalCredential, CancellationToken, Task<TResponse>> handler)
        => RegisterWriter(targetPrefix, operation, service, requestInfo, async (request, caller, json, ct) =>
        {
            var response = await handler(request, caller, ct).ConfigureAwait(false);
            JsonSerializer.Serialize(json, response, responseInfo);
        });

    /// <summary>Registers an operation that writes its response JSON itself (the result pages).</summary>
    public void RegisterWriter<TRequest>(string targetPrefix, string operation, string service, JsonTypeInfo<TRequest> requestInfo,
        Func<TRequest, LocalCredential, Utf8JsonWriter, CancellationToken, Task> handler)
    {
        _operations[$"{targetPrefix}.{operation}"] = new OperationHandler(service, async (body, caller, buffer, ct) =>
        {
            var request = Deserialize(body, requestInfo);
            await using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true, Encoder = MinimalJsonEncoder.Instance });
            await handler(request, caller, json, ct).ConfigureAwait(false);
            await json.FlushAsync(ct).ConfigureAwait(false);
        });
    }

    private static TRequest Deserialize<TRequest>(byte[] body, JsonTypeInfo<TRequest> requestInfo)
    {
        try
        {
            return JsonSerializer.Deserialize(body.Length == 0 ? "{}"u8 : body, requestInfo)
                   ?? throw ServiceError.Serialization("Request body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            throw ServiceError.Serialization(ex.Message);
        }
        catch (InvalidOperationException ex)
        {
            throw ServiceError.Serialization(ex.Message);
        }
    }

    public async Task HandleAsync(HttpContext context)
    {
        string requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        string target = context.Request.Headers["X-Amz-Target"].ToString();
        string operation = target.Contains('.', StringComparison.Ordinal) ? target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..] : target;
        var abort = context.RequestAborted;
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            byte[] body = await ReadBodyAsync(context.Request, abort).ConfigureAwait(false);
            if (!HttpMethods.IsPost(context.Request.Method) || !_operations.TryGetValue(target, out var handler))
            {
                throw ServiceError.UnknownOperation();
            }

            var caller = Authenticate(context.Request, body, handler.Service);
            string action = $"{handler.Service}:{operation}";
            if (!caller.Allows(action))
            {
                throw ServiceError.AccessDenied(caller.AccessKeyId, action);
            }

            // Faults apply to authenticated callers only: an unsigned or wrongly signed request is refused as AWS refuses
            // it, never with an injected 500 that a client would retry. Throttles and server errors answer instead of
            // the operation (nothing runs); the latency delays every answer, after the operation ran.
            var (fault, latency) = _faults.Next(operation);
            if (fault is RequestFault.Throttle or RequestFault.ServerError)
            {
                await DelayAsync(latency, abort).ConfigureAwait(false);
                throw fault == RequestFault.Throttle ? ServiceError.Throttling() : ServiceError.Internal();
            }

            using var response = new PooledBufferWriter();
            await handler.Handle(body, caller, response, abort).ConfigureAwait(false);
            await DelayAsync(latency, abort).ConfigureAwait(false);
            await WriteAsync(context, 200, response.WrittenMemory, fault == RequestFault.ResetConnection).ConfigureAwait(false);
            LocalServerLog.Answered(_logger, operation, 200, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, requestId);
        }
        catch (ServiceError error)
        {
            LocalServerLog.Error(_logger, operation, error.Type, error.Status, requestId);
            await WriteAsync(context, error.Status, ErrorWriter.Body(error), reset: false).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (Exception ex)
        {
            LocalServerLog.Unexpected(_logger, operation, ex);
            await WriteAsync(context, 500, ErrorWriter.Body(ServiceError.Internal()), reset: false).ConfigureAwait(false);
        }
    }

    private static Task DelayAsync(TimeSpan latency, CancellationToken cancellationToken)
        => latency > TimeSpan.Zero ? Task.Delay(latency, cancellationToken) : Task.CompletedTask;

    private LocalCredential Authenticate(HttpRequest request, byte[] body, string service)
    {
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in request.Headers)
        {
            foreach (string? value in values)
            {
                headers.Add(new(name, value ?? string.Empty));
            }
        }

        var received = new SigV4Request(request.Method, request.Path.HasValue ? request.Path.Value! : "/",
            request.QueryString.HasValue ? request.QueryString.Value![1..] : string.Empty, headers, body);
        var result = _verifier.Verify(received, service);
        return result.Credential ?? throw new ServiceError(result.ErrorCode!, result.StatusCode, result.Message!);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                throw ServiceError.Serialization("Request body is too large.");
            }
        }

        return buffer.ToArray();
    }

    private static async Task WriteAsync(HttpContext context, int status, ReadOnlyMemory<byte> body, bool reset)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = ContentType;
        response.ContentLength = body.Length;
        if (reset)
        {
            // Half the body, then the connection goes away: the client sees a truncated response.
            await response.Body.WriteAsync(body[..(body.Length / 2)], context.RequestAborted).ConfigureAwait(false);
            await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            context.Abort();
            return;
        }

        await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }
}

/// <summary>Log messages of the local server (never request bodies: they may carry secrets and parameter values).</summary>
internal static partial class LocalServerLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "{Operation} answered {Status} in {ElapsedMs:F1} ms, request {RequestId}")]
    public static partial void Answered(ILogger logger, string operation, int status, double elapsedMs, string requestId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Operation} answered {ErrorType} ({Status}), request {RequestId}")]
    public static partial void Error(ILogger logger, string operation, string errorType, int status, string requestId);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Operation} failed unexpectedly")]
    public static partial void Unexpected(ILogger logger, string operation, Exception exception);
}
