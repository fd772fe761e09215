using System.CommandLine;
using RedshiftTyped.Tool.Capture;
using RedshiftTyped.Tool.Cli;
using RedshiftTyped.Tool.Queries;
using RedshiftTyped.Tool.Snapshots;
using Spectre.Console;

namespace RedshiftTyped.Tool.Commands;

/// <summary>
/// <c>redshift-typed capture [--dir DIR] [--prune]</c>: writes one JSON snapshot per table. Exit 0 when written, 2 when the
/// selection or the catalog could not be read (nothing is written then).
/// </summary>
internal static class CaptureCommand
{
    public static Command Create(ToolConsole console)
    {
        var flags = new ConnectionFlags();
        var scope = new SnapshotScopeFlags();
        var queryScope = new QueryScopeFlags();
        var prune = new Option<bool>("--prune") { Description = "Delete the snapshots of tables and query files that no longer exist (they are only reported otherwise)." };
        var command = new Command("capture", "Capture table and view schemas, and the result shapes of typed query files, through the Data API into JSON snapshots.") { prune };
        flags.AddTo(command);
        scope.AddTo(command);
        queryScope.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console, async () =>
        {
            var options = flags.Read(parse);
            var selector = scope.Selector(parse, options);
            var store = new SnapshotStore(parse.GetValue(scope.Directory)!);
            // Read what is there first: a file capture cannot read must stop it before anything is overwritten.
            var stored = store.ReadAll();
            var queries = queryScope.Read(parse);
            selector.QueriesInScope = !queries.IsEmpty;

            using var client = console.CreateClient(options);
            var reader = new CatalogReader(client);
            var result = await ReadWithProgressAsync(console, reader, selector, cancellationToken);

            // Every query is described before anything is written: one that Redshift rejects leaves every snapshot as it was.
            var described = await queries.DescribeAsync(client, options.Database!, cancellationToken);
            if (described.SelectMany(d => d.Failures).ToList() is { Count: > 0 } failures)
            {
                foreach (string failure in failures)
                {
                    await console.Error.WriteLineAsync($"error: {failure}");
                }

                await console.Error.WriteLineAsync($"{failures.Count} query problem{(failures.Count == 1 ? "" : "s")}: nothing was written. Fix the query files and capture again.");
                return ExitCodes.Failed;
            }

            var summary = store.Apply(stored, result.Tables, t => selector.Covers(t, options.Database!), parse.GetValue(prune));
            var querySummary = queries.IsEmpty ? null : queries.Store.Apply(queries.Stored, described.Select(d => d.Snapshot!).ToList(), parse.GetValue(prune));

            foreach (string warning in result.Warnings)
            {
                await console.Error.WriteLineAsync($"warning: {warning}");
            }

            await WriteSummaryAsync(console.Out, summary, store.Root);
            if (querySummary is not null)
            {
                await WriteQuerySummaryAsync(console.Out, querySummary, queries.Store.Root);
            }

            return ExitCodes.Success;
        }, cancellationToken, failureCode: CheckCommand.Error));
        return command;
    }

    private static async Task<CatalogReadResult> ReadWithProgressAsync(ToolConsole console, CatalogReader reader, TableSelector selector, CancellationToken cancellationToken)
    {
        if (!console.IsInteractive)
        {
            return await reader.ReadAsync(selector, table => console.Out.WriteLine($"read {table}"), cancellationToken);
        }

        int count = 0;
        return await AnsiConsole.Status().StartAsync("Reading the catalog…", context =>
            reader.ReadAsync(selector, table => context.Status($"Read {Interlocked.Increment(ref count)} tables (last: {Markup.Escape(table)})"), cancellationToken));
    }

    private static async Task WriteQuerySummaryAsync(TextWriter output, QueryCaptureSummary summary, string root)
    {
        foreach (string query in summary.Added)
        {
            await output.WriteLineAsync($"added     query {query}");
        }

        foreach (string query in summary.Changed)
        {
            await output.WriteLineAsync($"changed   query {query}");
        }

        foreach (string query in summary.Removed)
        {
            await output.WriteLineAsync(summary.Pruned ? $"removed   query {query}" : $"gone      query {query} (its query file is gone; run with --prune to delete the snapshot)");
        }

        await output.WriteLineAsync(
            $"{summary.Added.Count} queries added, {summary.Changed.Count} changed, {summary.Unchanged.Count} unchanged, {summary.Removed.Count} removed — query snapshots in {root}");
    }

    private static async Task WriteSummaryAsync(TextWriter output, CaptureSummary summary, string root)
    {
        foreach (string table in summary.Added)
        {
            await output.WriteLineAsync($"added     {table}");
        }

        foreach (string table in summary.Changed)
        {
            await output.WriteLineAsync($"changed   {table}");
        }

        foreach (string table in summary.Removed)
        {
            await output.WriteLineAsync(summary.Pruned ? $"removed   {table}" : $"gone      {table} (its snapshot is kept; run with --prune to delete it)");
        }

        await output.WriteLineAsync(
            $"{summary.Added.Count} added, {summary.Changed.Count} changed, {summary.Unchanged.Count} unchanged, {summary.Removed.Count} removed — snapshots in {root}");
    }
}
