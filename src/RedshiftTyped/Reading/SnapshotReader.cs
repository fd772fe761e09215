using System.Runtime.CompilerServices;
using Apache.Arrow;
using Field = RedshiftTyped.DataApi.Model.Field;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Execution;
using RedshiftTyped.Typed;
using RedshiftTyped.Values;

namespace RedshiftTyped.Reading;

/// <summary>
/// A snapshot of a table that is not compiled in, open: the statement has finished and the first page is read, so
/// the columns (from ColumnMetadata) and the Arrow schema are known before any row. Rows stream page by page, as
/// <see cref="RedshiftRow"/>s or Arrow record batches — once.
/// </summary>
public sealed class SnapshotReader : IAsyncDisposable
{
    private readonly PageCursor<ResultPage> _pages;

    private readonly StatementSeries _series;

    private SnapshotReader(TableReference table, CompletedStatement statement, StatementSeries series, long? plannedRows,
        PageCursor<ResultPage> pages)
    {
        _series = series;
        Table = table;
        Statement = statement;
        _pages = pages;
        var first = pages.First!;
        Columns = first.Columns;
        TotalNumRows = plannedRows ?? first.TotalNumRows;
        RowSchema = new RedshiftRowSchema(first.Columns);
        ArrowSchema = ResultArrowSchema.For(first.Columns);
    }

    /// <summary>The table read.</summary>
    public TableReference Table { get; }

    /// <summary>The finished statement: its id (for the manifest and ListStatements), SQL and timings.</summary>
    public CompletedStatement Statement { get; }

    /// <summary>The first statement's id (see <see cref="StatementIds"/> for a chunked read).</summary>
    public string StatementId => Statement.Id;

    /// <summary>The ids of every statement run so far: one, or one per chunk (<see cref="SnapshotOptions.ChunkRows"/>).</summary>
    public IReadOnlyList<string> StatementIds => _series.Ids;

    /// <summary>How many statements the snapshot runs: one, or one per chunk.</summary>
    public int StatementCount => _series.Count;

    /// <summary>The result's columns as the service described them.</summary>
    public IReadOnlyList<ColumnMetadata> Columns { get; }

    /// <summary>The result's columns: names, Redshift types and ColumnMetadata, shared by every row.</summary>
    public RedshiftRowSchema RowSchema { get; }

    /// <summary>
    /// The row count the service announced (for a chunked read, the rows the plan counted); every row of each
    /// statement is read before the reader says it is done.
    /// </summary>
    public long? TotalNumRows { get; }

    /// <summary>The schema of <see cref="ReadBatchesAsync"/>'s batches (see <see cref="ResultArrowSchema"/>).</summary>
    public Schema ArrowSchema { get; }

