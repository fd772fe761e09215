using System.Runtime.CompilerServices;
using Apache.Arrow;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Execution;
using RedshiftTyped.Reading;
using RedshiftTyped.Typed;

namespace RedshiftTyped.Queries;

/// <summary>
/// A typed query, open: the statement has finished and the first page is read and checked against the query snapshot,
/// so the statement id, the row total and the Arrow schema are known before any row. Rows stream page by page (the next
/// page is fetched and decoded while the caller works through the current one), as records or Arrow batches — once.
/// </summary>
public sealed class QueryReader<TRow> : IAsyncDisposable
{
    private readonly PageCursor<List<TRow>> _pages;

    private QueryReader(QueryDescriptor query, TableDescriptor<TRow> rows, CompletedStatement statement, ResultColumns header,
        PageCursor<List<TRow>> pages)
    {
        Query = query;
        Rows = rows;
        Statement = statement;
        Columns = header.Columns;
        TotalNumRows = header.TotalNumRows;
        _pages = pages;
    }

    /// <summary>The query read.</summary>
    public QueryDescriptor Query { get; }

    /// <summary>The result's compiled columns, decoder and Arrow builder.</summary>
    public TableDescriptor<TRow> Rows { get; }

    /// <summary>The finished statement: its id, SQL (parameter values are not in it) and timings.</summary>
    public CompletedStatement Statement { get; }

    /// <summary>The statement's id, for ListStatements and DescribeStatement.</summary>
    public string StatementId => Statement.Id;

    /// <summary>The result's columns as the service described them.</summary>
    public IReadOnlyList<ColumnMetadata> Columns { get; }

    /// <summary>The row count the service announced; every row is read before the reader says it is done.</summary>
    public long? TotalNumRows { get; }

    /// <summary>The schema of <see cref="ReadBatchesAsync"/>'s batches: the compiled one.</summary>
    public Schema ArrowSchema => Rows.ArrowSchema;

    /// <summary>Every row, as records.</summary>
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
    public async IAsyncEnumerable<RecordBatch> ReadBatchesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in _pages.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var builder = Rows.CreateArrowBuilder();
            foreach (var row in page)
            {
                builder.Append(row);
            }

            yield return builder.Build();
        }
    }

    /// <summary>Stops reading; a page still being fetched is abandoned.</summary>
    public ValueTask DisposeAsync() => _pages.DisposeAsync();

    /// <summary><c>query tickit/top_events.sql (statement …)</c>.</summary>
    public override string ToString() => $"{Query} (statement {StatementId})";

    internal static async Task<QueryReader<TRow>> OpenAsync(RedshiftClient client, QueryDescriptor query, TableDescriptor<TRow> rows,
        SqlStatement statement, QueryOptions options, CancellationToken cancellationToken)
    {
        var completed = await client.ExecuteAsync(statement, cancellationToken).ConfigureAwait(false);
        if (!completed.HasResultSet)
        {
            throw new InvalidOperationException($"Statement {completed.Id} of {query} finished without a result set; a typed query must return rows.");
        }

        var header = new ResultColumns(query, options);
        var pages = await PageCursor<List<TRow>>.OpenAsync(
            token => PagedResult.ReadAsync(completed.Id,
                (next, number, ct) => TypedPages.FetchAsync(client, completed, rows.Decoder, next, number == 0 ? header.Accept : null, ct),
                client.Logger, token),
            cancellationToken).ConfigureAwait(false);
        return new QueryReader<TRow>(query, rows, completed, header, pages);
    }

    /// <summary>What the first page says of the result, checked against the compiled columns.</summary>
    private sealed class ResultColumns(QueryDescriptor query, QueryOptions options)
    {
        public IReadOnlyList<ColumnMetadata> Columns { get; private set; } = [];

        public long? TotalNumRows { get; private set; }

        public void Accept(IReadOnlyList<ColumnMetadata>? columns, long? totalNumRows)
        {
            Columns = columns ?? [];
            TotalNumRows = totalNumRows;
            if (options.SchemaCheck != SchemaCheck.Off && columns is not null
                && QueryResultCheck.Compare(query.Columns, columns) is { Count: > 0 } differences)
            {
                throw SchemaDriftException.ForQuery(query.Result.DisplayName, differences);
            }
        }
    }
}
