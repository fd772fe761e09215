using System.Runtime.CompilerServices;
using Apache.Arrow;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Execution;
using RedshiftTyped.Incremental.Deletes;
using RedshiftTyped.Incremental.Offsets;
using RedshiftTyped.Incremental.Reading;

namespace RedshiftTyped.Incremental;

/// <summary>
/// A change read, open: deletes are found (for <see cref="IngestionType.CdcWithDeletes"/>), the read's first statement
/// has finished and its first page is read. The changes stream once, page by page, as <see cref="Change{TRow}"/>s or as
/// Arrow record batches (<see cref="ArrowSchema"/>): the upserts in (cursor, key) order, then the deletes. Once every
/// change is read, <see cref="Offset"/> is where the next read starts.
/// </summary>
/// <typeparam name="TRow">The generated record, or <see cref="RedshiftTyped.Reading.RedshiftRow"/> for a table read by name.</typeparam>
public sealed class ChangeReader<TRow> : IAsyncDisposable
{
    private readonly IChangeSource<TRow> _source;
    private readonly ChangeColumnSet _columns;
    private readonly ChangeOptions _options;
    private readonly ChangeSchema _schema;
    private readonly DeleteScan? _scan;
    private readonly LookbackWindow? _window;
    private readonly List<(string Text, object?[] Key)> _deletes = [];
    private readonly HashSet<string> _deletesPending = new(StringComparer.Ordinal);
    private int _reading;
    private bool _complete;
    private ChangePosition? _last;
    private ChangeOffset? _offset;

    internal ChangeReader(string table, ChangeOptions options, ChangeColumnSet columns, ChangeOffset? startOffset, DateTimeOffset run,
        DeleteScan? scan, IChangeSource<TRow> source)
    {
        Table = table;
        _options = options;
        _columns = columns;
        StartOffset = startOffset;
        Run = run;
        _scan = scan;
        _source = source;
        _schema = ChangeSchema.For(source.TableSchema, options.IngestionType, columns);
        if (options.Lookback is not null)
        {
            _window = startOffset?.Window.Copy() ?? new LookbackWindow();
        }

        foreach (var key in scan?.Deleted ?? [])
        {
            string text = OffsetValues.KeyText(key);
            _deletes.Add((text, key));
            _deletesPending.Add(text);
        }
    }

    /// <summary>The table read: <c>schema.table</c>.</summary>
    public string Table { get; }

    /// <summary>How the changes are read.</summary>
    public IngestionType IngestionType => _options.IngestionType;

    /// <summary>The offset the read started from; null for a first read (every row).</summary>
    public ChangeOffset? StartOffset { get; }

    /// <summary>When this read runs (UTC, whole microseconds): later than the start offset's run, and every change's <c>_change_run</c>.</summary>
    public DateTimeOffset Run { get; }

    /// <summary>
    /// The schema of <see cref="ReadBatchesAsync"/>'s batches: the table's for append; for CDC the table's columns (the
    /// non-key ones nullable) and then <c>_change_type</c>, <c>_change_run</c> and <c>_change_sequence</c> (<see cref="ChangeColumnNames"/>).
    /// </summary>
    public Schema ArrowSchema => _schema.Output;

    /// <summary>The rows' columns as the service described them.</summary>
    public IReadOnlyList<ColumnMetadata> Columns => _source.Columns;

    /// <summary>The read's first statement: its id, SQL and timings.</summary>
    public CompletedStatement Statement => _source.Statement;

    /// <summary>Every statement run so far: the delete scan's (digests, keys), then the read's (one, or one per chunk).</summary>
    public IReadOnlyList<string> StatementIds => [.. (_scan?.StatementIds ?? []), .. _source.StatementIds];

    /// <summary>Rows the read returned, including those a lookback dropped.</summary>
    public long RowsRead { get; private set; }

    /// <summary>Upserts emitted so far.</summary>
    public long Upserts { get; private set; }

    /// <summary>Deletes emitted so far.</summary>
    public long Deletes { get; private set; }

    /// <summary>Rows the lookback read again and dropped: already emitted with the same key and cursor value.</summary>
    public long Skipped { get; private set; }

    /// <summary>For <see cref="IngestionType.CdcWithDeletes"/>: keys fetched to find deletes (every key on a first read).</summary>
    public long KeysFetched => _scan?.KeysFetched ?? 0;

    /// <summary>For <see cref="IngestionType.CdcWithDeletes"/>: digest buckets whose keys were fetched.</summary>
    public int BucketsFetched => _scan?.BucketsFetched ?? 0;

    /// <summary>Whether the read stopped at <see cref="ChangeOptions.MaxRows"/> (more changes may follow; read again from <see cref="Offset"/>).</summary>
    public bool StoppedAtMaxRows => _options.MaxRows is { } max && RowsRead >= max;

    /// <summary>
    /// Where the next read starts: available once every change is read (an offset taken earlier would skip the rows not yet
    /// read). Store it (<see cref="ChangeOffset.ToJson"/>) only after the changes are safely applied or written.
    /// </summary>
    /// <exception cref="InvalidOperationException">The changes have not all been read.</exception>
    public ChangeOffset Offset => _complete
        ? _offset ??= NextOffset()
        : throw new InvalidOperationException(
            $"The changes of {Table} have not all been read: read ReadAsync or ReadBatchesAsync to the end before taking the offset, or the next read would skip the rest.");

