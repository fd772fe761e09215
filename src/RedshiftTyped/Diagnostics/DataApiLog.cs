using Microsoft.Extensions.Logging;

namespace RedshiftTyped;

/// <summary>
/// Every log line the library writes, source-generated. None carries a credential, a secret value
/// or a parameter value: statements are identified by their id, SQL by its length.
/// </summary>
internal static partial class DataApiLog
{
    [LoggerMessage(1, LogLevel.Debug, "Submitted statement {StatementId} ({SqlLength} chars of SQL, {ParameterCount} parameters)")]
    public static partial void Submitted(ILogger logger, string statementId, int sqlLength, int parameterCount);

    [LoggerMessage(2, LogLevel.Information, "Statement {StatementId} {Status} in {DurationMs:F0} ms after {Polls} polls and {Retries} retries")]
    public static partial void Completed(ILogger logger, string statementId, string status, double durationMs, int polls, int retries);

    [LoggerMessage(3, LogLevel.Information, "Statement {StatementId} returned {Rows} rows in {Pages} pages")]
    public static partial void ResultRead(ILogger logger, string statementId, long rows, int pages);

    [LoggerMessage(4, LogLevel.Warning, "Retrying {Operation} (attempt {Attempt}) in {DelayMs:F0} ms after {Reason}")]
    public static partial void Retrying(ILogger logger, string operation, int attempt, double delayMs, string reason);

    [LoggerMessage(5, LogLevel.Debug, "{Operation} failed: {ErrorCode} (HTTP {StatusCode}, request id {RequestId})")]
    public static partial void CallFailed(ILogger logger, string operation, string errorCode, int statusCode, string? requestId);

    [LoggerMessage(6, LogLevel.Warning, "Cancelling statement {StatementId}: {Reason}")]
    public static partial void Cancelling(ILogger logger, string statementId, string reason);

    [LoggerMessage(7, LogLevel.Warning, "Could not cancel statement {StatementId}: {Reason}")]
    public static partial void CancelFailed(ILogger logger, string statementId, string reason);

    [LoggerMessage(8, LogLevel.Debug, "Long polling is not honoured by {Endpoint}; polling adaptively instead")]
    public static partial void LongPollingUnavailable(ILogger logger, Uri endpoint);

    [LoggerMessage(9, LogLevel.Warning, "Could not list the columns of {Table} with DescribeTable ({Reason}); its schema is checked against the result's own metadata only")]
    public static partial void SchemaCheckUnavailable(ILogger logger, string table, string reason);
}
