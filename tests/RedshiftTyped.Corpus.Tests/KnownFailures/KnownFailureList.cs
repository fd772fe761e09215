using System.Globalization;

namespace RedshiftTyped.Corpus.Tests.KnownFailures;

/// <summary>One line of a known-failures file: a case that fails on a backend, and why.</summary>
internal sealed record KnownFailure(string CaseId, string Backend, string Reason, int Line)
{
    public bool Covers(string backend) => Backend == KnownFailureList.BothBackends || Backend == backend;
}

/// <summary>
/// A suite's <c>known-failures.tsv</c>: the cases that fail today, with the reason (<c>case id TAB backend TAB reason</c>;
/// backend <c>duckdb</c>, <c>postgres</c> or <c>both</c>; <c>#</c> starts a comment line). A listed case that fails is
/// reported, not failed; an unlisted one that fails fails its test; a listed one that passes fails its test too, so
/// the list stays true. Lines that cannot be used are collected in <see cref="Errors"/> (a test asserts there are none).
/// </summary>
internal sealed class KnownFailureList
{
    public const string BothBackends = "both";
    public static readonly IReadOnlyList<string> Backends = ["duckdb", "postgres"];

    private readonly Dictionary<string, List<KnownFailure>> _byCase = new(StringComparer.Ordinal);

    private KnownFailureList(string source) => Source = source;

    /// <summary>The file, as a path from the repository root (what a message tells the reader to edit).</summary>
    public string Source { get; }

    public IReadOnlyList<string> Errors => _errors;

    public int Count => _byCase.Values.Sum(list => list.Count);

    private readonly List<string> _errors = [];

    /// <summary>Parses the file's lines; <paramref name="caseIds"/> are the suite's cases (an unknown id is an error).</summary>
    public static KnownFailureList Parse(string source, IEnumerable<string> lines, IReadOnlySet<string> caseIds)
    {
        var list = new KnownFailureList(source);
        int number = 0;
        foreach (string raw in lines)
        {
            number++;
            string line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0 || line.StartsWith('#')) continue;
            string[] fields = line.Split('\t');
            if (fields.Length != 3)
            {
                list.Error(number, $"expected 3 tab-separated fields (case id, backend, reason), found {fields.Length}");
                continue;
            }

            string id = fields[0].Trim(), backend = fields[1].Trim().ToLowerInvariant(), reason = fields[2].Trim();
            if (!caseIds.Contains(id))
            {
                list.Error(number, $"case {id} is not in the suite; remove the line or correct the id");
            }
            else if (backend != BothBackends && !Backends.Contains(backend))
            {
                list.Error(number, $"backend \"{fields[1]}\" is not duckdb, postgres or both");
            }
            else if (reason.Length == 0)
            {
                list.Error(number, $"case {id} has no reason; say why it fails (e.g. the unsupported feature)");
            }
            else if ((backend == BothBackends ? Backends : [backend]).Select(b => list.Find(id, b)).FirstOrDefault(e => e is not null) is { } earlier)
            {
                list.Error(number, $"case {id} on {backend} is already listed on line {earlier.Line}");
            }
            else
            {
                if (!list._byCase.TryGetValue(id, out var entries)) list._byCase[id] = entries = [];
                entries.Add(new KnownFailure(id, backend, reason, number));
            }
        }

        return list;
    }

    /// <summary>The entry that lists <paramref name="caseId"/> as failing on <paramref name="backend"/>, if any.</summary>
    public KnownFailure? Find(string caseId, string backend)
        => _byCase.TryGetValue(caseId, out var entries) ? entries.FirstOrDefault(e => e.Covers(backend)) : null;

    private void Error(int line, string message)
        => _errors.Add(string.Create(CultureInfo.InvariantCulture, $"{Source}:{line}: {message}"));
}
