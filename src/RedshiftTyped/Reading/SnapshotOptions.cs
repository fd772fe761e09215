using RedshiftTyped.DataApi.Model;

namespace RedshiftTyped.Reading;

/// <summary>What a snapshot reads: which rows (filters, limit), which columns, in which result format, how strictly.</summary>
public sealed class SnapshotOptions
{
    private readonly List<SnapshotFilter> _filters = [];

    /// <summary>
    /// Read at most this many rows. They are ordered by <see cref="OrderBy"/>, or else by the table's primary key when
    /// it has one, so the same limited sample comes back each time.
    /// </summary>
    public int? Limit { get; init; }

    /// <summary>Columns to order by (Redshift names); when empty, a limited read orders by the primary key.</summary>
    public IReadOnlyList<string> OrderBy { get; init; } = [];

    /// <summary>Read only these columns (Redshift names). For typed reads, the other properties keep their default values.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>JSON (GetStatementResult) or CSV (GetStatementResultV2).</summary>
    public ResultFormatString ResultFormat { get; init; } = ResultFormatString.JSON;

    /// <summary>How a compiled table is checked against the live one (typed reads only).</summary>
    public SchemaCheck SchemaCheck { get; init; } = SchemaCheck.Default;

    /// <summary>
    /// Read in statements of at most this many rows, split on the primary key (or on <see cref="OrderBy"/>, which must
    /// then be unique and non-null), so a table larger than the Data API's result cap (500 MB) can be read. Rows come
    /// back in key order; the next chunk runs while the current one is read. The chunks are separate statements, so
    /// rows changed while they run may be seen before or after the change (each key once).
    /// </summary>
    public int? ChunkRows { get; init; }

    /// <summary>The longest the statement may run before it is cancelled on the server.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>A name to find the statement by in ListStatements.</summary>
    public string? StatementName { get; init; }

    /// <summary>The conditions rows must all meet.</summary>
    public IReadOnlyList<SnapshotFilter> Filters => _filters;

    /// <summary>Adds a condition (all conditions must hold).</summary>
    public SnapshotOptions Where(SnapshotFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        _filters.Add(filter);
        return this;
    }

    /// <summary>Adds a raw SQL condition whose <c>:name</c> values travel as Data API parameters.</summary>
    public SnapshotOptions Where(string sql, params (string Name, object Value)[] parameters)
        => Where(SnapshotFilter.Sql(sql, parameters));

    /// <summary>These options for one chunk: the same filters and format, plus the chunk's key range, in key order.</summary>
    internal SnapshotOptions ForChunk(SnapshotFilter range, IReadOnlyList<string> keys)
    {
        var chunk = new SnapshotOptions
        {
            OrderBy = keys,
            Columns = Columns,
            ResultFormat = ResultFormat,
            SchemaCheck = SchemaCheck,
            Timeout = Timeout,
            StatementName = StatementName,
        };
        chunk._filters.AddRange(_filters);
        chunk._filters.Add(range);
        return chunk;
    }

    internal void Validate()
    {
        if (Limit is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Limit), Limit, "Limit must be zero or more rows.");
        }

        if (ChunkRows is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ChunkRows), ChunkRows, "ChunkRows must be at least one row.");
        }

        if (ChunkRows is not null && Limit is not null)
        {
            throw new ArgumentException(
                "Limit and ChunkRows cannot be combined: a limited read is one statement already. Drop one of them, or filter on a key range.",
                nameof(ChunkRows));
        }

        if (Columns is { Count: 0 })
        {
            throw new ArgumentException("Columns is empty: leave it null to read every column, or name at least one.", nameof(Columns));
        }
    }
}

/// <summary>How strictly a compiled table is checked against the live table before its rows are read.</summary>
public enum SchemaCheck
{
    /// <summary>
    /// A missing column, a changed type or a changed column order fails the read with a
    /// <see cref="SchemaDriftException"/>; a new column in the table is tolerated (columns are selected by name).
    /// </summary>
    Default,

    /// <summary>As <see cref="Default"/>, and a new column in the table fails the read too.</summary>
    Strict,

    /// <summary>No check beyond decoding: a changed type surfaces as a decode error.</summary>
    Off,
}
