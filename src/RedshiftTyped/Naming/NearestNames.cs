namespace RedshiftTyped.Naming;

/// <summary>
/// Suggests what a misspelt name meant: the known names closest to it by edit distance, ignoring case, underscores and
/// hyphens (so <c>cluster-id</c> is near <c>cluster_identifier</c> and <c>Salesid</c> is <c>salesid</c>).
/// </summary>
internal static class NearestNames
{
    /// <summary>
    /// The known names within a small distance of <paramref name="name"/> (a third of its length, at least 2), closest
    /// first, at most <paramref name="max"/>; empty when nothing is near.
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
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(max)
            .Select(c => c.Name)
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

    /// <summary>Levenshtein edit distance.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
