namespace RedshiftTyped.Incremental.Offsets;

/// <summary>
/// The rows a lookback may read again: each key emitted with a cursor value inside the window, and that value. A row read
/// again with the same key and cursor value is dropped; with another cursor value it changed, and is emitted.
/// </summary>
internal sealed class LookbackWindow
{
    private readonly Dictionary<string, Entry> _entries;

    public LookbackWindow(IEnumerable<(object?[] Key, object Cursor)>? entries = null)
    {
        _entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var (key, cursor) in entries ?? [])
        {
            string keyText = OffsetValues.KeyText(key);
            _entries[keyText] = new Entry(keyText, key, cursor, OffsetValues.Text(cursor));
        }
    }

    public int Count => _entries.Count;

    public IEnumerable<(object?[] Key, object Cursor)> Entries
        => _entries.Values.OrderBy(e => e.CursorText, StringComparer.Ordinal).ThenBy(e => e.KeyText, StringComparer.Ordinal).Select(e => (e.Key, e.Cursor));

    /// <summary>Whether this key was emitted with this cursor value.</summary>
    public bool Emitted(string keyText, object cursor)
        => _entries.TryGetValue(keyText, out var entry) && entry.CursorText == OffsetValues.Text(cursor);

    public void Record(string keyText, object?[] key, object cursor) => _entries[keyText] = new Entry(keyText, key, cursor, OffsetValues.Text(cursor));

    public void Remove(string keyText) => _entries.Remove(keyText);

    /// <summary>Forgets the rows whose cursor is below the window's lower bound: a read never looks at them again.</summary>
    public void DropBelow(object lowerBound)
    {
        foreach (var (text, entry) in _entries.Where(e => OffsetValues.Compare(e.Value.Cursor, lowerBound) < 0).ToList())
        {
            _entries.Remove(text);
        }
    }

    public LookbackWindow Copy() => new(_entries.Values.Select(e => (e.Key, e.Cursor)));

    private sealed record Entry(string KeyText, object?[] Key, object Cursor, string CursorText);
}
