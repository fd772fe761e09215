using System.Text;
using RedshiftTyped.Local.Statements;

namespace RedshiftTyped.Local.Unload;

/// <summary>
/// String literals as Redshift reads them: <c>''</c> is a quote, and a backslash escapes the next character
/// (<c>\n</c>, <c>\t</c>, <c>\r</c>, <c>\b</c>, <c>\f</c>; any other character stands for itself), which is why Redshift's
/// QUOTE_LITERAL doubles backslashes as well as quotes (r_QUOTE_LITERAL.md). The engines read standard literals
/// (a backslash is itself), so the text of UNLOAD's query literal, and the literals inside that query, are read here.
/// </summary>
internal static class RedshiftStringLiteral
{
    /// <summary>The value of a quoted literal token (<c>'…'</c>), read by Redshift's rules.</summary>
    public static string Value(string token)
    {
        string raw = token.Length >= 2 && token.EndsWith('\'') ? token[1..^1] : token[1..];
        var text = new StringBuilder(raw.Length);
        for (int i = 0; i < raw.Length; i++)
        {
            char c = raw[i];
            if (c == '\'' && i + 1 < raw.Length && raw[i + 1] == '\'')
            {
                text.Append('\'');
                i++;
            }
            else if (c == '\\' && i + 1 < raw.Length)
            {
                char escaped = raw[++i];
                text.Append(escaped switch { 'n' => '\n', 't' => '\t', 'r' => '\r', 'b' => '\b', 'f' => '\f', _ => escaped });
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    /// <summary>A standard literal of the value: quotes doubled, backslashes as they are.</summary>
    public static string Standard(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>
    /// The statement with every quoted literal that holds a backslash rewritten as the standard literal of the value
    /// Redshift reads (<c>'a\\b'</c> becomes <c>'a\b'</c>), so that the engine sees the same value.
    /// </summary>
    public static string ToStandardLiterals(string sql)
    {
        if (!sql.Contains('\\', StringComparison.Ordinal))
        {
            return sql;
        }

        var text = new StringBuilder(sql.Length);
        foreach (var token in SqlLexer.Tokenize(sql))
        {
            text.Append(token.Kind == SqlTokenKind.String && token.Text.StartsWith('\'') && token.Text.Contains('\\', StringComparison.Ordinal)
                ? Standard(Value(token.Text))
                : token.Text);
        }

        return text.ToString();
    }
}
