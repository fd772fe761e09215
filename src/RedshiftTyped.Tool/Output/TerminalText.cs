using System.Globalization;
using System.Text;

namespace RedshiftTyped.Tool.Output;

/// <summary>
/// Text made safe to print on a terminal: a value from the database may hold control characters (ESC starts an
/// escape sequence that recolours, moves the cursor or retitles the window; CR overwrites the line), so every C0
/// control, DEL and C1 control is shown as a visible escape instead: <c>\n</c>, <c>\r</c>, <c>\t</c>, and
/// <c>\xHH</c> for the others (ESC is <c>\x1B</c>); so are the Unicode format characters and line separators, as
/// <c>\uHHHH</c> (U+202E, which reverses the rest of a line, is <c>\u202E</c>). A backslash itself is printed as is, so a value that already
/// holds the two characters <c>\n</c> prints the same as one holding a newline: the table is for reading; use
/// <c>--format csv</c> or <c>json</c> for the exact bytes.
/// </summary>
internal static class TerminalText
{
    /// <summary><paramref name="text"/> with its control characters escaped; the same instance when it has none.</summary>
    public static string Escape(string text)
    {
        int first = IndexOfControl(text);
        if (first < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 8).Append(text, 0, first);
        for (int i = first; i < text.Length; i++)
        {
            char c = text[i];
            if (!IsControl(c))
            {
                escaped.Append(c);
                continue;
            }

            escaped.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                <= '\u00FF' => "\\x" + ((int)c).ToString("X2", CultureInfo.InvariantCulture),
                _ => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
            });
        }

        return escaped.ToString();
    }

    /// <summary>
    /// C0 (U+0000–U+001F), DEL (U+007F), C1 (U+0080–U+009F), the line and paragraph separators (U+2028, U+2029: a
    /// terminal breaks the line) and the format characters (category Cf: bidi overrides and isolates such as U+202E
    /// reorder the rest of the line, zero-width characters hide text).
    /// </summary>
    private static bool IsControl(char c) => c < ' ' || c is >= '\u007F' and <= '\u009F' || (c > '\u00FF'
        && (c is '\u2028' or '\u2029' || char.GetUnicodeCategory(c) == UnicodeCategory.Format));

    private static int IndexOfControl(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (IsControl(text[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
