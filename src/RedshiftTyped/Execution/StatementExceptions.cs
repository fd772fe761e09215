using RedshiftTyped.DataApi.Model;

namespace RedshiftTyped.Execution;

/// <summary>A statement ended without finishing. Carries its id and SQL (parameter values are never included).</summary>
public abstract class StatementException : Exception
{
    /// <summary>Creates the exception for a statement: its message, id and SQL.</summary>
    protected StatementException(string message, string statementId, string sql, Exception? inner = null)
        : base(message, inner)
    {
        StatementId = statementId;
        Sql = sql;
    }

    /// <summary>The statement id, for DescribeStatement and AWS support; empty when the statement was never submitted.</summary>
    public string StatementId { get; }

    /// <summary>The statement's SQL (parameter values are never included).</summary>
    public string Sql { get; }

    internal static string Describe(string statementId, string sql, IReadOnlyList<SqlParameter> parameters)
    {
        const int MaxSqlShown = 2000;
        string shown = sql.Length <= MaxSqlShown ? sql : sql[..MaxSqlShown] + $"… ({sql.Length} chars)";
        string names = parameters.Count == 0 ? string.Empty : $"{Environment.NewLine}Parameters: {string.Join(", ", parameters)}";
        return $"Statement id: {statementId}{Environment.NewLine}SQL: {shown}{names}";
    }
}

/// <summary>Redshift ran the statement and it failed; <see cref="Error"/> is Redshift's own error text.</summary>
public sealed class StatementFailedException(string statementId, string error, string sql, IReadOnlyList<SqlParameter> parameters)
    : StatementException($"The statement failed: {error}{Environment.NewLine}{Describe(statementId, sql, parameters)}", statementId, sql)
{
    /// <summary>Redshift's error text for the failed statement.</summary>
    public string Error { get; } = error;
}

/// <summary>The statement was aborted (cancelled by a user or by Redshift).</summary>
public sealed class StatementAbortedException(string statementId, string? error, string sql, IReadOnlyList<SqlParameter> parameters)
    : StatementException($"The statement was aborted{(string.IsNullOrEmpty(error) ? "" : ": " + error)}.{Environment.NewLine}{Describe(statementId, sql, parameters)}", statementId, sql);

/// <summary>
/// The statement did not finish within max_poll_attempts polls or the caller's timeout; it was cancelled on
/// the server. Raise max_poll_attempts or poll_interval, or the statement's Timeout, for longer statements.
/// </summary>
public sealed class StatementTimeoutException(string reason, string statementId, string sql, IReadOnlyList<SqlParameter> parameters)
    : StatementException($"Statement timed out after {reason}; it was cancelled on the server. Raise max_poll_attempts or poll_interval (or the statement's Timeout) for longer statements.{Environment.NewLine}{Describe(statementId, sql, parameters)}", statementId, sql);

/// <summary>
/// The service's pages did not add up: a NextToken came back twice, or the rows read differ from TotalNumRows.
/// Reading stops rather than return a result with rows lost or repeated.
/// </summary>
public sealed class ResultIntegrityException(string message, string statementId)
    : Exception($"{message} (statement {statementId})")
{
    /// <summary>The id of the statement whose result did not add up.</summary>
    public string StatementId { get; } = statementId;
}
