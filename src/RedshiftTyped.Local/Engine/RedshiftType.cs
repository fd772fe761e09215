using RedshiftTyped.DataApi.Model;

namespace RedshiftTyped.Local.Engine;

/// <summary>The Redshift data types the server reports, by their ColumnMetadata typeName.</summary>
internal enum RsType
{
    Int2,
    Int4,
    Int8,
    Float4,
    Float8,
    Numeric,
    Bool,
    Bpchar,
    Varchar,
    Date,
    Time,
    TimeTz,
    Timestamp,
    TimestampTz,
    Varbyte,
    Super,
    Geometry,
    HllSketch,

    /// <summary>An interval without a qualifier (an expression's type; PostgreSQL's interval).</summary>
    Interval,

    /// <summary><c>INTERVAL YEAR TO MONTH</c> (typeName <c>intervaly2m</c>).</summary>
    IntervalYearToMonth,

    /// <summary><c>INTERVAL DAY TO SECOND</c> (typeName <c>intervald2s</c>).</summary>
    IntervalDayToSecond,
}

/// <summary>A Redshift type with its modifiers (varchar length, numeric precision and scale).</summary>
internal readonly record struct RsTypeInfo(RsType Type, int? Length = null, int? Precision = null, int? Scale = null)
{
    /// <summary>The name Redshift puts in ColumnMetadata.typeName.</summary>
    public string TypeName => Type switch
    {
        RsType.Int2 => "int2",
        RsType.Int4 => "int4",
        RsType.Int8 => "int8",
        RsType.Float4 => "float4",
        RsType.Float8 => "float8",
        RsType.Numeric => "numeric",
        RsType.Bool => "bool",
        RsType.Bpchar => "bpchar",
        RsType.Varchar => "varchar",
        RsType.Date => "date",
        RsType.Time => "time",
        RsType.TimeTz => "timetz",
        RsType.Timestamp => "timestamp",
        RsType.TimestampTz => "timestamptz",
        RsType.Varbyte => "varbyte",
        RsType.Super => "super",
        RsType.Geometry => "geometry",
        RsType.HllSketch => "hllsketch",
        RsType.Interval => "interval",
        RsType.IntervalYearToMonth => "intervaly2m",
        RsType.IntervalDayToSecond => "intervald2s",
        _ => "varchar",
    };

    /// <summary>Whether values are intervals (stored as the engine's INTERVAL, printed in PostgreSQL's style).</summary>
    public bool IsInterval => Type is RsType.Interval or RsType.IntervalYearToMonth or RsType.IntervalDayToSecond;

    /// <summary>The precision Redshift reports (DATA-API-FACTS §4).</summary>
    public int ReportedPrecision => Type switch
    {
        RsType.Int2 => 5,
        RsType.Int4 => 10,
        RsType.Int8 => 19,
        RsType.Float4 => 8,
        RsType.Float8 => 17,
        RsType.Numeric => Precision ?? 18,
        RsType.Bool => 1,
        RsType.Bpchar => Length ?? 1,
        RsType.Varchar => Length ?? 65535,
        RsType.Varbyte => Length ?? 64000,
        RsType.Date => 13,
        RsType.Time => 15,
        RsType.TimeTz => 21,
        RsType.Timestamp => 29,
        RsType.TimestampTz => 35,
        RsType.Super => 4194304,
        RsType.Geometry or RsType.HllSketch => 1048447,
        RsType.Interval or RsType.IntervalYearToMonth or RsType.IntervalDayToSecond => 49,
        _ => 0,
    };

    public int ReportedScale => Type switch
    {
        RsType.Numeric => Scale ?? 0,
        RsType.Float4 => 8,
        RsType.Float8 => 17,
        RsType.Time or RsType.TimeTz or RsType.Timestamp or RsType.TimestampTz or RsType.Interval or RsType.IntervalDayToSecond => 6,
        _ => 0,
    };

    public bool IsSigned => Type is RsType.Int2 or RsType.Int4 or RsType.Int8 or RsType.Float4 or RsType.Float8 or RsType.Numeric;

    public bool IsCaseSensitive => Type is RsType.Bpchar or RsType.Varchar or RsType.Varbyte or RsType.Super;

    /// <summary>The declared type as Redshift prints it in DDL terms, e.g. <c>character varying(30)</c>, for DescribeTable.</summary>
    public string DeclaredName => Type switch
    {
        RsType.Varchar => "varchar",
        RsType.Bpchar => "bpchar",
        _ => TypeName,
    };

    /// <summary>ColumnMetadata for a result column (length 0 and label = name, as the service sends).</summary>
    public ColumnMetadata ToResultMetadata(string name, bool nullable, string schemaName = "", string tableName = "") => new()
    {
        IsCaseSensitive = IsCaseSensitive,
        IsCurrency = false,
        IsSigned = IsSigned,
        Label = name,
        Name = name,
        Nullable = nullable ? 1 : 0,
        Precision = ReportedPrecision,
        Scale = ReportedScale,
        SchemaName = schemaName,
        TableName = tableName,
        TypeName = TypeName,
        Length = 0,
    };

    /// <summary>
    /// Parses a Redshift (or PostgreSQL) type as written in DDL: <c>varchar(30)</c>, <c>character varying</c>,
    /// <c>decimal(8,2)</c>, <c>timestamp without time zone</c>, <c>super</c>... Null when not a known type.
    /// Defaults follow the guide (r_Character_types.md, r_Numeric_types201.md): CHAR/NCHAR = CHAR(1), BPCHAR =
    /// CHAR(256), VARCHAR/NVARCHAR/TEXT = VARCHAR(256), MAX = 4096 bytes for CHAR and 65535 for VARCHAR,
    /// DECIMAL = DECIMAL(18,0).
    /// </summary>
    public static RsTypeInfo? Parse(string text)
    {
        string t = text.Trim().ToLowerInvariant();
        int? a = null, b = null;
        int paren = t.IndexOf('(');
        if (paren >= 0)
        {
            int close = t.IndexOf(')', paren);
            string[] args = t[(paren + 1)..(close < 0 ? t.Length : close)].Split(',', StringSplitOptions.TrimEntries);
            if (args.Length > 0 && args[0] == "max") a = -1;
            else if (args.Length > 0 && int.TryParse(args[0], out int first)) a = first;
            if (args.Length > 1 && int.TryParse(args[1], out int second)) b = second;
            t = (t[..paren] + (close < 0 ? "" : t[(close + 1)..])).Trim();
        }

        t = string.Join(' ', t.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return t switch
        {
            "smallint" or "int2" => new RsTypeInfo(RsType.Int2),
            "integer" or "int" or "int4" => new RsTypeInfo(RsType.Int4),
            "bigint" or "int8" => new RsTypeInfo(RsType.Int8),
            "real" or "float4" => new RsTypeInfo(RsType.Float4),
            "double precision" or "float8" or "float" or "double" => new RsTypeInfo(RsType.Float8),
            "decimal" or "numeric" => new RsTypeInfo(RsType.Numeric, Precision: a ?? 18, Scale: b ?? 0),
            "boolean" or "bool" => new RsTypeInfo(RsType.Bool),
            "char" or "character" or "nchar" or "national character" => new RsTypeInfo(RsType.Bpchar, Length: a is -1 ? MaxCharLength : a ?? 1),
            "bpchar" => new RsTypeInfo(RsType.Bpchar, Length: a is -1 ? MaxCharLength : a ?? 256),
            "varchar" or "character varying" or "nvarchar" or "national character varying" or "text"
                => new RsTypeInfo(RsType.Varchar, Length: a is -1 ? MaxVarcharLength : a ?? 256),
            "date" => new RsTypeInfo(RsType.Date),
            "time" or "time without time zone" => new RsTypeInfo(RsType.Time),
            "timetz" or "time with time zone" => new RsTypeInfo(RsType.TimeTz),
            "timestamp" or "timestamp without time zone" => new RsTypeInfo(RsType.Timestamp),
            "timestamptz" or "timestamp with time zone" => new RsTypeInfo(RsType.TimestampTz),
            "varbyte" or "varbinary" or "binary varying" => new RsTypeInfo(RsType.Varbyte, Length: a ?? 64000),
            "super" => new RsTypeInfo(RsType.Super),
            "geometry" or "geography" => new RsTypeInfo(RsType.Geometry),
            "hllsketch" => new RsTypeInfo(RsType.HllSketch),
            "interval" => new RsTypeInfo(RsType.Interval),
            "intervaly2m" or "interval year to month" or "interval year" or "interval month" => new RsTypeInfo(RsType.IntervalYearToMonth),
            "intervald2s" or "interval day to second" or "interval day" or "interval hour" or "interval minute" or "interval second"
                or "interval day to hour" or "interval day to minute" or "interval hour to minute" or "interval hour to second"
                or "interval minute to second" => new RsTypeInfo(RsType.IntervalDayToSecond),
            _ => null,
        };
    }

    /// <summary>CHAR(MAX): 4096 bytes (r_Character_types.md).</summary>
    public const int MaxCharLength = 4096;

    /// <summary>VARCHAR(MAX): 65535 bytes (r_Character_types.md).</summary>
    public const int MaxVarcharLength = 65535;
}
