using Amazon.Runtime.Internal.Auth;
using RedshiftTyped.Local.Security;

namespace RedshiftTyped.Tests.Signing;

/// <summary>
/// The server's verifier and AWSSDK.Core's signer (which the client signs with) checked against AWS's own
/// SigV4 test suite: canonical request, string to sign and signature, case by case.
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
    public void Canonical_request_matches_the_suite(string name)
    {
        var c = Case(name);
        Assert.Equal(c.CanonicalRequest, SigV4Canonicalizer.CanonicalRequest(c.Request, c.SignedHeaders));
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
    public void Signature_matches_the_suite(string name)
    {
        var c = Case(name);
        string signature = SigV4Verifier.ComputeSignature(c.Request, c.SignedHeaders, SigV4SuiteCase.SecretKey,
            SigV4SuiteCase.AmzDate, "20150830", SigV4SuiteCase.Region, SigV4SuiteCase.Service);
        Assert.Equal(c.Signature, signature);
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

    [Theory]
    [MemberData(nameof(Cases))]
    public void Verifier_accepts_the_signed_request(string name)
    {
        var c = Case(name);
        bool tokenAddedAfterSigning = name.EndsWith("post-sts-header-after", StringComparison.Ordinal);
        string? token = c.SignedRequest.Header("X-Amz-Security-Token");
        var verifier = new SigV4Verifier([new LocalCredential(SigV4SuiteCase.AccessKey, SigV4SuiteCase.SecretKey, token)],
            SigV4SuiteCase.Region, new FixedTime(SigV4SuiteCase.SignedAt));

        var result = verifier.Verify(c.SignedRequest, SigV4SuiteCase.Service);

        if (tokenAddedAfterSigning)
        {
            // The suite's "token added after signing" variant; the Data API requires the token to be signed.
            Assert.Equal("InvalidSignatureException", result.ErrorCode);
        }
        else
        {
            Assert.True(result.Succeeded, $"{result.ErrorCode}: {result.Message}");
        }
    }

    [Fact]
    public void Verifier_rejects_a_changed_body()
    {
        var c = Case("post-x-www-form-urlencoded-parameters");
        var tampered = c.SignedRequest with { Body = "Param1=value2"u8.ToArray() };
        var verifier = new SigV4Verifier([new LocalCredential(SigV4SuiteCase.AccessKey, SigV4SuiteCase.SecretKey)],
            SigV4SuiteCase.Region, new FixedTime(SigV4SuiteCase.SignedAt));

        var result = verifier.Verify(tampered, SigV4SuiteCase.Service);

        Assert.Equal("InvalidSignatureException", result.ErrorCode);
        Assert.StartsWith("The request signature we calculated does not match", result.Message);
    }

    [Fact]
    public void Verifier_rejects_a_request_signed_more_than_15_minutes_ago()
    {
        var c = Case("get-vanilla");
        var verifier = new SigV4Verifier([new LocalCredential(SigV4SuiteCase.AccessKey, SigV4SuiteCase.SecretKey)],
            SigV4SuiteCase.Region, new FixedTime(SigV4SuiteCase.SignedAt.AddMinutes(16)));

        var result = verifier.Verify(c.SignedRequest, SigV4SuiteCase.Service);

        Assert.Equal("InvalidSignatureException", result.ErrorCode);
        Assert.StartsWith("Signature expired: 20150830T123600Z is now earlier than", result.Message);
    }

    [Fact]
    public void Verifier_rejects_an_unknown_key_and_a_wrong_scope()
    {
        var c = Case("get-vanilla");
        var stranger = new SigV4Verifier([new LocalCredential("AKIDOTHER", "x")], SigV4SuiteCase.Region, new FixedTime(SigV4SuiteCase.SignedAt));
        Assert.Equal("UnrecognizedClientException", stranger.Verify(c.SignedRequest, SigV4SuiteCase.Service).ErrorCode);

        var otherRegion = new SigV4Verifier([new LocalCredential(SigV4SuiteCase.AccessKey, SigV4SuiteCase.SecretKey)], "eu-west-1", new FixedTime(SigV4SuiteCase.SignedAt));
        Assert.Contains("valid region", otherRegion.Verify(c.SignedRequest, SigV4SuiteCase.Service).Message);

        var right = new SigV4Verifier([new LocalCredential(SigV4SuiteCase.AccessKey, SigV4SuiteCase.SecretKey)], SigV4SuiteCase.Region, new FixedTime(SigV4SuiteCase.SignedAt));
        Assert.Contains("correct service: 'redshift-data'", right.Verify(c.SignedRequest, "redshift-data").Message);
    }
}

internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
