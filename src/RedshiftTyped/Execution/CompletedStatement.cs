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

    /// <summary>The statement as it was submitted (SQL and parameters).</summary>
    public SqlStatement Statement { get; }

    /// <summary>The statement id the Data API gave, for DescribeStatement, GetStatementResult and ListStatements.</summary>
    public string Id => Description.Id!;

    /// <summary>The final DescribeStatement answer (status, duration, rows, query id...).</summary>
    public DescribeStatementResponse Description { get; }

    /// <summary>True when the statement returned rows to read (a SELECT), false for DDL and DML.</summary>
    public bool HasResultSet => Description.HasResultSet ?? false;

    /// <summary>Rows returned or affected; null when the service does not know (it sends -1).</summary>
    public long? ResultRows => Description.ResultRows is >= 0 ? Description.ResultRows : null;

    /// <summary>The format its result is read in: JSON (GetStatementResult) or CSV (GetStatementResultV2).</summary>
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
