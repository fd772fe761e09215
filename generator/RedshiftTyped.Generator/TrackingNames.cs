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
}