    /// <summary>Every row, decoded by its column's Redshift type.</summary>
    public async IAsyncEnumerable<RedshiftRow> ReadRowsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in _pages.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in page.ReadRows(RowSchema))
            {
                yield return row;
            }
        }
    }

    /// <summary>Every row as Arrow record batches of <see cref="ArrowSchema"/>, one per result page (an empty result gives one empty batch).</summary>
    public async IAsyncEnumerable<RecordBatch> ReadBatchesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in _pages.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var builder = new UntypedArrowBatchBuilder(ArrowSchema);
            if (page.DecodedRows is { } decoded)
            {
                builder.Append(decoded);
            }
            else
            {
                foreach (var values in page.DecodeRows())
                {
                    builder.Append(values);
                }
            }

            yield return builder.Build();
        }
    }

    /// <summary>Stops reading; a statement still running ahead (the next chunk) is abandoned.</summary>
    public ValueTask DisposeAsync() => _pages.DisposeAsync();

    /// <summary>Every result page, as the service returned it (for readers that work page by page).</summary>
    internal IAsyncEnumerable<ResultPage> ReadPagesAsync(CancellationToken cancellationToken) => _pages.ReadAsync(cancellationToken);

    /// <inheritdoc/>
    public override string ToString() => $"Snapshot of {Table} (statement {StatementId})";

    internal static async Task<SnapshotReader> OpenAsync(
        RedshiftClient client, TableReference table, SnapshotOptions options, CancellationToken cancellationToken)
    {
        options.Validate();
        options.CheckLimitIsOrdered(table.ToString(), primaryKey: null, exampleKey: "\"id\"");
        await TableColumnCheck.CheckAsync(client, table, options, cancellationToken).ConfigureAwait(false);
        string selectList = options.Columns is null ? "*" : string.Join(", ", options.Columns.Select(RedshiftIdentifier.Quote));
        if (options.Transport == SnapshotTransport.Unload)
        {
            return await OpenUnloadAsync(client, table, selectList, options, cancellationToken).ConfigureAwait(false);
        }

        var plan = await SnapshotPlan.CreateAsync(client, table.QualifiedName, selectList, options, primaryKey: [], cancellationToken)
            .ConfigureAwait(false);
        var series = new StatementSeries(client, plan.Statements);
        CompletedStatement completed;
        try
        {
            completed = await series.RunFirstAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (StatementFailedException failed) when (options.Transport == SnapshotTransport.Auto && UnloadTransport.IsSizeLimit(failed))
        {
            // The Data API's result cap: UNLOAD has none.
            UnloadTransport.CheckCanSwitch(options, failed);
            return await OpenUnloadAsync(client, table, selectList, options, cancellationToken).ConfigureAwait(false);
        }

        if (!completed.HasResultSet)
        {
            throw new InvalidOperationException($"Statement {completed.Id} reading {table} finished without a result set.");
        }

        // Records are decoded to values as each page is read (and the next page fetched while the caller works).
        var decoder = new Rows.RowPageDecoder();
        var pages = await PageCursor<ResultPage>.OpenAsync(
            token => series.ReadPagesAsync(completed, (statement, _, ct) => PagedResult.ReadAsync(statement.Id,
                async (next, number, fetchToken) =>
                {
                    var fetched = await TypedPages.FetchAsync<Rows.RowPage, Rows.RowPageBuilder>(client, statement, decoder.NewPage, next,
                        decoder.HasColumns ? null : (columns, _) => decoder.Accept(columns), fetchToken).ConfigureAwait(false);
                    var page = new ResultPage(number, decoder.Columns, fetched.TotalNumRows, statement.ResultFormat, fetched.Page);
                    return new PageFetch<ResultPage>(page, fetched.RowCount, fetched.NextToken, fetched.TotalNumRows);
                }, client.Logger, ct), token, options.ChunkParallelism, options.EffectiveChunkOrder),
            cancellationToken).ConfigureAwait(false);
        var reader = new SnapshotReader(table, completed, series, plan.TotalRows, pages);
        if (options.Transport == SnapshotTransport.Auto && reader.TotalNumRows > options.AutoUnloadRows && options.Unload is not null)
        {
            await reader.DisposeAsync().ConfigureAwait(false);
            return await OpenUnloadAsync(client, table, selectList, options, cancellationToken).ConfigureAwait(false);
        }

        return reader;
    }

    /// <summary>
    /// The UNLOAD transport for a table read by name: the result's columns come from the same SELECT run with LIMIT 0
    /// through the Data API (their ColumnMetadata, as the Data API path has them), then the rows from the UNLOAD files.
    /// </summary>
    private static async Task<SnapshotReader> OpenUnloadAsync(
        RedshiftClient client, TableReference table, string selectList, SnapshotOptions options, CancellationToken cancellationToken)
    {
        var (columns, types, run) = await StartUnloadAsync(client, table, selectList, options, cancellationToken).ConfigureAwait(false);
        long total = run.TotalRows;
        int number = 0;
        var pages = await PageCursor<ResultPage>.OpenAsync(
            token => run.ReadPagesAsync(types, (batch, start, count) =>
            {
                // Untyped values are the Data API's text for each value, as a CSV page carries them.
                var records = new List<List<Field>>(count);
                for (int r = start; r < start + count; r++)
                {
                    var record = new List<Field>(batch.ColumnCount);
                    for (int c = 0; c < batch.ColumnCount; c++) record.Add(batch[c].IsNull(r) ? Field.Null : Field.FromString(batch[c].Text(r)));
                    records.Add(record);
                }

                return new ResultPage(Interlocked.Increment(ref number) - 1, columns, total, records);
            }, page => page.RowCount, token),
            cancellationToken).ConfigureAwait(false);
        if (pages.First is null)
        {
            await pages.DisposeAsync().ConfigureAwait(false);
            pages = await PageCursor<ResultPage>.OpenAsync(
                _ => AsyncEnumerable.Repeat(new ResultPage(0, columns, 0, new List<List<Field>>()), 1), cancellationToken).ConfigureAwait(false);
        }

        return new SnapshotReader(table, run.Statement, run.Series, total, pages);
    }

    /// <summary>
    /// UNLOADs a table read by name and leaves its files in S3, for a loader that ingests them where they are
    /// (<c>redshift-typed snapshot --keep-in-s3</c>): the columns and the manifest's files, rows and bytes; no row is downloaded.
    /// </summary>
    internal static async Task<UnloadedTable> UnloadToS3Async(
        RedshiftClient client, TableReference table, SnapshotOptions options, CancellationToken cancellationToken)
    {
        options.Validate();
        if (options.Unload is not { KeepFiles: true })
        {
            throw new ArgumentException("Unloading into S3 without reading needs Unload with KeepFiles = true: otherwise nothing would keep the files.", nameof(options));
        }

        options.CheckLimitIsOrdered(table.ToString(), primaryKey: null, exampleKey: "\"id\"");
        await TableColumnCheck.CheckAsync(client, table, options, cancellationToken).ConfigureAwait(false);
        string selectList = options.Columns is null ? "*" : string.Join(", ", options.Columns.Select(RedshiftIdentifier.Quote));
        var (columns, _, run) = await StartUnloadAsync(client, table, selectList, options, cancellationToken).ConfigureAwait(false);
        long listed = run.Manifest.Entries.Sum(e => e.RecordCount ?? 0);
        if (run.Manifest.TotalRows is { } total && total != listed)
        {
            throw new ResultIntegrityException($"The UNLOAD manifest announced {total} rows but its entries list {listed}", run.Statement.Id);
        }

        return new UnloadedTable(run.Statement, columns, run.Manifest, run.TotalRows);
    }

    /// <summary>
    /// The result's columns from the same SELECT run with LIMIT 0 through the Data API (their ColumnMetadata, as the Data
    /// API path has them), then the UNLOAD of that SELECT with its values as literals.
    /// </summary>
    private static async Task<(IReadOnlyList<ColumnMetadata> Columns, RedshiftType[] Types, UnloadRun Run)> StartUnloadAsync(
        RedshiftClient client, TableReference table, string selectList, SnapshotOptions options, CancellationToken cancellationToken)
    {
        var query = SnapshotQuery.Build(table.QualifiedName, selectList, options, primaryKey: []);
        var shape = new SqlStatement($"SELECT * FROM ({query.Sql}) AS rt_shape LIMIT 0");
        foreach (var parameter in query.Parameters) shape.WithParameter(parameter.Name!, parameter.Value!);
        var described = await client.ExecuteAsync(shape, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<ColumnMetadata> columns = [];
        await foreach (var page in client.ReadPagesAsync(described, cancellationToken).ConfigureAwait(false))
        {
            columns = page.Columns;
        }

        var named = columns.Select(c => (Name: c.Name ?? c.Label ?? "?", Type: Values.RedshiftTypeNames.Parse(c.TypeName))).ToList();
        UnloadTransport.CheckTypes(table.ToString(), named);
        string select = SnapshotQuery.BuildWithLiterals(table.QualifiedName, UnloadTransport.SelectList(named), options, primaryKey: []);
        var run = await UnloadRun.StartAsync(client, select, options, cancellationToken).ConfigureAwait(false);
        return (columns, named.Select(c => c.Type).ToArray(), run);
    }
}

/// <summary>A table UNLOADed and left in S3: the statement, the result's columns, and the manifest's files.</summary>
internal sealed record UnloadedTable(CompletedStatement Statement, IReadOnlyList<ColumnMetadata> Columns, UnloadManifest Manifest, long Rows);
