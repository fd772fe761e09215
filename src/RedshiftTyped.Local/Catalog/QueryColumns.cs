using RedshiftTyped.Local.Dialect;
using RedshiftTyped.Local.Dialect.Typing;
using RedshiftTyped.Local.Engine;

namespace RedshiftTyped.Local.Catalog;

/// <summary>
/// The columns a query returns (name and Redshift type), without reading rows: the engine describes them, and the
/// columns the dialect layer planned for the query, when given, refine them as result metadata does
/// (<see cref="ResultColumns.Align"/>: declared lengths, Redshift's names and types where they describe the engine's values).
/// </summary>
internal static class QueryColumns
{
    public static IReadOnlyList<(string Name, RsTypeInfo Type)> Describe(IEngineConnection connection, string sql, IReadOnlyList<OutputColumn>? planned)
    {
        using var command = connection.CreateCommand(sql, []);
        using var reader = command.ExecuteReader();
        var described = connection.DescribeColumns(reader);
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        // The engine's names: they are the stored columns' (types come from the plan where it describes them).
        return ResultColumns.Describe(planned, names, described).Select((c, i) => (names[i], c.ReportType)).ToList();
    }
}
