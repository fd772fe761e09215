using System.CommandLine;
using RedshiftTyped.Tool.Capture;
using RedshiftTyped.Tool.Cli;
using RedshiftTyped.Tool.Queries;
using RedshiftTyped.Tool.Snapshots;

namespace RedshiftTyped.Tool.Commands;

/// <summary>
/// <c>redshift-typed check [--dir DIR]</c>: re-captures in memory and compares with the committed snapshots.
/// Exit 0 when they match, 1 with a per-table diff when the warehouse drifted, 2 when the check itself failed.
/// </summary>
internal static class CheckCommand
{
    public const int Drift = 1;
    public const int Error = 2;

    public static Command Create(ToolConsole console)
    {
        var flags = new ConnectionFlags();
        var scope = new SnapshotScopeFlags();
        var queryScope = new QueryScopeFlags();
        var command = new Command("check", "Fail (exit 1) when the warehouse no longer matches the committed table and query snapshots.");
        flags.AddTo(command);
        scope.AddTo(command);
        queryScope.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console, async () =>
        {
            var options = flags.Read(parse);
            var selector = scope.Selector(parse, options);
            var store = new SnapshotStore(parse.GetValue(scope.Directory)!);
            var committed = store.ReadAll()
                .Where(s => selector.Covers(s.Table, options.Database!))
                .ToList();
            var queries = queryScope.Read(parse);
            selector.QueriesInScope = !queries.IsEmpty;

            using var client = console.CreateClient(options);
            var live = await new CatalogReader(client).ReadAsync(selector, cancellationToken: cancellationToken);
            foreach (string warning in live.Warnings)
            {
                await console.Error.WriteLineAsync($"warning: {warning}");
            }

            var diffs = SnapshotDiff.Compare(committed.Select(s => s.Table).ToList(), live.Tables).ToList();
            // A snapshot that says the same but is not written as capture writes it would churn on the next capture.
            var byName = committed.ToDictionary(s => (s.Table.Schema, s.Table.Name));
            foreach (var table in live.Tables)
            {
                if (byName.TryGetValue((table.Schema, table.Name), out var stored) && !diffs.Any(d => d.Table == table.QualifiedName)
                    && stored.Text != SnapshotJson.Write(SnapshotStore.MergeOverrides(table, stored.Table)))
                {
                    diffs.Add(new TableDiff(table.QualifiedName, [$"{stored.Path} is not in the form capture writes; run redshift-typed capture"]));
                }
            }

            var queryDiffs = queries.IsEmpty ? [] : await QueryCheck.RunAsync(queries, client, options.Database!, cancellationToken);
            if (diffs.Count == 0 && queryDiffs.Count == 0)
            {
                await console.Out.WriteLineAsync($"{committed.Count} snapshots match {options.Database}.");
                if (!queries.IsEmpty)
                {
                    await console.Out.WriteLineAsync($"{queries.Files.Count} query snapshots match {options.Database}.");
                }

                return ExitCodes.Success;
            }

            foreach (var (name, changes) in diffs.Select(d => (d.Table, d.Changes)).Concat(queryDiffs.Select(d => (d.Query, d.Changes))))
            {
                await console.Out.WriteLineAsync(name);
                foreach (string change in changes)
                {
                    await console.Out.WriteLineAsync($"  {change}");
                }
            }

            if (diffs.Count > 0)
            {
                await console.Out.WriteLineAsync($"{diffs.Count} of {Math.Max(committed.Count, live.Tables.Count)} tables drifted from the snapshots in {store.Root}. Run redshift-typed capture to update them, review the diff, and commit.");
            }

            if (queryDiffs.Count > 0)
            {
                await console.Out.WriteLineAsync($"{queryDiffs.Count} of {Math.Max(queries.Files.Count, queries.Stored.Count)} queries drifted from the snapshots in {queries.Store.Root}. Fix the query files, or run redshift-typed capture to update the snapshots; review the diff, and commit.");
            }

            return Drift;
        }, cancellationToken, failureCode: Error));
        return command;
    }
}
