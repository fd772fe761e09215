using System.CommandLine;
using System.Diagnostics;
using RedshiftTyped.Export;
using RedshiftTyped.Tool.Cli;
using RedshiftTyped.Tool.Export;

namespace RedshiftTyped.Tool.Commands;

/// <summary>
/// <c>redshift-typed snapshot --pipeline pipeline.json --out DIR [--format parquet|arrow|arrow-file|csv] [--parallelism N]</c>:
/// reads every table of a Databricks connector pipeline spec through the Data API into one file per table, plus a manifest.
/// Incremental tables (<c>ingestion_type</c> append, cdc, cdc_with_deletes) read only what changed since the offset kept
/// for them in <c>--state FILE</c> (default <c>DIR/state.json</c>).
/// </summary>
internal static class SnapshotCommand
{
    public const int DefaultParallelism = 2;

    public static Command Create(ToolConsole console)
    {
        var flags = new ConnectionFlags();
        var pipeline = new Option<FileInfo>("--pipeline")
        {
            Description = "Pipeline specification (JSON): connection_name, default_destination_catalog/schema and objects[].table.",
            Required = true,
        };
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Directory to write DIR/<catalog>/<schema>/<table>.<ext> and DIR/manifest.json into.", Required = true };
        var format = new Option<string>("--format", "-f") { Description = "File format.", DefaultValueFactory = _ => "parquet" };
        format.AcceptOnlyFromAmong("parquet", "arrow", "arrow-file", "csv");
        var parallelism = new Option<int>("--parallelism") { Description = "Tables read at once (default 2).", DefaultValueFactory = _ => DefaultParallelism };
        var statePath = new Option<FileInfo>("--state")
        {
            Description = "Offsets of the incremental tables (append, cdc, cdc_with_deletes) between runs (default: state.json in --out).",
        };

        var command = new Command("snapshot", "Snapshot the tables of a pipeline specification into Parquet, Arrow or CSV files, with a manifest.")
        {
            pipeline, output, format, parallelism, statePath,
        };
        flags.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console, async () =>
        {
            int tablesAtOnce = parse.GetValue(parallelism);
            if (tablesAtOnce is < 1 or > 64)
            {
                throw new UsageException($"--parallelism {tablesAtOnce} is out of range: give 1 to 64 tables at once (default {DefaultParallelism}).");
            }

            var exportFormat = Format(parse.GetValue(format)!);
            var spec = PipelineSpecReader.ReadFile(parse.GetValue(pipeline)!.FullName);
            var options = flags.Read(parse);
            string root = parse.GetValue(output)!.FullName;
            Directory.CreateDirectory(root);
            var state = SnapshotState.Load(parse.GetValue(statePath)?.FullName ?? Path.Combine(root, SnapshotState.FileName));

            using var client = console.CreateClient(options);
            var started = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            var outcomes = console.IsInteractive
                ? await TerminalSnapshotProgress.RunAsync(spec.Tables, progress => Run(progress))
                : await Run(new PlainSnapshotProgress(console.Out));

            string manifest = Path.Combine(root, SnapshotManifest.FileName);
            Snapshots.SnapshotStore.WriteAtomically(manifest, SnapshotManifest.Render(spec, exportFormat, started, clock.Elapsed, outcomes, state.Path));

            int failed = outcomes.Count(o => !o.Ok);
            long rows = outcomes.Sum(o => o.Result?.Rows ?? 0);
            await console.Out.WriteLineAsync($"{outcomes.Count - failed} of {outcomes.Count} tables written ({rows} rows) to {root}; manifest: {manifest}");
            if (failed > 0)
            {
                foreach (var outcome in outcomes.Where(o => !o.Ok))
                {
                    await console.Error.WriteLineAsync($"error: {outcome.Table.Source} ({outcome.Table.JsonPath}): {outcome.Error}");
                }

                return ExitCodes.Failed;
            }

            return ExitCodes.Success;

            Task<IReadOnlyList<TableOutcome>> Run(ISnapshotProgress progress)
                => SnapshotRunner.RunAsync(spec.Tables, new TableSnapshotter(client, root, exportFormat, progress, state), tablesAtOnce, cancellationToken);
        }, cancellationToken));
        return command;
    }

    private static ExportFormat Format(string name) => name switch
    {
        "parquet" => ExportFormat.Parquet,
        "arrow" => ExportFormat.ArrowStream,
        "arrow-file" => ExportFormat.ArrowFile,
        "csv" => ExportFormat.Csv,
        _ => throw new UsageException($"--format {name} is not a format: use parquet, arrow, arrow-file or csv."),
    };
}
