using System.Text.RegularExpressions;
using RedshiftTyped.Corpus.Tests.Cases;

namespace RedshiftTyped.Corpus.Tests.Running;

/// <summary>
/// Which cases may run at the same time on one server. Cases that mention a name some case creates (many pages create
/// <c>t</c>, <c>orders</c> or <c>winsales</c>) form one chain, run in file order as run_corpus.py runs them; chains
/// share no names, so they run concurrently without seeing each other's tables. The grouping is conservative: a
/// mention as an alias or a column also chains the cases, which only costs concurrency.
/// </summary>
internal static partial class CaseSchedule
{
    /// <summary>The chains, each in file order, ordered by their first case.</summary>
    public static IReadOnlyList<IReadOnlyList<CorpusCase>> Chains(IReadOnlyList<CorpusCase> cases)
    {
        var createdNames = cases
            .SelectMany(c => CreatedObjects.Of(c.Setup))
            .Select(o => NormalizedName(o.Name.Split('.')[^1]))
            .ToHashSet(StringComparer.Ordinal);

        var parent = Enumerable.Range(0, cases.Count).ToArray();
        int Root(int i) => parent[i] == i ? i : parent[i] = Root(parent[i]);
        var ownerOfName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < cases.Count; i++)
        {
            foreach (string name in Mentions(cases[i]).Where(createdNames.Contains))
            {
                if (ownerOfName.TryGetValue(name, out int other)) parent[Root(i)] = Root(other);
                else ownerOfName[name] = i;
            }
        }

        return [.. Enumerable.Range(0, cases.Count)
            .GroupBy(Root)
            .OrderBy(group => group.Min())
            .Select(group => (IReadOnlyList<CorpusCase>)[.. group.Order().Select(i => cases[i])])];
    }

    private static IEnumerable<string> Mentions(CorpusCase corpusCase)
        => corpusCase.Setup.Append(corpusCase.Sql).SelectMany(sql => Word().Matches(sql)).Select(m => NormalizedName(m.Value));

    private static string NormalizedName(string name) => name.Trim('"').ToLowerInvariant();

    [GeneratedRegex(@"[A-Za-z0-9_$]+|""[^""]+""")]
    private static partial Regex Word();
}
