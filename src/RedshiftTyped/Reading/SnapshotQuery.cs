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
        var sql = new StringBuilder("SELECT ").Append(selectList).Append(" FROM ").Append(qualifiedTable);
        var renderer = new FilterRenderer();
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

        var statement = new SqlStatement(sql.ToString())
        {
            ResultFormat = options.ResultFormat,
            Timeout = options.Timeout,
            StatementName = options.StatementName,
        };
        renderer.BindTo(statement);
        return statement;
    }
}
