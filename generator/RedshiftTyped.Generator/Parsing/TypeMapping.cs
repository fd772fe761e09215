using RedshiftTyped.Generator.Model;

namespace RedshiftTyped.Generator.Parsing;

/// <summary>
/// The type mapping of issue 5: a column's normalised <c>typeName</c> (and an optional clrType override) to the .NET
/// value it is read as.
/// </summary>
internal static class TypeMapping
{
    /// <summary>The normalised names the snapshot format defines; anything else is unknown (read as string, with a warning).</summary>
    public static bool TryMap(string typeName, out ColumnValueKind kind)
    {
        kind = typeName switch
        {
            "int2" => ColumnValueKind.Int16,
            "int4" => ColumnValueKind.Int32,
            "int8" => ColumnValueKind.Int64,
            "float4" => ColumnValueKind.Single,
            "float8" => ColumnValueKind.Double,
            "numeric" => ColumnValueKind.Decimal,
            "bool" => ColumnValueKind.Boolean,
            "char" or "varchar" => ColumnValueKind.String,
            "date" => ColumnValueKind.Date,
            "time" => ColumnValueKind.Time,
            "timetz" => ColumnValueKind.TimeTz,
            "timestamp" => ColumnValueKind.Timestamp,
            "timestamptz" => ColumnValueKind.TimestampTz,
            "intervald2s" => ColumnValueKind.Interval,

            // Year-to-month intervals have no exact .NET type (a month is not a fixed TimeSpan): kept as text.
            "intervaly2m" => ColumnValueKind.String,
            "super" => ColumnValueKind.Super,
            "varbyte" => ColumnValueKind.VarByte,

            // Spatial values and sketches arrive as text (EWKB hex / JSON); no .NET type would add meaning.
            "geometry" or "geography" or "hllsketch" => ColumnValueKind.String,
            _ => (ColumnValueKind)(-1),
        };

        return kind >= 0;
    }

    /// <summary>
    /// Applies a <c>clrType</c> override. Every column may be read as its exact text (<c>string</c>); numeric may also
    /// be read as <c>SqlDecimal</c> (all 38 digits) or <c>decimal</c>. Returns false for anything else.
    /// </summary>
    public static bool TryOverride(ColumnValueKind natural, string clrType, out ColumnValueKind kind)
    {
        switch (clrType)
        {
            case "string" or "System.String":
                kind = ColumnValueKind.String;
                return true;
            case "System.Data.SqlTypes.SqlDecimal" or "SqlDecimal" when natural is ColumnValueKind.Decimal:
                kind = ColumnValueKind.SqlDecimal;
                return true;
            case "decimal" or "System.Decimal" when natural is ColumnValueKind.Decimal:
                kind = ColumnValueKind.Decimal;
                return true;
            default:
                kind = natural;
                return ClrTypeName(natural) == clrType || ClrTypeName(natural) == "global::" + clrType;
        }
    }

    /// <summary>The C# spelling of the property type (without the nullable marker).</summary>
    public static string ClrTypeName(ColumnValueKind kind) => kind switch
    {
        ColumnValueKind.Int16 => "short",
        ColumnValueKind.Int32 => "int",
        ColumnValueKind.Int64 => "long",
        ColumnValueKind.Single => "float",
        ColumnValueKind.Double => "double",
        ColumnValueKind.Decimal => "decimal",
        ColumnValueKind.SqlDecimal => "global::System.Data.SqlTypes.SqlDecimal",
        ColumnValueKind.Boolean => "bool",
        ColumnValueKind.String => "string",
        ColumnValueKind.Date => "global::System.DateOnly",
        ColumnValueKind.Time => "global::System.TimeOnly",
        ColumnValueKind.TimeTz => "global::System.DateTimeOffset",
        ColumnValueKind.Timestamp => "global::System.DateTime",
        ColumnValueKind.TimestampTz => "global::System.DateTimeOffset",
        ColumnValueKind.Interval => "global::System.TimeSpan",
        ColumnValueKind.Super => "global::RedshiftTyped.Typed.RedshiftSuper",
        ColumnValueKind.VarByte => "byte[]",
        _ => "string",
    };

    public static bool IsValueType(ColumnValueKind kind)
        => kind is not (ColumnValueKind.String or ColumnValueKind.Super or ColumnValueKind.VarByte);
}
