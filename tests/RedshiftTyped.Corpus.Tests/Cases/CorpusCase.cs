using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedshiftTyped.Corpus.Tests.Cases;

/// <summary>
/// One example of the Redshift Database Developer Guide: a self-contained statement and the output the guide prints.
/// The JSON form (one object per line of a suite's <c>cases.jsonl</c>) is the shared corpus's; see Suites/README.md.
/// </summary>
internal sealed record CorpusCase
{
    /// <summary><c>page#n</c>, unique in its suite.</summary>
    [JsonPropertyName("id")] public required string Id { get; init; }

    /// <summary>The guide's file, e.g. <c>doc_source/r_DATEADD_function.md</c>.</summary>
    [JsonPropertyName("page")] public required string Page { get; init; }

    /// <summary>The function family the rates are reported by (datetime, string, window, …).</summary>
    [JsonPropertyName("family")] public string Family { get; init; } = "";

    /// <summary>Statements run first, one by one: the example's own CREATE/INSERT.</summary>
    [JsonPropertyName("setup")] public IReadOnlyList<string> Setup { get; init; } = [];

    [JsonPropertyName("sql")] public required string Sql { get; init; }

    /// <summary>The column names the guide shows (compared case-insensitively); empty when it shows none.</summary>
    [JsonPropertyName("columns")] public IReadOnlyList<string> Columns { get; init; } = [];

    /// <summary>The rows as the guide prints them (psql-style text).</summary>
    [JsonPropertyName("rows")] public IReadOnlyList<IReadOnlyList<string>> Rows { get; init; } = [];

    /// <summary>False when the statement does not define the row order.</summary>
    [JsonPropertyName("ordered")] public bool Ordered { get; init; }

    /// <summary>Every hand correction of the guide is explained here.</summary>
    [JsonPropertyName("notes")] public string Notes { get; init; } = "";

    /// <summary>Set (non-empty) when the guide says the statement fails; the case passes when it does.</summary>
    [JsonPropertyName("expect_error")] public string? ExpectError { get; init; }

    /// <summary>With <see cref="Ordered"/>: the ORDER BY covers only these columns (0-based), so ties may come in any order.</summary>
    [JsonPropertyName("order_by_cols")] public IReadOnlyList<int>? OrderByColumns { get; init; }

    /// <summary>Only these columns (0-based) are compared, the others being nondeterministic.</summary>
    [JsonPropertyName("compare_cols")] public IReadOnlyList<int>? CompareColumns { get; init; }

    /// <summary>Other row sets the notes document as also correct.</summary>
    [JsonPropertyName("alt_rows")] public IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> AltRows { get; init; } = [];

    /// <summary>With <see cref="Ordered"/>: the guide prints only the first rows of the result.</summary>
    [JsonPropertyName("partial_rows")] public bool PartialRows { get; init; }

    /// <summary>Reads a <c>cases.jsonl</c> file; a malformed line or a repeated id is an error naming the file and line.</summary>
    public static IReadOnlyList<CorpusCase> ReadFile(string path)
    {
        var cases = new List<CorpusCase>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        int number = 0;
        foreach (string line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            CorpusCase? parsed;
            try
            {
                parsed = JsonSerializer.Deserialize<CorpusCase>(line, JsonOptions);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}:{number}: not a corpus case ({e.Message}); fix the line's JSON.");
            }

            if (parsed is null) throw new InvalidDataException($"{path}:{number}: null is not a corpus case; remove the line.");
            if (!ids.Add(parsed.Id)) throw new InvalidDataException($"{path}:{number}: case id {parsed.Id} appears twice; ids must be unique.");
            cases.Add(parsed);
        }

        return cases;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { RespectRequiredConstructorParameters = true, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };
}
