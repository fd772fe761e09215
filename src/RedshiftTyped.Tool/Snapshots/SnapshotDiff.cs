namespace RedshiftTyped.Tool.Snapshots;

/// <summary>How one table differs between its committed snapshot and the warehouse, in lines a reviewer reads.</summary>
public sealed record TableDiff(string Table, IReadOnlyList<string> Changes);

/// <summary>Compares committed snapshots with a fresh capture (hand-written overrides are not compared).</summary>
public static class SnapshotDiff
{
    public static IReadOnlyList<TableDiff> Compare(IReadOnlyList<TableSnapshot> committed, IReadOnlyList<TableSnapshot> live)
    {
        var diffs = new List<TableDiff>();
        var liveByName = live.ToDictionary(t => (t.Database, t.Schema, t.Name));
        var committedByName = committed.ToDictionary(t => (t.Database, t.Schema, t.Name));
        foreach (var table in committed.OrderBy(t => t.QualifiedName, StringComparer.Ordinal))
        {
            if (!liveByName.TryGetValue((table.Database, table.Schema, table.Name), out var now))
            {
                diffs.Add(new TableDiff(table.QualifiedName, ["table removed"]));
                continue;
            }

            var changes = Compare(table, now);
            if (changes.Count > 0)
            {
                diffs.Add(new TableDiff(table.QualifiedName, changes));
            }
        }

        foreach (var table in live.OrderBy(t => t.QualifiedName, StringComparer.Ordinal))
        {
            if (!committedByName.ContainsKey((table.Database, table.Schema, table.Name)))
            {
                diffs.Add(new TableDiff(table.QualifiedName, [$"table added ({table.Kind}, {table.Columns.Count} columns)"]));
            }
        }

        return diffs;
    }

    public static List<string> Compare(TableSnapshot was, TableSnapshot now)
    {
        var changes = new List<string>();
        if (was.Kind != now.Kind)
        {
            changes.Add($"kind changed: {was.Kind} → {now.Kind}");
        }

        var before = was.Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var after = now.Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        foreach (var column in was.Columns.Where(c => !after.ContainsKey(c.Name)))
        {
            changes.Add($"column removed: {column.Name} {column.Type}");
        }

        foreach (var column in now.Columns.Where(c => !before.ContainsKey(c.Name)))
        {
            changes.Add($"column added: {column.Name} {column.Type}{(column.Nullable ? "" : " not null")}");
        }

        foreach (var column in now.Columns.Where(c => before.ContainsKey(c.Name)))
        {
            var old = before[column.Name];
            if (old.Type != column.Type || old.TypeName != column.TypeName)
            {
                changes.Add($"column type changed: {column.Name} {old.Type} → {column.Type}");
            }

            if (old.Nullable != column.Nullable)
            {
                changes.Add($"column nullability changed: {column.Name} {(old.Nullable ? "null" : "not null")} → {(column.Nullable ? "null" : "not null")}");
            }

            if (old.Default != column.Default)
            {
                changes.Add($"column default changed: {column.Name} {old.Default ?? "none"} → {column.Default ?? "none"}");
            }

            if (old.Comment != column.Comment)
            {
                changes.Add($"column comment changed: {column.Name}");
            }
        }

        var commonBefore = was.Columns.Where(c => after.ContainsKey(c.Name)).Select(c => c.Name).ToList();
        var commonAfter = now.Columns.Where(c => before.ContainsKey(c.Name)).Select(c => c.Name).ToList();
        if (!commonBefore.SequenceEqual(commonAfter))
        {
            changes.Add($"column order changed: {string.Join(", ", commonBefore)} → {string.Join(", ", commonAfter)}");
        }

        AddIfChanged(changes, "primary key", was.PrimaryKey, now.PrimaryKey);
        AddIfChanged(changes, "sort key", was.SortKeys, now.SortKeys);
        if (was.DistStyle != now.DistStyle || was.DistKey != now.DistKey)
        {
            changes.Add($"distribution changed: {Dist(was)} → {Dist(now)}");
        }

        if (was.Comment != now.Comment)
        {
            changes.Add("table comment changed");
        }

        return changes;
    }

    private static void AddIfChanged(List<string> changes, string what, IReadOnlyList<string> was, IReadOnlyList<string> now)
    {
        if (!was.SequenceEqual(now))
        {
            changes.Add($"{what} changed: ({string.Join(", ", was)}) → ({string.Join(", ", now)})");
        }
    }

    private static string Dist(TableSnapshot t) => t.DistKey is null ? t.DistStyle ?? "unknown" : $"{t.DistStyle ?? "key"}({t.DistKey})";
}
