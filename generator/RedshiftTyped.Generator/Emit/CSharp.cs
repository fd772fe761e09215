using System.Globalization;
using System.Text;

namespace RedshiftTyped.Generator.Emit;

/// <summary>Spelling values safely inside generated C#: string literals and XML doc text.</summary>
internal static class CSharp
{
    public static string Literal(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    // Control characters and lone surrogates would make the file unreadable or invalid UTF-8.
                    if (c < ' ' || c == '\u2028' || c == '\u2029' || char.IsSurrogate(c) || c == '\u0085')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    public static string Literal(int? value) => value is null ? "null" : value.Value.ToString(CultureInfo.InvariantCulture);

    public static string Literal(bool value) => value ? "true" : "false";

    /// <summary>Text for an XML doc comment: markup escaped, line breaks folded so the comment stays one line.</summary>
    public static string Xml(string value)
    {
        var builder = new StringBuilder(value.Length);
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (char.IsSurrogatePair(value, i))
            {
                builder.Append(c).Append(value[++i]);
                continue;
            }

            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '\r': break;
                case '\n' or '\u2028' or '\u2029' or '\u0085': builder.Append(' '); break;
                default: builder.Append(c < ' ' || char.IsSurrogate(c) ? '?' : c); break;
            }
        }

        return builder.ToString();
    }

    /// <summary>A Redshift identifier in double quotes, inner quotes doubled: <c>we"ird</c> → <c>"we""ird"</c>.</summary>
    public static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";
}
