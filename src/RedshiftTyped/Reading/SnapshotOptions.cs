using RedshiftTyped.DataApi.Model;

namespace RedshiftTyped.Reading;

/// <summary>
/// What a snapshot reads: which rows (filters, limit, order), which columns (reads by name only), in which result format,
/// and how strictly a compiled table is checked. Build it with an initializer and the fluent <see cref="Where(SnapshotFilter)"/>
/// and <see cref="OrderBy"/> methods:
/// <c>new SnapshotOptions { Limit = 10 }.OrderBy(Column.Pricepaid.Descending(), Column.Salesid).Where(Column.Qtysold.GreaterThan(2))</c>.
/// Everything is checked before a statement is sent.
/// </summary>
public sealed class SnapshotOptions
{
    private readonly List<SnapshotFilter> _filters = [];
    private readonly List<ColumnOrder> _ordering = [];

    /// <summary>
    /// Read at most this many rows, in the order of <see cref="OrderBy"/>, or else of the compiled table's primary key.
    /// A limit with neither is refused (<see cref="ArgumentException"/>) rather than returning an arbitrary sample:
    /// Redshift returns unordered rows in no fixed order.
    /// </summary>
    public int? Limit { get; init; }

    /// <summary>The order keys given to <see cref="OrderBy"/>, first key first; empty when none were given.</summary>
    public IReadOnlyList<ColumnOrder> Ordering => _ordering;

    /// <summary>
    /// Reads only these columns (Redshift names) of a table read by name (<see cref="TableReference"/>); null reads
    /// every column. The names are checked against DescribeTable before the statement runs. Typed reads refuse it:
    /// read a projection of the compiled table instead (<c>TickitDatabase.Public.Sales.Select(Column.Eventid, Column.Qtysold)</c>),
    /// whose rows hold exactly the columns read.
    /// </summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>JSON (GetStatementResult) or CSV (GetStatementResultV2).</summary>
    public ResultFormatString ResultFormat { get; init; } = ResultFormatString.JSON;

    /// <summary>How a compiled table is checked against the live one (typed reads only).</summary>
    public SchemaCheck SchemaCheck { get; init; } = SchemaCheck.Default;

    /// <summary>
    /// Read in statements of at most this many rows, split on the primary key (or on the <see cref="OrderBy"/> keys,
    /// which must then be ascending, unique and non-null), so a table larger than the Data API's result cap (500 MB)
    /// can be read. Each row is read once; the order rows come back in is <see cref="ChunkOrder"/>'s. The chunks are
    /// separate statements, so rows changed while they run may be seen before or after the change (each key once).
    /// </summary>
    public int? ChunkRows { get; init; }

    /// <summary>
    /// How many key-range chunks (<see cref="ChunkRows"/>) run and are read at once (default 4; 1 reads one chunk at a time,
    /// the next one running ahead, in key order whatever <see cref="ChunkOrder"/> says). Each row is still read once; memory
    /// holds a few pages per running chunk whatever <see cref="ChunkRows"/> is. How the chunks' pages reach the caller, and
    /// so how much the parallelism gains, is <see cref="ChunkOrder"/>'s.
    /// </summary>
    public int ChunkParallelism { get; init; } = 4;

    /// <summary>
    /// The order of a chunked read's rows (<see cref="ChunkRows"/>): <see cref="Reading.ChunkOrder.KeyOrder"/> or
    /// <see cref="Reading.ChunkOrder.Unordered"/> (see each for what it costs). Null (the default) chooses key order when
    /// <see cref="OrderBy"/> was given, since the caller asked for an order, and unordered otherwise, the fast choice
    /// for exports (5,000,000 rows, 4 chunks at once, 50 ms per call: 28.7 s unordered, 96.2 s in key order; docs/benchmarks.md §8). Without <see cref="ChunkRows"/> the read is one statement, in the order
    /// <see cref="OrderBy"/> or the primary key gives, and this is not used.
    /// </summary>
    public ChunkOrder? ChunkOrder { get; init; }

    /// <summary>The chunk order in force: <see cref="ChunkOrder"/>, or its default for these options.</summary>
    internal ChunkOrder EffectiveChunkOrder
        => ChunkOrder ?? (_ordering.Count > 0 ? Reading.ChunkOrder.KeyOrder : Reading.ChunkOrder.Unordered);

