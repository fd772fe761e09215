using System.Text.Json.Serialization;

namespace RedshiftTyped.Corpus.Tests.Reporting;

/// <summary>The statuses of run_corpus.py, spelled as it spells them.</summary>
internal static class CaseStatus
{
    public const string Pass = "PASS";
    public const string FailValue = "FAIL-value";
    public const string FailColumnName = "FAIL-columnname";
    public const string FailError = "FAIL-error";

    /// <summary>The setup failed, so the statement was not run.</summary>
    public const string Skip = "SKIP";

    public static readonly IReadOnlyList<string> All = [Pass, FailValue, FailColumnName, FailError, Skip];
}

/// <summary>One case's outcome on one backend: one line of the results file, with run_corpus.py's member names.</summary>
internal sealed record CaseResult
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("page")] public required string Page { get; init; }
    [JsonPropertyName("family")] public required string Family { get; init; }
    [JsonPropertyName("backend")] public required string Backend { get; init; }
    [JsonPropertyName("status")] public required string Status { get; init; }

    /// <summary>What differed (values, columns), or why an expected error counts.</summary>
    [JsonPropertyName("detail")] public string? Detail { get; init; }

    /// <summary>The statement's (or the setup's) error text.</summary>
    [JsonPropertyName("error")] public string? Error { get; init; }

    [JsonPropertyName("sql")] public required string Sql { get; init; }
    [JsonPropertyName("expected_columns")] public IReadOnlyList<string>? ExpectedColumns { get; init; }
    [JsonPropertyName("actual_columns")] public IReadOnlyList<string?>? ActualColumns { get; init; }
    [JsonPropertyName("actual_types")] public IReadOnlyList<string?>? ActualTypes { get; init; }
    [JsonPropertyName("expected_rows")] public IReadOnlyList<IReadOnlyList<string>>? ExpectedRows { get; init; }

    /// <summary>The first 60 result rows, rendered (<c>t</c>/<c>f</c>, NULL as null).</summary>
    [JsonPropertyName("actual_rows")] public IReadOnlyList<IReadOnlyList<string?>>? ActualRows { get; init; }

    [JsonPropertyName("seconds")] public double Seconds { get; init; }

    [JsonIgnore] public bool Passed => Status == CaseStatus.Pass;

    /// <summary>One line for a test message or a report: status, then the detail or the error.</summary>
    public string Summary()
    {
        string why = !string.IsNullOrEmpty(Detail) ? Detail : Error ?? "";
        why = string.Join(' ', why.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return string.IsNullOrEmpty(why) ? Status : $"{Status}: {why}";
    }
}
