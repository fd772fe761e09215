namespace RedshiftTyped.Generator;

/// <summary>Names of the pipeline steps, for incremental-caching tests (IncrementalStepRunReason per step).</summary>
internal static class TrackingNames
{
    public const string Options = nameof(Options);
    public const string SnapshotFiles = nameof(SnapshotFiles);
    public const string Parsed = nameof(Parsed);
    public const string Tables = nameof(Tables);
    public const string TableKeys = nameof(TableKeys);
    public const string Naming = nameof(Naming);
    public const string TablePlans = nameof(TablePlans);
    public const string FileDiagnostics = nameof(FileDiagnostics);
    public const string CrossFileDiagnostics = nameof(CrossFileDiagnostics);

    // Typed queries (Queries/QueryPipeline.cs).
    public const string QueryFiles = nameof(QueryFiles);
    public const string QuerySnapshots = nameof(QuerySnapshots);
    public const string QueryTableNamespaces = nameof(QueryTableNamespaces);
    public const string QueryFileModels = nameof(QueryFileModels);
    public const string QuerySnapshotModels = nameof(QuerySnapshotModels);
    public const string QueryPlanSet = nameof(QueryPlanSet);
    public const string QueryPlans = nameof(QueryPlans);
    public const string QueryFolders = nameof(QueryFolders);
    public const string QueryPairDiagnostics = nameof(QueryPairDiagnostics);
}
