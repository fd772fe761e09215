namespace RedshiftTyped.Export;

/// <summary>
/// A list of values in one array that doubles as it fills and is kept between uses (<see cref="Clear"/> keeps the array),
/// so a writer that gathers a row group at a time allocates its buffers once, during its first row group, and never again.
/// Not from <see cref="System.Buffers.ArrayPool{T}"/>: the shared pool would keep every smaller array outgrown on the way.
/// </summary>
internal sealed class GrowableBuffer<T>
{
    private T[] _items = [];

    /// <summary>Values written since the last <see cref="Clear"/>.</summary>
    public int Count { get; private set; }

    /// <summary>The values written, in order.</summary>
    public ReadOnlyMemory<T> Written => _items.AsMemory(0, Count);

    /// <summary>Room for <paramref name="count"/> more values; <see cref="Advance"/> says how many were used.</summary>
    public Span<T> GetSpan(int count)
    {
        int needed = Count + count;
        if (needed > _items.Length)
        {
            var grown = new T[Math.Max(needed, Math.Max(256, _items.Length * 2))];
            _items.AsSpan(0, Count).CopyTo(grown);
            _items = grown;
        }

        return _items.AsSpan(Count, count);
    }

    /// <summary>Marks <paramref name="count"/> values of the last <see cref="GetSpan"/> as written.</summary>
    public void Advance(int count) => Count += count;

    /// <summary>Appends one value.</summary>
    public void Add(T value)
    {
        GetSpan(1)[0] = value;
        Count++;
    }

    /// <summary>Forgets the values, keeping the array (references are cleared so they can be collected).</summary>
    public void Clear()
    {
        if (System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            _items.AsSpan(0, Count).Clear();
        }

        Count = 0;
    }

    /// <summary>Bytes of the values written since the last <see cref="Clear"/>.</summary>
    public long WrittenBytes => (long)Count * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
}
