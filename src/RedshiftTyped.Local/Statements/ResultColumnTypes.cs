using System.Data.Common;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Local.Dialect;
using RedshiftTyped.Local.Dialect.Typing;
using RedshiftTyped.Local.Engine;

namespace RedshiftTyped.Local.Statements;

/// <summary>
/// The columns of a query's result as Redshift reports them: Redshift's names, the engine's type of each value (how
/// to read it) and the type to report (the dialect layer's planned type when it describes the engine's values, the
/// engine's otherwise; <see cref="ResultColumns"/>), with their ColumnMetadata. Shared by results the Data API pages and
/// by UNLOAD, so both see the same names and types.
/// </summary>
internal sealed class ResultColumnTypes
{
    private ResultColumnTypes(string[] names, RsTypeInfo[] engineTypes, RsTypeInfo[] reportTypes, List<ColumnMetadata> metadata)
    {
        Names = names;
        EngineTypes = engineTypes;
        ReportTypes = reportTypes;
        Metadata = metadata;
    }

    public IReadOnlyList<string> Names { get; }

    public RsTypeInfo[] EngineTypes { get; }

    public RsTypeInfo[] ReportTypes { get; }

    public List<ColumnMetadata> Metadata { get; }

    /// <param name="reader">The engine's result.</param>
    /// <param name="described">The engine's type and nullability of each column (<see cref="IEngineConnection.DescribeColumns"/>).</param>
    /// <param name="planned">The columns the dialect layer planned; null for a statement it passed through.</param>
    public static ResultColumnTypes Resolve(DbDataReader reader, IReadOnlyList<(RsTypeInfo Type, bool Nullable)> described, IReadOnlyList<OutputColumn>? planned)
    {
        int count = reader.FieldCount;
        var engineNames = Enumerable.Range(0, count).Select(reader.GetName).ToList();
        var columns = ResultColumns.Describe(planned, engineNames, described);
        var metadata = columns.Select(c => c.Metadata).ToList();
        return new ResultColumnTypes(
            [.. metadata.Select(m => m.Name ?? "?column?")],
            [.. described.Select(d => d.Type)],
            [.. columns.Select(c => c.ReportType)],
            metadata);
    }
}
