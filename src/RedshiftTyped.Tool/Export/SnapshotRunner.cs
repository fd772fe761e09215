namespace RedshiftTyped.Tool.Export;

/// <summary>
/// Snapshots the pipeline's tables with bounded parallelism: up to N statements run at once (the Data API runs them
/// concurrently), and each table streams into its own file. Outcomes come back in the pipeline's order.
/// </summary>
internal static class SnapshotRunner
{
    public static async Task<IReadOnlyList<TableOutcome>> RunAsync(
        IReadOnlyList<PipelineTable> tables, TableSnapshotter snapshotter, int parallelism, CancellationToken cancellationToken)
    {
        var outcomes = new TableOutcome[tables.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, tables.Count),
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (index, token) => outcomes[index] = await snapshotter.RunAsync(tables[index], token));
        return outcomes;
    }
}
