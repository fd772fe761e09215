namespace RedshiftTyped.Local.Security;

/// <summary>The parts of an HTTP request that a SigV4 signature covers, as they arrived.</summary>
/// <param name="Method">The HTTP method, e.g. <c>POST</c>.</param>
/// <param name="Path">The request path, percent-decoded.</param>
/// <param name="Query">The raw query string without the leading <c>?</c>, still percent-encoded.</param>
/// <param name="Headers">Every header line, in arrival order; a name may repeat.</param>
/// <param name="Body">The request body.</param>
public sealed record SigV4Request(
    string Method,
    string Path,
    string Query,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    ReadOnlyMemory<byte> Body)
{
    /// <summary>The first value of a header, by case-insensitive name.</summary>
    public string? Header(string name)
    {
        foreach (var (key, value) in Headers)
        {
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }
}
