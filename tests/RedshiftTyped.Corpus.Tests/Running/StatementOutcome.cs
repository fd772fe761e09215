namespace RedshiftTyped.Corpus.Tests.Running;

/// <summary>
/// How one statement ended, as run_corpus.py's <c>execute</c> reports it: FINISHED with its result, or FAILED/ABORTED
/// with the error text.
/// </summary>
internal sealed record StatementOutcome
{
    public const string Finished = "FINISHED";
    public const string Failed = "FAILED";

    /// <summary>FINISHED, FAILED or ABORTED.</summary>
    public required string Status { get; init; }

    public string Error { get; init; } = "";

    /// <summary>DescribeStatement's HasResultSet.</summary>
    public bool HasResult { get; init; }

    /// <summary>The result's column labels (the name where the label is empty); <c>null</c> when there was no result to read.</summary>
    public IReadOnlyList<string?>? Columns { get; init; }

    /// <summary>The result's typeName per column.</summary>
    public IReadOnlyList<string?> Types { get; init; } = [];

    /// <summary>
    /// The rows, each value as the reference runner sees it: <c>null</c>, <see cref="string"/>, <see cref="long"/>,
    /// <see cref="double"/>, <see cref="bool"/>, and blobs as lower-case hex text.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<object?>> Rows { get; init; } = [];

    public bool IsFinished => Status == Finished;

    public static StatementOutcome Failure(string error, string status = Failed) => new() { Status = status, Error = error };
}
