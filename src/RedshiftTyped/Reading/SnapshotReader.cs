using System.Runtime.CompilerServices;
using Apache.Arrow;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Execution;
using RedshiftTyped.Typed;

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
            foreach (var values in page.DecodeRows())
            {
                yield return new RedshiftRow(RowSchema, values);
            }
        }
    }

    /// <summary>Every row as Arrow record batches of <see cref="ArrowSchema"/>, one per result page (an empty result gives one empty batch).</summary>
    public async IAsyncEnumerable<RecordBatch> ReadBatchesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in _pages.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var builder = new UntypedArrowBatchBuilder(ArrowSchema);
            foreach (var values in page.DecodeRows())
            {
                builder.Append(values);
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
        var plan = await SnapshotPlan.CreateAsync(client, table.QualifiedName, selectList, options, primaryKey: [], cancellationToken)
            .ConfigureAwait(false);
        var series = new StatementSeries(client, plan.Statements);
        var completed = await series.RunFirstAsync(cancellationToken).ConfigureAwait(false);
        if (!completed.HasResultSet)
        {
            throw new InvalidOperationException($"Statement {completed.Id} reading {table} finished without a result set.");
        }

        var pages = await PageCursor<ResultPage>.OpenAsync(
            token => series.ReadPagesAsync(completed, (statement, _, ct) => client.ReadPagesAsync(statement, ct), token),
            cancellationToken).ConfigureAwait(false);
        return new SnapshotReader(table, completed, series, plan.TotalRows, pages);
    }
}
