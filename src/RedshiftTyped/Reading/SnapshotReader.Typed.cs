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
/// one), as records or as Arrow record batches — once.
/// </summary>
public sealed class SnapshotReader<TRecord> : IAsyncDisposable
{
    private readonly PageCursor<List<TRecord>> _pages;

    private readonly StatementSeries _series;

    private SnapshotReader(TableDescriptor<TRecord> table, ColumnProjection projection, CompletedStatement statement,
        StatementSeries series, ResultHeader header, PageCursor<List<TRecord>> pages)
    {
        _series = series;
        Table = table;
        Projection = projection;
        Statement = statement;
        Columns = header.Columns;
        TotalNumRows = header.TotalNumRows;
        ArrowSchema = projection.IsAll
            ? table.ArrowSchema
            : new Schema(projection.Columns.Select(c => table.ArrowSchema.FieldsList[c.Position]), table.ArrowSchema.Metadata);
        _pages = pages;
    }

    public TableDescriptor<TRecord> Table { get; }

    /// <summary>The columns read.</summary>
    public ColumnProjection Projection { get; }

    /// <summary>The finished statement: its id (for the manifest and ListStatements), SQL and timings.</summary>
    public CompletedStatement Statement { get; }

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

    /// <summary>The schema of <see cref="ReadBatchesAsync"/>'s batches: the compiled one, cut to the projection.</summary>
    public Schema ArrowSchema { get; }

    /// <summary>Every row, as records.</summary>
    public async IAsyncEnumerable<TRecord> ReadRowsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
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
    public async IAsyncEnumerable<RecordBatch> ReadBatchesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in _pages.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var builder = Table.CreateArrowBuilder();
            foreach (var row in page)
            {
                builder.Append(row);
            }

            var batch = builder.Build();
            yield return Projection.IsAll
                ? batch
                : new RecordBatch(ArrowSchema, Projection.Columns.Select(c => batch.Column(c.Position)), batch.Length);
        }
    }

    public ValueTask DisposeAsync() => _pages.DisposeAsync();

    public override string ToString() => $"Snapshot of {Table.DisplayName} (statement {StatementId})";

    internal static async Task<SnapshotReader<TRecord>> OpenAsync(
        RedshiftClient client, TableDescriptor<TRecord> table, SnapshotOptions options, CancellationToken cancellationToken)
    {
        options.Validate();
        var projection = options.Columns is null ? ColumnProjection.All(table) : ColumnProjection.Of(table, options.Columns);
        foreach (var column in options.Filters.SelectMany(f => f.CompiledColumns()))
        {
            if (!ReferenceEquals(table.FindColumn(column.Name), column))
            {
                throw new ArgumentException(
                    $"A filter names column \"{column.Name}\" of {column.Table}, but the snapshot reads {table.DisplayName}.", nameof(options));
            }
        }

        var tableCheck = client.SchemaVerifier.StartTableCheck(table, options.SchemaCheck, cancellationToken);
        SnapshotPlan plan;
        StatementSeries series;
        CompletedStatement completed;
        try
        {
            plan = await SnapshotPlan.CreateAsync(client, table.QualifiedName, projection.SelectList, options, table.PrimaryKey, cancellationToken)
                .ConfigureAwait(false);
            series = new StatementSeries(client, plan.Statements);
            completed = await series.RunFirstAsync(cancellationToken).ConfigureAwait(false);
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
        var pages = await PageCursor<List<TRecord>>.OpenAsync(
            token => series.ReadPagesAsync(completed,
                (statement, isFirst, ct) => PagedResult.ReadAsync(statement.Id,
                    (next, number, fetchToken) => FetchAsync(client, statement, table, projection, options, header, isFirst && number == 0, next, fetchToken),
                    client.Logger, ct),
                token),
            cancellationToken).ConfigureAwait(false);
        return new SnapshotReader<TRecord>(table, projection, completed, series, header, pages);
    }

    private static async Task<PageFetch<List<TRecord>>> FetchAsync(RedshiftClient client, CompletedStatement statement,
        TableDescriptor<TRecord> table, ColumnProjection projection, SnapshotOptions options, ResultHeader header,
        bool isFirstPage, string? nextToken, CancellationToken cancellationToken)
    {
        if (statement.ResultFormat == ResultFormatString.CSV)
        {
            var response = await client.DataApi.GetStatementResultV2Async(
                new GetStatementResultV2Request { Id = statement.Id, NextToken = nextToken }, cancellationToken).ConfigureAwait(false);
            if (isFirstPage)
            {
                header.Accept(table, projection, options, response.ColumnMetadata, response.TotalNumRows);
            }

            var rows = new List<TRecord>();
            foreach (var chunk in response.Records ?? [])
            {
                foreach (var fields in CsvRecordReader.Read(chunk.CSVRecords ?? string.Empty))
                {
                    rows.Add(DecodeCsv(table, projection, fields));
                }
            }

            return new PageFetch<List<TRecord>>(rows, rows.Count, response.NextToken, response.TotalNumRows);
        }

        byte[] body = await client.DataApi.GetStatementResultBytesAsync(
            new GetStatementResultRequest { Id = statement.Id, NextToken = nextToken }, cancellationToken).ConfigureAwait(false);
        try
        {
            if (isFirstPage)
            {
                // Checked before decoding: a changed column must read as drift, not as a decode error.
                var first = DataApiRecords.ReadHeader(body);
                header.Accept(table, projection, options, first.ColumnMetadata, first.TotalNumRows);
            }

            var page = DecodeJson(table, projection, body);
            return new PageFetch<List<TRecord>>(page.Rows, page.Rows.Count, page.NextToken, page.TotalNumRows);
        }
        catch (JsonException ex)
        {
            // The body is not a GetStatementResult answer (cut short, wrong shape): the endpoint's fault, not the data's.
            throw UnexpectedResponseException.FromJson("RedshiftData.GetStatementResult", client.DataApi.Endpoint, ex);
        }
    }

    private static TypedResultPage<TRecord> DecodeJson(TableDescriptor<TRecord> table, ColumnProjection projection, byte[] body)
        => projection.IsAll ? DataApiRecords.ReadPage(body, table.Decoder) : DataApiRecords.ReadPage(body, table.Decoder, projection);

    private static TRecord DecodeCsv(TableDescriptor<TRecord> table, ColumnProjection projection, string?[] fields)
        => projection.IsAll ? table.Decoder.DecodeCsv(fields) : table.Decoder.DecodeCsv(fields, projection);
}

/// <summary>What the first page says of the whole result, checked against the compiled table.</summary>
internal sealed class ResultHeader(long? plannedRows)
{
    public IReadOnlyList<ColumnMetadata> Columns { get; private set; } = [];

    public long? TotalNumRows { get; private set; }

    public void Accept(TableDescriptor table, ColumnProjection projection, SnapshotOptions options,
        IReadOnlyList<ColumnMetadata>? columns, long? totalNumRows)
    {
        Columns = columns ?? [];
        TotalNumRows = plannedRows ?? totalNumRows;
        if (options.SchemaCheck != SchemaCheck.Off && columns is not null
            && SchemaVerifier.CompareResult(projection, columns) is { Count: > 0 } differences)
        {
            throw new SchemaDriftException(table.DisplayName, differences);
        }
    }
}