    /// <summary>Every change: the upserts in (cursor, key) order, then the deletes in key order.</summary>
    /// <param name="cancellationToken">Stops the reading.</param>
    public async IAsyncEnumerable<Change<TRow>> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in ReadPagesAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var change in page)
            {
                yield return change;
            }
        }
    }

    /// <summary>Every change as Arrow record batches of <see cref="ArrowSchema"/>: one per result page, and the deletes last.</summary>
    /// <param name="cancellationToken">Stops the reading.</param>
    public async IAsyncEnumerable<RecordBatch> ReadBatchesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in ReadPagesAsync(cancellationToken).ConfigureAwait(false))
        {
            var builder = _source.CreateBatchBuilder(_schema, Run);
            foreach (var change in page)
            {
                builder.Append(change);
            }

            foreach (var batch in builder.Build())
            {
                yield return batch;
            }
        }
    }

    /// <summary>Stops reading; a statement running ahead is abandoned.</summary>
    public ValueTask DisposeAsync() => _source.DisposeAsync();

    /// <summary><c>Changes of public.orders (cdc, run 2024-05-01T10:00:00Z)</c>.</summary>
    public override string ToString() => $"Changes of {Table} ({IngestionTypeNames.Name(IngestionType)}, run {Run:O})";

    private async IAsyncEnumerable<List<Change<TRow>>> ReadPagesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _reading, 1) != 0)
        {
            throw new InvalidOperationException("A change read streams once; open a new one (from the same offset) to read the changes again.");
        }

        await foreach (var page in _source.ReadPagesAsync(cancellationToken).ConfigureAwait(false))
        {
            var changes = new List<Change<TRow>>(page.Count);
            foreach (var row in page)
            {
                if (Accept(row) is { } change)
                {
                    changes.Add(change);
                }
            }

            yield return changes;
        }

        if (_deletesPending.Count > 0)
        {
            var highWaterMark = HighWaterMark();
            var deletes = new List<Change<TRow>>();
            foreach (var (text, key) in _deletes)
            {
                if (!_deletesPending.Contains(text))
                {
                    // Found deleted, then read: the key came back between the scan and the read, and the read is later.
                    continue;
                }

                _window?.Remove(text);
                deletes.Add(new Change<TRow>(ChangeType.Delete, default, key, highWaterMark?.Cursor));
                Deletes++;
            }

            yield return deletes;
        }

        _complete = true;
    }

    private Change<TRow>? Accept(Probed<TRow> row)
    {
        object? cursor = row.Probe[0];
        var key = row.Probe[1..];
        if (cursor is null)
        {
            throw new InvalidOperationException(
                $"A row of {Table} (key {OffsetValues.KeyText(key)}) has NULL in cursor column \"{_columns.Cursor.Name}\": changes are ordered and resumed " +
                $"by the cursor, so a row without one cannot be read incrementally. Give such rows a cursor value, or leave them out with a filter " +
                $"(\"{_columns.Cursor.Name}\" IS NOT NULL).");
        }

        if (System.Array.IndexOf(key, null) is int nullKey and >= 0)
        {
            throw new InvalidOperationException(
                $"A row of {Table} has NULL in key column \"{_columns.Keys[nullKey].Name}\": changes are keyed by ({string.Join(", ", _columns.KeyNames)}), " +
                "so key columns must never be NULL. Choose key columns that identify every row, or filter the NULL keys out.");
        }

        RowsRead++;
        _last = new ChangePosition(cursor, key);
        string keyText = OffsetValues.KeyText(key);
        _deletesPending.Remove(keyText);
        if (_window is not null && _window.Emitted(keyText, cursor))
        {
            Skipped++;
            return null;
        }

        _window?.Record(keyText, key, cursor);
        Upserts++;
        return new Change<TRow>(ChangeType.Upsert, row.Row, key, cursor);
    }

    /// <summary>
    /// The greatest (cursor, key) read so far. Without a lookback every row read is after the start in the server's own
    /// order, so the last row is the greatest; a lookback re-reads rows below the start, so the two are compared.
    /// </summary>
    private ChangePosition? HighWaterMark()
    {
        var start = StartOffset?.HighWaterMark;
        if (_last is null)
        {
            return start;
        }

        bool readOnlyAfterStart = _options.Lookback is null && (StartOffset?.ResumeAfter is null || StartOffset.ResumeAfter.SameAs(start));
        return readOnlyAfterStart || start is null || _last.CompareTo(start) > 0 ? _last : start;
    }

    private ChangeOffset NextOffset()
    {
        var highWaterMark = HighWaterMark();
        if (_window is not null && highWaterMark is not null)
        {
            _window.DropBelow(_options.Lookback!.LowerBound(highWaterMark.Cursor));
        }

        return new ChangeOffset(
            Table,
            _options.IngestionType,
            _columns.Cursor,
            _columns.Keys,
            Run,
            highWaterMark,
            StoppedAtMaxRows ? _last : null,
            _options.Lookback?.ToString(),
            _window,
            _scan?.Index);
    }
}
