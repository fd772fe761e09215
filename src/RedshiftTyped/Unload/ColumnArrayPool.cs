using System.Buffers;
using System.Collections.Concurrent;

namespace RedshiftTyped.Reading;

/// <summary>
/// The column arrays of one UNLOAD read's row groups, reused from row group to row group and dropped with the read.
/// Not <see cref="ArrayPool{T}.Shared"/>: that pool keeps an array per thread and per core for each size, so over a long
/// read on a busy thread pool it came to hold ever more row-group-sized large-object-heap arrays, all still reachable
/// after the read (the client's live heap after a full collection grew 124 → 206 MB from 1M to 5M rows). Here each
/// element type has a pool of at most <c>arraysPerSize</c> arrays of a size, so what is kept is bounded by the row groups in
/// flight (one per download worker), whatever the table's size.
/// </summary>
internal sealed class ColumnArrayPool(int arraysPerSize)
{
    /// <summary>Arrays up to 16M elements are pooled (a row group holds far fewer rows); longer ones are allocated and dropped.</summary>
    private const int MaxPooledLength = 1 << 24;

    private readonly ConcurrentDictionary<Type, object> _pools = new();

    /// <summary>The pool of <typeparamref name="T"/> arrays.</summary>
    public ArrayPool<T> Of<T>() => (ArrayPool<T>)_pools.GetOrAdd(typeof(T), static (_, size) => ArrayPool<T>.Create(MaxPooledLength, size), arraysPerSize);
}
