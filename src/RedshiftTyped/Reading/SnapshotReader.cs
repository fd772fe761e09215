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

    private SnapshotReader(TableReference table, CompletedStatement statement, PageCursor<ResultPage> pages)
    {
        Table = table;
        Statement = statement;
        _pages = pages;
        var first = pages.First!;
        Columns = first.Columns;
        TotalNumRows = first.TotalNumRows;
        RowSchema = new RedshiftRowSchema(first.Columns);
        ArrowSchema = ResultArrowSchema.For(first.Columns);
    }

    public TableReference Table { get; }

    /// <summary>The finished statement: its id (for the manifest and ListStatements), SQL and timings.</summary>
    public CompletedStatement Statement { get; }

    public string StatementId => Statement.Id;

    /// <summary>The result's columns as the service described them.</summary>
    public IReadOnlyList<ColumnMetadata> Columns { get; }

    public RedshiftRowSchema RowSchema { get; }

    /// <summary>The row count the service announced; every row is read before the reader says it is done.</summary>
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
                builder.Append(new RedshiftRow(RowSchema, values));
            }

            yield return builder.Build();
        }
    }

    public ValueTask DisposeAsync() => _pages.DisposeAsync();

    public override string ToString() => $"Snapshot of {Table} (statement {StatementId})";

    internal static async Task<SnapshotReader> OpenAsync(
        RedshiftClient client, TableReference table, SnapshotOptions options, CancellationToken cancellationToken)
    {
        options.Validate();
        string selectList = options.Columns is null ? "*" : string.Join(", ", options.Columns.Select(RedshiftIdentifier.Quote));
        var statement = SnapshotQuery.Build(table.QualifiedName, selectList, options, primaryKey: []);
        var completed = await client.ExecuteAsync(statement, cancellationToken).ConfigureAwait(false);
        if (!completed.HasResultSet)
        {
            throw new InvalidOperationException($"Statement {completed.Id} reading {table} finished without a result set.");
        }

        var pages = await PageCursor<ResultPage>.OpenAsync(
            token => client.ReadPagesAsync(completed, token), cancellationToken).ConfigureAwait(false);
        return new SnapshotReader(table, completed, pages);
    }
}