    /// <summary>
    /// How the rows travel: through the Data API (the default), through <c>UNLOAD … FORMAT AS PARQUET</c> to S3 and a
    /// parallel download (<see cref="SnapshotTransport.Unload"/>, needs <see cref="Unload"/>), or whichever fits the
    /// result (<see cref="SnapshotTransport.Auto"/>).
    /// </summary>
    public SnapshotTransport Transport { get; init; } = SnapshotTransport.DataApi;

    /// <summary>Where and how UNLOAD writes (S3 prefix, IAM role, KMS key, file size, downloads, cleanup); required for <see cref="SnapshotTransport.Unload"/>.</summary>
    public UnloadOptions? Unload { get; init; }

    /// <summary>
    /// With <see cref="SnapshotTransport.Auto"/>: a result the Data API announces (TotalNumRows) with more rows than this is
    /// read by UNLOAD instead, when <see cref="Unload"/> names an S3 location (default 1,000,000).
    /// </summary>
    public long AutoUnloadRows { get; init; } = 1_000_000;

    /// <summary>The longest the statement may run before it is cancelled on the server.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>A name to find the statement by in ListStatements.</summary>
    public string? StatementName { get; init; }

    /// <summary>The conditions rows must all meet.</summary>
    public IReadOnlyList<SnapshotFilter> Filters => _filters;

    /// <summary>Adds a condition (all conditions must hold).</summary>
    /// <param name="filter">A condition built from a column handle, <see cref="SnapshotFilter.Column(string)"/> or <see cref="SnapshotFilter.Sql"/>.</param>
    /// <returns>These options, for chaining.</returns>
    public SnapshotOptions Where(SnapshotFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        _filters.Add(filter);
        return this;
    }

    /// <summary>Adds a raw SQL condition whose <c>:name</c> values travel as Data API parameters.</summary>
    /// <param name="sql">The condition, e.g. <c>saletime &gt;= :since</c>; used as written, inside parentheses.</param>
    /// <param name="parameters">A value for each <c>:name</c> in the SQL (never null or empty: write <c>IS NULL</c> or <c>''</c>).</param>
    /// <returns>These options, for chaining.</returns>
    public SnapshotOptions Where(string sql, params (string Name, object Value)[] parameters)
        => Where(SnapshotFilter.Sql(sql, parameters));

    /// <summary>
    /// Orders the rows by these keys, first key first (keys of an earlier call sort before these):
    /// <c>OrderBy(Column.Pricepaid.Descending(), Column.Salesid)</c> on a compiled table, or
    /// <c>OrderBy(ColumnOrder.Descending("venueseats"), "venueid")</c> on a table read by name. A key naming a column the
    /// table does not have is an <see cref="ArgumentException"/> before anything is sent.
    /// </summary>
    /// <param name="keys">Column handles (ascending), <c>handle.Descending()</c>, or Redshift column names (ascending).</param>
    /// <returns>These options, for chaining.</returns>
    public SnapshotOptions OrderBy(params ColumnOrder[] keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Length == 0 || Array.Exists(keys, k => k is null))
        {
            throw new ArgumentException("OrderBy needs at least one key, and no null ones.", nameof(keys));
        }

