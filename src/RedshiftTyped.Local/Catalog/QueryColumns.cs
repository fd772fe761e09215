using RedshiftTyped.Local.Engine;

namespace RedshiftTyped.Local.Catalog;

/// <summary>The columns a query returns, as the engine describes them (name and Redshift type), without reading rows.</summary>
internal static class QueryColumns
{
    public static IReadOnlyList<(string Name, RsTypeInfo Type)> Describe(IEngineConnection connection, string sql)
    {
        using var command = connection.CreateCommand(sql, []);
        using var reader = command.ExecuteReader();
        var described = connection.DescribeColumns(reader);
        return Enumerable.Range(0, reader.FieldCount).Select(i => (reader.GetName(i), described[i].Type)).ToList();
    }
}
