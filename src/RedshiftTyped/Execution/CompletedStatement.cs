using RedshiftTyped.DataApi.Model;

namespace RedshiftTyped.Execution;

/// <summary>A statement that finished, with what DescribeStatement said of it and what running it cost.</summary>
public sealed class CompletedStatement
{
    internal CompletedStatement(SqlStatement statement, DescribeStatementResponse description, int polls, int retries, TimeSpan elapsed)
    {
        Statement = statement;
        Description = description;
        Polls = polls;
        Retries = retries;
        Elapsed = elapsed;
    }

    public SqlStatement Statement { get; }

    public string Id => Description.Id!;

    /// <summary>The final DescribeStatement answer (status, duration, rows, query id...).</summary>
    public DescribeStatementResponse Description { get; }

    public bool HasResultSet => Description.HasResultSet ?? false;

    /// <summary>Rows returned or affected; null when the service does not know (it sends -1).</summary>
    public long? ResultRows => Description.ResultRows is >= 0 ? Description.ResultRows : null;

    public ResultFormatString ResultFormat => Description.ResultFormat ?? Statement.ResultFormat;

    /// <summary>The session the statement ran in, when it kept one alive.</summary>
    public string? SessionId => Description.SessionId;

    /// <summary>DescribeStatement calls made while waiting.</summary>
    public int Polls { get; }

    /// <summary>Retried calls (throttling, transient faults) while submitting and waiting.</summary>
    public int Retries { get; }

    /// <summary>Wall-clock time from submit to the final status.</summary>
    public TimeSpan Elapsed { get; }
}