        _ordering.AddRange(keys);
        return this;
    }

    /// <summary>These options for one chunk: the same filters and format, plus the chunk's key range, in key order.</summary>
    internal SnapshotOptions ForChunk(SnapshotFilter range, IReadOnlyList<string> keys)
    {
        var chunk = new SnapshotOptions
        {
            Columns = Columns,
            ResultFormat = ResultFormat,
            SchemaCheck = SchemaCheck,
            Timeout = Timeout,
            StatementName = StatementName,
            ChunkParallelism = ChunkParallelism,
        };
        chunk._ordering.AddRange(keys.Select(ColumnOrder.Ascending));
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

        if (ChunkParallelism is < 1 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(ChunkParallelism), ChunkParallelism,
                "ChunkParallelism must be 1 to 64 chunks at once (the Data API allows 500 active statements per account; retries absorb throttling).");
        }

        if (Transport == SnapshotTransport.Unload && Unload is null)
        {
            throw new ArgumentException(
                "Transport = Unload needs Unload = new UnloadOptions { S3Prefix = \"s3://bucket/prefix/\", IamRole = \"arn:aws:iam::…:role/…\" }: UNLOAD writes its files there.",
                nameof(Unload));
        }

        if (Transport == SnapshotTransport.Unload && ChunkRows is not null)
        {
            throw new ArgumentException(
                "ChunkRows splits a Data API read into statements under its result cap; UNLOAD has no such cap. Drop ChunkRows, or use Transport = DataApi.",
                nameof(ChunkRows));
        }

        Unload?.Validate();

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

        if (ChunkRows is not null && _ordering.Find(k => k.IsDescending) is { } descending)
        {
            throw new ArgumentException(
                $"ChunkRows splits the table on ascending keys, but OrderBy gives {descending} descending: order by the key ascending, or drop ChunkRows.",
                nameof(ChunkRows));
        }

        if (Columns is { Count: 0 })
        {
            throw new ArgumentException("Columns is empty: leave it null to read every column, or name at least one.", nameof(Columns));
        }
    }

    /// <summary>
    /// Refuses a limit that nothing orders: Redshift returns unordered rows in no fixed order, so such a "sample" would
    /// differ from run to run.
    /// </summary>
    /// <param name="table">The table's name, for the message.</param>
    /// <param name="primaryKey">The compiled table's primary key; null for a table read by name.</param>
    /// <param name="exampleKey">How the message spells an order key of this table (a handle or a quoted name).</param>
    internal void CheckLimitIsOrdered(string table, IReadOnlyList<string>? primaryKey, string exampleKey)
    {
        if (Limit is not > 0 || _ordering.Count > 0 || primaryKey is { Count: > 0 })
        {
            return;
        }

        string fix = primaryKey is null
            ? "or read the compiled table, whose snapshot's primary key orders a limit"
            : $"or declare the table's primary key in Redshift (ALTER TABLE … ADD PRIMARY KEY (…)) and re-capture its snapshot (redshift-typed capture)";
        throw new ArgumentException(
            $"Limit = {Limit} on {table} would return an arbitrary sample: {(primaryKey is null ? "a table read by name has no known primary key" : "its schema snapshot has no primary key")} " +
            $"and no OrderBy was given. Order the rows with .OrderBy({exampleKey}) on columns that identify a row, {fix}.",
            nameof(Limit));
    }
}

/// <summary>How a snapshot's rows travel from Redshift.</summary>
public enum SnapshotTransport
{
    /// <summary>Data API result pages (JSON or CSV): no S3 needed; capped at 500 MB per statement (see <see cref="SnapshotOptions.ChunkRows"/>).</summary>
    DataApi,

    /// <summary>
    /// <c>UNLOAD ('select …') TO 's3://…' FORMAT AS PARQUET MANIFEST VERBOSE</c>: the cluster's slices write Parquet in
    /// parallel, and the files are downloaded and decoded concurrently. Filter values are written as SQL literals (UNLOAD's
    /// query is a string literal); raw <c>Where(sql, parameters)</c> with parameters is refused.
    /// </summary>
    Unload,

    /// <summary>
    /// The Data API, unless the result is large: more rows announced than <see cref="SnapshotOptions.AutoUnloadRows"/>, or the
    /// Data API's "Database response exceeded size limit"; then UNLOAD when <see cref="SnapshotOptions.Unload"/> names an S3
    /// location, and otherwise the size-limit error naming both fixes.
    /// </summary>
    Auto,
}

/// <summary>
/// The order in which a chunked read (<see cref="SnapshotOptions.ChunkRows"/>) hands out its rows when several chunks run at
/// once (<see cref="SnapshotOptions.ChunkParallelism"/>). Every row comes once either way, and each chunk's rows in key order.
/// </summary>
public enum ChunkOrder
{
    /// <summary>
    /// Rows in key order, chunk after chunk. The chunks after the one being read run at once, read their first pages
    /// ahead and then wait for their turn, so memory stays a few pages per chunk; but a waiting chunk fetches nothing, so
    /// parallel chunks gain little over one stream (1.15x at 4 chunks in docs/benchmarks.md section 8). For callers that
    /// need key order.
    /// </summary>
    KeyOrder,

    /// <summary>
    /// Rows as the running chunks deliver them: each chunk's rows in key order, the chunks interleaved in no fixed order
    /// (the first chunk's first page first). The chunks share a bounded buffer of one page each, so memory stays a few
    /// pages per running chunk whatever <see cref="SnapshotOptions.ChunkRows"/> or the table's size, and every running
    /// chunk fetches all the time: the fast choice for exports and for anything that does not depend on row order.
    /// </summary>
    Unordered,
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
