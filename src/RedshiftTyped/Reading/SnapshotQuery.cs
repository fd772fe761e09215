using System.Globalization;
using System.Text;
using RedshiftTyped.Execution;
using RedshiftTyped.Typed;

namespace RedshiftTyped.Reading;

/// <summary>
/// Builds a snapshot's SELECT: quoted names only, every value a parameter, filters ANDed, and an ORDER BY under a limit
/// so that a limited sample is repeatable.
/// </summary>
internal static class SnapshotQuery
{
    public static SqlStatement Build(string qualifiedTable, string selectList, SnapshotOptions options, IReadOnlyList<string> primaryKey)
    {
        var renderer = new FilterRenderer();
        var statement = new SqlStatement(Sql(qualifiedTable, selectList, options, primaryKey, renderer))
        {
            ResultFormat = options.ResultFormat,
            Timeout = options.Timeout,
            StatementName = options.StatementName,
        };
        renderer.BindTo(statement);
        return statement;
    }

    /// <summary>The snapshot's SELECT with every value written as a literal, for UNLOAD (whose query is a literal itself).</summary>
    public static string BuildWithLiterals(string qualifiedTable, string selectList, SnapshotOptions options, IReadOnlyList<string> primaryKey)
        => Sql(qualifiedTable, selectList, options, primaryKey, new FilterRenderer(literals: true));

    private static string Sql(string qualifiedTable, string selectList, SnapshotOptions options, IReadOnlyList<string> primaryKey, FilterRenderer renderer)
    {
        var sql = new StringBuilder("SELECT ").Append(selectList).Append(" FROM ").Append(qualifiedTable);
        renderer.AppendWhere(options.Filters);
        sql.Append(renderer.Sql);

        var orderBy = options.Ordering.Count > 0 ? options.Ordering
            : options.Limit is null ? [] : primaryKey.Select(ColumnOrder.Ascending).ToList();
        if (orderBy.Count > 0)
        {
            sql.Append(" ORDER BY ").Append(string.Join(", ", orderBy.Select(k => k.Sql)));
        }

        if (options.Limit is { } limit)
        {
            sql.Append(" LIMIT ").Append(limit.ToString(CultureInfo.InvariantCulture));
        }

        return sql.ToString();
    }
}
