using System.Text;

namespace RedshiftTyped.Reading;

/// <summary>
/// SQL string literals as Redshift reads them: a quote is doubled, and so is a backslash, which Redshift reads as an
/// escape inside a literal (r_QUOTE_LITERAL.md: QUOTE_LITERAL "doubles any embedded single quotation marks and
/// backslashes"). Used twice for UNLOAD: for each value inside the query, then for the whole query inside
/// <c>UNLOAD ('…')</c> (r_UNLOAD.md: literals in the query take two sets of quotation marks). Everything else — <c>$$</c>,
/// <c>--</c>, <c>/*</c>, line breaks, any Unicode — is plain text inside a literal.
/// </summary>
internal static class SqlLiteral
{
    /// <exception cref="ArgumentException">The text holds a NUL character, which no Redshift string can.</exception>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("A filter value holds a NUL character (\\0), which Redshift strings cannot hold; remove it.", nameof(text));
        }

        var quoted = new StringBuilder(text.Length + 8).Append('\'');
        foreach (char c in text)
        {
            if (c is '\'' or '\\')
            {
                quoted.Append(c);
            }

            quoted.Append(c);
        }

        return quoted.Append('\'').ToString();
    }
}
