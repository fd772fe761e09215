namespace RedshiftTyped.Tool.Export;

/// <summary>Hears how each table's snapshot goes; called from the tables' concurrent tasks.</summary>
internal interface ISnapshotProgress
{
    /// <summary>The statement finished; <paramref name="totalRows"/> is the row count the service announced, if any.</summary>
    void Started(PipelineTable table, long? totalRows);

    /// <summary>A batch was written; <paramref name="rows"/> rows so far.</summary>
    void Advanced(PipelineTable table, long rows);

    /// <summary>The table is written or has failed.</summary>
    void Finished(TableOutcome outcome);
}
