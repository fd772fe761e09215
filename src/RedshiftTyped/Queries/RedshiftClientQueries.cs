using System.Runtime.CompilerServices;
using Apache.Arrow;
using RedshiftTyped.Queries;

namespace RedshiftTyped;

/// <summary>
/// Typed queries on <see cref="RedshiftClient"/>: a <c>.sql</c> file compiled into a <see cref="QueryDescriptor"/>
/// (<c>TickitQueries.TopEvents</c>) runs with its parameters as Data API parameters, and its rows stream as generated
/// records or Arrow record batches. The first page's columns are compared with the query snapshot the code was compiled
/// from (<see cref="Reading.SchemaDriftException"/> names the file and <c>redshift-typed check</c>).
/// </summary>
public static class RedshiftClientQueries
{
    /// <summary>Runs a typed query and streams its rows as records, page by page.</summary>
    /// <example><c>await foreach (var e in client.QueryAsync(TickitQueries.TopEvents, new(Year: 2008, Top: 5))) …</c></example>
    public static async IAsyncEnumerable<TRow> QueryAsync<TParameters, TRow>(this RedshiftClient client,
        QueryDescriptor<TParameters, TRow> query, TParameters parameters, QueryOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var reader = await client.OpenQueryAsync(query, parameters, options, cancellationToken).ConfigureAwait(false);
        await foreach (var row in reader.ReadRowsAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return row;
        }
    }

    /// <summary>Runs a typed query without parameters and streams its rows as records, page by page.</summary>
    public static async IAsyncEnumerable<TRow> QueryAsync<TRow>(this RedshiftClient client, QueryDescriptor<TRow> query,
        QueryOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var reader = await client.OpenQueryAsync(query, options, cancellationToken).ConfigureAwait(false);
        await foreach (var row in reader.ReadRowsAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return row;
        }
    }

    /// <summary>
    /// Runs a typed query and streams its rows as Arrow record batches with the generated schema, one per result page;
    /// <c>RedshiftTyped.Export</c> writes them to Parquet, Arrow IPC or CSV.
    /// </summary>
    public static async IAsyncEnumerable<RecordBatch> QueryBatchesAsync<TParameters, TRow>(this RedshiftClient client,
        QueryDescriptor<TParameters, TRow> query, TParameters parameters, QueryOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var reader = await client.OpenQueryAsync(query, parameters, options, cancellationToken).ConfigureAwait(false);
        await foreach (var batch in reader.ReadBatchesAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return batch;
        }
    }

    /// <summary>Runs a typed query without parameters and streams its rows as Arrow record batches, one per result page.</summary>
    public static async IAsyncEnumerable<RecordBatch> QueryBatchesAsync<TRow>(this RedshiftClient client, QueryDescriptor<TRow> query,
        QueryOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var reader = await client.OpenQueryAsync(query, options, cancellationToken).ConfigureAwait(false);
        await foreach (var batch in reader.ReadBatchesAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return batch;
        }
    }

    /// <summary>
    /// Runs a typed query, reads its first page and checks its columns; the reader then gives the statement id and the
    /// row total before streaming the rows once. A null parameter the file does not declare <c>nullable</c> is an
    /// <see cref="ArgumentNullException"/> naming the SQL to write instead; nothing is sent.
    /// </summary>
    public static Task<QueryReader<TRow>> OpenQueryAsync<TParameters, TRow>(this RedshiftClient client,
        QueryDescriptor<TParameters, TRow> query, TParameters parameters, QueryOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(query);
        if (parameters is null)
        {
            throw new ArgumentNullException(nameof(parameters), $"{query} takes parameters: pass new(…) with a value for each.");
        }

        options ??= new QueryOptions();
        var statement = QueryStatement.Build(query, query.ValuesOf(parameters), options);
        return QueryReader<TRow>.OpenAsync(client, query, query.Rows, statement, options, cancellationToken);
    }

    /// <summary>Runs a typed query without parameters, reads its first page and checks its columns.</summary>
    public static Task<QueryReader<TRow>> OpenQueryAsync<TRow>(this RedshiftClient client, QueryDescriptor<TRow> query,
        QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(query);
        options ??= new QueryOptions();
        var statement = QueryStatement.Build(query, [], options);
        return QueryReader<TRow>.OpenAsync(client, query, query.Rows, statement, options, cancellationToken);
    }
}
