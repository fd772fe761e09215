namespace RedshiftTyped.Incremental;

/// <summary>
/// One change of a change read: an upsert (the row as it is now) or a delete (only the key is known), with the key and
/// the sequence that orders the changes of one key.
/// </summary>
/// <typeparam name="TRow">The generated record, or <see cref="RedshiftTyped.Reading.RedshiftRow"/> for a table read by name.</typeparam>
public sealed class Change<TRow>
{
    internal Change(ChangeType type, TRow? row, IReadOnlyList<object?> key, object? sequence)
    {
        Type = type;
        Row = row;
        Key = key;
        Sequence = sequence;
    }

    /// <summary>Upsert or delete.</summary>
    public ChangeType Type { get; }

    /// <summary>The row of an upsert; the default value (null for records) for a delete.</summary>
    public TRow? Row { get; }

    /// <summary>The key columns' values, in key order.</summary>
    public IReadOnlyList<object?> Key { get; }

    /// <summary>
    /// The cursor value of an upsert; for a delete, the cursor's high-water mark when it was found (at least every cursor
    /// value the key was emitted with). Null for a delete found before any row was read.
    /// </summary>
    public object? Sequence { get; }

    /// <summary><c>upsert (42)</c>, <c>delete (7)</c>.</summary>
    public override string ToString() => $"{(Type == ChangeType.Upsert ? "upsert" : "delete")} ({string.Join(", ", Key)})";
}

/// <summary>
/// The columns a CDC change file (and <see cref="ChangeReader{TRow}.ReadBatchesAsync"/>'s batches) adds after the table's
/// own: what the change does, the run that found it, and the cursor sequence. Apply the changes of one key in
/// (<see cref="Run"/>, <see cref="Sequence"/>) order; within one run every key has at most one change.
/// </summary>
public static class ChangeColumnNames
{
    /// <summary><c>_change_type</c>: <c>upsert</c> or <c>delete</c> (Arrow utf8, never null).</summary>
    public const string ChangeType = "_change_type";

    /// <summary>
    /// <c>_change_run</c>: when the read that found the change ran (Arrow timestamp[us, UTC], never null); strictly later
    /// for every read of a table, so it orders changes across runs.
    /// </summary>
    public const string Run = "_change_run";

    /// <summary>
    /// <c>_change_sequence</c>: the cursor's value for an upsert; for a delete, the cursor's high-water mark (the cursor
    /// column's Arrow type; null for a delete found before any row was read).
    /// </summary>
    public const string Sequence = "_change_sequence";

    /// <summary>The value of <see cref="ChangeType"/> for an upsert.</summary>
    public const string Upsert = "upsert";

    /// <summary>The value of <see cref="ChangeType"/> for a delete.</summary>
    public const string Delete = "delete";

    internal static readonly string[] All = [ChangeType, Run, Sequence];
}
