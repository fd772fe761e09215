using System.Data.SqlTypes;
using System.Globalization;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Typed;

namespace RedshiftTyped.Values;

/// <summary>
/// Decodes one result value to its .NET value, by the Field member actually present (the union tag) and
/// then the column's Redshift type:
/// int2 → short, int4 → int, int8 → long, float4 → float, float8 → double, bool → bool,
/// numeric(p ≤ 28) → decimal and numeric(p > 28) → <see cref="SqlDecimal"/> (all 38 digits, lossless),
/// char/varchar/text → string, date → DateOnly, time → TimeOnly, timetz → DateTimeOffset,
/// timestamp → DateTime (Unspecified), timestamptz → DateTimeOffset (UTC), interval day-to-second → TimeSpan,
/// varbyte → byte[], super/geometry/geography/hllsketch/interval year-to-month/unknown → string. NULL → null.
/// Two values have no .NET form of their column's type, and come back as documented fallbacks instead: a date or
/// timestamp before year 1 or after 9999 (<c>0044-03-15 BC</c>, <c>10000-01-01</c>) as the <c>string</c> Redshift
/// printed, and an interval holding months in a column typed plain <c>interval</c> (<c>1 year 2 mons</c>) as a
/// <see cref="RedshiftInterval"/>.
/// </summary>
public static class RedshiftValueDecoder
{
    /// <summary>The widest numeric precision <see cref="decimal"/> always holds.</summary>
    public const int MaxDecimalPrecision = 28;

    /// <summary>Decodes a Data API Field by its column's metadata (see the class summary for the .NET types).</summary>
    public static object? Decode(Field field, ColumnMetadata column)
        => Decode(field, RedshiftTypeNames.Parse(column.TypeName), column.Precision ?? 0, column.Name ?? column.Label ?? "?");

    /// <summary>Decodes a Data API Field as a value of the Redshift type (precision for numerics; the name for messages).</summary>
    public static object? Decode(Field field, RedshiftType type, int precision, string columnName)
    {
        switch (field.Kind)
        {
            case FieldKind.Null:
                return null;
            case FieldKind.Empty:
                throw new FormatException(
                    $"Column \"{columnName}\" ({type}) came back as an empty Field. The Data API did this for bool and float4 " +
                    "before September 2022; cast the column to varchar in the SQL if your endpoint still does.");
            case FieldKind.Boolean:
                return type == RedshiftType.Boolean || type == RedshiftType.Unknown
                    ? field.BooleanValue!.Value
                    : Mismatch(field, type, columnName);
            case FieldKind.Long:
                return FromLong(field.LongValue!.Value, type, columnName);
            case FieldKind.Double:
                return type switch
                {
                    RedshiftType.Real => (float)field.DoubleValue!.Value,
                    RedshiftType.DoublePrecision or RedshiftType.Unknown => field.DoubleValue!.Value,
                    RedshiftType.Numeric => (decimal)field.DoubleValue!.Value,
                    _ => Mismatch(field, type, columnName),
                };
            case FieldKind.Blob:
                return field.BlobValue;
            default:
                return FromText(field.StringValue!, type, precision, columnName);
        }
    }

    /// <summary>
    /// Decodes a value given as text (a stringValue, or a CSV field), in the one form Redshift prints its type in; text in any
    /// other form (<c>" 7"</c>, <c>"7.28e2"</c> for numeric, <c>"728.00\0"</c>) throws <see cref="RowDecodeException"/> naming the
    /// column and the value (its first 100 characters).
    /// </summary>
    public static object? FromText(string text, RedshiftType type, int precision, string columnName)
    {
        if (type is RedshiftType.Date or RedshiftType.Timestamp or RedshiftType.TimestampTz && DateOutOfRangeException.Describes(text))
        {
            return text;
        }

        try
        {
            return type switch
            {
                RedshiftType.SmallInt => RedshiftTextParser.ParseInt16(text),
                RedshiftType.Integer => RedshiftTextParser.ParseInt32(text),
                RedshiftType.BigInt => RedshiftTextParser.ParseInt64(text),
                RedshiftType.Real => RedshiftTextParser.ParseSingle(text),
                RedshiftType.DoublePrecision => RedshiftTextParser.ParseDouble(text),
                RedshiftType.Numeric when precision > MaxDecimalPrecision => RedshiftTextParser.ParseSqlDecimal(text),
                RedshiftType.Numeric => RedshiftTextParser.ParseDecimal(text),
                RedshiftType.Boolean => RedshiftTextParser.ParseBoolean(text),
                RedshiftType.Date => RedshiftTextParser.ParseDate(text),
                RedshiftType.Time => RedshiftTextParser.ParseTime(text),
                RedshiftType.TimeTz => RedshiftTextParser.ParseTimeTz(text),
                RedshiftType.Timestamp => RedshiftTextParser.ParseTimestamp(text),
                RedshiftType.TimestampTz => RedshiftTextParser.ParseTimestampTz(text),
                RedshiftType.IntervalDayToSecond => Interval(text),
                RedshiftType.VarByte => RedshiftTextParser.ParseVarByte(text),
                _ => text,
            };
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
        {
            throw new RowDecodeException(null,
                $"Column \"{columnName}\" ({type}): the value \"{Truncate(text)}\" cannot be read as {type}: {ex.Message}", ex);
        }
    }

    /// <summary>A TimeSpan, or the RedshiftInterval itself when it holds months (a plain <c>interval</c> column may).</summary>
    private static object Interval(string text)
    {
        var interval = RedshiftInterval.Parse(text);
        return interval.HasMonths ? interval : interval.ToTimeSpan();
    }

    private static object FromLong(long value, RedshiftType type, string columnName) => type switch
    {
        RedshiftType.SmallInt => checked((short)value),
        RedshiftType.Integer => checked((int)value),
        RedshiftType.BigInt or RedshiftType.Unknown => value,
        RedshiftType.Numeric => (decimal)value,
        RedshiftType.Real => (float)value,
        RedshiftType.DoublePrecision => (double)value,
        _ => Mismatch(Field.FromLong(value), type, columnName),
    };

    private static object Mismatch(Field field, RedshiftType type, string columnName)
        => throw new FormatException($"Column \"{columnName}\" is {type} but the service sent {field}.");

    /// <summary>The value for a message: its first 100 characters, control characters (a NUL) shown as <c>\uXXXX</c>.</summary>
    internal static string Truncate(string text)
    {
        string shown = text.Length <= 100 ? text : text[..100] + "…";
        if (!shown.AsSpan().ContainsAnyInRange('\0', '\u001f'))
        {
            return shown;
        }

        var escaped = new System.Text.StringBuilder(shown.Length + 8);
        foreach (char c in shown)
        {
            escaped.Append(c < ' ' ? $"\\u{(int)c:X4}" : c.ToString());
        }

        return escaped.ToString();
    }
}
