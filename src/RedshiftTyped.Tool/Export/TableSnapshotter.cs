using System.Diagnostics;
using RedshiftTyped.Connection;
using RedshiftTyped.DataApi.Errors;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Execution;
using RedshiftTyped.Export;
using RedshiftTyped.Incremental;
using RedshiftTyped.Reading;

namespace RedshiftTyped.Tool.Export;

/// <summary>
/// Snapshots one table: runs the untyped snapshot read (with the table's limit, key order and where clause), or for an
/// incremental table the change read from its offset in the state, and streams its batches into the table's file; the
/// new offset is committed to the state only once the file is complete. A failure is this table's outcome, not an exception, so the other
/// tables go on; only the command's own cancellation and configuration errors escape.
/// </summary>
internal sealed class TableSnapshotter(RedshiftClient client, string outputDirectory, ExportFormat format, ISnapshotProgress progress,
    TransportSettings? transport = null, SnapshotState? state = null)
{
    private readonly TransportSettings _transport = transport ?? new TransportSettings();

    /// <summary>The file's path under the output directory: <c>catalog/schema/table.ext</c>, with '/' separators.</summary>
    public static string RelativePath(DestinationTable destination, ExportFormat format)
        => string.Join('/', Snapshots.SnapshotLayout.Encode(destination.Catalog), Snapshots.SnapshotLayout.Encode(destination.Schema),
            Snapshots.SnapshotLayout.Encode(destination.Table) + "." + format.FileExtension());

    /// <summary>
    /// The read the pipeline asks for: a limit ordered by the primary keys, the raw where clause, and chunks split on
    /// the primary keys, read in no particular order (<see cref="ChunkOrder.Unordered"/>): an export's file is a set of
    /// rows, and parallel chunks are only fast unordered.
    /// </summary>
    public static SnapshotOptions Options(PipelineTable table, TransportSettings? transport = null)
    {
        transport ??= new TransportSettings();
        string name = table.Transport ?? transport.Transport;
        var options = new SnapshotOptions
        {
            Limit = table.Limit,
            ChunkRows = name == "unload" ? null : table.ChunkRows,
            ChunkOrder = ChunkOrder.Unordered,
            StatementName = "redshift-typed snapshot",
            Transport = name switch { "unload" => SnapshotTransport.Unload, "auto" => SnapshotTransport.Auto, _ => SnapshotTransport.DataApi },
            Unload = transport.Unload(table),
        };
        if ((table.Limit is not null || table.ChunkRows is not null) && table.PrimaryKeys.Count > 0)
        {
            options.OrderBy([.. table.PrimaryKeys.Select(ColumnOrder.Ascending)]);
        }

        if (table.WhereClause is { } where)
        {
            options.Where(where);
        }

        return options;
    }

    /// <summary>The change read an incremental table asks for: its ingestion type, cursor, keys, lookback, where clause and chunks.</summary>
    public static ChangeOptions ChangeOptions(PipelineTable table, IncrementalSettings incremental)
    {
        var options = new ChangeOptions(incremental.Type, ColumnOrder.Ascending(incremental.CursorField))
        {
            Keys = [.. table.PrimaryKeys.Select(ColumnOrder.Ascending)],
            Lookback = incremental.Lookback,
            ChunkRows = table.ChunkRows,
            StatementName = "redshift-typed snapshot",
        };
        if (table.WhereClause is { } where)
        {
            options.Where(where);
        }

        return options;
    }

    public async Task<TableOutcome> RunAsync(PipelineTable table, CancellationToken cancellationToken)
    {
        if (table.Incremental is { } incremental)
        {
            return await RunChangesAsync(table, incremental, cancellationToken);
        }

        string relative = RelativePath(table.Destination, format);
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var statementIds = new List<string>();
        string? sql = null;
        IReadOnlyList<ExportedColumn> columns = [];
        var options = Options(table, _transport);
        string transportName = options.Transport switch { SnapshotTransport.Unload => "unload", SnapshotTransport.Auto => "auto", _ => "dataapi" };
        try
        {
            if (options.Transport == SnapshotTransport.Unload && _transport.KeepInS3)
            {
                // The files stay where UNLOAD wrote them; the manifest lists them. Nothing is downloaded.
                var unloaded = await SnapshotReader.UnloadToS3Async(client, table.Source, options, cancellationToken);
                statementIds.Add(unloaded.Statement.Id);
                sql = unloaded.Statement.Statement.Sql;
                columns = [.. unloaded.Columns.Select(c => new ExportedColumn(c.Name ?? c.Label ?? "?", RedshiftTypeText(c), "parquet (UNLOAD)", c.Nullable != 0))];
                var files = unloaded.Manifest.Entries.Select(e => new S3File(e.Url, e.RecordCount ?? 0, e.ContentLength)).ToList();
                var kept = new TableOutcome(table, relative, started, clock.Elapsed, statementIds, sql, columns, null, null, transportName, files);
                progress.Finished(kept);
                return kept;
            }

            await using var reader = await client.OpenSnapshotAsync(table.Source, options, cancellationToken);
            transportName = reader.Statement.Statement.Sql.StartsWith("UNLOAD", StringComparison.Ordinal) ? "unload" : "dataapi";
            statementIds.Add(reader.StatementId);
            sql = reader.Statement.Statement.Sql;
            columns = Columns(reader.Columns, reader.ArrowSchema);
            progress.Started(table, reader.TotalNumRows);

            await using var writer = RecordBatchFileWriter.Create(format, Path.Combine(outputDirectory, relative), reader.ArrowSchema);
            await foreach (var batch in reader.ReadBatchesAsync(cancellationToken))
            {
                using (batch)
                {
                    await writer.WriteAsync(batch, cancellationToken);
                }

                progress.Advanced(table, writer.Rows);
            }

            var result = await writer.CompleteAsync(cancellationToken);
            // A chunked read runs one statement per chunk; the manifest lists them all.
            statementIds.AddRange(reader.StatementIds.Where(id => !statementIds.Contains(id)));
            return Outcome(result, null);
        }
        catch (Exception ex) when (IsTableFailure(ex, cancellationToken))
        {
            if (ex is StatementException { StatementId: { Length: > 0 } id } && !statementIds.Contains(id))
            {
                statementIds.Add(id);
            }

            return Outcome(null, Describe(ex));
        }

        TableOutcome Outcome(ExportResult? result, string? error)
        {
            var outcome = new TableOutcome(table, relative, started, clock.Elapsed, statementIds, sql, columns, result, error, transportName);
            progress.Finished(outcome);
            return outcome;
        }
    }

    /// <summary>
    /// An incremental table: the changes after the state's offset into the table's file (written atomically), then the
    /// new offset into the state. A failure or cancellation before the commit leaves the previous offset.
    /// </summary>
    private async Task<TableOutcome> RunChangesAsync(PipelineTable table, IncrementalSettings incremental, CancellationToken cancellationToken)
    {
        string relative = RelativePath(table.Destination, format);
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var statementIds = new List<string>();
        string? sql = null;
        IReadOnlyList<ExportedColumn> columns = [];
        ChangeOffset? start = null;
        ChangeReader<RedshiftRow>? reader = null;
        try
        {
            var store = state ?? throw new InvalidOperationException("An incremental table needs the snapshot state (--state).");
            start = store.Offset(table.Destination);
            reader = await client.OpenChangesAsync(table.Source, ChangeOptions(table, incremental), start, cancellationToken);
            statementIds.AddRange(reader.StatementIds);
            sql = reader.Statement.Statement.Sql;
            columns = Columns(reader.Columns, reader.ArrowSchema);
            progress.Started(table, reader.Statement.ResultRows);

            ExportResult result;
            await using (var writer = RecordBatchFileWriter.Create(format, Path.Combine(outputDirectory, relative), reader.ArrowSchema))
            {
                await foreach (var batch in reader.ReadBatchesAsync(cancellationToken))
                {
                    using (batch)
                    {
                        await writer.WriteAsync(batch, cancellationToken);
                    }

                    progress.Advanced(table, writer.Rows);
                }

                result = await writer.CompleteAsync(cancellationToken);
            }

            // Only now, with the file complete, does the state move on: a run that stops before this line is repeated.
            var end = reader.Offset;
            store.Commit(table.Destination, end);
            statementIds.AddRange(reader.StatementIds.Where(id => !statementIds.Contains(id)));
            return Outcome(result, null, end);
        }
        catch (Exception ex) when (IsTableFailure(ex, cancellationToken))
        {
            if (ex is StatementException { StatementId: { Length: > 0 } id } && !statementIds.Contains(id))
            {
                statementIds.Add(id);
            }

            // An offset the read refuses (another cursor, keys or type since) is started over by removing it from the state.
            string error = ex is ArgumentException { ParamName: "offset" } && state is not null
                ? $"{Describe(ex)} To start {table.Destination} over with a full read, remove \"{SnapshotState.Key(table.Destination)}\" from {state.Path}."
                : Describe(ex);
            return Outcome(null, error, null);
        }
        finally
        {
            if (reader is not null)
            {
                await reader.DisposeAsync();
            }
        }

        TableOutcome Outcome(ExportResult? result, string? error, ChangeOffset? end)
        {
            var facts = new ChangeRunFacts(start, end, reader?.Upserts ?? 0, reader?.Deletes ?? 0, reader?.Skipped ?? 0, reader?.KeysFetched ?? 0,
                reader?.BucketsFetched ?? 0);
            var outcome = new TableOutcome(table, relative, started, clock.Elapsed, statementIds, sql, columns, result, error, Changes: facts);
            progress.Finished(outcome);
            return outcome;
        }
    }

    /// <summary>
    /// Everything that can go wrong with one table (a failed statement, a missing table or grant, a refused call, a
    /// broken connection, a file that cannot be written) fails that table only. The user's cancellation stops the
    /// run; a configuration error would fail every table the same way, so it stops the run too (exit 2).
    /// </summary>
    private static bool IsTableFailure(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => false,
        RedshiftConfigurationException => false,
        _ => true,
    };

    private static string Describe(Exception ex) => ex switch
    {
        StatementFailedException failed => $"statement {failed.StatementId} failed: {failed.Error}",
        AwsServiceException aws => $"{aws.ErrorCode}: {aws.Message}",
        HttpRequestException http => $"could not reach the Data API endpoint: {http.Message}",
        OperationCanceledException => "timed out waiting for the Data API",
        _ => Cli.CommandRunner.UserMessage(ex),
    };

    private static List<ExportedColumn> Columns(IReadOnlyList<ColumnMetadata> metadata, Apache.Arrow.Schema schema)
        => [.. schema.FieldsList.Select((field, i) => new ExportedColumn(
            field.Name,
            i < metadata.Count ? RedshiftTypeText(metadata[i]) : "unknown",
            ArrowTypeText.Describe(field.DataType),
            field.IsNullable))];

    /// <summary>The type name the Data API gave, with precision and scale for numerics and length for character types.</summary>
    private static string RedshiftTypeText(ColumnMetadata column)
    {
        string name = column.TypeName ?? "unknown";
        return name switch
        {
            "numeric" or "decimal" when column.Precision is > 0 => $"{name}({column.Precision},{column.Scale ?? 0})",
            "varchar" or "bpchar" or "char" or "character varying" when column.Precision is > 0 => $"{name}({column.Precision})",
            _ => name,
        };
    }
}

/// <summary>
/// How <c>redshift-typed snapshot</c> reads: <c>--transport</c> (a table's own <c>transport</c> wins), and for UNLOAD the
/// S3 prefix each table's runs go under (<c>&lt;prefix&gt;&lt;catalog&gt;/&lt;schema&gt;/&lt;table&gt;/</c>, so tables read at
/// once never share a folder), the IAM role, and whether the files stay in S3 instead of being downloaded.
/// </summary>
internal sealed record TransportSettings(string Transport = "dataapi", string? S3Prefix = null, string IamRole = "default", bool KeepInS3 = false)
{
    /// <summary>The table's UNLOAD options, or null without an S3 prefix.</summary>
    public UnloadOptions? Unload(PipelineTable table) => S3Prefix is null
        ? null
        : new UnloadOptions
        {
            S3Prefix = S3Prefix.TrimEnd('/') + "/" + string.Join('/', Snapshots.SnapshotLayout.Encode(table.Destination.Catalog),
                Snapshots.SnapshotLayout.Encode(table.Destination.Schema), Snapshots.SnapshotLayout.Encode(table.Destination.Table)) + "/",
            IamRole = IamRole,
            KeepFiles = KeepInS3,
        };
}
