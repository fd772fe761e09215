using RedshiftTyped.Export;
using RedshiftTyped.Incremental;

namespace RedshiftTyped.Tool.Export;

/// <summary>One column of an exported table: its Redshift type as the Data API described it and its type in the file.</summary>
internal sealed record ExportedColumn(string Name, string RedshiftType, string ArrowType, bool Nullable);

/// <summary>One Parquet file UNLOAD left in S3, as its manifest lists it.</summary>
internal sealed record S3File(string Url, long Rows, long Bytes);

/// <summary>What became of one table: written (with the file's facts), left in S3 by UNLOAD (with its files), or failed (with the reason).</summary>
internal sealed record TableOutcome(
    PipelineTable Table,
    string RelativePath,
    DateTimeOffset Started,
    TimeSpan Duration,
    IReadOnlyList<string> StatementIds,
    string? Sql,
    IReadOnlyList<ExportedColumn> Columns,
    ExportResult? Result,
    string? Error,
    string Transport = "dataapi",
    IReadOnlyList<S3File>? S3Files = null,
    ChangeRunFacts? Changes = null)
{
    public bool Ok => Error is null;

    /// <summary>The rows written to the file, or left in S3.</summary>
    public long? Rows => Result?.Rows ?? S3Files?.Sum(f => f.Rows);
}

/// <summary>
/// What an incremental run of one table read: the offset it started from (null: a first run, every row) and the one it
/// committed (null when the run failed), and its counts.
/// </summary>
internal sealed record ChangeRunFacts(ChangeOffset? Start, ChangeOffset? End, long Upserts, long Deletes, long Skipped, long KeysFetched, int BucketsFetched);
