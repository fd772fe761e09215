using System.Globalization;
using System.Text;
using RedshiftTyped.Execution;
using RedshiftTyped.Typed;

namespace RedshiftTyped.Reading;

/// <summary>
/// The statements a snapshot runs: one, or — with <see cref="SnapshotOptions.ChunkRows"/> — one per key range, so that
/// no statement's result outgrows the Data API's result cap. The ranges come from one planning statement that numbers
/// the keys in order and returns every n-th: the chunks then cover every row exactly once, by key, and can run one
/// while the previous one is read.
/// </summary>
internal sealed class SnapshotPlan
{
    private SnapshotPlan(IReadOnlyList<SqlStatement> statements, long? totalRows)
    {
        Statements = statements;
        TotalRows = totalRows;
    }

    public IReadOnlyList<SqlStatement> Statements { get; }

    /// <summary>The rows the planning statement counted (chunked reads only).</summary>
    public long? TotalRows { get; }

    public static async Task<SnapshotPlan> CreateAsync(RedshiftClient client, string qualifiedTable, string selectList,
        SnapshotOptions options, IReadOnlyList<string> primaryKey, CancellationToken cancellationToken)
    {
        if (options.ChunkRows is not { } chunkRows)
        {
            return new SnapshotPlan([SnapshotQuery.Build(qualifiedTable, selectList, options, primaryKey)], null);
        }

        var keys = options.Ordering.Count > 0 ? options.Ordering.Select(k => k.Name).ToList() : primaryKey;
        if (keys.Count == 0)
        {
            throw new ArgumentException(
                $"ChunkRows needs key columns to split {qualifiedTable} on: a compiled table's primary key, or unique non-null columns named in OrderBy.",
                nameof(options));
        }

        var boundaries = new List<object?[]>();
        long total = 0;
        await foreach (var row in client.QueryAsync(PlanningStatement(qualifiedTable, keys, options, chunkRows), cancellationToken)
                           .ConfigureAwait(false))
        {
            long number = Convert.ToInt64(row[keys.Count], CultureInfo.InvariantCulture);
            total = Convert.ToInt64(row[keys.Count + 1], CultureInfo.InvariantCulture);
            long nullKeys = Convert.ToInt64(row[keys.Count + 2], CultureInfo.InvariantCulture);
            if (nullKeys > 0)
            {
                // A NULL key is in no range ("k > a" and "k <= b" are both unknown for it): chunking would lose the row.
                throw new InvalidOperationException(
                    $"{nullKeys} rows of {qualifiedTable} have NULL in a key column ({string.Join(", ", keys)}), so ChunkRows cannot split " +
                    "the table on it without losing them: chunk on unique, non-null columns.");
            }

            if (number % chunkRows == 0 && number != total)
            {
                boundaries.Add(row.Take(keys.Count).ToArray());
            }
        }

        var statements = new List<SqlStatement>(boundaries.Count + 1);
        for (int i = 0; i <= boundaries.Count; i++)
        {
            var range = new KeyRangeFilter(keys, i == 0 ? null : boundaries[i - 1], i == boundaries.Count ? null : boundaries[i]);
            statements.Add(SnapshotQuery.Build(qualifiedTable, selectList, options.ForChunk(range, keys), primaryKey));
        }

        return new SnapshotPlan(statements, total);
    }

    /// <summary>Every n-th key in key order, and the last, with its row number, the total and how many keys hold a NULL.</summary>
    private static SqlStatement PlanningStatement(string qualifiedTable, IReadOnlyList<string> keys, SnapshotOptions options, int chunkRows)
    {
        string keyList = string.Join(", ", keys.Select(RedshiftIdentifier.Quote));
        string n = chunkRows.ToString(CultureInfo.InvariantCulture);
        var renderer = new FilterRenderer();
        string anyNull = string.Join(" OR ", keys.Select(k => RedshiftIdentifier.Quote(k) + " IS NULL"));
        var sql = new StringBuilder("SELECT ").Append(keyList).Append(", rt_rn, rt_total, rt_null_keys FROM (SELECT ").Append(keyList)
            .Append(", ROW_NUMBER() OVER (ORDER BY ").Append(keyList).Append(") AS rt_rn, COUNT(*) OVER () AS rt_total")
            .Append(", COUNT(CASE WHEN ").Append(anyNull).Append(" THEN 1 END) OVER () AS rt_null_keys FROM ")
            .Append(qualifiedTable);
        renderer.AppendWhere(options.Filters);
        sql.Append(renderer.Sql).Append(") AS rt_keys WHERE rt_rn % ").Append(n).Append(" = 0 OR rt_rn = rt_total ORDER BY rt_rn");
        var statement = new SqlStatement(sql.ToString()) { Timeout = options.Timeout };
        renderer.BindTo(statement);
        return statement;
    }
}

/// <summary>Rows whose key is after <c>lower</c> and at most <c>upper</c>, in the key's lexicographic order.</summary>
internal sealed class KeyRangeFilter(IReadOnlyList<string> keys, object?[]? lower, object?[]? upper) : SnapshotFilter
{
    internal override void Render(FilterRenderer renderer)
    {
        if (lower is null && upper is null)
        {
            renderer.Sql.Append("1 = 1");
            return;
        }

        if (lower is not null)
        {
            Compare(renderer, lower, ">");
        }

        if (upper is not null)
        {
            if (lower is not null)
            {
                renderer.Sql.Append(" AND ");
            }

            Compare(renderer, upper, "<=");
        }
    }

    internal override IEnumerable<ColumnDescriptor> CompiledColumns() => [];

    /// <summary>(k1, k2) &gt; (a, b) as <c>(k1 &gt; a OR (k1 = a AND k2 &gt; b))</c>: Redshift has no row comparisons.</summary>
    private void Compare(FilterRenderer renderer, object?[] bound, string lastOp)
    {
        string strict = lastOp.StartsWith('>') ? ">" : "<";
        renderer.Sql.Append('(');
        for (int i = 0; i < keys.Count; i++)
        {
            if (i > 0)
            {
                renderer.Sql.Append(" OR ");
            }

            renderer.Sql.Append('(');
            for (int j = 0; j < i; j++)
            {
                renderer.Sql.Append(RedshiftIdentifier.Quote(keys[j])).Append(" = ");
                renderer.AppendValue(Bound(bound, j));
                renderer.Sql.Append(" AND ");
            }

            renderer.Sql.Append(RedshiftIdentifier.Quote(keys[i])).Append(' ').Append(i == keys.Count - 1 ? lastOp : strict).Append(' ');
            renderer.AppendValue(Bound(bound, i));
            renderer.Sql.Append(')');
        }

        renderer.Sql.Append(')');
    }

    private object Bound(object?[] bound, int index) => bound[index] ?? throw new InvalidOperationException(
        $"Key column \"{keys[index]}\" holds NULL, so it cannot split the table into ranges: chunk on unique, non-null columns.");
}
