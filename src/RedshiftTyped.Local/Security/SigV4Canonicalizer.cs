using System.Security.Cryptography;
using System.Text;

namespace RedshiftTyped.Local.Security;

/// <summary>
/// Builds the SigV4 canonical request and string to sign of a received request, as AWS documents them
/// (and as AWS's published SigV4 test suite checks): normalised path, sorted and re-encoded query,
/// lower-cased, trimmed and sorted signed headers, and the payload hash.
/// </summary>
public static class SigV4Canonicalizer
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    public static string CanonicalRequest(SigV4Request request, IReadOnlyList<string> signedHeaders)
    {
        var text = new StringBuilder();
        text.Append(request.Method.ToUpperInvariant()).Append('\n');
        text.Append(CanonicalPath(request.Path)).Append('\n');
        text.Append(CanonicalQuery(request.Query)).Append('\n');
        foreach (string name in signedHeaders)
        {
            text.Append(name).Append(':').Append(CanonicalHeaderValue(request, name)).Append('\n');
        }

        text.Append('\n');
        text.Append(string.Join(';', signedHeaders)).Append('\n');
        text.Append(request.Header("x-amz-content-sha256") ?? Hex(SHA256.HashData(request.Body.Span)));
        return text.ToString();
    }

    public static string StringToSign(string amzDate, string scope, string canonicalRequest)
        => $"{Algorithm}\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";

    /// <summary>Removes <c>.</c> and <c>..</c> segments and empty segments, then percent-encodes each segment.</summary>
    public static string CanonicalPath(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "/";
        }

        var segments = new List<string>();
        foreach (string segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }

                continue;
            }

            segments.Add(UriEncode(segment));
        }

        string joined = "/" + string.Join('/', segments);
        return segments.Count > 0 && path.EndsWith('/') ? joined + "/" : joined;
    }

    /// <summary>Decodes each name and value, re-encodes them per RFC 3986, and sorts by name, then value.</summary>
    public static string CanonicalQuery(string query)
    {
        if (string.IsNullOrEmpty(query))
        {
            return string.Empty;
        }

        var pairs = new List<(string Key, string Value)>();
        foreach (string part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = part.IndexOf('=');
            string key = equals < 0 ? part : part[..equals];
            string value = equals < 0 ? string.Empty : part[(equals + 1)..];
            pairs.Add((UriEncode(Uri.UnescapeDataString(key)), UriEncode(Uri.UnescapeDataString(value))));
        }

        pairs.Sort((a, b) =>
        {
            int byKey = string.CompareOrdinal(a.Key, b.Key);
            return byKey != 0 ? byKey : string.CompareOrdinal(a.Value, b.Value);
        });
        return string.Join('&', pairs.Select(p => $"{p.Key}={p.Value}"));
    }

    /// <summary>
    /// All values of a header, each trimmed with inner runs of whitespace folded to one space (an obsolete
    /// multi-line value folds into one line, as AWS's get-header-value-multiline case shows), joined by commas.
    /// </summary>
    public static string CanonicalHeaderValue(SigV4Request request, string lowerName)
    {
        var values = new List<string>();
        foreach (var (key, value) in request.Headers)
        {
            if (key.Equals(lowerName, StringComparison.OrdinalIgnoreCase))
            {
                values.Add(FoldSpaces(value.Replace('\r', ' ').Replace('\n', ' ').Replace('\t', ' ').Trim()));
            }
        }

        return string.Join(',', values);
    }

    /// <summary>RFC 3986 percent-encoding of everything but the unreserved characters, in upper-case hex.</summary>
    public static string UriEncode(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (byte b in Encoding.UTF8.GetBytes(value))
        {
            char c = (char)b;
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~')
            {
                text.Append(c);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    private static string FoldSpaces(string value)
    {
        if (!value.Contains("  ", StringComparison.Ordinal))
        {
            return value;
        }

        var text = new StringBuilder(value.Length);
        bool lastWasSpace = false;
        foreach (char c in value)
        {
            if (c == ' ')
            {
                if (!lastWasSpace)
                {
                    text.Append(c);
                }

                lastWasSpace = true;
            }
            else
            {
                text.Append(c);
                lastWasSpace = false;
            }
        }

        return text.ToString();
    }
}
