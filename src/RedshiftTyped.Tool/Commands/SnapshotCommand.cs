using System.CommandLine;
using System.Diagnostics;
using RedshiftTyped.Export;
using RedshiftTyped.Tool.Cli;
using RedshiftTyped.Tool.Export;

namespace RedshiftTyped.Tool.Commands;

/// <summary>
/// <c>redshift-typed snapshot --pipeline pipeline.json --out DIR [--format parquet|arrow|arrow-file|csv] [--parallelism N]</c>:
/// reads every table of a Databricks connector pipeline spec through the Data API into one file per table, plus a manifest.
/// <c>--transport unload|auto --s3-prefix s3://… [--iam-role ARN] [--keep-in-s3]</c> reads through UNLOAD to Parquet in S3
/// instead: downloaded into the same files, or left in S3 and listed in the manifest.
/// Incremental tables (<c>ingestion_type</c> append, cdc, cdc_with_deletes) read only what changed since the offset kept
/// for them in <c>--state FILE</c> (default <c>DIR/state.json</c>).
/// </summary>
internal static class SnapshotCommand
{
    public const int DefaultParallelism = 2;

    /// <summary>The most tables <c>--parallelism</c> reads at once.</summary>
    private const int MaxParallelism = 64;

    /// <summary>The values <c>--parallelism</c> takes, as its messages say them.</summary>
    private static readonly string ParallelismRange = $"give 1 to {MaxParallelism} tables at once (default {DefaultParallelism})";

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
        var transport = new Option<string>("--transport")
        {
            Description = "How rows travel: dataapi (result pages), unload (UNLOAD to S3 as Parquet, then downloaded), or auto (UNLOAD for large results when --s3-prefix is given). A table's table_configuration.transport wins.",
            DefaultValueFactory = _ => "dataapi",
        };
        transport.AcceptOnlyFromAmong(PipelineSpecReader.Transports);
        var s3Prefix = new Option<string?>("--s3-prefix") { Description = "s3://bucket/path/ UNLOAD writes under (each table in <catalog>/<schema>/<table>/<run id>/ of it)." };
        var iamRole = new Option<string>("--iam-role") { Description = "IAM role ARN Redshift writes to S3 with, or default (the cluster's default role).", DefaultValueFactory = _ => "default" };
        var keepInS3 = new Option<bool>("--keep-in-s3") { Description = "With --transport unload: leave the Parquet files in S3 (the manifest lists their URLs, rows and sizes) instead of downloading them into --out." };
        var s3Endpoint = new Option<string?>("--s3-endpoint") { Description = "S3 endpoint URL for a local S3 (e.g. http://127.0.0.1:5000, path-style); otherwise the region's." };
        var statePath = new Option<FileInfo>("--state")
        {
            Description = "Offsets of the incremental tables (append, cdc, cdc_with_deletes) between runs (default: state.json in --out).",
        };

        // Checked after parsing; registered so that a number too large to parse says the same range.
        NumberFlagError.Bound(parallelism, ParallelismRange);

        var command = new Command("snapshot", "Snapshot the tables of a pipeline specification into Parquet, Arrow or CSV files, with a manifest.")
        {
            pipeline, output, format, parallelism, transport, s3Prefix, iamRole, keepInS3, s3Endpoint, statePath,
        };
        flags.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console, async () =>
        {
            int tablesAtOnce = parse.GetValue(parallelism);
            if (tablesAtOnce is < 1 or > MaxParallelism)
            {
                throw new UsageException($"--parallelism {tablesAtOnce} is out of range: {ParallelismRange}.");
            }

            var exportFormat = Format(parse.GetValue(format)!);
            var spec = PipelineSpecReader.ReadFile(parse.GetValue(pipeline)!.FullName);
            var transportSettings = new TransportSettings(parse.GetValue(transport)!, parse.GetValue(s3Prefix), parse.GetValue(iamRole)!, parse.GetValue(keepInS3));
            if (transportSettings.S3Prefix is null && (transportSettings.Transport == "unload" || spec.Tables.Any(t => t.Transport == "unload")))
            {
                throw new UsageException("--transport unload needs --s3-prefix s3://bucket/path/ (and --iam-role ARN unless the cluster has a default role): UNLOAD writes its files there.");
            }

            // A change read resumes inside the cursor order through the Data API; UNLOAD cannot carry it. Refused rather
            // than quietly read another way: the table can say transport dataapi to keep --transport for the others.
            if (transportSettings.Transport != "dataapi" && spec.Tables.FirstOrDefault(t => t.Incremental is not null && t.Transport is null) is { } incremental)
            {
                throw new UsageException($"--transport {transportSettings.Transport} cannot read {incremental.JsonPath} (ingestion_type {incremental.IngestionTypeName}), " +
                                         "which reads only the changes through the Data API: set its table_configuration.transport to \"dataapi\", or drop --transport.");
            }

            if (transportSettings.KeepInS3 && transportSettings.Transport != "unload")
            {
                throw new UsageException("--keep-in-s3 leaves UNLOAD's files in S3: give it with --transport unload.");
            }

            var options = flags.Read(parse);
            if (parse.GetValue(s3Endpoint) is { Length: > 0 } endpoint)
            {
                options.S3Endpoint = endpoint;
                options.Validate();
            }
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
            long rows = outcomes.Sum(o => o.Rows ?? 0);
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
                => SnapshotRunner.RunAsync(spec.Tables, new TableSnapshotter(client, root, exportFormat, progress, transportSettings, state), tablesAtOnce, cancellationToken);
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
