using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;

namespace RedshiftTyped.Local.Security;

/// <summary>A key pair the local server accepts, optionally limited to some actions (e.g. <c>redshift-data:ExecuteStatement</c>).</summary>
public sealed record LocalCredential(string AccessKeyId, string SecretAccessKey, string? SessionToken = null, IReadOnlySet<string>? AllowedActions = null)
{
    /// <summary>Whether the key may perform <paramref name="action"/> (<c>service:Operation</c>); no list means everything.</summary>
    public bool Allows(string action) => AllowedActions is null || AllowedActions.Contains(action) || AllowedActions.Contains("*");

    public override string ToString() => $"LocalCredential {{ AccessKeyId = {AccessKeyId}, SecretAccessKey = ***, SessionToken = {(SessionToken is null ? "none" : "***")} }}";
}

/// <summary>The outcome of checking a request's signature: the caller's credential, or the AWS error to answer with.</summary>
public sealed record SigV4Result(LocalCredential? Credential, string? ErrorCode, string? Message, int StatusCode)
{
    public bool Succeeded => Credential is not null;

    public static SigV4Result Ok(LocalCredential credential) => new(credential, null, null, 200);

    public static SigV4Result Fail(string code, string message, int status = 400) => new(null, code, message, status);
}

/// <summary>
/// Verifies AWS Signature Version 4 on received requests as AWS does: the credential scope (date, region,
/// service), X-Amz-Date within 15 minutes of the server's clock, the session token, and the signature itself
/// (signing-key derivation and HMAC by AWSSDK.Core's <see cref="AWS4Signer"/>), compared in constant time.
/// </summary>
public sealed class SigV4Verifier(IEnumerable<LocalCredential> credentials, string region, TimeProvider time)
{
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(15);
    private const string AmzDateFormat = "yyyyMMdd'T'HHmmss'Z'";

    private readonly Dictionary<string, LocalCredential> _credentials =
        credentials.ToDictionary(c => c.AccessKeyId, StringComparer.Ordinal);

    public SigV4Result Verify(SigV4Request request, string service)
    {
        string? authorization = request.Header("Authorization");
        if (string.IsNullOrEmpty(authorization))
        {
            return SigV4Result.Fail("MissingAuthenticationTokenException", "Missing Authentication Token", 403);
        }

        if (!TryParseAuthorization(authorization, out var auth))
        {
            return SigV4Result.Fail("IncompleteSignatureException",
                $"Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters, with algorithm {SigV4Canonicalizer.Algorithm}.");
        }

        if (!_credentials.TryGetValue(auth.AccessKeyId, out var credential))
        {
            return SigV4Result.Fail("UnrecognizedClientException", "The security token included in the request is invalid.");
        }

        string? amzDate = request.Header("X-Amz-Date");
        if (amzDate is null || !DateTime.TryParseExact(amzDate, AmzDateFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            return SigV4Result.Fail("IncompleteSignatureException", "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (signedAt < now - MaxClockSkew || signedAt > now + MaxClockSkew)
        {
            string bound = (signedAt < now ? now - MaxClockSkew : now + MaxClockSkew).ToString(AmzDateFormat, CultureInfo.InvariantCulture);
            return SigV4Result.Fail("InvalidSignatureException", signedAt < now
                ? $"Signature expired: {amzDate} is now earlier than {bound} ({now.ToString(AmzDateFormat, CultureInfo.InvariantCulture)} - 15 min.)"
                : $"Signature not yet current: {amzDate} is still later than {bound} ({now.ToString(AmzDateFormat, CultureInfo.InvariantCulture)} + 15 min.)");
        }

        if (auth.Date != amzDate[..8])
        {
            return SigV4Result.Fail("InvalidSignatureException", $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{auth.Date}' != '{amzDate[..8]}', from '{amzDate}'.");
        }

        if (auth.Region != region)
        {
            return SigV4Result.Fail("InvalidSignatureException", $"Credential should be scoped to a valid region. (expected '{region}')");
        }

        if (auth.Service != service)
        {
            return SigV4Result.Fail("InvalidSignatureException", $"Credential should be scoped to correct service: '{service}'. ");
        }

        // The session token may be signed or added after signing (both are valid SigV4: AWS's suite has
        // post-sts-header-before and -after); either way it must be the credential's token.
        if (!auth.SignedHeaders.Contains("host"))
        {
            return SigV4Result.Fail("InvalidSignatureException", "The request must sign the host header.");
        }

        if (credential.SessionToken is not null && request.Header("X-Amz-Security-Token") != credential.SessionToken)
        {
            return SigV4Result.Fail("UnrecognizedClientException", "The security token included in the request is invalid.");
        }

        // The canonical request trusts x-amz-content-sha256 when present; it must then be the body's real hash,
        // or a signed header would vouch for a body that was swapped in transit.
        string? declaredHash = request.Header("x-amz-content-sha256");
        if (declaredHash is not null && !declaredHash.Equals(SigV4Canonicalizer.Hex(SHA256.HashData(request.Body.Span)), StringComparison.OrdinalIgnoreCase))
        {
            return SigV4Result.Fail("InvalidSignatureException", "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }

        string expected = ComputeSignature(request, auth.SignedHeaders, credential.SecretAccessKey, amzDate, auth.Date, region, service);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(auth.Signature)))
        {
            return SigV4Result.Fail("InvalidSignatureException",
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        }

        return SigV4Result.Ok(credential);
    }

    /// <summary>The signature AWS expects: HMAC of the string to sign with the key derived from secret, date, region and service.</summary>
    public static string ComputeSignature(SigV4Request request, IReadOnlyList<string> signedHeaders, string secretKey,
        string amzDate, string date, string region, string service)
    {
        string canonical = SigV4Canonicalizer.CanonicalRequest(request, signedHeaders);
        string scope = $"{date}/{region}/{service}/aws4_request";
        string stringToSign = SigV4Canonicalizer.StringToSign(amzDate, scope, canonical);
        byte[] key = AWS4Signer.ComposeSigningKey(secretKey, region, date, service);
        return SigV4Canonicalizer.Hex(AWS4Signer.ComputeKeyedHash(SigningAlgorithm.HmacSHA256, key, stringToSign));
    }

    internal readonly record struct ParsedAuthorization(string AccessKeyId, string Date, string Region, string Service, IReadOnlyList<string> SignedHeaders, string Signature);

    internal static bool TryParseAuthorization(string header, out ParsedAuthorization parsed)
    {
        parsed = default;
        if (!header.StartsWith(SigV4Canonicalizer.Algorithm + " ", StringComparison.Ordinal))
        {
            return false;
        }

        string? credential = null, signedHeaders = null, signature = null;
        foreach (string part in header[(SigV4Canonicalizer.Algorithm.Length + 1)..].Split(','))
        {
            string item = part.Trim();
            if (item.StartsWith("Credential=", StringComparison.Ordinal)) credential = item["Credential=".Length..];
            else if (item.StartsWith("SignedHeaders=", StringComparison.Ordinal)) signedHeaders = item["SignedHeaders=".Length..];
            else if (item.StartsWith("Signature=", StringComparison.Ordinal)) signature = item["Signature=".Length..];
        }

        var scope = credential?.Split('/');
        if (scope is not { Length: 5 } || scope[4] != "aws4_request" || string.IsNullOrEmpty(signedHeaders) || string.IsNullOrEmpty(signature))
        {
            return false;
        }

        parsed = new ParsedAuthorization(scope[0], scope[1], scope[2], scope[3], signedHeaders.Split(';'), signature);
        return true;
    }
}
