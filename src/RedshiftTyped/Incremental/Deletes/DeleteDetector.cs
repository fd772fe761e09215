using System.Globalization;
using System.Numerics;
using RedshiftTyped.Execution;
using RedshiftTyped.Incremental.Offsets;
using RedshiftTyped.Reading;

namespace RedshiftTyped.Incremental.Deletes;

/// <summary>What one delete scan found: the keys deleted since the previous index, and the new index.</summary>
internal sealed record DeleteScan(KeyIndex Index, IReadOnlyList<object?[]> Deleted, IReadOnlyList<string> StatementIds, long KeysFetched, int BucketsFetched);

/// <summary>
/// Finds the keys deleted since the previous read without reading the table: one statement computes every bucket's
/// digest in Redshift (<see cref="KeyDigestSql"/>), and a second fetches the keys of the buckets whose digest differs
/// from the index's. The first scan (no index), a change of bucket size, a table grown past four times its buckets, or
/// more than half the buckets changed fetch every key instead (and build the index anew).
/// </summary>
internal sealed class DeleteDetector(RedshiftClient client, string tableName, IReadOnlyList<string> keys, KeyDigestSql sql, int bucketRows)
{
    private readonly List<string> _statementIds = [];

    public async Task<DeleteScan> ScanAsync(KeyIndex? previous, CancellationToken cancellationToken)
    {
        if (previous is null || previous.BucketRows != bucketRows)
        {
            return await RebuildAsync(previous, rowsHint: null, cancellationToken).ConfigureAwait(false);
        }

        var digests = await DigestsAsync(previous.Buckets, cancellationToken).ConfigureAwait(false);
        long rows = digests.Values.Sum(d => d.Rows);
        var changed = digests.Where(d => !previous.ByBucket.TryGetValue(d.Key, out var bucket) || !bucket.Matches(d.Value.Rows, d.Value.Sum))
            .Select(d => d.Key)
            .Concat(previous.ByBucket.Keys.Where(b => !digests.ContainsKey(b)))
            .ToHashSet();
        if (previous.Outgrown(rows) || changed.Count * 2L > previous.Buckets)
        {
            return await RebuildAsync(previous, rows, cancellationToken).ConfigureAwait(false);
        }

        if (changed.Count == 0)
        {
            return new DeleteScan(previous, [], _statementIds, 0, 0);
        }

        var fetched = new KeyIndex(previous.Buckets, bucketRows);
        long keysFetched = 0;
        await foreach (var (key, hash) in KeysAsync(previous.Buckets, changed, cancellationToken).ConfigureAwait(false))
        {
            fetched.Add(key, hash);
            keysFetched++;
        }

        var index = new KeyIndex(previous.Buckets, bucketRows, new SortedDictionary<int, KeyBucket>(previous.ByBucket));
        var deleted = new List<object?[]>();
        foreach (int bucket in changed)
        {
            var now = fetched.ByBucket.GetValueOrDefault(bucket);
            if (previous.ByBucket.TryGetValue(bucket, out var before))
            {
                var remaining = now?.KeyTexts() ?? [];
                deleted.AddRange(before.Keys.Where(k => !remaining.Contains(OffsetValues.KeyText(k))));
            }

            if (now is null)
            {
                index.ByBucket.Remove(bucket);
            }
            else
            {
                index.ByBucket[bucket] = now;
            }
        }

        return new DeleteScan(index, Sorted(deleted), _statementIds, keysFetched, changed.Count);
    }

    /// <summary>Every key, into a new index sized for the table; the keys of the previous index that are gone were deleted.</summary>
    private async Task<DeleteScan> RebuildAsync(KeyIndex? previous, long? rowsHint, CancellationToken cancellationToken)
    {
        var all = new List<(object?[] Key, long Hash)>(rowsHint is { } hint ? (int)Math.Min(hint, 1 << 24) : 0);
        await foreach (var entry in KeysAsync(1, only: null, cancellationToken).ConfigureAwait(false))
        {
            all.Add(entry);
        }

        var index = KeyIndex.Build(KeyIndex.BucketsFor(all.Count, bucketRows), bucketRows, all);
        var deleted = new List<object?[]>();
        if (previous is not null)
        {
            var remaining = all.Select(e => OffsetValues.KeyText(e.Key)).ToHashSet(StringComparer.Ordinal);
            deleted.AddRange(previous.AllKeys.Where(k => !remaining.Contains(OffsetValues.KeyText(k))));
        }

        return new DeleteScan(index, Sorted(deleted), _statementIds, all.Count, index.Buckets);
    }

    private async Task<Dictionary<int, (long Rows, BigInteger Sum)>> DigestsAsync(int buckets, CancellationToken cancellationToken)
    {
        var digests = new Dictionary<int, (long, BigInteger)>();
        await foreach (var row in RunAsync(sql.Digest(buckets), cancellationToken).ConfigureAwait(false))
        {
            if (row[0] is null)
            {
                throw NullKeys(Convert.ToInt64(row[1], CultureInfo.InvariantCulture));
            }

            digests[(int)Convert.ToInt64(row[0], CultureInfo.InvariantCulture)] =
                (Convert.ToInt64(row[1], CultureInfo.InvariantCulture), BigInteger.Parse((string)row[2]!, CultureInfo.InvariantCulture));
        }

        return digests;
    }

    private async IAsyncEnumerable<(object?[] Key, long Hash)> KeysAsync(int buckets, IReadOnlyCollection<int>? only,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in RunAsync(sql.Keys(buckets, only), cancellationToken).ConfigureAwait(false))
        {
            if (row[keys.Count] is not { } hash)
            {
                throw NullKeys(null);
            }

            var key = new object?[keys.Count];
            for (int i = 0; i < key.Length; i++)
            {
                key[i] = row[i];
            }

            yield return (key, Convert.ToInt64(hash, CultureInfo.InvariantCulture));
        }
    }

    private async IAsyncEnumerable<RedshiftRow> RunAsync(SqlStatement statement,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var completed = await client.ExecuteAsync(statement, cancellationToken).ConfigureAwait(false);
        _statementIds.Add(completed.Id);
        RedshiftRowSchema? schema = null;
        await foreach (var page in client.ReadPagesAsync(completed, cancellationToken).ConfigureAwait(false))
        {
            schema ??= new RedshiftRowSchema(page.Columns);
            foreach (var values in page.DecodeRows())
            {
                yield return new RedshiftRow(schema, values);
            }
        }
    }

    private InvalidOperationException NullKeys(long? rows) => new(
        $"{(rows is { } n ? n.ToString("N0", CultureInfo.InvariantCulture) + " rows" : "Rows")} of {tableName} have NULL in a key column " +
        $"({string.Join(", ", keys)}): deletes are found by key, so key columns must never be NULL. Choose key columns that identify every row, " +
        "or filter the NULL keys out.");

    private static List<object?[]> Sorted(List<object?[]> keys)
        => [.. keys.OrderBy(k => OffsetValues.KeyText(k), StringComparer.Ordinal)];
}
