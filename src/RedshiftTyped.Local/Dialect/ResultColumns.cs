using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Local.Dialect.Typing;
using RedshiftTyped.Local.Engine;

namespace RedshiftTyped.Local.Dialect;

/// <summary>A result column as reported: its ColumnMetadata and the type its values are encoded as.</summary>
internal sealed record ResultColumn(ColumnMetadata Metadata, RsTypeInfo ReportType);

/// <summary>
/// The result columns the dialect layer planned (Redshift's names and types), matched with what the engine returned:
/// a planned type is reported when it describes the engine's values (same kind: integers, numerics, strings, …), so a
/// typing rule can refine precision, scale and length but never mis-encode a value; otherwise the engine's type is.
/// </summary>
internal static class ResultColumns
{
    /// <summary>
    /// The result columns of a statement: the planned ones aligned with the engine's (<see cref="Align"/>), or — for a
    /// statement the dialect layer passed through, or a plan that does not line up — the engine's names and types.
    /// </summary>
    public static IReadOnlyList<ResultColumn> Describe(IReadOnlyList<OutputColumn>? planned, IReadOnlyList<string> engineNames,
        IReadOnlyList<(RsTypeInfo Type, bool Nullable)> engine)
        => (planned is null ? null : Align(planned, engineNames, engine))
           ?? engine.Select((c, i) => new ResultColumn(c.Type.ToResultMetadata(engineNames[i], c.Nullable), c.Type)).ToList();

    /// <summary>The columns, or null when the plan does not line up with the engine's result (the caller falls back).</summary>
    public static IReadOnlyList<ResultColumn>? Align(IReadOnlyList<OutputColumn> planned, IReadOnlyList<string> engineNames,
        IReadOnlyList<(RsTypeInfo Type, bool Nullable)> engine)
    {
        int stars = planned.Count(c => c.UnknownStar);
        int fixedCount = planned.Count - stars;
        if (stars > 1 || (stars == 0 && fixedCount != engine.Count) || fixedCount > engine.Count) return null;

        var columns = new List<ResultColumn>(engine.Count);
        int e = 0;
        foreach (var column in planned)
        {
            if (column.UnknownStar)
            {
                int width = engine.Count - fixedCount;
                for (int k = 0; k < width; k++, e++)
                {
                    columns.Add(new ResultColumn(engine[e].Type.ToResultMetadata(engineNames[e], engine[e].Nullable), engine[e].Type));
                }

                continue;
            }

            var engineType = engine[e].Type;
            var report = column.Type is { } mine && Describes(mine, engineType) ? mine : engineType;
            if (report.Type == RsType.Numeric && engineType.Type == RsType.Numeric && (engineType.Scale ?? 0) > (report.Scale ?? 0))
            {
                // Never print fewer decimals than the engine computed (values are formatted at the reported scale).
                report = report with { Scale = engineType.Scale, Precision = Math.Max(report.Precision ?? 18, engineType.Precision ?? 18) };
            }

            bool fromTable = column.Table.Length > 0 && column.Type is not null && report == column.Type;
            columns.Add(new ResultColumn(
                report.ToResultMetadata(column.Name, fromTable ? column.Nullable : true, fromTable ? column.Schema : "", fromTable ? column.Table : ""),
                report));
            e++;
        }

        return columns;
    }

    /// <summary>Whether values the engine returns as <paramref name="engine"/> can be reported (and encoded) as <paramref name="mine"/>.</summary>
    public static bool Describes(RsTypeInfo mine, RsTypeInfo engine)
    {
        static int Kind(RsType t) => t switch
        {
            RsType.Int2 or RsType.Int4 or RsType.Int8 => 1,
            RsType.Float4 or RsType.Float8 => 2,
            RsType.Numeric => 3,
            RsType.Varchar or RsType.Bpchar => 4,
            RsType.Super => 5,
            RsType.Geometry or RsType.HllSketch => 6,
            RsType.Interval or RsType.IntervalYearToMonth or RsType.IntervalDayToSecond => 7,
            _ => 100 + (int)t,
        };

        if (Kind(mine.Type) == Kind(engine.Type)) return true;
        return (mine.Type, engine.Type) switch
        {
            (RsType.Super, RsType.Varchar) => true,
            (RsType.Geometry or RsType.HllSketch, RsType.Varchar) => true,
            _ => false,
        };
    }
}
