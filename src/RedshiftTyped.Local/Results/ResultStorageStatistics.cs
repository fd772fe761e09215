namespace RedshiftTyped.Local;

/// <summary>What the local server holds of statement results right now (<see cref="LocalDataApiServer.ResultStorage"/>).</summary>
/// <param name="Results">Results stored and not yet released (expired, evicted, released on request or at stop).</param>
/// <param name="InMemoryBytes">Encoded page bytes held in memory, bounded by <see cref="LocalServerOptions.ResultMemoryLimitBytes"/>.</param>
/// <param name="SpilledBytes">Encoded page bytes in temporary files because memory was at its budget.</param>
public sealed record ResultStorageStatistics(int Results, long InMemoryBytes, long SpilledBytes);
