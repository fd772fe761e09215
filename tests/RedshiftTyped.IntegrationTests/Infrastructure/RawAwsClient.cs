using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using RedshiftTyped.Local.Security;

namespace RedshiftTyped.IntegrationTests.Infrastructure;

/// <summary>
/// Sends hand-made AWS JSON requests (malformed bodies, unknown targets, missing signatures) that the real
/// client never produces. Signed with SigV4 as AWS documents it.
/// </summary>
public sealed class RawAwsClient(Uri endpoint, string region)
{
    private static readonly HttpClient Http = new();

    public async Task<(HttpStatusCode Status, string? ContentType, JsonElement Body)> PostAsync(
        string target, string body, string service = "redshift-data", bool sign = true, string accessKey = "local", string secretKey = "local")
    {
        var (status, contentType, text) = await PostForTextAsync(target, body, service, sign, accessKey, secretKey);
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (status, contentType, json);
    }

    /// <summary>As <see cref="PostAsync"/>, with the response body as the exact text the server wrote.</summary>
    public async Task<(HttpStatusCode Status, string? ContentType, string Body)> PostForTextAsync(
        string target, string body, string service = "redshift-data", bool sign = true, string accessKey = "local", string secretKey = "local")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        string amzDate = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        string host = $"{endpoint.Host}:{endpoint.Port}";
        byte[] payload = Encoding.UTF8.GetBytes(body);
        request.Content = new ByteArrayContent(payload);
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-amz-json-1.1");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        if (sign)
        {
            var headers = new List<KeyValuePair<string, string>>
            {
                new("content-type", "application/x-amz-json-1.1"),
                new("host", host),
                new("x-amz-date", amzDate),
                new("x-amz-target", target),
            };
            string[] signed = ["content-type", "host", "x-amz-date", "x-amz-target"];
            string date = amzDate[..8];
            string signature = SigV4Verifier.ComputeSignature(new SigV4Request("POST", "/", "", headers, payload), signed, secretKey, amzDate, date, region, service);
            request.Headers.TryAddWithoutValidation("Authorization",
                $"AWS4-HMAC-SHA256 Credential={accessKey}/{date}/{region}/{service}/aws4_request, SignedHeaders={string.Join(';', signed)}, Signature={signature}");
        }

        using var response = await Http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, text);
    }
}
