using System.Runtime.CompilerServices;
using System.Text.Json;
using Apache.Arrow;
using RedshiftTyped.DataApi.Errors;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Execution;
using RedshiftTyped.Typed;
using RedshiftTyped.Values;

namespace RedshiftTyped.Reading;

/// <summary>
/// A snapshot of a compiled table, open: the statement has finished, the schema is checked and the first page is
/// read. Rows stream page by page (the next page is fetched and decoded while the caller works through the current
/// one), as <typeparamref name="TRow"/> (the table's records, or a projection's values) or as Arrow record batches — once.
/// </summary>
/// <typeparam name="TRow">The generated record, or what a <see cref="TableProjection{TRecord, TRow}"/> reads.</typeparam>
public sealed class SnapshotReader<TRow> : IAsyncDisposable
{
    private readonly PageCursor<List<TRow>> _pages;

    private readonly StatementSeries _series;

    private readonly RowShape<TRow> _shape;

    private SnapshotReader(RowShape<TRow> shape, CompletedStatement statement, StatementSeries series, ResultHeader header,
        PageCursor<List<TRow>> pages)
    {
        _shape = shape;
        _series = series;
        Statement = statement;
        Columns = header.Columns;
        TotalNumRows = header.TotalNumRows;
        _pages = pages;
    }

    /// <summary>The compiled table read.</summary>
    public TableDescriptor Table => _shape.Projection.Table;

    /// <summary>The compiled columns read, in select-list order: all of the table's, or a projection's.</summary>
    public IReadOnlyList<ColumnDescriptor> SelectedColumns => _shape.Projection.Columns;

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

    /// <summary>
    /// The row count the service announced (for a chunked read, the rows the plan counted); every row of each
    /// statement is read before the reader says it is done.
    /// </summary>
    public long? TotalNumRows { get; }

    /// <summary>The schema of <see cref="ReadBatchesAsync"/>'s batches: the compiled one, or a projection's.</summary>
    public Schema ArrowSchema => _shape.ArrowSchema;

