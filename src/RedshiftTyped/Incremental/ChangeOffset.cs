using RedshiftTyped.Incremental.Deletes;
using RedshiftTyped.Incremental.Offsets;

namespace RedshiftTyped.Incremental;

/// <summary>
/// Where a table's change reads stand: the high-water mark (the last row read, by cursor and then key), where a read cut
/// short by <see cref="ChangeOptions.MaxRows"/> resumes, the rows a lookback may meet again, and for
/// <see cref="IngestionType.CdcWithDeletes"/> the key index deletes are found with. Pass it to the next read; store it
/// anywhere as text with <see cref="ToJson"/> and read it back with <see cref="Parse"/> (the format is versioned,
/// <see cref="CurrentVersion"/>). An offset belongs to one table, ingestion type, cursor and key: a read with other ones
/// refuses it.
/// </summary>
public sealed class ChangeOffset
{
    /// <summary>The version of the JSON form this library writes, and the newest it reads.</summary>
    public const int CurrentVersion = 1;

    internal ChangeOffset(
        string table,
        IngestionType ingestionType,
        OffsetColumn cursor,
        IReadOnlyList<OffsetColumn> keys,
        DateTimeOffset lastRun,
        ChangePosition? highWaterMark,
        ChangePosition? resumeAfter,
        string? lookback,
        LookbackWindow? lookbackWindow,
        KeyIndex? keyIndex,
        int version = CurrentVersion)
    {
        Version = version;
        Table = table;
        IngestionType = ingestionType;
        CursorColumn = cursor;
        KeyColumnList = keys;
        LastRun = lastRun;
        HighWaterMark = highWaterMark;
        ResumeAfter = resumeAfter;
        Lookback = lookback;
        Window = lookbackWindow ?? new LookbackWindow();
        KeyIndex = keyIndex;
    }

    /// <summary>The version of the JSON form it was read from (or <see cref="CurrentVersion"/>).</summary>
    public int Version { get; }

    /// <summary>The table read: <c>schema.table</c>, exact spelling.</summary>
    public string Table { get; }

    /// <summary>The ingestion type the offset was taken with.</summary>
    public IngestionType IngestionType { get; }

    /// <summary>The cursor column's name.</summary>
    public string Cursor => CursorColumn.Name;

    /// <summary>The key columns' names, in key order.</summary>
    public IReadOnlyList<string> Keys => [.. KeyColumnList.Select(k => k.Name)];

    /// <summary>When the read that took the offset ran (UTC); the next read's <see cref="ChangeReader{TRow}.Run"/> is later.</summary>
    public DateTimeOffset LastRun { get; }

    /// <summary>The greatest (cursor, key) read so far; null while no row has been read.</summary>
    public ChangePosition? HighWaterMark { get; }

    /// <summary>Where the next read starts when the last one stopped at <see cref="ChangeOptions.MaxRows"/>; null otherwise.</summary>
    public ChangePosition? ResumeAfter { get; }

    /// <summary>The lookback window the offset was taken with (<see cref="CursorLookback.ToString"/>), or null.</summary>
    public string? Lookback { get; }

    /// <summary>How many (key, cursor) pairs inside the lookback window the offset remembers, so they are not emitted twice.</summary>
    public int LookbackRows => Window.Count;

    /// <summary>For <see cref="IngestionType.CdcWithDeletes"/>: how many keys the key index holds (the table's rows at the read); null otherwise.</summary>
    public long? IndexedKeys => KeyIndex?.Rows;

    /// <summary>For <see cref="IngestionType.CdcWithDeletes"/>: how many digest buckets the keys are in; null otherwise.</summary>
    public int? IndexBuckets => KeyIndex?.Buckets;

    internal OffsetColumn CursorColumn { get; }

    internal IReadOnlyList<OffsetColumn> KeyColumnList { get; }

    internal LookbackWindow Window { get; }

    internal KeyIndex? KeyIndex { get; }

    /// <summary>The offset as JSON (UTF-8 text, fixed member order, values exactly as read), for <see cref="Parse"/>.</summary>
    public string ToJson() => ChangeOffsetJson.Write(this);

    /// <summary>Reads an offset <see cref="ToJson"/> wrote.</summary>
    /// <param name="json">The text <see cref="ToJson"/> returned.</param>
    /// <exception cref="FormatException">The text is not such an offset, or one of a newer version; the message names the member at fault.</exception>
    public static ChangeOffset Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return ChangeOffsetJson.Read(json);
    }

    /// <summary><c>public.orders cdc after (2024-05-01 10:00:00.000000, 42)</c>.</summary>
    public override string ToString()
        => $"{Table} {IngestionTypeNames.Name(IngestionType)} " + (HighWaterMark is null ? "before any row" : $"after {ResumeAfter ?? HighWaterMark}");
}
