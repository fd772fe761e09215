using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace RedshiftTyped.Tests.Infrastructure;

/// <summary>A request as it left the client: what a real endpoint would have received.</summary>
public sealed record RecordedRequest(HttpMethod Method, Uri Uri, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body, DateTimeOffset At)
{
    public string? Target => Header("X-Amz-Target");

    public string? Operation => Target?[(Target.IndexOf('.') + 1)..];

    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();

    public string? Header(string name) => Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
}

/// <summary>
/// The wire, as far as the client can tell: records every request it sends (headers and body bytes) and
/// answers with the AWS-shaped response that the test's responder returns for it.
/// </summary>
public sealed class RecordingHandler(Func<RecordedRequest, int, HttpResponseMessage> responder) : HttpMessageHandler
{
    private readonly List<RecordedRequest> _requests = [];

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public IEnumerable<RecordedRequest> Calls(string operation) => Requests.Where(r => r.Operation == operation);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.SelectMany(h => h.Value.Select(v => KeyValuePair.Create(h.Key, v))).ToList();
        byte[] body = [];
        if (request.Content is not null)
        {
            headers.AddRange(request.Content.Headers.SelectMany(h => h.Value.Select(v => KeyValuePair.Create(h.Key, v))));
            body = await request.Content.ReadAsByteArrayAsync(cancellationToken);
        }

        if (request.Headers.Host is { } host && !headers.Any(h => h.Key.Equals("Host", StringComparison.OrdinalIgnoreCase)))
        {
            headers.Add(KeyValuePair.Create("Host", host));
        }

        var recorded = new RecordedRequest(request.Method, request.RequestUri!, headers, body, DateTimeOffset.UtcNow);
        int index;
        lock (_requests)
        {
            _requests.Add(recorded);
            index = _requests.Count - 1;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var response = responder(recorded, index);
        response.RequestMessage = request;
        return response;
    }
}

/// <summary>Responses shaped as the Data API sends them.</summary>
public static class Aws
{
    public const string ContentType = "application/x-amz-json-1.1";

    public static HttpResponseMessage Ok(string json, string requestId = "req-ok") => Json(HttpStatusCode.OK, json, requestId);

    public static HttpResponseMessage Ok(JsonNode json) => Ok(json.ToJsonString());

    public static HttpResponseMessage Error(HttpStatusCode status, string type, string message, string requestId = "req-err", string? extra = null)
        => Json(status, $"{{\"__type\":\"{type}\",\"message\":{System.Text.Json.JsonSerializer.Serialize(message)}{(extra is null ? "" : "," + extra)}}}", requestId);

    public static HttpResponseMessage Throttled() => Error(HttpStatusCode.BadRequest, "ThrottlingException", "Rate exceeded");

    public static HttpResponseMessage Json(HttpStatusCode status, string json, string requestId)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8) };
        response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(ContentType);
        response.Headers.TryAddWithoutValidation("x-amzn-RequestId", requestId);
        return response;
    }

    public static string Submitted(string id) => $"{{\"Id\":\"{id}\",\"CreatedAt\":1598306924.632,\"Database\":\"dev\",\"ClusterIdentifier\":\"my-cluster\",\"Status\":\"SUBMITTED\"}}";

    public static string Described(string id, string status, bool hasResultSet = true, long resultRows = 1, string? error = null, string format = "JSON")
        => $"{{\"Id\":\"{id}\",\"Status\":\"{status}\",\"HasResultSet\":{(hasResultSet ? "true" : "false")},\"ResultRows\":{resultRows},\"ResultFormat\":\"{format}\",\"Duration\":1095981511,\"CreatedAt\":1598306924.632,\"UpdatedAt\":1598306926.667,\"QueryString\":\"select 1\"{(error is null ? "" : $",\"Error\":{System.Text.Json.JsonSerializer.Serialize(error)}")}}}";

    public const string StatementId = "d9b6c0c9-0747-4bf4-b142-e8883122f766";
}
