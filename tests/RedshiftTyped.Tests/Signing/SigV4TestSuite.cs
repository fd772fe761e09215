using System.Text;
using RedshiftTyped.Local.Security;

namespace RedshiftTyped.Tests.Signing;

/// <summary>One case of AWS's SigV4 test suite (shared/specs/sigv4-testsuite): the raw request and what signing it must give.</summary>
public sealed record SigV4SuiteCase(string Name, SigV4Request Request, SigV4Request SignedRequest, string CanonicalRequest, string StringToSign, string Authorization)
{
    public const string AccessKey = "AKIDEXAMPLE";
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    public const string Region = "us-east-1";
    public const string Service = "service";
    public const string AmzDate = "20150830T123600Z";
    public static readonly DateTimeOffset SignedAt = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    public string Signature => Authorization[(Authorization.IndexOf("Signature=", StringComparison.Ordinal) + "Signature=".Length)..];

    /// <summary>The headers the suite signed, from its Authorization header.</summary>
    public IReadOnlyList<string> SignedHeaders
    {
        get
        {
            int start = Authorization.IndexOf("SignedHeaders=", StringComparison.Ordinal) + "SignedHeaders=".Length;
            return Authorization[start..Authorization.IndexOf(',', start)].Split(';');
        }
    }

    public override string ToString() => Name;

    public static string SuiteDirectory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "shared", "specs", "sigv4-testsuite");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new DirectoryNotFoundException("shared/specs/sigv4-testsuite was not found above the test's directory; it sits beside the repository.");
        }
    }

    public static IEnumerable<SigV4SuiteCase> All()
    {
        foreach (string req in Directory.EnumerateFiles(SuiteDirectory, "*.req", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string stem = req[..^4];
            var signed = ParseRequest(File.ReadAllText(stem + ".sreq"));
            // What was signed: the signed request without its Authorization (the .req of the session-token
            // case lacks the token header that its signature covers).
            var unsigned = signed with { Headers = signed.Headers.Where(h => h.Key != "Authorization").ToList() };
            string authorization = File.ReadAllText(stem + ".authz");
            // The .authz is the suite's answer; the session-token case's .sreq carries a placeholder signature.
            var signedWithAnswer = unsigned with { Headers = [.. unsigned.Headers, KeyValuePair.Create("Authorization", authorization)] };
            yield return new SigV4SuiteCase(
                Path.GetDirectoryName(Path.GetRelativePath(SuiteDirectory, stem))!,
                unsigned,
                signedWithAnswer,
                File.ReadAllText(stem + ".creq"),
                File.ReadAllText(stem + ".sts"),
                authorization);
        }
    }

    /// <summary>Parses the suite's raw HTTP: request line, header lines (indented lines continue the previous one), blank line, body.</summary>
    public static SigV4Request ParseRequest(string raw)
    {
        var lines = raw.Split('\n');
        string requestLine = lines[0];
        string method = requestLine[..requestLine.IndexOf(' ')];
        string target = requestLine[(method.Length + 1)..requestLine.LastIndexOf(" HTTP/", StringComparison.Ordinal)];
        int question = target.IndexOf('?');
        string path = question < 0 ? target : target[..question];
        string query = question < 0 ? string.Empty : target[(question + 1)..];

        var headers = new List<KeyValuePair<string, string>>();
        int i = 1;
        for (; i < lines.Length && lines[i].Length > 0; i++)
        {
            if (char.IsWhiteSpace(lines[i][0]) && headers.Count > 0)
            {
                var last = headers[^1];
                headers[^1] = KeyValuePair.Create(last.Key, last.Value + "\n" + lines[i]);
                continue;
            }

            int colon = lines[i].IndexOf(':');
            // An HTTP server hands over header values without the blank after the colon.
            headers.Add(KeyValuePair.Create(lines[i][..colon], lines[i][(colon + 1)..].TrimStart(' ')));
        }

        string body = i < lines.Length ? string.Join('\n', lines[(i + 1)..]) : string.Empty;
        return new SigV4Request(method, Uri.UnescapeDataString(path), query, headers, Encoding.UTF8.GetBytes(body));
    }
}
