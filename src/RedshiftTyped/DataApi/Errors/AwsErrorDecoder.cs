using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using RedshiftTyped.DataApi.Serialization;
using RedshiftTyped.DataApi.Transport;

namespace RedshiftTyped.DataApi.Errors;

/// <summary>
/// Turns an AWS JSON 1.1 error response into a typed exception, as the AWS SDK for .NET does:
/// the code from <c>__type</c> (or <c>code</c>, or the <c>x-amzn-ErrorType</c> header), stripped of any
/// namespace before <c>#</c> and anything after <c>:</c>; the message from <c>message</c> or <c>Message</c>
/// (the <c>x-amzn-error-message</c> header overrides it); the request id from <c>x-amzn-RequestId</c>.
/// </summary>
internal static class AwsErrorDecoder
{
    public static AwsServiceException Decode(AwsService service, HttpStatusCode status, HttpResponseHeaders headers, ReadOnlySpan<byte> body)
    {
        AwsErrorBody? parsed = null;
        if (!body.IsEmpty)
        {
            try
            {
                parsed = JsonSerializer.Deserialize(body, RedshiftDataJsonContext.Default.AwsErrorBody);
            }
            catch (JsonException)
            {
                // Not JSON (a proxy's HTML page, say): fall back to the headers and the status code.
            }
        }

        string? rawCode = parsed?.Type ?? parsed?.Code ?? Header(headers, "x-amzn-ErrorType");
        string code = NormalizeCode(rawCode) ?? (int)status switch
        {
            429 => "ThrottlingException",
            >= 500 => "InternalFailure",
            _ => "UnknownError",
        };
        string message = Header(headers, "x-amzn-error-message") ?? parsed?.EffectiveMessage
            ?? $"The service answered HTTP {(int)status} without an error message.";
        string? requestId = Header(headers, "x-amzn-RequestId") ?? Header(headers, "x-amz-request-id");

        return service.Kind == AwsServiceKind.SecretsManager
            ? new SecretsManagerException(code, message, status, requestId)
            : CreateDataApiException(code, message, status, requestId, parsed);
    }

    private static RedshiftDataApiException CreateDataApiException(
        string code, string message, HttpStatusCode status, string? requestId, AwsErrorBody? body) => code switch
    {
        nameof(ValidationException) => new ValidationException(message, status, requestId),
        nameof(ResourceNotFoundException) => new ResourceNotFoundException(message, body?.ResourceId, status, requestId),
        nameof(ActiveStatementsExceededException) => new ActiveStatementsExceededException(message, status, requestId),
        nameof(ActiveSessionsExceededException) => new ActiveSessionsExceededException(message, status, requestId),
        nameof(ActiveWaitingRequestsExceededException) => new ActiveWaitingRequestsExceededException(message, status, requestId),
        nameof(QueryTimeoutException) => new QueryTimeoutException(message, status, requestId),
        nameof(ExecuteStatementException) => new ExecuteStatementException(message, body?.StatementId, status, requestId),
        nameof(BatchExecuteStatementException) => new BatchExecuteStatementException(message, body?.StatementId, status, requestId),
        nameof(DatabaseConnectionException) => new DatabaseConnectionException(message, status, requestId),
        nameof(InternalServerException) => new InternalServerException(message, status, requestId),
        nameof(ThrottlingException) => new ThrottlingException(message, status, requestId),
        _ => new RedshiftDataApiException(code, message, status, requestId),
    };

    /// <summary><c>aws.protocoltests#FooError:http://...</c> → <c>FooError</c>.</summary>
    internal static string? NormalizeCode(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var code = raw.AsSpan();
        int colon = code.IndexOf(':');
        if (colon >= 0)
        {
            code = code[..colon];
        }

        int hash = code.LastIndexOf('#');
        if (hash >= 0)
        {
            code = code[(hash + 1)..];
        }

        code = code.Trim();
        return code.IsEmpty ? null : code.ToString();
    }

    private static string? Header(HttpResponseHeaders headers, string name)
        => headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
