using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using RedshiftTyped.Tests.Infrastructure;

namespace RedshiftTyped.IntegrationTests.Infrastructure;

/// <summary>What a broken or hostile endpoint answers instead of the real answer.</summary>
public enum HostileAnswer
{
    /// <summary>The real answer with every top-level member of the wrong JSON type.</summary>
    WrongTypes,

    /// <summary>The first half of the real answer, announced as complete.</summary>
    Truncated,

    /// <summary>2 GiB, announced in Content-Length.</summary>
    HugeAnnounced,

    /// <summary>2 GiB streamed without a Content-Length.</summary>
    HugeStreamed,

    /// <summary>A 200 HTML page (a proxy's, a captive portal's).</summary>
    Html,

    /// <summary>A 200 with an empty body.</summary>
    Empty,

    /// <summary>The connection closes without an answer.</summary>
    Closed,
}

/// <summary>
/// Sits between the real client and the real local server: passes every call through, except that one operation is
/// answered the hostile way. So every command can be driven into every kind of bad answer, at any of its calls.
/// </summary>
public sealed class HostileProxy(string operation, HostileAnswer answer) : DelegatingHandler(new SocketsHttpHandler())
{
    private const long TwoGiB = 2L * 1024 * 1024 * 1024;

    public int Hits;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.First() : "";
        if (!target.EndsWith("." + operation, StringComparison.Ordinal))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        Interlocked.Increment(ref Hits);
        switch (answer)
        {
            case HostileAnswer.Closed:
                throw new HttpRequestException("The server closed the connection without answering (injected by the test).");
            case HostileAnswer.Html:
                return Answer("<html><body><h1>Sign in to continue</h1></body></html>", "text/html");
            case HostileAnswer.Empty:
                return Answer("", "application/x-amz-json-1.1");
            case HostileAnswer.HugeAnnounced:
                return EndlessStream.Answer(TwoGiB, announceLength: true);
            case HostileAnswer.HugeStreamed:
                // Whitespace inside Records: the client reads it to the bound without building rows (the unit tests build them).
                return EndlessStream.Answer(TwoGiB, announceLength: false, rows: false);
        }

        using var real = await base.SendAsync(request, cancellationToken);
        string body = await real.Content.ReadAsStringAsync(cancellationToken);
        if (!real.IsSuccessStatusCode)
        {
            return Answer(body, "application/x-amz-json-1.1", real.StatusCode);
        }

        return answer == HostileAnswer.Truncated ? Answer(body[..(body.Length / 2)], "application/x-amz-json-1.1") : Answer(WrongTypes(body), "application/x-amz-json-1.1");
    }

    /// <summary>Strings become numbers, numbers strings, booleans strings, arrays numbers, objects strings.</summary>
    private static string WrongTypes(string body)
    {
        if (JsonNode.Parse(body.Length == 0 ? "{}" : body) is not JsonObject json || json.Count == 0)
        {
            return "{\"Id\":42,\"Records\":\"none\",\"ColumnList\":7,\"Schemas\":{},\"Tables\":\"x\"}";
        }

        foreach (var (name, value) in json.ToList())
        {
            json[name] = value?.GetValueKind() switch
            {
                System.Text.Json.JsonValueKind.String => 12345,
                System.Text.Json.JsonValueKind.Number => "not a number",
                System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "yes",
                System.Text.Json.JsonValueKind.Array => 7,
                System.Text.Json.JsonValueKind.Object => "object",
                _ => "null",
            };
        }

        return json.ToJsonString();
    }

    private static HttpResponseMessage Answer(string body, string contentType, HttpStatusCode status = HttpStatusCode.OK)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return new HttpResponseMessage(status) { Content = content };
    }
}
