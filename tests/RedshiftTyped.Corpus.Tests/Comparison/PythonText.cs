using System.Globalization;
using System.Numerics;
using System.Text;

namespace RedshiftTyped.Corpus.Tests.Comparison;

/// <summary>
/// Python's text forms of the values the reference runner handles (<c>str()</c> of a result value and
/// <c>repr()</c> of a list of cells), so that comparisons of rendered text and the details the runner reports are
/// the same as run_corpus.py's.
/// </summary>
internal static class PythonText
{
    /// <summary>Python's <c>str(v)</c> of a result value: <c>True</c>/<c>False</c>, integers, float repr, strings as they are.</summary>
    public static string Str(object value) => value switch
    {
        bool b => b ? "True" : "False",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => FloatRepr(d),
        string s => s,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>The runner's <c>render</c>: <c>t</c>/<c>f</c> for booleans, <c>None</c> for NULL, otherwise <see cref="Str"/>.</summary>
    public static string? Render(object? value) => value switch
    {
        null => null,
        bool b => b ? "t" : "f",
        _ => Str(value),
    };

    /// <summary>
    /// Python's <c>repr(float)</c>: the shortest digits that round-trip, in positional notation when the decimal
    /// point falls between 10^-4 and 10^16 (always with a fraction digit, <c>1.0</c>), otherwise <c>1e+16</c> style.
    /// </summary>
    public static string FloatRepr(double value)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsPositiveInfinity(value)) return "inf";
        if (double.IsNegativeInfinity(value)) return "-inf";
        string sign = value < 0 || (value == 0 && double.IsNegative(value)) ? "-" : "";
        if (value == 0) return sign + "0.0";

        var parsed = ExactDecimal.Parse(Math.Abs(value).ToString("R", CultureInfo.InvariantCulture))!.Value;
        string digits = BigInteger.Abs(parsed.Coefficient).ToString(CultureInfo.InvariantCulture);
        int point = digits.Length + parsed.Exponent; // value = 0.DIGITS × 10^point
        if (point <= -4 || point > 16)
        {
            int exponent = point - 1;
            string mantissa = digits.Length > 1 ? digits[..1] + "." + digits[1..] : digits;
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
        }

        if (point <= 0) return sign + "0." + new string('0', -point) + digits;
        if (point >= digits.Length) return sign + digits + new string('0', point - digits.Length) + ".0";
        return sign + digits[..point] + "." + digits[point..];
    }

    /// <summary>Python's <c>str.strip()</c>: .NET's white space plus the separators U+001C–U+001F that Python also strips.</summary>
    public static string Strip(string text) => text.Trim(PythonWhiteSpace);

    private static readonly char[] PythonWhiteSpace =
        [.. Enumerable.Range(0, 0x3001).Select(c => (char)c).Where(c => char.IsWhiteSpace(c) || c is >= '\x1c' and <= '\x1f')];

    /// <summary>Python's <c>repr()</c> of a list of optional strings: <c>['a', None, "it's"]</c>.</summary>
    public static string ReprList(IEnumerable<string?> items)
        => "[" + string.Join(", ", items.Select(item => item is null ? "None" : ReprString(item))) + "]";

    /// <summary>Python's <c>repr(str)</c>: single quotes unless the text holds one and no double quote.</summary>
    public static string ReprString(string text)
    {
        char quote = text.Contains('\'', StringComparison.Ordinal) && !text.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        var builder = new StringBuilder(text.Length + 2).Append(quote);
        foreach (Rune rune in text.EnumerateRunes())
        {
            int c = rune.Value;
            if (c == quote || c == '\\') builder.Append('\\').Append((char)c);
            else if (c == '\n') builder.Append("\\n");
            else if (c == '\r') builder.Append("\\r");
            else if (c == '\t') builder.Append("\\t");
            else if (c < 0x20 || c == 0x7f) builder.Append("\\x").Append(c.ToString("x2", CultureInfo.InvariantCulture));
            else if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                     or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                     or UnicodeCategory.PrivateUse
                     || (Rune.GetUnicodeCategory(rune) == UnicodeCategory.SpaceSeparator && c != ' '))
            {
                builder.Append(c switch
                {
                    <= 0xff => "\\x" + c.ToString("x2", CultureInfo.InvariantCulture),
                    <= 0xffff => "\\u" + c.ToString("x4", CultureInfo.InvariantCulture),
                    _ => "\\U" + c.ToString("x8", CultureInfo.InvariantCulture),
                });
            }
            else builder.Append(rune.ToString());
        }

        return builder.Append(quote).ToString();
    }
}
