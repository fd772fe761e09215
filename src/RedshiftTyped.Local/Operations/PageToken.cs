using System.Text;
using RedshiftTyped.Local.Protocol;

namespace RedshiftTyped.Local.Operations;

/// <summary>
/// Opaque NextToken values: base64url of "scope|position". A token only works for the request it came from
/// (the scope), so a token from another statement or listing is a ValidationException.
/// </summary>
internal static class PageToken
{
    public static string Create(string scope, int position)
        => Convert.ToBase64String(Encoding.UTF8.GetBytes($"v1|{scope}|{position}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static int Read(string? token, string scope)
    {
        if (token is null) return 0;
        return TryRead(token, out string read, out int position) && read == scope ? position : throw Invalid();
    }

    /// <summary>
    /// A statement result's NextToken: the page and the reader it was handed to (<see cref="Results.ResultReaders"/>), so
    /// the retained-result limit tells two clients paging one result apart.
    /// </summary>
    public static string CreateResultPage(string statementId, int reader, int page) => Create($"{statementId}|{reader}", page);

    /// <summary>The reader and page of a token from <see cref="CreateResultPage"/>; ValidationException when it is not one for <paramref name="statementId"/>.</summary>
    public static (int Reader, int Page) ReadResultPage(string token, string statementId)
        => TryRead(token, out string scope, out int page)
            && scope.Length > statementId.Length + 1 && scope.StartsWith(statementId, StringComparison.Ordinal) && scope[statementId.Length] == '|'
            && TryParseNumber(scope[(statementId.Length + 1)..], out int reader)
            ? (reader, page)
            : throw Invalid();

    private static ServiceError Invalid() => ServiceError.Validation("The NextToken is not valid.");

    /// <summary>The scope and position of a token from <see cref="Create"/>; false when it is not one.</summary>
    private static bool TryRead(string token, out string scope, out int position)
    {
        scope = "";
        position = 0;
        string? text = Decode(token);
        int last = text?.LastIndexOf('|') ?? -1;
        if (text is null || !text.StartsWith("v1|", StringComparison.Ordinal) || last <= 2 || !TryParseNumber(text[(last + 1)..], out position))
        {
            return false;
        }

        scope = text[3..last];
        return true;
    }

    /// <summary>A position as <see cref="Create"/> writes it: digits only.</summary>
    private static bool TryParseNumber(string text, out int value)
        => int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value);

    /// <summary>The text of a base64url token, or null when it is not base64.</summary>
    private static string? Decode(string token)
    {
        try
        {
            string padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            return Encoding.UTF8.GetString(Convert.FromBase64String(padded));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>One page of a list, with the token of the next page (null on the last).</summary>
    public static (List<T> Items, string? NextToken) Slice<T>(IReadOnlyList<T> all, string? token, int? maxResults, int defaultMax, string scope)
    {
        int start = Read(token, scope);
        int size = maxResults is null or 0 ? defaultMax : maxResults.Value;
        var items = all.Skip(start).Take(size).ToList();
        int next = start + items.Count;
        return (items, next < all.Count ? Create(scope, next) : null);
    }
}
