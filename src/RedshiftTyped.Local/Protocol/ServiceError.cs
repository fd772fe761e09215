namespace RedshiftTyped.Local.Protocol;

/// <summary>
/// An AWS error to answer with: shape name (<c>__type</c>), HTTP status and message, plus the members some
/// shapes carry (ResourceId, StatementId). Thrown anywhere in an operation; the endpoint turns it into the body.
/// </summary>
public sealed class ServiceError(string type, int status, string message) : Exception(message)
{
    public string Type { get; } = type;

    public int Status { get; } = status;

    public string? ResourceId { get; init; }

    public string? StatementId { get; init; }

    public static ServiceError Validation(string message) => new("ValidationException", 400, message);

    /// <summary>The "Member must …" form AWS front ends use for model violations.</summary>
    public static ServiceError Constraint(string member, string? value, string constraint)
        => Validation($"1 validation error detected: Value {(value is null ? "null" : $"'{value}'")} at '{member}' failed to satisfy constraint: {constraint}");

    public static ServiceError Required(string member) => Constraint(member, null, "Member must not be null");

    public static ServiceError NotFound(string message, string resourceId) => new("ResourceNotFoundException", 404, message) { ResourceId = resourceId };

    public static ServiceError StatementNotFound(string id) => NotFound("Query does not exist.", id);

    public static ServiceError Serialization(string message) => new("SerializationException", 400, message);

    public static ServiceError UnknownOperation() => new("UnknownOperationException", 400, "");

    public static ServiceError Throttling() => new("ThrottlingException", 400, "Rate exceeded");

    public static ServiceError Internal(string message = "An internal error occurred. Try again later.") => new("InternalServerException", 500, message);

    public static ServiceError ActiveStatementsExceeded(int quota)
        => new("ActiveStatementsExceededException", 400, $"Active statements exceeded the allowed quota ({quota}).");

    public static ServiceError ActiveWaitingRequestsExceeded()
        => new("ActiveWaitingRequestsExceededException", 400, "The number of active requests with WaitTimeSeconds for the same SQL statement exceeds the limit.");

    public static ServiceError AccessDenied(string accessKeyId, string action)
        => new("AccessDeniedException", 400, $"User: arn:aws:iam::123456789012:user/{accessKeyId} is not authorized to perform: {action}");
}
