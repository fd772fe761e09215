namespace RedshiftTyped.Tests.Signing;

/// <summary>
/// One case of AWS's SigV4 test suite (tests/data/sigv4-testsuite, copied beside the test assembly): the canonical request, the string to sign and
/// the Authorization header that signing it must give. (The raw requests are the server verifier's to parse, in
/// RedshiftTyped.Local.Tests.)
/// </summary>
public sealed record SigV4SuiteCase(string Name, string CanonicalRequest, string StringToSign, string Authorization)
{
    public const string AccessKey = "AKIDEXAMPLE";
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    public const string Region = "us-east-1";
    public const string Service = "service";
    public const string AmzDate = "20150830T123600Z";
    public static readonly DateTimeOffset SignedAt = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

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

    /// <summary>The suite as the build copies it beside the test assembly (from tests/data/sigv4-testsuite).</summary>
    public static string SuiteDirectory
    {
        get
        {
            string directory = Path.Combine(AppContext.BaseDirectory, "sigv4-testsuite");
            return Directory.Exists(directory)
                ? directory
                : throw new DirectoryNotFoundException($"{directory} is missing: the build copies tests/data/sigv4-testsuite there.");
        }
    }

    public static IEnumerable<SigV4SuiteCase> All()
    {
        foreach (string authz in Directory.EnumerateFiles(SuiteDirectory, "*.authz", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string stem = authz[..^".authz".Length];
            yield return new SigV4SuiteCase(
                Path.GetDirectoryName(Path.GetRelativePath(SuiteDirectory, stem))!,
                File.ReadAllText(stem + ".creq"),
                File.ReadAllText(stem + ".sts"),
                File.ReadAllText(authz));
        }
    }
}
