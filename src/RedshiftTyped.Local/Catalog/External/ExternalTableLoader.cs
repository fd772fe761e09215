using System.Globalization;
using System.Text;
using RedshiftTyped.Local.Engine;
using RedshiftTyped.Local.Statements;

namespace RedshiftTyped.Local.Catalog.External;

/// <summary>
/// Keeps the engine's copy of an external table equal to its files. Before a statement that reads the table, the
/// server lists the files under its location (and its partitions' locations) and, when a file was added, changed
/// or removed since the last load — or the table's definition changed — reloads the rows through server code
/// (the engines themselves never touch the file system: DuckDB runs with external access off, and PostgreSQL
/// needs no file privileges). The reload runs in a transaction of its own connection, so a statement sees the old
/// rows or the new ones, never a mix, and a file that fails to read leaves the previous rows in place.
/// </summary>
internal sealed class ExternalTableLoader(IDatabaseBackend backend, ExternalLocation locations)
{
    public ExternalLocation Locations => locations;

    public void Refresh(ExternalTable table, CancellationToken cancellationToken)
    {
        lock (table.LoadGate)
        {
            var sources = Sources(table);
            string fingerprint = Fingerprint(table, sources);
            if (fingerprint == table.LoadedFrom)
            {
                return;
            }

            var types = table.AllColumns.Select(c => c.Type).ToList();
            var connection = backend.OpenAsync(cancellationToken).GetAwaiter().GetResult();
            try
            {
                Execute(connection, "BEGIN");
                try
                {
                    Execute(connection, $"DELETE FROM {PostgresBackend.Quote(table.Schema)}.{PostgresBackend.Quote(table.Name)}");
                    backend.BulkInsertAsync(connection, table.Schema, table.Name, types, Rows(table, sources, cancellationToken), cancellationToken)
                        .GetAwaiter().GetResult();
                    Execute(connection, "COMMIT");
                }
                catch
                {
                    TryRollback(connection);
                    throw;
                }
            }
            finally
            {
                connection.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            table.LoadedFrom = fingerprint;
        }
    }

    /// <summary>Each data file with the partition values its rows take (none for an unpartitioned table).</summary>
    private List<(string Path, string Shown, IReadOnlyList<string>? PartitionValues)> Sources(ExternalTable table)
    {
        var sources = new List<(string, string, IReadOnlyList<string>?)>();
        if (!table.IsPartitioned)
        {
            Add(table.Location, null);
        }
        else
        {
            foreach (var partition in table.Partitions)
            {
                Add(partition.Location, partition.Values);
            }
        }

        return sources;

        void Add(string location, IReadOnlyList<string>? values)
        {
            string folder = locations.Resolve(location);
            foreach (string file in locations.Files(location))
            {
                string relative = Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/');
                sources.Add((file, location.TrimEnd('/') + "/" + relative, values));
            }
        }
    }

    private static string Fingerprint(ExternalTable table, List<(string Path, string Shown, IReadOnlyList<string>? PartitionValues)> sources)
    {
        var text = new StringBuilder().Append(table.Version.ToString(CultureInfo.InvariantCulture));
        foreach (var (path, _, values) in sources)
        {
            var info = new FileInfo(path);
            text.Append('\n').Append(path).Append('|').Append(info.Length.ToString(CultureInfo.InvariantCulture))
                .Append('|').Append(info.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture))
                .Append('|').Append(values is null ? "" : string.Join('\u0001', values));
        }

        return text.ToString();
    }

    private static IEnumerable<object?[]> Rows(ExternalTable table, List<(string Path, string Shown, IReadOnlyList<string>? PartitionValues)> sources,
        CancellationToken cancellationToken)
    {
        foreach (var (path, shown, values) in sources)
        {
            var partitionValues = values is null ? [] : PartitionValues(table, values, shown);
            foreach (var row in ExternalFileReader.Read(table, path, shown))
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return partitionValues.Length == 0 ? row : [.. row, .. partitionValues];
            }
        }
    }

    private static object?[] PartitionValues(ExternalTable table, IReadOnlyList<string> values, string shown)
    {
        var converted = new object?[table.PartitionColumns.Count];
        for (int i = 0; i < converted.Length; i++)
        {
            try
            {
                converted[i] = i < values.Count ? ExternalValues.FromText(values[i], table.PartitionColumns[i].Type) : null;
            }
            catch (Exception ex) when (ex is FormatException or OverflowException)
            {
                throw new EngineFailure($"ERROR: partition value '{values[i]}' of {shown} is not a {table.PartitionColumns[i].Type.TypeName}: {ex.Message}");
            }
        }

        return converted;
    }

    private static void Execute(IEngineConnection connection, string sql)
    {
        using var command = connection.CreateCommand(sql, []);
        command.ExecuteNonQuery();
    }

    private static void TryRollback(IEngineConnection connection)
    {
        try
        {
            Execute(connection, "ROLLBACK");
        }
        catch (System.Data.Common.DbException)
        {
            // The transaction is already gone; the connection is discarded anyway.
        }
    }
}
