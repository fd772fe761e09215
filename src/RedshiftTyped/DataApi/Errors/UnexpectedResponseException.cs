using System.Text.Json;

namespace RedshiftTyped.DataApi.Errors;

/// <summary>
/// The endpoint answered something that is not an answer of the operation's AWS model: a member of the wrong JSON type
/// (an ISO date where the model says epoch seconds), a required member missing, JSON cut short, HTML, an empty body, or
/// more bytes than any Data API answer holds (<see cref="ResponseTooLargeException"/>). Not a network failure, and not
/// retried: the same endpoint answers the same way. Usually the endpoint is not a Data API endpoint (a proxy, a
/// captive portal, a wrong URL) or is an incompatible emulator.
/// </summary>
public class UnexpectedResponseException : Exception
{
    /// <summary>An answer of <paramref name="operation"/> from <paramref name="endpoint"/> that does not fit its model.</summary>
    /// <param name="operation">The call, e.g. <c>RedshiftData.DescribeStatement</c>.</param>
    /// <param name="endpoint">The endpoint that answered.</param>
    /// <param name="jsonPath">Where in the answer's JSON the problem is, or null when it is not in the JSON (cut short, not JSON).</param>
    /// <param name="problem">What is wrong, e.g. <c>expected a number of epoch seconds, found a string</c>.</param>
    /// <param name="inner">The reader's exception.</param>
    public UnexpectedResponseException(string operation, Uri endpoint, string? jsonPath, string problem, Exception? inner = null)
        : base(Format(operation, endpoint, jsonPath, problem), inner)
    {
        Operation = operation;
        Endpoint = endpoint;
        JsonPath = jsonPath;
    }

    /// <summary>The call, e.g. <c>RedshiftData.DescribeStatement</c>.</summary>
    public string Operation { get; }

    /// <summary>The endpoint that answered.</summary>
    public Uri Endpoint { get; }

    /// <summary>Where in the answer's JSON the problem is (<c>$.ColumnMetadata[0].nullable</c>), when it is in the JSON.</summary>
    public string? JsonPath { get; }

    /// <summary>A JSON answer that does not fit the operation's model, located by the deserializer's path.</summary>
    internal static UnexpectedResponseException FromJson(string operation, Uri endpoint, JsonException exception)
    {
        string problem = exception.Message;
        // System.Text.Json appends " Path: $.x | LineNumber: 0 | BytePositionInLine: 12." to its messages; the path is kept apart.
        int at = problem.IndexOf(" Path: ", StringComparison.Ordinal);
        if (at > 0)
        {
            problem = problem[..at];
        }

        if (exception.Path is null && exception.LineNumber is { } line)
        {
            problem += $" (line {line + 1}, byte {exception.BytePositionInLine + 1})";
        }

        return new UnexpectedResponseException(operation, endpoint, exception.Path, problem.TrimEnd('.'), exception);
    }

    private static string Format(string operation, Uri endpoint, string? jsonPath, string problem)
        => $"{operation} at {endpoint.GetLeftPart(UriPartial.Authority)} answered something that is not a Data API answer" +
           $"{(jsonPath is null ? "" : $" at {jsonPath}")}: {problem}. Check that the endpoint is a Redshift Data API endpoint (--endpoint, region).";
}

/// <summary>
/// An answer longer than any the Data API sends (<see cref="LimitBytes"/>): it was not read further, so a broken or
/// hostile endpoint cannot exhaust the client's memory.
/// </summary>
public sealed class ResponseTooLargeException(string operation, Uri endpoint, long limitBytes)
    : UnexpectedResponseException(operation, endpoint, null,
        $"the answer is longer than {limitBytes / (1024 * 1024)} MiB, more than the Data API sends in one answer; it was not read further")
{
    /// <summary>The most bytes read from one answer.</summary>
    public long LimitBytes { get; } = limitBytes;
}
