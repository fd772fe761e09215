using System.Net;

namespace RedshiftTyped.DataApi.Errors;

/// <summary>An error answered by an AWS service: its error code, HTTP status and request id.</summary>
public class AwsServiceException : Exception
{
    /// <summary>Creates the exception for an error an AWS service answered.</summary>
    public AwsServiceException(string errorCode, string message, HttpStatusCode statusCode, string? requestId, Exception? inner = null)
        : base(message, inner)
    {
        ErrorCode = errorCode;
        StatusCode = statusCode;
        RequestId = requestId;
    }

    /// <summary>The AWS error code (the shape name in <c>__type</c>), e.g. <c>ValidationException</c>.</summary>
    public string ErrorCode { get; }

    /// <summary>The HTTP status of the answer (400 for client errors, 5xx for server faults).</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The <c>x-amzn-RequestId</c> of the failed call, for AWS support.</summary>
    public string? RequestId { get; }

    /// <summary>True for throttling answers, which are worth retrying after a pause.</summary>
    public bool IsThrottling => ErrorCode is "ThrottlingException" or "Throttling" or "TooManyRequestsException"
        or "RequestLimitExceeded" or "ProvisionedThroughputExceededException"
        || (int)StatusCode == 429;

    /// <summary>True for server faults (5xx), which are transient.</summary>
    public bool IsServerFault => (int)StatusCode >= 500;

    /// <inheritdoc/>
    public override string ToString()
        => $"{GetType().FullName}: {ErrorCode}: {Message} (HTTP {(int)StatusCode}, request id {RequestId ?? "none"})";
}

/// <summary>An error answered by the Redshift Data API. Subclasses mirror the modelled error shapes.</summary>
public class RedshiftDataApiException : AwsServiceException
{
    /// <summary>Creates the exception for an error the Data API answered.</summary>
    public RedshiftDataApiException(string errorCode, string message, HttpStatusCode statusCode, string? requestId)
        : base(errorCode, message, statusCode, requestId)
    {
    }
}

/// <summary>The request is not valid for the service (HTTP 400). Never retried.</summary>
public sealed class ValidationException(string message, HttpStatusCode statusCode, string? requestId)
    : RedshiftDataApiException(nameof(ValidationException), message, statusCode, requestId);

/// <summary>The named resource (statement, session, database, ...) does not exist.</summary>
public sealed class ResourceNotFoundException(string message, string? resourceId, HttpStatusCode statusCode, string? requestId)
    : RedshiftDataApiException(nameof(ResourceNotFoundException), message, statusCode, requestId)
{
    /// <summary>The id of the resource that was not found (a statement or session id), when the service says.</summary>
    public string? ResourceId { get; } = resourceId;
}

/// <summary>Too many active statements on the cluster or workgroup. Retried after a pause.</summary>
public sealed class ActiveStatementsExceededException(string message, HttpStatusCode statusCode, string? requestId)
    : RedshiftDataApiException(nameof(ActiveStatementsExceededException), message, statusCode, requestId);

/// <summary>Too many active sessions.</summary>
public sealed class ActiveSessionsExceededException(string message, HttpStatusCode statusCode, string? requestId)
    : RedshiftDataApiException(nameof(ActiveSessionsExceededException), message, statusCode, requestId);

/// <summary>Too many long-polling requests for one statement; the client falls back to plain polling.</summary>
public sealed class ActiveWaitingRequestsExceededException(string message, HttpStatusCode statusCode, string? requestId)
    : RedshiftDataApiException(nameof(ActiveWaitingRequestsExceededException), message, statusCode, requestId);

/// <summary>A catalog call or cancellation timed out inside the service.</summary>
public sealed class QueryTimeoutException(string message, HttpStatusCode statusCode, string? requestId)
    : RedshiftDataApiException(nameof(QueryTimeoutException), message, statusCode, requestId);

/// <summary>The service could not submit the statement.</summary>
public sealed class ExecuteStatementException(string message, string? statementId, HttpStatusCode statusCode, string? requestId)
    : RedshiftDataApiException(nameof(ExecuteStatementException), message, statusCode, requestId)
{
    /// <summary>The id of the statement the service failed to run, when it says.</summary>
    public string? StatementId { get; } = statementId;
}

/// <summary>The service could not submit the batch.</summary>
public sealed class BatchExecuteStatementException(string message, string? statementId, HttpStatusCode statusCode, string? requestId)
    : RedshiftDataApiException(nameof(BatchExecuteStatementException), message, statusCode, requestId)
{
    /// <summary>The id of the batch the service failed to run, when it says.</summary>
    public string? StatementId { get; } = statementId;
}

/// <summary>The service could not connect to the database.</summary>
public sealed class DatabaseConnectionException(string message, HttpStatusCode statusCode, string? requestId)
    : RedshiftDataApiException(nameof(DatabaseConnectionException), message, statusCode, requestId);

/// <summary>The service failed internally (HTTP 500). Retried.</summary>
public sealed class InternalServerException(string message, HttpStatusCode statusCode, string? requestId)
    : RedshiftDataApiException(nameof(InternalServerException), message, statusCode, requestId);

/// <summary>The caller exceeded a request rate ("Rate exceeded"). Retried with backoff.</summary>
public sealed class ThrottlingException(string message, HttpStatusCode statusCode, string? requestId)
    : RedshiftDataApiException(nameof(ThrottlingException), message, statusCode, requestId);

/// <summary>An error answered by AWS Secrets Manager.</summary>
public sealed class SecretsManagerException(string errorCode, string message, HttpStatusCode statusCode, string? requestId)
    : AwsServiceException(errorCode, message, statusCode, requestId);
