using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Reading;

namespace RedshiftTyped.Incremental;

/// <summary>
/// What a change read takes: the ingestion type, the cursor column (whose value grows with every insert and update, e.g.
/// <c>updated_at</c>), the key columns (the compiled table's primary key unless given), an optional lookback for late
/// commits, and the filters and limits of a snapshot. Checked before anything is sent:
/// <c>new ChangeOptions(IngestionType.Cdc, Column.UpdatedAt) { Keys = [Column.Id], Lookback = CursorLookback.Of(TimeSpan.FromHours(2)) }</c>.
/// </summary>
public sealed class ChangeOptions
{
    /// <summary>The default <see cref="DeleteBucketRows"/>: about this many keys per digest bucket.</summary>
    public const int DefaultDeleteBucketRows = 64;

    private readonly List<SnapshotFilter> _filters = [];

    /// <summary>Options for reading changes of this type, ordered and resumed by this cursor column.</summary>
    /// <param name="ingestionType">Append, CDC, or CDC with deletes.</param>
    /// <param name="cursor">The cursor column: a generated column handle (<c>Column.UpdatedAt</c>) or a Redshift name; ascending.</param>
    public ChangeOptions(IngestionType ingestionType, ColumnOrder cursor)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        if (!Enum.IsDefined(ingestionType))
        {
            throw new ArgumentOutOfRangeException(nameof(ingestionType), ingestionType, "Use Append, Cdc or CdcWithDeletes.");
        }

        if (cursor.IsDescending)
        {
            throw new ArgumentException(
                $"The cursor is read in ascending order, but {cursor} is descending: pass the column itself (ascending).", nameof(cursor));
        }

        IngestionType = ingestionType;
        Cursor = cursor;
    }

    /// <summary>How the changes are read and emitted.</summary>
    public IngestionType IngestionType { get; }

    /// <summary>The cursor column: rows are read in (cursor, key) order, and the offset is the last (cursor, key) read.</summary>
    public ColumnOrder Cursor { get; }

    /// <summary>
    /// The columns that identify a row (unique, never NULL), in key order: ties on the cursor are ordered by them, and
    /// upserts and deletes are keyed by them. Null takes the compiled table's primary key; a table read by name needs them.
    /// </summary>
    public IReadOnlyList<ColumnOrder>? Keys { get; init; }

    /// <summary>Re-read this far below the high-water mark on every read, for late commits (see <see cref="CursorLookback"/>).</summary>
    public CursorLookback? Lookback { get; init; }

    /// <summary>
    /// Read at most this many rows; the new offset is then the last row read, so the next read resumes exactly there
    /// (between two rows with the same cursor value too). Null reads every change.
    /// </summary>
    public int? MaxRows { get; init; }

    /// <summary>Read the changes in statements of at most this many rows, split on (cursor, key), for increments past the Data API's result cap.</summary>
    public int? ChunkRows { get; init; }

    /// <summary>
    /// For <see cref="IngestionType.CdcWithDeletes"/>: about how many keys share one digest bucket. Smaller buckets mean a
    /// longer digest result every read and fewer keys fetched per changed bucket (default 64).
    /// </summary>
    public int DeleteBucketRows { get; init; } = DefaultDeleteBucketRows;

    /// <summary>JSON (GetStatementResult) or CSV (GetStatementResultV2) for the rows read.</summary>
    public ResultFormatString ResultFormat { get; init; } = ResultFormatString.JSON;

    /// <summary>How a compiled table is checked against the live one (typed reads only).</summary>
    public SchemaCheck SchemaCheck { get; init; } = SchemaCheck.Default;

    /// <summary>The longest each statement may run before it is cancelled on the server.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>A name to find the statements by in ListStatements.</summary>
    public string? StatementName { get; init; }

    /// <summary>The conditions every row read must meet (the table's rows, for delete detection too).</summary>
    public IReadOnlyList<SnapshotFilter> Filters => _filters;

    /// <summary>Adds a condition (all conditions must hold); values travel as Data API parameters.</summary>
    /// <param name="filter">A condition built from a column handle, <see cref="SnapshotFilter.Column(string)"/> or <see cref="SnapshotFilter.Sql"/>.</param>
    /// <returns>These options, for chaining.</returns>
    public ChangeOptions Where(SnapshotFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        _filters.Add(filter);
        return this;
    }

    /// <summary>Adds a raw SQL condition whose <c>:name</c> values travel as Data API parameters.</summary>
    /// <param name="sql">The condition, used as written inside parentheses.</param>
    /// <param name="parameters">A value for each <c>:name</c> in the SQL.</param>
    /// <returns>These options, for chaining.</returns>
    public ChangeOptions Where(string sql, params (string Name, object Value)[] parameters) => Where(SnapshotFilter.Sql(sql, parameters));

    /// <summary>Checks what can be checked without the table.</summary>
    internal void Validate()
    {
        if (MaxRows is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRows), MaxRows, "MaxRows must be at least one row, or null to read every change.");
        }

        if (ChunkRows is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ChunkRows), ChunkRows, "ChunkRows must be at least one row.");
        }

        if (MaxRows is not null && ChunkRows is not null)
        {
            throw new ArgumentException("MaxRows and ChunkRows cannot be combined: a read of at most MaxRows rows is one statement. Drop one of them.",
                nameof(ChunkRows));
        }

        if (DeleteBucketRows is < 1 or > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(DeleteBucketRows), DeleteBucketRows, "DeleteBucketRows must be 1 to 1,000,000 keys per bucket.");
        }

        if (Keys is { Count: 0 })
        {
            throw new ArgumentException("Keys is empty: name the columns that identify a row, or leave Keys null to use the compiled primary key.", nameof(Keys));
        }

        if (Keys is not null)
        {
            if (Keys.Any(k => k is null))
            {
                throw new ArgumentException("Keys holds a null column; name each key column.", nameof(Keys));
            }

            if (Keys.FirstOrDefault(k => k.IsDescending) is { } descending)
            {
                throw new ArgumentException($"Keys are read in ascending order, but {descending} is descending: pass the column itself.", nameof(Keys));
            }

            if (Keys.GroupBy(k => k.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                throw new ArgumentException($"Keys names \"{twice.Key}\" twice; name each key column once.", nameof(Keys));
            }
        }
    }
}
