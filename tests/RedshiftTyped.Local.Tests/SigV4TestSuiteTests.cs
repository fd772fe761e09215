using System.Text;
using RedshiftTyped.Local.Security;

namespace RedshiftTyped.Local.Tests;

/// <summary>
/// The server's SigV4 verifier against AWS's own SigV4 test suite (tests/data/sigv4-testsuite, copied beside the test
/// assembly): every request (.req) with the suite's expected Authorization header (.authz) must verify, its
/// canonical request must equal the suite's .creq, and the same request with one signature character changed
/// must be refused. (.authz rather than .sreq: the .sreq of get-vanilla-with-session-token carries a garbled
/// signature, while its .authz and .sts agree with each other.)
/// </summary>
public sealed class SigV4TestSuiteTests
{
    private const string AccessKey = "AKIDEXAMPLE";
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static readonly DateTimeOffset SigningTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.EnumerateFiles(SuiteDirectory(), "*.authz", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(SuiteDirectory(), file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Signed_requests_of_the_suite_verify(string relativePath)
    {
        string path = Path.Combine(SuiteDirectory(), relativePath);
        var request = Signed(path);
        var verifier = new SigV4Verifier([new LocalCredential(AccessKey, SecretKey)], "us-east-1", new FixedTime(SigningTime));

        var result = verifier.Verify(request, "service");
        Assert.True(result.Succeeded, $"{result.ErrorCode}: {result.Message}");

        string creq = Path.ChangeExtension(path, ".creq");
        Assert.True(SigV4Verifier.TryParseAuthorization(request.Header("Authorization")!, out var auth));
        Assert.Equal(File.ReadAllText(creq).ReplaceLineEndings("\n"), SigV4Canonicalizer.CanonicalRequest(request, auth.SignedHeaders));

        string authorization = request.Header("Authorization")!;
        char last = authorization[^1];
        var tampered = request with
        {
            Headers = request.Headers.Select(h => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
                ? new KeyValuePair<string, string>(h.Key, authorization[..^1] + (last == '0' ? '1' : '0'))
                : h).ToList(),
        };
        var refused = verifier.Verify(tampered, "service");
        Assert.Equal("InvalidSignatureException", refused.ErrorCode);
    }

    [Fact]
    public void Stale_requests_and_foreign_scopes_are_refused()
    {
        string path = Directory.EnumerateFiles(SuiteDirectory(), "get-vanilla.authz", SearchOption.AllDirectories).Single();
        var request = Signed(path);
        var late = new SigV4Verifier([new LocalCredential(AccessKey, SecretKey)], "us-east-1", new FixedTime(SigningTime.AddMinutes(16)));
        Assert.StartsWith("Signature expired", late.Verify(request, "service").Message);

        var otherRegion = new SigV4Verifier([new LocalCredential(AccessKey, SecretKey)], "eu-west-1", new FixedTime(SigningTime));
        Assert.Equal("InvalidSignatureException", otherRegion.Verify(request, "service").ErrorCode);
        var good = new SigV4Verifier([new LocalCredential(AccessKey, SecretKey)], "us-east-1", new FixedTime(SigningTime));
        Assert.Equal("InvalidSignatureException", good.Verify(request, "redshift-data").ErrorCode);
        var stranger = new SigV4Verifier([new LocalCredential("AKIDOTHER", SecretKey)], "us-east-1", new FixedTime(SigningTime));
        Assert.Equal("UnrecognizedClientException", stranger.Verify(request, "service").ErrorCode);
    }

    /// <summary>The case's signed request (.sreq) with the expected .authz as its Authorization header.</summary>
    private static SigV4Request Signed(string authzPath)
    {
        var request = Parse(File.ReadAllText(Path.ChangeExtension(authzPath, ".sreq")));
        var headers = request.Headers.Where(h => !h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)).ToList();
        headers.Add(new("Authorization", File.ReadAllText(authzPath).Trim()));
        return request with { Headers = headers };
    }

    /// <summary>Parses the suite's raw HTTP text: request line, headers (continuation lines fold into the value), body.</summary>
    private static SigV4Request Parse(string text)
    {
        text = text.ReplaceLineEndings("\n");
        int bodyStart = text.IndexOf("\n\n", StringComparison.Ordinal);
        string head = bodyStart < 0 ? text : text[..bodyStart];
        string body = bodyStart < 0 ? string.Empty : text[(bodyStart + 2)..];
        string[] lines = head.Split('\n');
        string[] requestLine = lines[0].Split(' ');
        string method = requestLine[0];
        string target = string.Join(' ', requestLine[1..^1]);
        int question = target.IndexOf('?', StringComparison.Ordinal);
        string rawPath = question < 0 ? target : target[..question];
        string query = question < 0 ? string.Empty : target[(question + 1)..];

        var headers = new List<KeyValuePair<string, string>>();
        foreach (string line in lines.Skip(1))
        {
            if (line.Length > 0 && char.IsWhiteSpace(line[0]) && headers.Count > 0)
            {
                var previous = headers[^1];
                headers[^1] = new(previous.Key, previous.Value + "\n" + line);
                continue;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            // As an HTTP server delivers it: optional whitespace around the value removed.
            headers.Add(new(line[..colon], line[(colon + 1)..].Trim(' ', '\t')));
        }

        return new SigV4Request(method, Uri.UnescapeDataString(rawPath), query, headers, Encoding.UTF8.GetBytes(body));
    }

    private static string SuiteDirectory()
    {
        string directory = Path.Combine(AppContext.BaseDirectory, "sigv4-testsuite");
        return Directory.Exists(directory)
            ? directory
            : throw new DirectoryNotFoundException($"{directory} is missing: the build copies tests/data/sigv4-testsuite there.");
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

