using System.Runtime.CompilerServices;
using Apache.Arrow;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Execution;
using RedshiftTyped.Reading;
using RedshiftTyped.Typed;

namespace RedshiftTyped.Incremental.Reading;

/// <summary>The rows a change read reads, page by page, each with its cursor and key values; and how its batches are built.</summary>
internal interface IChangeSource<TRow> : IAsyncDisposable
{
    /// <summary>The table's own Arrow schema (the generated one, or the result's).</summary>
    Schema TableSchema { get; }

    IReadOnlyList<ColumnMetadata> Columns { get; }

    CompletedStatement Statement { get; }

    IReadOnlyList<string> StatementIds { get; }

    IAsyncEnumerable<IReadOnlyList<Probed<TRow>>> ReadPagesAsync(CancellationToken cancellationToken);

    IChangeBatchBuilder<TRow> CreateBatchBuilder(ChangeSchema schema, DateTimeOffset run);
}

/// <summary>A compiled table's rows: the generated decoder, with the cursor and key probed from the same Fields.</summary>
internal sealed class TypedChangeSource<TRecord> : IChangeSource<TRecord>
{
    private readonly TableDescriptor<TRecord> _table;
    private readonly SnapshotReader<Probed<TRecord>> _reader;

    private TypedChangeSource(TableDescriptor<TRecord> table, SnapshotReader<Probed<TRecord>> reader)
    {
        _table = table;
        _reader = reader;
    }

    public Schema TableSchema => _table.ArrowSchema;

    public IReadOnlyList<ColumnMetadata> Columns => _reader.Columns;

    public CompletedStatement Statement => _reader.Statement;

    public IReadOnlyList<string> StatementIds => _reader.StatementIds;

    public static async Task<TypedChangeSource<TRecord>> OpenAsync(RedshiftClient client, TableDescriptor<TRecord> table, SnapshotOptions snapshot,
        IReadOnlyList<string> probeNames, CancellationToken cancellationToken)
    {
        var probes = probeNames.Select(name => table.FindColumn(name)!).ToList();
        var shape = new RowShape<Probed<TRecord>>(ColumnProjection.All(table), new ProbingDecoder<TRecord>(table.Decoder, probes), table.ArrowSchema,
            () => new RecordsOnly(table.CreateArrowBuilder()));
        var reader = await SnapshotReader<Probed<TRecord>>.OpenAsync(client, shape, snapshot, cancellationToken).ConfigureAwait(false);
        return new TypedChangeSource<TRecord>(table, reader);
    }

    public async IAsyncEnumerable<IReadOnlyList<Probed<TRecord>>> ReadPagesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in _reader.ReadPagesAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return page;
        }
    }

    public IChangeBatchBuilder<TRecord> CreateBatchBuilder(ChangeSchema schema, DateTimeOffset run)
        => new TypedChangeBatchBuilder<TRecord>(schema, run, _table.CreateArrowBuilder());

    public ValueTask DisposeAsync() => _reader.DisposeAsync();

    /// <summary>The table's own batches of the probed rows' records.</summary>
    private sealed class RecordsOnly(IArrowBatchBuilder<TRecord> records) : IArrowBatchBuilder<Probed<TRecord>>
    {
        public int Count => records.Count;

        public void Append(Probed<TRecord> record) => records.Append(record.Row);

        public RecordBatch Build() => records.Build();
    }
}

/// <summary>A table read by name: rows decoded by their ColumnMetadata, the cursor and key found by name in the result.</summary>
internal sealed class UntypedChangeSource : IChangeSource<RedshiftRow>
{
    private readonly SnapshotReader _reader;
    private readonly int[] _probePositions;

    private UntypedChangeSource(SnapshotReader reader, int[] probePositions)
    {
        _reader = reader;
        _probePositions = probePositions;
    }

    public Schema TableSchema => _reader.ArrowSchema;

    public IReadOnlyList<ColumnMetadata> Columns => _reader.Columns;

    public CompletedStatement Statement => _reader.Statement;

    public IReadOnlyList<string> StatementIds => _reader.StatementIds;

    public static async Task<UntypedChangeSource> OpenAsync(RedshiftClient client, TableReference table, SnapshotOptions snapshot,
        Func<IReadOnlyList<ColumnMetadata>, IReadOnlyList<string>> probeNames, CancellationToken cancellationToken)
    {
        var reader = await SnapshotReader.OpenAsync(client, table, snapshot, cancellationToken).ConfigureAwait(false);
        try
        {
            int[] positions = [.. probeNames(reader.Columns).Select(name => reader.RowSchema.IndexOf(name))];
            return new UntypedChangeSource(reader, positions);
        }
        catch
        {
            await reader.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async IAsyncEnumerable<IReadOnlyList<Probed<RedshiftRow>>> ReadPagesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in _reader.ReadPagesAsync(cancellationToken).ConfigureAwait(false))
        {
            var rows = new List<Probed<RedshiftRow>>(page.RowCount);
            foreach (var values in page.DecodeRows())
            {
                var probe = new object?[_probePositions.Length];
                for (int i = 0; i < probe.Length; i++)
                {
                    probe[i] = values[_probePositions[i]];
                }

                rows.Add(new Probed<RedshiftRow>(new RedshiftRow(_reader.RowSchema, values), probe));
            }

            yield return rows;
        }
    }

    public IChangeBatchBuilder<RedshiftRow> CreateBatchBuilder(ChangeSchema schema, DateTimeOffset run) => new UntypedChangeBatchBuilder(schema, run);

    public ValueTask DisposeAsync() => _reader.DisposeAsync();
}
