using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Text;

namespace RedshiftTyped.Benchmarks.LocalServer;

/// <summary>
/// What the process's <c>ArrayPool&lt;T&gt;.Shared</c> pools hold, from the runtime's "System.Buffers.ArrayPoolEventSource"
/// (BufferAllocated / Rented / Returned / Trimmed / Dropped): per element type and array length, how many arrays the pool
/// created, how many it holds at the end (returned, neither trimmed nor dropped), their bytes, and how many threads rented
/// them. <see cref="TransportMemoryHarness"/>'s child turns it on with <c>RT_CHILD_ARRAYPOOL=1</c>, to tell what grows with
/// the row count. Each pool's element type is learned by renting one array from each candidate pool at the start (the
/// events carry a pool id, not a type).
/// </summary>
internal sealed class ArrayPoolCensus : EventListener
{
    private readonly ConcurrentDictionary<int, (string Type, int ElementBytes)> _pools = new();
    private readonly ConcurrentDictionary<(int Pool, int Length), Bucket> _buckets = new();
    private readonly ConcurrentDictionary<int, bool> _held = new(); // buffer id → in the pool now
    private (string Type, int ElementBytes)? _labelling;
    private readonly ConcurrentDictionary<string, long> _largeAllocations = new(); // type → bytes, from GC AllocationTick samples
    private EventSource? _source;
    private EventSource? _runtime;

    private sealed class Bucket
    {
        public int Allocated;
        public int Rented;
        public int Trimmed;
        public int Dropped;
        public readonly ConcurrentDictionary<int, bool> Threads = new();
        public readonly ConcurrentDictionary<int, bool> Held = new();
    }

    public ArrayPoolCensus()
    {
        Label<byte>(1);
        Label<int>(4);
        Label<long>(8);
        Label<short>(2);
        Label<double>(8);
        Label<decimal>(16);
        Label<char>(2);
        Label<bool>(1);
        Label<int?>(8);
        Label<long?>(16);
        Label<short?>(4);
        Label<decimal?>(20);
        Label<DateTime?>(16);
        Label<DateOnly?>(8);
        Label<string>(8);
        Label<ReadOnlyMemory<char>>(16);
        Label<ReadOnlyMemory<byte>>(16);
        Label<byte[]>(8);
    }

    private void Label<T>(int elementBytes)
    {
        _labelling = (typeof(T).Name.Replace("Nullable`1", "Nullable", StringComparison.Ordinal)
            + (Nullable.GetUnderlyingType(typeof(T)) is { } u ? "<" + u.Name + ">" : ""), elementBytes);
        var a = System.Buffers.ArrayPool<T>.Shared.Rent(1);
        System.Buffers.ArrayPool<T>.Shared.Return(a);
        _labelling = null;
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "System.Buffers.ArrayPoolEventSource")
        {
            _source = eventSource;
            EnableEvents(eventSource, EventLevel.Verbose);
        }
        else if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            // The GC keyword at Verbose: AllocationTick, one event per ~100 KB allocated, with the type and small/large heap.
            _runtime = eventSource;
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        var p = e.Payload;
        if (e.EventName is { } name && name.StartsWith("GCAllocationTick", StringComparison.Ordinal) && p is not null)
        {
            int kind = Convert.ToInt32(p[e.PayloadNames!.IndexOf("AllocationKind")], CultureInfo.InvariantCulture);
            if (kind == 1)
            {
                string type = p[e.PayloadNames.IndexOf("TypeName")] as string ?? "?";
                long amount = Convert.ToInt64(p[e.PayloadNames.IndexOf("AllocationAmount64")], CultureInfo.InvariantCulture);
                _largeAllocations.AddOrUpdate(type, amount, (_, v) => v + amount);
            }

            return;
        }

        if (e.EventSource != _source || p is null || p.Count < 3) return;
        int id = (int)p[0]!, length = (int)p[1]!, pool = (int)p[2]!;
        if (_labelling is { } label)
        {
            _pools.TryAdd(pool, label);
            return;
        }

        var bucket = _buckets.GetOrAdd((pool, length), _ => new Bucket());
        switch (e.EventName)
        {
            case "BufferRented":
                Interlocked.Increment(ref bucket.Rented);
                bucket.Threads.TryAdd(Environment.CurrentManagedThreadId, true);
                bucket.Held.TryRemove(id, out _);
                break;
            case "BufferAllocated":
                if ((int)p[4]! == 0) Interlocked.Increment(ref bucket.Allocated); // Pooled: a new array the pool may keep
                bucket.Threads.TryAdd(Environment.CurrentManagedThreadId, true);
                break;
            case "BufferReturned":
                bucket.Held.TryAdd(id, true);
                break;
            case "BufferTrimmed":
                Interlocked.Increment(ref bucket.Trimmed);
                bucket.Held.TryRemove(id, out _);
                break;
            case "BufferDropped":
                Interlocked.Increment(ref bucket.Dropped);
                bucket.Held.TryRemove(id, out _);
                break;
        }
    }

    /// <summary>One line per pooled size of at least 64 KB: arrays created, held at the end and their MB, renting threads.</summary>
    public string Report()
    {
        if (_source is not null) DisableEvents(_source);
        if (_runtime is not null) DisableEvents(_runtime);
        var text = new StringBuilder();
        long heldBytes = 0;
        foreach (var ((pool, length), b) in _buckets.OrderBy(kv => kv.Key.Pool).ThenBy(kv => kv.Key.Length))
        {
            var (type, size) = _pools.TryGetValue(pool, out var t) ? t : ($"pool{pool}", 1);
            long bytes = (long)length * size;
            if (bytes < 1 << 16) continue;
            heldBytes += bytes * b.Held.Count;
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"RT_POOL {type,-24} len {length,9} ({bytes >> 10,6} KB): created {b.Allocated,4}, rented {b.Rented,6}, held at end {b.Held.Count,3} ({bytes * b.Held.Count >> 20} MB), trimmed {b.Trimmed}, dropped {b.Dropped}, threads {b.Threads.Count}"));
        }

        foreach (var (type, bytes) in _largeAllocations.OrderByDescending(kv => kv.Value).Take(8))
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"RT_POOL large-object-heap allocations (sampled) {type}: {bytes >> 20} MB"));
        }

        text.Append(string.Create(CultureInfo.InvariantCulture, $"RT_POOL held at end, arrays of 64 KB or more: {heldBytes >> 20} MB"));
        return text.ToString();
    }
}
