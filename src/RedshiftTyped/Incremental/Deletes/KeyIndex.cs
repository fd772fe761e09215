using System.Numerics;
using RedshiftTyped.Incremental.Offsets;

namespace RedshiftTyped.Incremental.Deletes;

/// <summary>
/// The keys a table had at the last read, in buckets by their hash (<see cref="KeyDigestSql"/>): each bucket's row count
/// and hash sum (its digest) and its keys. A read compares every bucket's digest, computed in Redshift, with this one and
/// fetches the keys of the buckets that differ only; the keys that were here and are not there any more were deleted.
/// A bucket's digest is always computed from the keys stored with it, so the two never disagree.
/// </summary>
internal sealed class KeyIndex
{
    /// <summary>No more buckets than this: a digest result of at most 16M rows.</summary>
    public const int MaxBuckets = 1 << 24;

    public KeyIndex(int buckets, int bucketRows, SortedDictionary<int, KeyBucket>? byBucket = null)
    {
        Buckets = buckets;
        BucketRows = bucketRows;
        ByBucket = byBucket ?? [];
    }

    /// <summary>How many buckets the keys are hashed into: a power of two.</summary>
    public int Buckets { get; }

    /// <summary>The keys per bucket the bucket count was chosen for.</summary>
    public int BucketRows { get; }

    /// <summary>The non-empty buckets by number.</summary>
    public SortedDictionary<int, KeyBucket> ByBucket { get; }

    public long Rows => ByBucket.Values.Sum(b => (long)b.Keys.Count);

    /// <summary>The power of two of buckets that holds about <paramref name="bucketRows"/> keys each.</summary>
    public static int BucketsFor(long rows, int bucketRows)
    {
        long wanted = Math.Max(1, (rows + bucketRows - 1) / bucketRows);
        int buckets = 1;
        while (buckets < wanted && buckets < MaxBuckets)
        {
            buckets <<= 1;
        }

        return buckets;
    }

    /// <summary>Whether the table grew so far past the bucket count that buckets hold four times the keys they were sized for.</summary>
    public bool Outgrown(long rows) => Buckets < MaxBuckets && rows > 4L * Buckets * BucketRows;

    /// <summary>An index of these keys with their hashes, in <paramref name="buckets"/> buckets.</summary>
    public static KeyIndex Build(int buckets, int bucketRows, IEnumerable<(object?[] Key, long Hash)> keys)
    {
        var index = new KeyIndex(buckets, bucketRows);
        foreach (var (key, hash) in keys)
        {
            index.Add(key, hash);
        }

        return index;
    }

    public void Add(object?[] key, long hash)
    {
        int bucket = (int)(hash % Buckets);
        if (!ByBucket.TryGetValue(bucket, out var entry))
        {
            ByBucket[bucket] = entry = new KeyBucket();
        }

        entry.Keys.Add(key);
        entry.Sum += hash;
    }

    public IEnumerable<object?[]> AllKeys => ByBucket.Values.SelectMany(b => b.Keys);
}

/// <summary>One bucket: its keys and their hash sum. The row count is the number of keys.</summary>
internal sealed class KeyBucket
{
    public List<object?[]> Keys { get; } = [];

    public BigInteger Sum { get; set; }

    public long Rows => Keys.Count;

    public bool Matches(long rows, BigInteger sum) => rows == Rows && sum == Sum;

    public HashSet<string> KeyTexts() => Keys.Select(k => OffsetValues.KeyText(k)).ToHashSet(StringComparer.Ordinal);
}
