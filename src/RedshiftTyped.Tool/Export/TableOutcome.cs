using RedshiftTyped.Export;

namespace RedshiftTyped.Tool.Export;

/// <summary>One column of an exported table: its Redshift type as the Data API described it and its type in the file.</summary>
internal sealed record ExportedColumn(string Name, string RedshiftType, string ArrowType, bool Nullable);

/// <summary>What became of one table: written (with the file's facts) or failed (with the reason).</summary>
internal sealed record TableOutcome(
    PipelineTable Table,
    string RelativePath,
    DateTimeOffset Started,
    TimeSpan Duration,
    IReadOnlyList<string> StatementIds,
    string? Sql,
    IReadOnlyList<ExportedColumn> Columns,
    ExportResult? Result,
    string? Error)
{
    public bool Ok => Error is null;
}
