namespace RedshiftTyped.Tool.Queries;

/// <summary>How one query differs between its committed snapshot and the warehouse, in lines a reviewer reads.</summary>
public sealed record QueryDiff(string Query, IReadOnlyList<string> Changes);

/// <summary>Compares a committed query snapshot's result columns with a fresh description (overrides are not compared).</summary>
public static class QueryColumnDiff
{
    public static List<string> Compare(IReadOnlyList<QueryColumnSnapshot> was, IReadOnlyList<QueryColumnSnapshot> now)
    {
        var changes = new List<string>();
        var before = was.GroupBy(c => c.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var after = now.GroupBy(c => c.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        // A column whose name changed in place (same position, old name gone, new name new) is a rename.
        var renamed = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < Math.Min(was.Count, now.Count); i++)
        {
            if (was[i].Name != now[i].Name && !after.ContainsKey(was[i].Name) && !before.ContainsKey(now[i].Name))
            {
                changes.Add($"column renamed: {was[i].Name} → {now[i].Name} (column {i + 1}, {now[i].Type})");
                renamed.Add(was[i].Name);
                renamed.Add(now[i].Name);
            }
        }

        foreach (var column in was.Where(c => !after.ContainsKey(c.Name) && !renamed.Contains(c.Name)))
        {
            changes.Add($"column removed: {column.Name} {column.Type}");
        }

        foreach (var column in now.Where(c => !before.ContainsKey(c.Name) && !renamed.Contains(c.Name)))
        {
            changes.Add($"column added: {column.Name} {column.Type}");
        }

        foreach (var column in now.Where(c => before.ContainsKey(c.Name)))
        {
            var old = before[column.Name];
            if (!SameType(old, column))
            {
                changes.Add($"column type changed: {column.Name} {old.Type} → {column.Type}");
            }

            if (old.ReportedNullable != column.ReportedNullable)
            {
                changes.Add($"column nullability changed: {column.Name} {Nullability(old.ReportedNullable)} → {Nullability(column.ReportedNullable)}");
            }
        }

        var commonBefore = was.Where(c => after.ContainsKey(c.Name)).Select(c => c.Name).ToList();
        var commonAfter = now.Where(c => before.ContainsKey(c.Name)).Select(c => c.Name).ToList();
        if (!commonBefore.SequenceEqual(commonAfter))
        {
            changes.Add($"column order changed: {string.Join(", ", commonBefore)} → {string.Join(", ", commonAfter)}");
        }

        return changes;
    }

    /// <summary>
    /// The same type, where what the service did not report (a numeric's precision, a character length) is not a
    /// difference: as the runtime's check on the first page compares them.
    /// </summary>
    private static bool SameType(QueryColumnSnapshot was, QueryColumnSnapshot now)
        => was.TypeName == now.TypeName
            && (now.Precision is null || (was.Precision == now.Precision && was.Scale == now.Scale))
            && (now.Length is null || was.Length is null || was.Length == now.Length);

    private static string Nullability(int reported) => reported switch
    {
        0 => "not null",
        1 => "nullable",
        _ => "unknown",
    };
}
