using System.Globalization;
using System.Text;
using RedshiftTyped.Local.Engine;

namespace RedshiftTyped.Local.Catalog.External;

/// <summary>
/// Converts what external files hold into the CLR values the engines' bulk loaders take for the column's type,
/// following r_CREATE_EXTERNAL_TABLE.md: DATE text as <c>yyyy-mm-dd</c>, <c>mm-dd-yyyy</c>, <c>mmm-dd-yyyy</c>,
/// <c>dd-mmm-yyyy</c> or <c>yyyy-mmm-dd</c> (two-digit years: below 70 → 20xx, else 19xx); TIMESTAMP text as
/// <c>yyyy-mm-dd HH:mm:ss[.SSSSSS]</c>; CHAR/VARCHAR lengths in bytes, longer values truncated to fit ("results
/// are truncated to fit the defined column size without returning an error"). A value that cannot be read as its
/// column's type fails the query with an error naming the file and the column.
/// </summary>
internal static class ExternalValues
{
    /// <summary>The types an external table column may have (r_CREATE_EXTERNAL_TABLE.md, data_type).</summary>
    public static bool IsSupported(RsTypeInfo type) => type.Type is RsType.Int2 or RsType.Int4 or RsType.Int8 or RsType.Numeric
        or RsType.Float4 or RsType.Float8 or RsType.Bool or RsType.Bpchar or RsType.Varchar or RsType.Date or RsType.Timestamp;

    /// <summary>The type as svv_external_columns.external_type shows it: <c>int</c>, <c>decimal(8,2)</c>, <c>varchar(20)</c>...</summary>
    public static string ExternalTypeName(RsTypeInfo type) => type.Type switch
    {
        RsType.Int2 => "smallint",
        RsType.Int4 => "int",
        RsType.Int8 => "bigint",
        RsType.Numeric => $"decimal({type.Precision ?? 18},{type.Scale ?? 0})",
        RsType.Float4 => "real",
        RsType.Float8 => "double precision",
        RsType.Bool => "boolean",
        RsType.Bpchar => $"char({type.Length ?? 1})",
        RsType.Varchar => $"varchar({type.Length ?? 256})",
        RsType.Date => "date",
        RsType.Timestamp => "timestamp",
        _ => type.TypeName,
    };

    /// <summary>A text field (delimited, CSV, JSON scalar) as a value of <paramref name="type"/>.</summary>
    public static object? FromText(string text, RsTypeInfo type)
    {
        try
        {
            return ParseText(text, type);
        }
        catch (FormatException ex) when (ex.Message.StartsWith("The input string", StringComparison.Ordinal) || ex.Message.StartsWith("String '", StringComparison.Ordinal))
        {
            throw new FormatException($"\"{text}\" is not a valid {type.TypeName} value");
        }
        catch (OverflowException)
        {
            throw new OverflowException($"\"{text}\" is out of range for {type.TypeName}");
        }
    }

    private static object? ParseText(string text, RsTypeInfo type)
    {
        var inv = CultureInfo.InvariantCulture;
        string trimmed = text.Trim();
        switch (type.Type)
        {
            case RsType.Bpchar or RsType.Varchar:
                return Fit(text, type.Length);
            case RsType.Int2:
                return short.Parse(trimmed, NumberStyles.AllowLeadingSign, inv);
            case RsType.Int4:
                return int.Parse(trimmed, NumberStyles.AllowLeadingSign, inv);
            case RsType.Int8:
                return long.Parse(trimmed, NumberStyles.AllowLeadingSign, inv);
            case RsType.Numeric:
                return Round(decimal.Parse(trimmed, NumberStyles.Number | NumberStyles.AllowExponent, inv), type);
            case RsType.Float4:
                return float.Parse(trimmed, NumberStyles.Float, inv);
            case RsType.Float8:
                return double.Parse(trimmed, NumberStyles.Float, inv);
            case RsType.Bool:
                return trimmed.ToLowerInvariant() switch
                {
                    "true" or "t" or "1" or "yes" or "y" => true,
                    "false" or "f" or "0" or "no" or "n" => false,
                    _ => throw new FormatException($"\"{trimmed}\" is not a boolean"),
                };
            case RsType.Date:
                return ParseDate(trimmed);
            case RsType.Timestamp:
                return DateTime.ParseExact(trimmed, TimestampFormats, inv, DateTimeStyles.AllowWhiteSpaces);
            default:
                throw new FormatException($"type {type.TypeName} is not supported in external tables");
        }
    }

