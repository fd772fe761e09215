using RedshiftTyped.Tool.Snapshots;

namespace RedshiftTyped.Tool.Queries;

/// <summary>A query snapshot file on disk: its text as read, and the snapshot it holds.</summary>
public sealed record StoredQuerySnapshot(string Path, QuerySnapshot Query, string Text);

/// <summary>What a capture changed, query by query (keys: the query files' paths below the queries folder).</summary>
public sealed record QueryCaptureSummary(
    IReadOnlyList<string> Added, IReadOnlyList<string> Changed, IReadOnlyList<string> Unchanged, IReadOnlyList<string> Removed, bool Pruned);

/// <summary>
/// The query snapshot directory (<c>query-snapshots/</c>): one file per query file, at the same path below it with
/// <c>.json</c> for <c>.sql</c> (<c>queries/tickit/top_events.sql</c> → <c>query-snapshots/tickit/top_events.json</c>),
/// so a reviewer sees each pair side by side. Kept apart from the table snapshots so that table tooling (capture's
/// <c>--prune</c>, check, the generator's <c>RedshiftSchema</c> items) never mistakes one for a table. Files are written
/// atomically, as table snapshots are, and hand-written overrides survive a re-capture.
/// </summary>
public sealed class QuerySnapshotStore(string root)
{
    public string Root { get; } = root;

    /// <summary>Where the snapshot of a query file goes.</summary>
    public string PathFor(string key)
    {
        string relative = key.EndsWith(".sql", StringComparison.OrdinalIgnoreCase) ? key[..^4] : key;
        return Path.Combine([Root, .. (relative + ".json").Split('/')]);
    }

    /// <summary>Every query snapshot under the root. A file that cannot be read stops everything, before anything is written.</summary>
    public IReadOnlyList<StoredQuerySnapshot> ReadAll()
        => SnapshotLayout.Files(Root).Select(path =>
        {
            string text = File.ReadAllText(path);
            return new StoredQuerySnapshot(path, QuerySnapshotJson.Read(text, path), text);
        }).ToList();

    /// <summary>
    /// The captured query with what its existing snapshot knew carried over, by column name: the hand-written overrides,
    /// and the precision and scale of a numeric column the service described without them (the local server's DuckDB
    /// backend does so for a result without rows; Redshift always reports them).
    /// </summary>
    public static QuerySnapshot Merge(QuerySnapshot captured, QuerySnapshot? existing)
    {
        if (existing is null)
        {
            return captured;
        }

        var before = existing.Columns.GroupBy(c => c.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return captured with
        {
            Columns = captured.Columns.Select(c =>
            {
                if (!before.TryGetValue(c.Name, out var old))
                {
                    return c;
                }

                var merged = c with { Override = old.Override };
                return c.TypeName == "numeric" && c.Precision is null && old.TypeName == "numeric" && old.Precision is not null
                    ? merged with { Type = old.Type, Precision = old.Precision, Scale = old.Scale }
                    : merged;
            }).ToList(),
        };
    }

    /// <summary>Writes the added and changed snapshots; deletes those of vanished query files when <paramref name="prune"/>.</summary>
    public QueryCaptureSummary Apply(IReadOnlyList<StoredQuerySnapshot> stored, IReadOnlyList<QuerySnapshot> captured, bool prune)
    {
        var existing = stored.GroupBy(s => s.Query.File, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var added = new List<string>();
        var changed = new List<string>();
        var unchanged = new List<string>();
        foreach (var query in captured)
        {
            existing.TryGetValue(query.File, out var previous);
            string text = QuerySnapshotJson.Write(Merge(query, previous?.Query));
            if (previous is null)
            {
                added.Add(query.File);
            }
            else if (previous.Text != text)
            {
                changed.Add(query.File);
            }
            else
            {
                unchanged.Add(query.File);
                continue;
            }

            SnapshotStore.WriteAtomically(previous?.Path ?? PathFor(query.File), text);
        }

        var capturedFiles = captured.Select(q => q.File).ToHashSet(StringComparer.Ordinal);
        var removed = stored.Where(s => !capturedFiles.Contains(s.Query.File)).OrderBy(s => s.Query.File, StringComparer.Ordinal).ToList();
        if (prune)
        {
            foreach (var gone in removed)
            {
                File.Delete(gone.Path);
            }
        }

        return new QueryCaptureSummary(added, changed, unchanged, removed.Select(s => s.Query.File).ToList(), prune);
    }
}
