namespace RedshiftTyped.Values;

/// <summary>
/// The one text form Redshift prints a number in, checked before parsing, so that text in any other form is an error
/// instead of a guess: .NET's number parsing alone reads <c>"728.00\0"</c> (trailing NULs), <c>" 7"</c>, <c>"+7"</c> and, for
/// numeric, <c>"7.28e2"</c>. The forms (numeric's stringValue and every CSV field; the Data API's documented wire forms):
/// integers <c>-?[0-9]+</c>; numeric <c>-?[0-9]+(.[0-9]+)?</c>; floats that, or with an exponent <c>e±NN</c>, or
/// <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>. Dates and times are checked by their exact-format parsers.
/// </summary>
internal static class CanonicalText
{
    private static readonly System.Buffers.SearchValues<char> TemporalChars = System.Buffers.SearchValues.Create("0123456789-:.+ ");

    /// <summary>Only the characters of Redshift's date, time and timestamp forms (the exact-format parsers check the rest).</summary>
    public static bool IsTemporal(ReadOnlySpan<char> text) => !text.ContainsAnyExcept(TemporalChars);

    /// <summary><c>-?[0-9]+</c>.</summary>
    public static bool IsInteger(ReadOnlySpan<char> text) => Digits(text, SkipSign(text)) == text.Length && text.Length > SkipSign(text);

    /// <summary><c>-?[0-9]+(\.[0-9]+)?</c>.</summary>
    public static bool IsNumeric(ReadOnlySpan<char> text) => NumericEnd(text) == text.Length;

    /// <summary>A numeric, optionally with an exponent (<c>1e+20</c>, <c>1.5E-05</c>), or NaN, Infinity, -Infinity.</summary>
    public static bool IsFloat(ReadOnlySpan<char> text)
    {
        if (text is "NaN" or "Infinity" or "-Infinity")
        {
            return true;
        }

        int end = NumericEnd(text);
        if (end == text.Length)
        {
            return end > 0;
        }

        if (end <= 0 || (text[end] != 'e' && text[end] != 'E'))
        {
            return false;
        }

        int exponent = end + 1;
        if (exponent < text.Length && (text[exponent] == '+' || text[exponent] == '-'))
        {
            exponent++;
        }

        int digitsEnd = Digits(text, exponent);
        return digitsEnd > exponent && digitsEnd == text.Length;
    }

    /// <summary>Where <c>-?[0-9]+(\.[0-9]+)?</c> starting at 0 ends; -1 when it does not start there.</summary>
    private static int NumericEnd(ReadOnlySpan<char> text)
    {
        int start = SkipSign(text);
        int end = Digits(text, start);
        if (end == start)
        {
            return -1;
        }

        if (end < text.Length && text[end] == '.')
        {
            int fractionEnd = Digits(text, end + 1);
            return fractionEnd > end + 1 ? fractionEnd : -1;
        }

        return end;
    }

    private static int SkipSign(ReadOnlySpan<char> text) => text.Length > 0 && text[0] == '-' ? 1 : 0;

    private static int Digits(ReadOnlySpan<char> text, int start)
    {
        int i = start;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i;
    }
}
