using System.Globalization;
using System.Text;

namespace RedshiftTyped.Queries.Syntax;

/// <summary>
/// The Redshift types a query parameter may be declared with (<c>-- @param year int</c>). Each decides the .NET type
/// of the generated parameter and how its value is written (invariantly) into the Data API parameter.
/// </summary>
internal enum QueryParameterType
{
    /// <summary><c>smallint</c>, <c>int2</c>: <see cref="short"/>.</summary>
    SmallInt,

    /// <summary><c>integer</c>, <c>int</c>, <c>int4</c>: <see cref="int"/>.</summary>
    Integer,

    /// <summary><c>bigint</c>, <c>int8</c>: <see cref="long"/>.</summary>
    BigInt,

    /// <summary><c>real</c>, <c>float4</c>: <see cref="float"/>.</summary>
    Real,

    /// <summary><c>double precision</c>, <c>float8</c>, <c>float</c>: <see cref="double"/>.</summary>
    DoublePrecision,

    /// <summary><c>numeric</c>, <c>decimal</c>, with or without <c>(p,s)</c>: <see cref="decimal"/>.</summary>
    Numeric,

    /// <summary><c>boolean</c>, <c>bool</c>: <see cref="bool"/>.</summary>
    Boolean,

    /// <summary><c>char(n)</c>, <c>character</c>, <c>nchar</c>, <c>bpchar</c>: <see cref="string"/>.</summary>
    Char,

    /// <summary><c>varchar(n)</c>, <c>character varying</c>, <c>nvarchar</c>, <c>text</c>: <see cref="string"/>.</summary>
    VarChar,

    /// <summary><c>date</c>: <see cref="System.DateOnly"/>, sent as <c>yyyy-MM-dd</c>.</summary>
    Date,

    /// <summary><c>time</c>, <c>time without time zone</c>: <see cref="System.TimeOnly"/>.</summary>
    Time,

    /// <summary><c>timestamp</c>, <c>timestamp without time zone</c>: <see cref="System.DateTime"/>.</summary>
    Timestamp,

    /// <summary><c>timestamptz</c>, <c>timestamp with time zone</c>: <see cref="System.DateTimeOffset"/>, sent in UTC.</summary>
    TimestampTz,
}

/// <summary>Reads a parameter's declared type and says what it maps to.</summary>
internal static class QueryParameterTypes
{
    /// <summary>How the supported types are listed in messages.</summary>
    public const string Supported =
        "smallint, integer (int), bigint, real, double precision, numeric(p,s) (decimal), boolean, char(n), varchar(n) (text), " +
        "date, time, timestamp, timestamptz";

    /// <summary>
    /// Parses a declared type as Redshift spells it (<c>int</c>, <c>numeric(12,2)</c>, <c>character varying(20)</c>,
    /// <c>timestamp with time zone</c>), any case. False when it is not a type a parameter may have.
    /// </summary>
    public static bool TryParse(string declared, out QueryParameterType type)
    {
        type = QueryParameterType.VarChar;
        string text = Collapse(declared);
        string modifiers = string.Empty;
        int open = text.IndexOf('(');
        if (open >= 0)
        {
            int close = text.IndexOf(')', open);
            if (close < 0 || !ValidModifiers(text.Substring(open + 1, close - open - 1)))
            {
                return false;
            }

            modifiers = text.Substring(open, close - open + 1);
            text = Collapse(text.Substring(0, open) + " " + text.Substring(close + 1));
        }

        QueryParameterType? parsed = text switch
        {
            "smallint" or "int2" => QueryParameterType.SmallInt,
            "integer" or "int" or "int4" => QueryParameterType.Integer,
            "bigint" or "int8" => QueryParameterType.BigInt,
            "real" or "float4" => QueryParameterType.Real,
            "double precision" or "float8" or "float" => QueryParameterType.DoublePrecision,
            "numeric" or "decimal" => QueryParameterType.Numeric,
            "boolean" or "bool" => QueryParameterType.Boolean,
            "char" or "character" or "nchar" or "bpchar" => QueryParameterType.Char,
            "varchar" or "character varying" or "nvarchar" or "text" => QueryParameterType.VarChar,
            "date" => QueryParameterType.Date,
            "time" or "time without time zone" => QueryParameterType.Time,
            "timestamp" or "timestamp without time zone" => QueryParameterType.Timestamp,
            "timestamptz" or "timestamp with time zone" => QueryParameterType.TimestampTz,
            _ => null,
        };

        // Only numeric takes (p,s); the character types take (n); nothing else takes modifiers.
        if (parsed is null
            || (modifiers.Length > 0 && parsed is not (QueryParameterType.Numeric or QueryParameterType.Char or QueryParameterType.VarChar))
            || (modifiers.IndexOf(',') >= 0 && parsed is not QueryParameterType.Numeric))
        {
            return false;
        }

        type = parsed.Value;
        return true;
    }

    /// <summary>The name Redshift reports for the type in result metadata: <c>int4</c>, <c>numeric</c>, <c>varchar</c>…</summary>
    public static string TypeName(QueryParameterType type) => type switch
    {
        QueryParameterType.SmallInt => "int2",
        QueryParameterType.Integer => "int4",
        QueryParameterType.BigInt => "int8",
        QueryParameterType.Real => "float4",
        QueryParameterType.DoublePrecision => "float8",
        QueryParameterType.Numeric => "numeric",
        QueryParameterType.Boolean => "bool",
        QueryParameterType.Char => "char",
        QueryParameterType.VarChar => "varchar",
        QueryParameterType.Date => "date",
        QueryParameterType.Time => "time",
        QueryParameterType.Timestamp => "timestamp",
        _ => "timestamptz",
    };

    /// <summary>
    /// A value of the type, as the Data API parameter text, that <c>redshift-typed capture</c> binds while it asks Redshift
    /// for the result's columns (the statement returns no rows, so the value only has to be valid for the type). Numbers
    /// are 1, not 0, so that a division by a parameter cannot fail while the statement is planned.
    /// </summary>
    public static string Placeholder(QueryParameterType type) => type switch
    {
        QueryParameterType.Boolean => "true",
        QueryParameterType.Char or QueryParameterType.VarChar => "x",
        QueryParameterType.Date => "2000-01-01",
        QueryParameterType.Time => "00:00:00",
        QueryParameterType.Timestamp => "2000-01-01 00:00:00",
        QueryParameterType.TimestampTz => "2000-01-01 00:00:00+00",
        _ => "1",
    };

    /// <summary>Lower case, one space between words, none inside parentheses: <c>NUMERIC( 12, 2 )</c> → <c>numeric(12,2)</c>.</summary>
    public static string Collapse(string declared)
    {
        var builder = new StringBuilder(declared.Length);
        bool space = false;
        int depth = 0;
        foreach (char raw in declared.Trim())
        {
            char c = char.ToLowerInvariant(raw);
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0 && depth == 0;
                continue;
            }

            if (c == '(')
            {
                depth++;
                space = false;
            }
            else if (c == ')')
            {
                depth--;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static bool ValidModifiers(string inside)
    {
        string[] parts = inside.Split(',');
        if (parts.Length > 2)
        {
            return false;
        }

        foreach (string part in parts)
        {
            if (!int.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                return false;
            }
        }

        return true;
    }
}
