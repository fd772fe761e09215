using RedshiftTyped.Corpus.Tests.KnownFailures;

namespace RedshiftTyped.Corpus.Tests.Cases;

/// <summary>
/// One folder of Suites/: its cases (<c>cases.jsonl</c>), the cases known to fail (<c>known-failures.tsv</c>) and,
/// for a gated suite, the lowest pass rate per backend (<c>pass-rate-gate.tsv</c>).
/// </summary>
internal sealed class CorpusSuite
{
    /// <summary>Where the suites are in the repository, for messages that tell the reader which file to edit.</summary>
    public const string RepositoryFolder = "tests/RedshiftTyped.Corpus.Tests/Suites";

    /// <summary>The 242 cases copied into Suites/redshift-docs (source and licences: its PROVENANCE.md), gated.</summary>
    public static CorpusSuite Shared => SharedSuite.Value;

    /// <summary>Our own cases from other pages of the same guide; reported, not gated.</summary>
    public static CorpusSuite Extra => ExtraSuite.Value;

    public static IReadOnlyList<CorpusSuite> All => [Shared, Extra];

    private static readonly Lazy<CorpusSuite> SharedSuite = new(() => Load("redshift-docs"));
    private static readonly Lazy<CorpusSuite> ExtraSuite = new(() => Load("redshift-docs-extra"));

    private CorpusSuite(string name, IReadOnlyList<CorpusCase> cases, KnownFailureList knownFailures, PassRateGate? gate)
    {
        Name = name;
        Cases = cases;
        KnownFailures = knownFailures;
        Gate = gate;
    }

    /// <summary>The folder's name, e.g. <c>redshift-docs</c>.</summary>
    public string Name { get; }

    public IReadOnlyList<CorpusCase> Cases { get; }

    public KnownFailureList KnownFailures { get; }

    /// <summary>The pass-rate thresholds; <c>null</c> for a suite that is only reported.</summary>
    public PassRateGate? Gate { get; }

    public CorpusCase Case(string id) => Cases.FirstOrDefault(c => c.Id == id)
        ?? throw new ArgumentException($"Suite {Name} has no case {id}.", nameof(id));

    private static CorpusSuite Load(string name)
    {
        string folder = Path.Combine(AppContext.BaseDirectory, "Suites", name);
        string source = $"{RepositoryFolder}/{name}";
        var cases = CorpusCase.ReadFile(Path.Combine(folder, "cases.jsonl"));
        var ids = cases.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        string knownFailuresPath = Path.Combine(folder, "known-failures.tsv");
        var knownFailures = KnownFailureList.Parse($"{source}/known-failures.tsv",
            File.Exists(knownFailuresPath) ? File.ReadLines(knownFailuresPath) : [], ids);
        string gatePath = Path.Combine(folder, "pass-rate-gate.tsv");
        var gate = File.Exists(gatePath) ? PassRateGate.Parse($"{source}/pass-rate-gate.tsv", File.ReadLines(gatePath)) : null;
        return new CorpusSuite(name, cases, knownFailures, gate);
    }
}