    /// <summary>Every row, streamed page by page.</summary>
    /// <param name="cancellationToken">Stops the reading.</param>
    public async IAsyncEnumerable<TRow> ReadRowsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in _pages.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in page)
            {
                yield return row;
            }
        }
    }

    /// <summary>Every row as Arrow record batches of <see cref="ArrowSchema"/>, one per result page (an empty result gives one empty batch).</summary>
    /// <param name="cancellationToken">Stops the reading.</param>
    public async IAsyncEnumerable<RecordBatch> ReadBatchesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in _pages.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var builder = _shape.CreateArrowBuilder();
            foreach (var row in page)
            {
                builder.Append(row);
            }

            yield return builder.Build();
        }
    }

    /// <summary>Stops reading; a statement still running ahead (the next chunk) is abandoned.</summary>
    public ValueTask DisposeAsync() => _pages.DisposeAsync();

    /// <summary>Every page's rows as decoded, one list per result page (for readers that work page by page).</summary>
    internal IAsyncEnumerable<List<TRow>> ReadPagesAsync(CancellationToken cancellationToken) => _pages.ReadAsync(cancellationToken);

    /// <summary><c>Snapshot of database.schema.table (statement id)</c>.</summary>
    public override string ToString() => $"Snapshot of {Table.DisplayName} (statement {StatementId})";

    internal static async Task<SnapshotReader<TRow>> OpenAsync(
        RedshiftClient client, RowShape<TRow> shape, SnapshotOptions options, CancellationToken cancellationToken)
    {
        var table = shape.Projection.Table;
        if (table.Kind == TableKind.Query)
        {
            throw new ArgumentException(
                $"{table.DisplayName} is the result of a typed query, not a table: read it with client.QueryAsync(…) and the query's descriptor.",
                nameof(shape));
        }

        options.Validate();
        CheckOptionsAgainst(table, options);

        var tableCheck = client.SchemaVerifier.StartTableCheck(table, options.SchemaCheck, cancellationToken);
        if (options.Transport == SnapshotTransport.Unload)
        {
            return await OpenUnloadAsync(client, shape, options, tableCheck, cancellationToken).ConfigureAwait(false);
        }

        SnapshotPlan plan;
        StatementSeries series;
        CompletedStatement completed;
        try
        {
            plan = await SnapshotPlan.CreateAsync(client, table.QualifiedName, shape.Projection.SelectList, options, table.PrimaryKey, cancellationToken)
                .ConfigureAwait(false);
            series = new StatementSeries(client, plan.Statements);
            completed = await series.RunFirstAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (StatementFailedException failed) when (options.Transport == SnapshotTransport.Auto && UnloadTransport.IsSizeLimit(failed))
        {
            // The Data API's result cap: UNLOAD has none.
            UnloadTransport.CheckCanSwitch(options, failed);
            return await OpenUnloadAsync(client, shape, options, tableCheck, cancellationToken).ConfigureAwait(false);
        }
        catch (StatementFailedException failed) when (tableCheck is not null)
        {
            // A column that is gone fails the statement itself; say why, with every difference.
            IReadOnlyList<SchemaDifference> differences;
            try
            {
                differences = await tableCheck.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The caller cancelled the check; the statement's own failure is still the answer.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failed);
                throw;
            }

            if (differences.Count > 0)
            {
                throw new SchemaDriftException(table.DisplayName, differences, failed);
            }

            throw;
        }
        catch when (tableCheck is not null)
        {
            // The statement's error is the one to report; the check only needs observing (it can end cancelled).
            _ = tableCheck.ContinueWith(static t => t.Exception, CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw;
        }

        if (tableCheck is not null && await tableCheck.ConfigureAwait(false) is { Count: > 0 } drift)
        {
            throw new SchemaDriftException(table.DisplayName, drift);
        }

        var header = new ResultHeader(plan.TotalRows);
        var pages = await PageCursor<List<TRow>>.OpenAsync(
            token => series.ReadPagesAsync(completed,
                (statement, isFirst, ct) => PagedResult.ReadAsync(statement.Id,
                    (next, number, fetchToken) => FetchAsync(client, statement, shape, options, header, isFirst && number == 0, next, fetchToken),
                    client.Logger, ct),
                token, options.ChunkParallelism, options.EffectiveChunkOrder),
            cancellationToken).ConfigureAwait(false);
        if (options.Transport == SnapshotTransport.Auto && header.TotalNumRows > options.AutoUnloadRows && options.Unload is not null)
        {
            // Announced larger than the threshold: the cluster's slices write it faster than pages can carry it.
            await pages.DisposeAsync().ConfigureAwait(false);
            return await OpenUnloadAsync(client, shape, options, null, cancellationToken).ConfigureAwait(false);
        }

        return new SnapshotReader<TRow>(shape, completed, series, header, pages);
    }

    /// <summary>The UNLOAD transport: the same SELECT with literals, Parquet files decoded into rows by the same decoders.</summary>
    private static async Task<SnapshotReader<TRow>> OpenUnloadAsync(RedshiftClient client, RowShape<TRow> shape, SnapshotOptions options,
        Task<IReadOnlyList<SchemaDifference>>? tableCheck, CancellationToken cancellationToken)
    {
        var table = shape.Projection.Table;
        var columns = shape.Projection.Columns;
        UnloadTransport.CheckTypes(table.DisplayName, columns.Select(c => (c.Name, c.Type)));
        string select = SnapshotQuery.BuildWithLiterals(table.QualifiedName, UnloadTransport.SelectList(columns.Select(c => (c.Name, c.Type))),
            options, table.PrimaryKey);
        UnloadRun run;
        try
        {
            run = await UnloadRun.StartAsync(client, select, options, cancellationToken).ConfigureAwait(false);
        }
        catch (StatementFailedException failed) when (tableCheck is not null)
        {
            if (await tableCheck.ConfigureAwait(false) is { Count: > 0 } differences)
            {
                throw new SchemaDriftException(table.DisplayName, differences, failed);
            }

            throw;
        }

        if (tableCheck is not null && await tableCheck.ConfigureAwait(false) is { Count: > 0 } drift)
        {
            throw new SchemaDriftException(table.DisplayName, drift);
        }

        var header = new ResultHeader(run.TotalRows);
        header.Accept(shape.Projection, options, null, run.TotalRows);
        var types = columns.Select(c => c.Type).ToArray();
        var decoder = shape.Decoder;
        var pages = await PageCursor<List<TRow>>.OpenAsync(
            token => run.ReadPagesAsync(types, (batch, start, count) =>
            {
                // Each value straight from the file's typed column into the record (generated DecodeColumns), no text between.
                var rows = new List<TRow>(count);
                for (int r = start; r < start + count; r++)
                {
                    rows.Add(decoder.DecodeColumns(batch, r));
                }

                return rows;
            }, page => page.Count, token),
            cancellationToken).ConfigureAwait(false);
        return new SnapshotReader<TRow>(shape, run.Statement, run.Series, header, pages);
    }

    /// <summary>
    /// Everything the options name must belong to the table read, checked before anything is sent: filter and order
    /// columns, and a limit must be ordered. <see cref="SnapshotOptions.Columns"/> is for tables read by name.
    /// </summary>
    private static void CheckOptionsAgainst(TableDescriptor table, SnapshotOptions options)
    {
        string handleExample = "Column." + (table.Columns.Count > 0 ? table.Columns[0].PropertyName : "Id");
        if (options.Columns is not null)
        {
            throw new ArgumentException(
                $"Columns applies to tables read by name; {table.DisplayName} is compiled, and a record with unread properties would " +
                $"hold made-up values. Read a projection instead: Select({string.Join(", ", options.Columns.Take(3).Select(n => "Column." + (table.FindColumn(n)?.PropertyName ?? n)))}) " +
                "on the table's descriptor gives rows of exactly those values.",
                nameof(options));
        }

        foreach (var column in options.Filters.SelectMany(f => f.CompiledColumns()))
        {
            if (!ReferenceEquals(table.FindColumn(column.Name), column))
            {
                throw new ArgumentException(
                    $"A filter names column \"{column.Name}\" of {column.Table}, but the snapshot reads {table.DisplayName}.", nameof(options));
            }
        }

        foreach (var key in options.Ordering)
        {
            var compiled = table.FindColumn(key.Name);
            if (key.Descriptor is { } descriptor && !ReferenceEquals(compiled, descriptor))
            {
                throw new ArgumentException(
                    $"OrderBy names column \"{key.Name}\" of {descriptor.Table}, but the snapshot reads {table.DisplayName}.", nameof(options));
            }

            if (compiled is null)
            {
                throw new ArgumentException(
                    $"OrderBy names \"{key.Name}\", which {table.DisplayName} does not have{Naming.NearestNames.DidYouMean(key.Name, table.Columns.Select(c => c.Name))}; " +
                    $"order by its column handles ({handleExample}) so that a typo cannot compile. Its columns: {string.Join(", ", table.Columns.Select(c => c.Name))}.",
                    nameof(options));
            }
        }

        options.CheckLimitIsOrdered(table.DisplayName, table.PrimaryKey, handleExample);
    }

    private static Task<PageFetch<List<TRow>>> FetchAsync(RedshiftClient client, CompletedStatement statement,
        RowShape<TRow> shape, SnapshotOptions options, ResultHeader header,
        bool isFirstPage, string? nextToken, CancellationToken cancellationToken)
        => TypedPages.FetchAsync(client, statement, shape.Decoder, nextToken,
            isFirstPage ? (columns, totalNumRows) => header.Accept(shape.Projection, options, columns, totalNumRows) : null,
            cancellationToken);
}

/// <summary>
/// What a typed snapshot reads and how it decodes it: a compiled table's records (the generated decoder and Arrow
/// builder), or a projection's values.
/// </summary>
internal sealed class RowShape<TRow>(ColumnProjection projection, IRowDecoder<TRow> decoder, Schema arrowSchema,
    Func<IArrowBatchBuilder<TRow>> createArrowBuilder)
{
    public ColumnProjection Projection { get; } = projection;

    public IRowDecoder<TRow> Decoder { get; } = decoder;

    public Schema ArrowSchema { get; } = arrowSchema;

    public IArrowBatchBuilder<TRow> CreateArrowBuilder() => createArrowBuilder();

    public static RowShape<TRow> Of(TableDescriptor<TRow> table)
        => new(ColumnProjection.All(table), table.Decoder, table.ArrowSchema, table.CreateArrowBuilder);

    public static RowShape<TRow> Of<TRecord>(TableProjection<TRecord, TRow> projection)
        => new(projection.Projection, projection.Decoder, projection.ArrowSchema, projection.CreateArrowBuilder);
}

/// <summary>What the first page says of the whole result, checked against the compiled table.</summary>
internal sealed class ResultHeader(long? plannedRows)
{
    public IReadOnlyList<ColumnMetadata> Columns { get; private set; } = [];

    public long? TotalNumRows { get; private set; }

    public void Accept(ColumnProjection projection, SnapshotOptions options,
        IReadOnlyList<ColumnMetadata>? columns, long? totalNumRows)
    {
        Columns = columns ?? [];
        TotalNumRows = plannedRows ?? totalNumRows;
        if (options.SchemaCheck != SchemaCheck.Off && columns is not null
            && SchemaVerifier.CompareResult(projection, columns) is { Count: > 0 } differences)
        {
            throw new SchemaDriftException(projection.Table.DisplayName, differences);
        }
    }
}
