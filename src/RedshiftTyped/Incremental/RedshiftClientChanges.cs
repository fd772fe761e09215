using RedshiftTyped.Incremental;
using RedshiftTyped.Incremental.Deletes;
using RedshiftTyped.Incremental.Reading;
using RedshiftTyped.Reading;
using RedshiftTyped.Typed;

namespace RedshiftTyped;

/// <summary>
/// Change reads on <see cref="RedshiftClient"/>: the rows of a table after an offset, as upserts (and deletes), with the
/// offset the next read starts from. The offset is a small value to store anywhere (<see cref="ChangeOffset.ToJson"/>).
/// <code>
/// var options = new ChangeOptions(IngestionType.Cdc, Column.UpdatedAt);
/// await using var changes = await client.OpenChangesAsync(MyDatabase.Public.Orders, options, lastOffset);
/// await foreach (var change in changes.ReadAsync()) { /* change.Type, change.Row, change.Key */ }
/// lastOffset = changes.Offset;   // store it once the changes are applied
/// </code>
/// </summary>
public static class RedshiftClientChanges
{
    /// <summary>
    /// Opens a change read of a compiled table: finds deletes (for <see cref="IngestionType.CdcWithDeletes"/>), runs the
    /// read's statement and reads its first page. The live table is checked against the snapshot the code was compiled
    /// from, as a snapshot read is.
    /// </summary>
    /// <typeparam name="TRecord">The generated record.</typeparam>
    /// <param name="client">The client.</param>
    /// <param name="table">The generated descriptor: <c>MyDatabase.Public.Orders</c>.</param>
    /// <param name="options">Ingestion type, cursor, keys, lookback, filters.</param>
    /// <param name="offset">Where the last read of the table stopped; null reads every row (a first read).</param>
    /// <param name="cancellationToken">Stops the reads, and cancels the statement on the server.</param>
    /// <exception cref="ArgumentException">The options name a column the table does not have or whose type cannot order changes, or the offset belongs to another read.</exception>
    /// <exception cref="SchemaDriftException">The live table no longer matches the snapshot.</exception>
    /// <exception cref="Execution.StatementFailedException">Redshift failed a statement.</exception>
    public static async Task<ChangeReader<TRecord>> OpenChangesAsync<TRecord>(this RedshiftClient client, TableDescriptor<TRecord> table,
        ChangeOptions options, ChangeOffset? offset = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (table.Kind == TableKind.Query)
        {
            throw new ArgumentException($"{table.DisplayName} is the result of a typed query, not a table: its changes cannot be read.", nameof(table));
        }

        foreach (var handle in (options.Keys ?? []).Append(options.Cursor))
        {
            if (handle.Descriptor is { } descriptor && !ReferenceEquals(table.FindColumn(descriptor.Name), descriptor))
            {
                throw new ArgumentException($"The change options name column \"{descriptor.Name}\" of {descriptor.Table}, but the read is of {table.DisplayName}.",
                    nameof(options));
            }
        }

        string name = table.Schema + "." + table.Name;
        var columns = ChangeColumnSet.Resolve(name, options, [.. table.Columns.Select(c => new TableColumn(c.Name, c.Type, c.Precision))], table.PrimaryKey);
        OffsetCheck.CheckNames(name, options, columns.KeyNames, offset);
        OffsetCheck.CheckTypes(name, columns, offset);
        var run = RunTime(offset);
        var scan = await ScanForDeletesAsync(client, table.QualifiedName, name, options, columns.KeyNames, offset, cancellationToken).ConfigureAwait(false);
        var snapshot = ChangeQuery.Build(options, columns.Cursor.Name, columns.KeyNames, offset);
        var source = await TypedChangeSource<TRecord>.OpenAsync(client, table, snapshot, columns.ProbeNames, cancellationToken).ConfigureAwait(false);
        return new ChangeReader<TRecord>(name, options, columns, offset, run, scan, source);
    }

    /// <summary>
    /// Opens a change read of a table that is not compiled in; rows are typed from the result's ColumnMetadata.
    /// <see cref="ChangeOptions.Keys"/> must name the key columns. The columns are checked with DescribeTable first
    /// where the caller may call it.
    /// </summary>
    /// <param name="client">The client.</param>
    /// <param name="table">The table: <c>TableReference.Parse("public.orders")</c>.</param>
    /// <param name="options">Ingestion type, cursor, keys, lookback, filters.</param>
    /// <param name="offset">Where the last read of the table stopped; null reads every row (a first read).</param>
    /// <param name="cancellationToken">Stops the reads, and cancels the statement on the server.</param>
    /// <exception cref="ArgumentException">The options name a column the table does not have or whose type cannot order changes, or the offset belongs to another read.</exception>
    /// <exception cref="Execution.StatementFailedException">Redshift failed a statement.</exception>
    public static async Task<ChangeReader<RedshiftRow>> OpenChangesAsync(this RedshiftClient client, TableReference table,
        ChangeOptions options, ChangeOffset? offset = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        string name = table.ToString();
        if (options.Keys is null)
        {
            throw new ArgumentException(
                $"A change read of {name} needs the columns that identify a row: give ChangeOptions.Keys (a table read by name has no known primary key).",
                nameof(options));
        }

        IReadOnlyList<string> keys = [.. options.Keys.Select(k => k.Name)];
        OffsetCheck.CheckNames(name, options, keys, offset);
        ChangeColumnSet? columns = null;
        if (await TableColumns.DescribeAsync(client, table, cancellationToken).ConfigureAwait(false) is { } described)
        {
            columns = ChangeColumnSet.Resolve(name, options, described, primaryKey: null);
            OffsetCheck.CheckTypes(name, columns, offset);
        }

        var run = RunTime(offset);
        var scan = await ScanForDeletesAsync(client, table.QualifiedName, name, options, keys, offset, cancellationToken).ConfigureAwait(false);
        var snapshot = ChangeQuery.Build(options, options.Cursor.Name, keys, offset);
        var source = await UntypedChangeSource.OpenAsync(client, table, snapshot, metadata =>
        {
            // DescribeTable could not answer: the result's own columns are checked instead, before any row is used.
            if (columns is null)
            {
                columns = ChangeColumnSet.Resolve(name, options, TableColumns.From(metadata), primaryKey: null);
                OffsetCheck.CheckTypes(name, columns, offset);
            }

            return columns.ProbeNames;
        }, cancellationToken).ConfigureAwait(false);
        return new ChangeReader<RedshiftRow>(name, options, columns!, offset, run, scan, source);
    }

    private static async Task<DeleteScan?> ScanForDeletesAsync(RedshiftClient client, string qualifiedTable, string name, ChangeOptions options,
        IReadOnlyList<string> keys, ChangeOffset? offset, CancellationToken cancellationToken)
    {
        if (options.IngestionType != IngestionType.CdcWithDeletes)
        {
            return null;
        }

        var sql = new KeyDigestSql(qualifiedTable, keys, options.Filters, options.Timeout, options.StatementName);
        return await new DeleteDetector(client, name, keys, sql, options.DeleteBucketRows).ScanAsync(offset?.KeyIndex, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Now, in whole microseconds, and always after the offset's run (a clock that went back still orders the runs).</summary>
    private static DateTimeOffset RunTime(ChangeOffset? offset)
    {
        long ticks = DateTimeOffset.UtcNow.UtcTicks;
        var now = new DateTimeOffset(ticks - (ticks % 10), TimeSpan.Zero);
        return offset is not null && offset.LastRun >= now ? offset.LastRun.AddTicks(10) : now;
    }
}
