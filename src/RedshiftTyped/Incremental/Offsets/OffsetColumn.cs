using RedshiftTyped.Values;

namespace RedshiftTyped.Incremental.Offsets;

/// <summary>
/// A cursor or key column as an offset records it: its name, and its type as the result reported it, so that the
/// offset's values read back as the same .NET values (<see cref="OffsetValues"/>).
/// </summary>
/// <param name="Name">The column's Redshift name.</param>
/// <param name="TypeName">The Redshift type's short name (<c>int8</c>, <c>timestamp</c>, <c>numeric</c>).</param>
/// <param name="Precision">A numeric's precision (digits), which decides decimal or SqlDecimal; 0 otherwise.</param>
internal sealed record OffsetColumn(string Name, string TypeName, int Precision)
{
    public RedshiftType Type => RedshiftTypeNames.Parse(TypeName);

    public static OffsetColumn Of(string name, RedshiftType type, int? precision)
        => new(name, RedshiftTypeNames.ShortName(type) ?? "unknown", type == RedshiftType.Numeric ? precision ?? 0 : 0);

    /// <summary>The column types a cursor or key may have: those Redshift orders as values and a parameter can carry.</summary>
    public static bool IsOrderable(RedshiftType type) => type is RedshiftType.SmallInt or RedshiftType.Integer or RedshiftType.BigInt
        or RedshiftType.Numeric or RedshiftType.Real or RedshiftType.DoublePrecision or RedshiftType.Date or RedshiftType.Timestamp
        or RedshiftType.TimestampTz or RedshiftType.Char or RedshiftType.VarChar;

    public const string OrderableTypes = "smallint, integer, bigint, numeric, real, double precision, date, timestamp, timestamptz, char or varchar";
}