    /// <summary>A Parquet value (Parquet.Net's CLR value) as a value of <paramref name="type"/>.</summary>
    public static object? FromParquet(object? value, RsTypeInfo type)
    {
        if (value is null)
        {
            return null;
        }

        var inv = CultureInfo.InvariantCulture;
        switch (type.Type)
        {
            case RsType.Bpchar or RsType.Varchar:
                return value switch
                {
                    string s => Fit(s, type.Length),
                    byte[] bytes => Fit(Encoding.UTF8.GetString(bytes), type.Length),
                    _ => throw new FormatException($"a {value.GetType().Name} value cannot be read as {type.TypeName}"),
                };
            case RsType.Int2:
                return Convert.ToInt16(Integral(value), inv);
            case RsType.Int4:
                return Convert.ToInt32(Integral(value), inv);
            case RsType.Int8:
                return Convert.ToInt64(Integral(value), inv);
            case RsType.Numeric:
                return Round(value switch
                {
                    decimal m => m,
                    Parquet.Data.BigDecimal big => decimal.Parse(big.ToString(), NumberStyles.Number, inv),
                    _ => Convert.ToDecimal(Integral(value), inv),
                }, type);
            case RsType.Float4:
                return value is float f ? f : Convert.ToSingle(Numeric(value), inv);
            case RsType.Float8:
                return value is double d ? d : Convert.ToDouble(Numeric(value), inv);
            case RsType.Bool:
                return value is bool b ? b : throw new FormatException($"a {value.GetType().Name} value cannot be read as boolean");
            case RsType.Date:
                return value switch
                {
                    DateOnly day => day,
                    DateTime dt => DateOnly.FromDateTime(dt),
                    DateTimeOffset o => DateOnly.FromDateTime(o.UtcDateTime),
                    _ => throw new FormatException($"a {value.GetType().Name} value cannot be read as date"),
                };
            case RsType.Timestamp:
                return value switch
                {
                    DateTime dt => DateTime.SpecifyKind(dt, DateTimeKind.Unspecified),
                    DateTimeOffset o => DateTime.SpecifyKind(o.UtcDateTime, DateTimeKind.Unspecified),
                    DateOnly day => day.ToDateTime(TimeOnly.MinValue),
                    _ => throw new FormatException($"a {value.GetType().Name} value cannot be read as timestamp"),
                };
            default:
                throw new FormatException($"type {type.TypeName} is not supported in external tables");
        }
    }

    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd",
    ];

    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "MM-dd-yyyy", "M-d-yyyy", "MMM-dd-yyyy", "dd-MMM-yyyy", "yyyy-MMM-dd", "MM-dd-yy", "MMM-dd-yy", "dd-MMM-yy",
    ];

    private static DateOnly ParseDate(string text)
    {
        string normalized = text.Replace('/', '-');
        if (DateOnly.TryParseExact(normalized, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            // Two-digit years: below 70 are 20xx, the others 19xx.
            if (normalized.Split('-').Any(part => part.Length == 2 && char.IsAsciiDigit(part[0])) && !normalized.Split('-').Any(part => part.Length >= 3 && char.IsAsciiDigit(part[0])))
            {
                int yy = date.Year % 100;
                date = new DateOnly(yy < 70 ? 2000 + yy : 1900 + yy, date.Month, date.Day);
            }

            return date;
        }

        throw new FormatException($"\"{text}\" is not a date (yyyy-mm-dd, mm-dd-yyyy, mmm-dd-yyyy, dd-mmm-yyyy or yyyy-mmm-dd)");
    }

    /// <summary>CHAR/VARCHAR(n) hold n bytes: a longer value is cut at the last whole character that fits.</summary>
    private static string Fit(string text, int? bytes)
    {
        if (bytes is not int n || text.Length * 4 <= n || Encoding.UTF8.GetByteCount(text) <= n)
        {
            return text;
        }

        int end = 0, used = 0;
        while (end < text.Length)
        {
            int width = char.IsSurrogatePair(text, end) ? 2 : 1;
            int size = Encoding.UTF8.GetByteCount(text.AsSpan(end, width));
            if (used + size > n) break;
            used += size;
            end += width;
        }

        return text[..end];
    }

    private static decimal Round(decimal value, RsTypeInfo type) => Math.Round(value, type.Scale ?? 0, MidpointRounding.AwayFromZero);

    private static object Integral(object value) => value switch
    {
        float or double or decimal => throw new FormatException($"a {value.GetType().Name} value cannot be read as an integer"),
        _ => value,
    };

    private static object Numeric(object value) => value switch
    {
        string or bool or byte[] => throw new FormatException($"a {value.GetType().Name} value cannot be read as a number"),
        _ => value,
    };
}
