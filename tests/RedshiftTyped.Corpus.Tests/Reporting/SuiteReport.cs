using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using RedshiftTyped.Corpus.Tests.Cases;

namespace RedshiftTyped.Corpus.Tests.Reporting;

/// <summary>One suite's results on one backend: the pass rate overall and per family, and the results files.</summary>
internal sealed class SuiteReport
{
    private static readonly JsonSerializerOptions LineOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public SuiteReport(CorpusSuite suite, string backend, IReadOnlyList<CaseResult> results)
    {
        Suite = suite;
        Backend = backend;
        Results = results;
        ById = results.ToDictionary(r => r.Id, StringComparer.Ordinal);
    }

    public CorpusSuite Suite { get; }

    public string Backend { get; }

    /// <summary>In the suite's order.</summary>
    public IReadOnlyList<CaseResult> Results { get; }

    public IReadOnlyDictionary<string, CaseResult> ById { get; }

    public int Passed => Results.Count(r => r.Passed);

    /// <summary>Percent of the suite's cases that pass.</summary>
    public double PassPercent => Results.Count == 0 ? 0 : 100.0 * Passed / Results.Count;

    /// <summary>The report printed after a run: overall, by status, by family, and where the details are.</summary>
    public string Text(string? resultsFile = null)
    {
        var text = new StringBuilder();
        var statuses = CaseStatus.All.Skip(1)
            .Select(s => (Status: s, Count: Results.Count(r => r.Status == s)))
            .Where(s => s.Count > 0)
            .Select(s => $"{s.Status} {s.Count}");
        int known = Results.Count(r => !r.Passed && Suite.KnownFailures.Find(r.Id, Backend) is not null);
        text.Append(CultureInfo.InvariantCulture,
            $"Corpus {Suite.Name} on {Backend}: {Passed}/{Results.Count} PASS ({PassPercent:0.0} %)");
        if (Suite.Gate is { } gate) text.Append(CultureInfo.InvariantCulture, $", gate {gate.MinimumPercent(Backend):0.0} %");
        foreach (string status in statuses) text.Append("; ").Append(status);
        text.Append(CultureInfo.InvariantCulture, $"; {known} of {Results.Count - Passed} failures listed as known\n");
        foreach (var family in Results.GroupBy(r => r.Family).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            int passed = family.Count(r => r.Passed), total = family.Count();
            text.Append(CultureInfo.InvariantCulture, $"  {family.Key,-28} {passed,4}/{total,-4} {100.0 * passed / total,6:0.0} %\n");
        }

        if (resultsFile is not null) text.Append(CultureInfo.InvariantCulture, $"  every case: {resultsFile}\n");
        return text.ToString();
    }

    /// <summary>
    /// Writes <c>SUITE.BACKEND.jsonl</c> (one result per line, run_corpus.py's members) and <c>SUITE.BACKEND.txt</c>
    /// (the report, then one line per case) into <paramref name="folder"/>, each atomically; returns the text file's path.
    /// </summary>
    public string WriteFiles(string folder)
    {
        Directory.CreateDirectory(folder);
        string stem = Path.Combine(folder, $"{Suite.Name}.{Backend}");
        var lines = new StringBuilder();
        foreach (var result in Results) lines.Append(JsonSerializer.Serialize(result, LineOptions)).Append('\n');
        WriteAtomically(stem + ".jsonl", lines.ToString());

        var text = new StringBuilder(Text());
        text.Append('\n');
        foreach (var result in Results)
        {
            string known = !result.Passed && Suite.KnownFailures.Find(result.Id, Backend) is { } entry ? $" [known: {entry.Reason}]" : "";
            text.Append(CultureInfo.InvariantCulture, $"{result.Id}\t{result.Family}\t{result.Summary()}{known}\n");
        }

        WriteAtomically(stem + ".txt", text.ToString());
        return stem + ".txt";
    }

    private static void WriteAtomically(string path, string content)
    {
        string temporary = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            File.WriteAllText(temporary, content, new UTF8Encoding(false));
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
