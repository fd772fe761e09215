namespace RedshiftTyped.Tool.Snapshots;

/// <summary>A snapshot file on disk: its text as read, and the table it holds.</summary>
public sealed record StoredSnapshot(string Path, TableSnapshot Table, string Text);

/// <summary>What a capture changed, table by table.</summary>
public sealed record CaptureSummary(
    IReadOnlyList<string> Added, IReadOnlyList<string> Changed, IReadOnlyList<string> Unchanged,
    IReadOnlyList<string> Removed, bool Pruned);

/// <summary>
/// The snapshot directory: reads every snapshot in it, merges a fresh capture with the hand-written overrides
/// already there, and writes each changed file atomically (a temporary file renamed over the old one), so a
/// failure at any point leaves every file either as it was or complete.
/// </summary>
public sealed class SnapshotStore(string root)
{
    public string Root { get; } = root;

    /// <summary>
    /// Every snapshot under the root. A malformed file stops everything: capture must not overwrite what it cannot read.
    /// So do two files that describe the same table (which one would capture update, check compare?).
    /// </summary>
    public IReadOnlyList<StoredSnapshot> ReadAll()
    {
        var snapshots = new List<StoredSnapshot>();
        var byTable = new Dictionary<(string, string, string), string>();
        foreach (string path in SnapshotLayout.Files(Root))
        {
            string text = File.ReadAllText(path);
            var snapshot = new StoredSnapshot(path, SnapshotJson.Read(text, path), text);
            if (!byTable.TryAdd(Key(snapshot.Table), path))
            {
                throw new SnapshotFormatException(
                    $"{path}(1,1): $.name: describes {snapshot.Table.Database}.{snapshot.Table.QualifiedName}, as {byTable[Key(snapshot.Table)]} does; " +
                    "keep one file per table (delete one, then run redshift-typed capture).");
            }

            snapshots.Add(snapshot);
        }

        return snapshots;
    }

    /// <summary>The captured table with the overrides of its existing snapshot carried over (by column name).</summary>
    public static TableSnapshot MergeOverrides(TableSnapshot captured, TableSnapshot? existing)
    {
        if (existing is null)
        {
            return captured;
        }

        var overrides = existing.Columns.Where(c => c.Override is not null).ToDictionary(c => c.Name, c => c.Override, StringComparer.Ordinal);
        return captured with
        {
            RecordName = existing.RecordName,
            Columns = captured.Columns.Select(c => overrides.TryGetValue(c.Name, out var o) ? c with { Override = o } : c).ToList(),
        };
    }

    /// <summary>
    /// Compares a capture with the stored snapshots (as <see cref="ReadAll"/> read them) of the same scope, writes
    /// the added and changed ones, and deletes the removed ones when <paramref name="prune"/>.
    /// </summary>
    public CaptureSummary Apply(IReadOnlyList<StoredSnapshot> stored, IReadOnlyList<TableSnapshot> captured,
        Func<TableSnapshot, bool> inScope, bool prune)
    {
        var existing = stored.ToDictionary(s => Key(s.Table), s => s);
        var added = new List<string>();
        var changed = new List<string>();
        var unchanged = new List<string>();
        foreach (var table in captured)
        {
            existing.TryGetValue(Key(table), out var previous);
            var merged = MergeOverrides(table, previous?.Table);
            string path = previous?.Path ?? SnapshotLayout.PathFor(Root, table.Database, table.Schema, table.Name);
            string text = SnapshotJson.Write(merged);
            if (previous is null)
            {
                added.Add(table.QualifiedName);
            }
            else if (previous.Text != text)
            {
                changed.Add(table.QualifiedName);
            }
            else
            {
                unchanged.Add(table.QualifiedName);
                continue;
            }

            WriteAtomically(path, text);
        }

        var capturedKeys = captured.Select(Key).ToHashSet();
        var removed = existing.Values.Where(s => inScope(s.Table) && !capturedKeys.Contains(Key(s.Table))).OrderBy(s => s.Table.QualifiedName, StringComparer.Ordinal).ToList();
        if (prune)
        {
            foreach (var gone in removed)
            {
                File.Delete(gone.Path);
            }
        }

        return new CaptureSummary(added, changed, unchanged, removed.Select(s => s.Table.QualifiedName).ToList(), prune);
    }

    /// <summary>Writes to a temporary file beside the target, flushes it to disk, then renames it over the target.</summary>
    public static void WriteAtomically(string path, string text)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        string temp = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path)!, $".{System.IO.Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                writer.Write(text);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    private static (string, string, string) Key(TableSnapshot table) => (table.Database, table.Schema, table.Name);
}
