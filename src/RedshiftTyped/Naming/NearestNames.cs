namespace RedshiftTyped.Naming;

/// <summary>
/// Suggests what a misspelt name meant: the known names closest to it by edit distance, ignoring case, underscores and
/// hyphens (so <c>cluster-id</c> is near <c>cluster_identifier</c> and <c>Salesid</c> is <c>salesid</c>).
/// </summary>
internal static class NearestNames
{
    /// <summary>
    /// The known names closest to <paramref name="name"/> (all that tie, in ordinal order, at most <paramref name="max"/>)
    /// within a small distance (a third of its length, at least 2); empty when nothing is near.
    /// </summary>
    public static IReadOnlyList<string> Find(string name, IEnumerable<string> known, int max = 3)
    {
        string folded = Fold(name);
        int limit = Math.Max(2, folded.Length / 3);
        return known
            .Select(k => (Name: k, Distance: Fold(k) == folded ? 0 : Distance(Fold(k), folded)))
            .Concat(known.Where(k => Fold(k).StartsWith(folded, StringComparison.Ordinal) && folded.Length >= 3).Select(k => (Name: k, Distance: limit)))
            .Where(c => c.Distance <= limit)
            .GroupBy(c => c.Name, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Distance: g.Min(c => c.Distance)))
            .GroupBy(c => c.Distance)
            .OrderBy(g => g.Key)
            .Take(1) // only the closest: "destination_tabel" means destination_table, not also destination_schema
            .SelectMany(g => g.Select(c => c.Name).Order(StringComparer.Ordinal))
            .Take(max)
            .ToList();
    }

    /// <summary><c> (did you mean a or b?)</c>, or nothing when no known name is near.</summary>
    public static string DidYouMean(string name, IEnumerable<string> known)
    {
        var near = Find(name, known);
        return near.Count == 0 ? string.Empty : $" (did you mean {string.Join(" or ", near)}?)";
    }

    private static string Fold(string name)
        => name.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();

    /// <summary>Levenshtein edit distance (Quickenshtein: a maintained, allocation-free implementation).</summary>
    private static int Distance(string a, string b) => Quickenshtein.Levenshtein.GetDistance(a, b);
}
