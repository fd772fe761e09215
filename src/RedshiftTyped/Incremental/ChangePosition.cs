using RedshiftTyped.Incremental.Offsets;

namespace RedshiftTyped.Incremental;

/// <summary>
/// A place in a table's (cursor, key) order: the cursor value and the key of one row, as read (<c>DateTime</c> for a
/// timestamp, <c>long</c> for a bigint, …). Rows with equal cursor values are ordered by their key, so a read that stops
/// between two of them resumes exactly.
/// </summary>
public sealed class ChangePosition
{
    internal ChangePosition(object cursor, IReadOnlyList<object?> key)
    {
        Cursor = cursor;
        Key = key;
    }

    /// <summary>The cursor column's value.</summary>
    public object Cursor { get; }

    /// <summary>The key columns' values, in key order.</summary>
    public IReadOnlyList<object?> Key { get; }

    /// <summary>The values as one tuple, first the cursor: <c>(2024-05-01 10:00:00.000000, 42)</c>.</summary>
    public override string ToString()
        => "(" + string.Join(", ", new[] { Cursor }.Concat(Key).Select(v => v is null ? "NULL" : OffsetValues.Text(v))) + ")";

    /// <summary>Whether <paramref name="other"/> is the same place: equal cursor and key values.</summary>
    internal bool SameAs(ChangePosition? other)
        => other is not null && OffsetValues.Text(Cursor) == OffsetValues.Text(other.Cursor) && OffsetValues.KeyText(Key) == OffsetValues.KeyText(other.Key);

    /// <summary>(cursor, key) order, as <see cref="OffsetValues.Compare"/> orders each value.</summary>
    internal int CompareTo(ChangePosition other)
    {
        int order = OffsetValues.Compare(Cursor, other.Cursor);
        for (int i = 0; order == 0 && i < Key.Count && i < other.Key.Count; i++)
        {
            order = OffsetValues.Compare(Key[i], other.Key[i]);
        }

        return order;
    }
}
