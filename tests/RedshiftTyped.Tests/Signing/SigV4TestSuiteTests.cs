using Amazon.Runtime.Internal.Auth;
using RedshiftTyped.Local.Security;

namespace RedshiftTyped.Tests.Signing;

/// <summary>
/// AWSSDK.Core's signer, which the client signs with, checked against AWS's own SigV4 test suite case by case.
/// (The server's verifier has its own suite tests in RedshiftTyped.Local.Tests.)
/// </summary>
public sealed class SigV4TestSuiteTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in SigV4SuiteCase.All())
        {
            data.Add(c.Name);
        }

        return data;
    }

    private static SigV4SuiteCase Case(string name) => SigV4SuiteCase.All().Single(c => c.Name == name);

    [Fact]
    public void The_suite_is_present_and_complete()
    {
        Assert.True(SigV4SuiteCase.All().Count() >= 30, "expected the 30+ cases of AWS's SigV4 test suite");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void String_to_sign_matches_the_suite(string name)
    {
        var c = Case(name);
        string scope = $"20150830/{SigV4SuiteCase.Region}/{SigV4SuiteCase.Service}/aws4_request";
        Assert.Equal(c.StringToSign, SigV4Canonicalizer.StringToSign(SigV4SuiteCase.AmzDate, scope, c.CanonicalRequest));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AWSSDK_Core_signer_computes_the_suite_signature(string name)
    {
        // The client signs with AWS4Signer; its signing math must agree with the suite on every case.
        var c = Case(name);
        var result = AWS4Signer.ComputeSignature(SigV4SuiteCase.AccessKey, SigV4SuiteCase.SecretKey, SigV4SuiteCase.Region,
            SigV4SuiteCase.SignedAt.UtcDateTime, SigV4SuiteCase.Service, string.Join(';', c.SignedHeaders), c.CanonicalRequest);
        Assert.Equal(c.Authorization, result.ForAuthorizationHeader);
    }
}
