using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Reading;

namespace RedshiftTyped.Queries;

/// <summary>How a typed query runs: result format, time limit, statement name, and whether the result is checked.</summary>
public sealed class QueryOptions
{
    /// <summary>JSON (GetStatementResult, the default) or CSV (GetStatementResultV2).</summary>
    public ResultFormatString ResultFormat { get; init; } = ResultFormatString.JSON;

    /// <summary>The longest the statement may run before it is cancelled on the server.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>A name to find the statement by in ListStatements.</summary>
    public string? StatementName { get; init; }

    /// <summary>
    /// <see cref="SchemaCheck.Off"/> skips comparing the result's columns (names, types, order) with the query snapshot the
    /// code was compiled from; any other value compares them on the first page, before a row is decoded.
    /// </summary>
    public SchemaCheck SchemaCheck { get; init; } = SchemaCheck.Default;
}
