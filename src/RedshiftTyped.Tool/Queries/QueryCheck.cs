namespace RedshiftTyped.Tool.Queries;

/// <summary>
/// <c>redshift-typed check</c> for typed queries: every query file is described again and compared with its committed
/// snapshot. A column's name, type, order or reported nullability that changed, a query that no longer compiles (with
/// Redshift's error at the file and line), a file edited since capture, and a file or snapshot without its pair are
/// each drift.
/// </summary>
internal static class QueryCheck
{
    public static async Task<IReadOnlyList<QueryDiff>> RunAsync(QueryWorkspace workspace, RedshiftClient client, string database,
        CancellationToken cancellationToken)
    {
        var storedByFile = workspace.Stored.GroupBy(s => s.Query.File, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var diffs = new List<QueryDiff>();
        foreach (var description in await workspace.DescribeAsync(client, database, cancellationToken))
        {
            var file = description.File;
            var changes = new List<string>();
            foreach (string failure in description.Failures)
            {
                changes.Add($"query no longer compiles: {failure}");
            }

            if (!storedByFile.TryGetValue(file.Key, out var stored))
            {
                changes.Add($"no query snapshot in {workspace.Store.Root}; run redshift-typed capture");
            }
            else
            {
                if (!string.Equals(stored.Query.Sha256, file.Source.Sha256, StringComparison.OrdinalIgnoreCase))
                {
                    changes.Add("the file changed since it was captured (its sha256 differs from the snapshot's); run redshift-typed capture");
                }

                if (description.Snapshot is { } live)
                {
                    changes.AddRange(QueryColumnDiff.Compare(stored.Query.Columns, live.Columns));
                    if (changes.Count == 0 && stored.Text != QuerySnapshotJson.Write(QuerySnapshotStore.Merge(live, stored.Query)))
                    {
                        changes.Add($"{stored.Path} is not in the form capture writes; run redshift-typed capture");
                    }
                }
            }

            if (changes.Count > 0)
            {
                diffs.Add(new QueryDiff(file.Path, changes));
            }
        }

        var keys = workspace.Files.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var orphan in workspace.Stored.Where(s => !keys.Contains(s.Query.File)).OrderBy(s => s.Query.File, StringComparer.Ordinal))
        {
            diffs.Add(new QueryDiff(orphan.Path, [$"its query file {orphan.Query.File} is gone from {workspace.Root}; redshift-typed capture --prune deletes the snapshot"]));
        }

        return diffs;
    }
}
