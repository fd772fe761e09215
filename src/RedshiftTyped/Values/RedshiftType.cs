namespace RedshiftTyped.Values;

/// <summary>The Redshift data types, by what their values decode to.</summary>
public enum RedshiftType
{
    /// <summary>A type the runtime does not know (read as text).</summary>
    Unknown = 0,
    /// <summary>smallint (int2): short.</summary>
    SmallInt,
    /// <summary>integer (int4): int.</summary>
    Integer,
    /// <summary>bigint (int8): long.</summary>
    BigInt,
    /// <summary>real (float4): float.</summary>
    Real,
    /// <summary>double precision (float8): double.</summary>
    DoublePrecision,
    /// <summary>numeric / decimal(p,s): decimal, or SqlDecimal past 28 digits.</summary>
    Numeric,
    /// <summary>boolean: bool.</summary>
    Boolean,
    /// <summary>char / bpchar: string.</summary>
    Char,
    /// <summary>varchar / character varying: string.</summary>
    VarChar,
    /// <summary>date: DateOnly.</summary>
    Date,
    /// <summary>time (without time zone): TimeOnly.</summary>
    Time,
    /// <summary>timetz: DateTimeOffset.</summary>
    TimeTz,
    /// <summary>timestamp (without time zone): DateTime, Kind Unspecified.</summary>
    Timestamp,
    /// <summary>timestamptz: DateTimeOffset in UTC.</summary>
    TimestampTz,
    /// <summary>interval year to month: its text.</summary>
    IntervalYearToMonth,
    /// <summary>interval day to second: TimeSpan.</summary>
    IntervalDayToSecond,
    /// <summary>varbyte: byte[].</summary>
    VarByte,
    /// <summary>super: RedshiftSuper (its JSON text).</summary>
    Super,
    /// <summary>geometry: its text (EWKB hex).</summary>
    Geometry,
    /// <summary>geography: its text.</summary>
    Geography,
    /// <summary>hllsketch: its text (JSON).</summary>
    HllSketch,
}

/// <summary>
/// Maps a type name as Redshift spells it anywhere — result ColumnMetadata (<c>int4</c>, <c>bpchar</c>),
/// the catalog (<c>character varying(256)</c>, <c>timestamp without time zone</c>) or DDL (<c>decimal(8,2)</c>) —
/// to one <see cref="RedshiftType"/>.
/// </summary>
public static class RedshiftTypeNames
{
    /// <summary>The type for a name as Redshift spells it anywhere (<c>int4</c>, <c>character varying(256)</c>, <c>decimal(8,2)</c>); <see cref="RedshiftType.Unknown"/> for others.</summary>
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

    /// <summary>
    /// The short name Redshift itself reports in result metadata (<c>int4</c>, <c>varchar</c>, <c>timestamptz</c>...);
    /// null for <see cref="RedshiftType.Unknown"/>.
    /// </summary>
    public static string? ShortName(RedshiftType type) => type switch
    {
        RedshiftType.SmallInt => "int2",
        RedshiftType.Integer => "int4",
        RedshiftType.BigInt => "int8",
        RedshiftType.Real => "float4",
        RedshiftType.DoublePrecision => "float8",
        RedshiftType.Numeric => "numeric",
        RedshiftType.Boolean => "bool",
        RedshiftType.Char => "char",
        RedshiftType.VarChar => "varchar",
        RedshiftType.Date => "date",
        RedshiftType.Time => "time",
        RedshiftType.TimeTz => "timetz",
        RedshiftType.Timestamp => "timestamp",
        RedshiftType.TimestampTz => "timestamptz",
        RedshiftType.IntervalYearToMonth => "intervaly2m",
        RedshiftType.IntervalDayToSecond => "intervald2s",
        RedshiftType.VarByte => "varbyte",
        RedshiftType.Super => "super",
        RedshiftType.Geometry => "geometry",
        RedshiftType.Geography => "geography",
        RedshiftType.HllSketch => "hllsketch",
        _ => null,
    };

    /// <summary>
    /// The type as Redshift's DDL and catalog spell it, with its modifiers:
    /// <c>character varying(256)</c>, <c>numeric(18,2)</c>, <c>timestamp with time zone</c>.
    /// </summary>
    public static string? DeclaredName(RedshiftType type, int? length, int? precision, int? scale) => type switch
    {
        RedshiftType.SmallInt => "smallint",
        RedshiftType.Integer => "integer",
        RedshiftType.BigInt => "bigint",
        RedshiftType.Real => "real",
        RedshiftType.DoublePrecision => "double precision",
        RedshiftType.Numeric => precision is > 0 ? $"numeric({precision},{scale ?? 0})" : "numeric",
        RedshiftType.Boolean => "boolean",
        RedshiftType.Char => length is > 0 ? $"character({length})" : "character",
        RedshiftType.VarChar => length is > 0 ? $"character varying({length})" : "character varying",
        RedshiftType.Date => "date",
        RedshiftType.Time => "time without time zone",
        RedshiftType.TimeTz => "time with time zone",
        RedshiftType.Timestamp => "timestamp without time zone",
        RedshiftType.TimestampTz => "timestamp with time zone",
        RedshiftType.IntervalYearToMonth => "interval year to month",
        RedshiftType.IntervalDayToSecond => "interval day to second",
        RedshiftType.VarByte => length is > 0 ? $"varbyte({length})" : "varbyte",
        RedshiftType.Super => "super",
        RedshiftType.Geometry => "geometry",
        RedshiftType.Geography => "geography",
        RedshiftType.HllSketch => "hllsketch",
        _ => null,
    };
}
