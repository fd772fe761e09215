namespace RedshiftTyped.Values;

/// <summary>The Redshift data types, by what their values decode to.</summary>
public enum RedshiftType
{
    Unknown = 0,
    SmallInt,
    Integer,
    BigInt,
    Real,
    DoublePrecision,
    Numeric,
    Boolean,
    Char,
    VarChar,
    Date,
    Time,
    TimeTz,
    Timestamp,
    TimestampTz,
    IntervalYearToMonth,
    IntervalDayToSecond,
    VarByte,
    Super,
    Geometry,
    Geography,
    HllSketch,
}

/// <summary>
/// Maps a type name as Redshift spells it anywhere — result ColumnMetadata (<c>int4</c>, <c>bpchar</c>),
/// the catalog (<c>character varying(256)</c>, <c>timestamp without time zone</c>) or DDL (<c>decimal(8,2)</c>) —
/// to one <see cref="RedshiftType"/>.
/// </summary>
public static class RedshiftTypeNames
{
    public static RedshiftType Parse(string? typeName)
    {
        if (string.IsNullOrWhiteSpace(typeName))
        {
            return RedshiftType.Unknown;
        }

        string name = typeName.Trim().ToLowerInvariant();
        int paren = name.IndexOf('(');
        if (paren >= 0)
        {
            int close = name.IndexOf(')', paren);
            // "timestamp(6) with time zone": drop the modifier, keep what follows it.
            name = (name[..paren] + (close >= 0 ? name[(close + 1)..] : string.Empty)).Trim();
        }

        name = string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return name switch
        {
            "int2" or "smallint" => RedshiftType.SmallInt,
            "int4" or "int" or "integer" => RedshiftType.Integer,
            "int8" or "bigint" => RedshiftType.BigInt,
            "float4" or "real" => RedshiftType.Real,
            "float8" or "float" or "double precision" => RedshiftType.DoublePrecision,
            "numeric" or "decimal" => RedshiftType.Numeric,
            "bool" or "boolean" => RedshiftType.Boolean,
            "char" or "character" or "bpchar" or "nchar" => RedshiftType.Char,
            "varchar" or "character varying" or "nvarchar" or "text" or "name" or "character_data" or "sql_identifier" => RedshiftType.VarChar,
            "date" => RedshiftType.Date,
            "time" or "time without time zone" => RedshiftType.Time,
            "timetz" or "time with time zone" => RedshiftType.TimeTz,
            "timestamp" or "timestamp without time zone" => RedshiftType.Timestamp,
            "timestamptz" or "timestamp with time zone" => RedshiftType.TimestampTz,
            "intervaly2m" or "interval year to month" or "interval year" or "interval month" => RedshiftType.IntervalYearToMonth,
            "intervald2s" or "interval day to second" or "interval" or "interval day" or "interval hour" or "interval minute"
                or "interval second" or "interval day to hour" or "interval day to minute" or "interval hour to minute"
                or "interval hour to second" or "interval minute to second" => RedshiftType.IntervalDayToSecond,
            "varbyte" or "varbinary" or "binary varying" => RedshiftType.VarByte,
            "super" => RedshiftType.Super,
            "geometry" => RedshiftType.Geometry,
            "geography" => RedshiftType.Geography,
            "hllsketch" => RedshiftType.HllSketch,
            _ => RedshiftType.Unknown,
        };
    }
}
