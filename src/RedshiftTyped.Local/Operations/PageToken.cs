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
        try
        {
            string padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            string text = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            int last = text.LastIndexOf('|');
            if (text.StartsWith("v1|", StringComparison.Ordinal) && last > 2 && text[3..last] == scope
                && int.TryParse(text[(last + 1)..], out int position) && position >= 0)
            {
                return position;
            }
        }
        catch (FormatException)
        {
            // Falls through to the error below.
        }

        throw ServiceError.Validation("The NextToken is not valid.");
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
