using System.Globalization;
using System.Text;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Execution;
using RedshiftTyped.Reading;
using RedshiftTyped.Typed;

namespace RedshiftTyped.Incremental.Deletes;

/// <summary>
/// The SQL that hashes a table's keys in Redshift, built only from functions the Database Developer Guide documents:
/// <c>MD5</c> of the key's text (r_MD5; a composite key as <c>length:text</c> per column, so no two keys share a text),
/// its first 15 hexadecimal digits read as a 60-bit <c>BIGINT</c> with <c>POSITION</c> and <c>SUBSTRING</c>
/// (r_POSITION, r_SUBSTRING; Horner's rule, every step within BIGINT), <c>MOD</c> of it choosing the bucket (r_MOD),
/// and per bucket <c>COUNT(*)</c> and <c>SUM</c> of the hashes cast to <c>NUMERIC(38,0)</c> (r_SUM), which cannot
/// overflow below 2^66 rows. The sum is order-independent, so a bucket's digest changes when a key is added or removed
/// whatever the row order, and stays the same otherwise.
/// </summary>
/// <remarks>
/// What the digest can miss: a bucket whose keys changed but whose count and hash sum did not. That needs removed and
/// added keys of the same number whose 60-bit hashes, all congruent modulo the bucket count, sum to the same value:
/// about one chance in 2^(60 − log2 buckets) per changed bucket and read (2^46 with 16,384 buckets) for keys that are
/// not chosen to collide. <c>STRTOL(SUBSTRING(MD5(…), 1, 15), 16)</c> (r_STRTOL) gives the same number and could
/// replace the digit arithmetic once every engine the project runs on has STRTOL.
/// </remarks>
internal sealed class KeyDigestSql
{
    public const string BucketColumn = "rt_bucket";
    public const string RowsColumn = "rt_rows";
    public const string SumColumn = "rt_sum";
    public const string HashColumn = "rt_hash";

    private const int HashDigits = 15;

    private readonly string _qualifiedTable;
    private readonly IReadOnlyList<string> _keys;
    private readonly IReadOnlyList<SnapshotFilter> _filters;
    private readonly TimeSpan? _timeout;
    private readonly string? _statementName;

    public KeyDigestSql(string qualifiedTable, IReadOnlyList<string> keys, IReadOnlyList<SnapshotFilter> filters, TimeSpan? timeout, string? statementName)
    {
        _qualifiedTable = qualifiedTable;
        _keys = keys;
        _filters = filters;
        _timeout = timeout;
        _statementName = statementName;
    }

    /// <summary>Per bucket: its number, row count and hash sum (as text). Rows with a NULL key make a bucket of NULL.</summary>
    public SqlStatement Digest(int buckets)
    {
        var renderer = new FilterRenderer();
        var sql = new StringBuilder("SELECT ").Append(Bucket(buckets)).Append(" AS ").Append(BucketColumn)
            .Append(", COUNT(*) AS ").Append(RowsColumn)
            .Append(", CAST(SUM(CAST(").Append(HashColumn).Append(" AS NUMERIC(38,0))) AS VARCHAR(40)) AS ").Append(SumColumn)
            .Append(" FROM (").Append(Hashed(renderer)).Append(") AS rt_hashes GROUP BY 1 ORDER BY 1");
        return Statement(sql.ToString(), renderer);
    }

    /// <summary>The keys and their hashes: of these buckets only, or of every row when <paramref name="only"/> is null.</summary>
    public SqlStatement Keys(int buckets, IReadOnlyCollection<int>? only)
    {
        var renderer = new FilterRenderer();
        var sql = new StringBuilder("SELECT ").Append(KeyList()).Append(", ").Append(HashColumn)
            .Append(" FROM (").Append(Hashed(renderer)).Append(") AS rt_hashes");
        if (only is not null)
        {
            // Bucket numbers are this code's own integers, not values from a caller: literals, as a chunk size is.
            sql.Append(" WHERE ").Append(Bucket(buckets)).Append(" IN (")
                .Append(string.Join(", ", only.Order().Select(b => b.ToString(CultureInfo.InvariantCulture)))).Append(')');
        }

        return Statement(sql.ToString(), renderer);
    }

    /// <summary>The key columns and their 60-bit hash, from the table's rows that pass the filters.</summary>
    private string Hashed(FilterRenderer renderer)
    {
        var inner = new StringBuilder("SELECT ").Append(KeyList()).Append(", MD5(").Append(KeyText()).Append(") AS rt_md5 FROM ").Append(_qualifiedTable);
        renderer.AppendWhere(_filters);
        inner.Append(renderer.Sql);
        return "SELECT " + KeyList() + ", " + HashOf("rt_md5") + " AS " + HashColumn + " FROM (" + inner + ") AS rt_md5s";
    }

    private string KeyList() => string.Join(", ", _keys.Select(RedshiftIdentifier.Quote));

    /// <summary>One text per key: the column's text, or for a composite key each column's length, a colon and its text.</summary>
    private string KeyText()
    {
        static string Text(string key) => "CAST(" + RedshiftIdentifier.Quote(key) + " AS VARCHAR(65535))";
        if (_keys.Count == 1)
        {
            return Text(_keys[0]);
        }

        return string.Join(" || '|' || ", _keys.Select(k => "CAST(LENGTH(" + Text(k) + ") AS VARCHAR(12)) || ':' || " + Text(k)));
    }

    /// <summary>The first 15 hexadecimal digits of an MD5 text as a BIGINT, by Horner's rule.</summary>
    internal static string HashOf(string md5Column)
    {
        string Digit(int position) => "(POSITION(SUBSTRING(" + md5Column + ", " + position.ToString(CultureInfo.InvariantCulture) +
                                      ", 1) IN '0123456789abcdef') - 1)";
        string hash = "CAST(" + Digit(1) + " AS BIGINT)";
        for (int i = 2; i <= HashDigits; i++)
        {
            hash = "(" + hash + " * 16 + " + Digit(i) + ")";
        }

        return hash;
    }

    private static string Bucket(int buckets) => "MOD(" + HashColumn + ", CAST(" + buckets.ToString(CultureInfo.InvariantCulture) + " AS BIGINT))";

    private SqlStatement Statement(string sql, FilterRenderer renderer)
    {
        // CSV pages: keys and digests are small values, and CSV carries them in about half the bytes of JSON Fields.
        var statement = new SqlStatement(sql) { ResultFormat = ResultFormatString.CSV, Timeout = _timeout, StatementName = _statementName };
        renderer.BindTo(statement);
        return statement;
    }
}
