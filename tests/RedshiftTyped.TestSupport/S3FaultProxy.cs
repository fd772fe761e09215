using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RedshiftTyped.TestSupport;

/// <summary>
/// A loopback HTTP proxy in front of an S3 endpoint that injects faults: every <see cref="FaultEvery"/>-th request is
/// answered <c>503 SlowDown</c> (as S3 throttles) or has its connection reset before any answer, alternately; the others
/// are forwarded unchanged. Counts what it did, so that a test can prove faults happened and were survived.
/// </summary>
public sealed class S3FaultProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _upstream = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
    private int _requests;
    private int _serverErrors;
    private int _resets;

    private S3FaultProxy(WebApplication app) => _app = app;

    /// <summary>Answers <see cref="Tamper"/> gives for "S3 does not have this object".</summary>
    public static readonly byte[] NotFound = [];

    /// <summary>
    /// When set, each answer's body (method, path, body) is replaced by what this returns before it is sent:
    /// <see cref="NotFound"/> answers 404 NoSuchKey; checksum headers of a changed body are dropped, as a rewriting
    /// middlebox would leave them.
    /// </summary>
    public Func<string, string, byte[]?, byte[]?>? Tamper { get; set; }

    /// <summary>0: no faults.</summary>
    public int FaultEvery { get; set; }

    public int Requests => _requests;

    public int ServerErrors => _serverErrors;

    public int Resets => _resets;

    public string Endpoint { get; private set; } = "";

    public static async Task<S3FaultProxy> StartAsync(string upstream)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var proxy = new S3FaultProxy(app);
        app.Run(context => proxy.HandleAsync(context, upstream.TrimEnd('/')));
        await app.StartAsync();
        var address = app.Services.GetService(typeof(IServer)) is IServer server
            ? server.Features.Get<IServerAddressesFeature>()!.Addresses.First()
            : throw new InvalidOperationException("no server");
        proxy.Endpoint = address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal);
        return proxy;
    }

    private async Task HandleAsync(HttpContext context, string upstream)
    {
        int n = Interlocked.Increment(ref _requests);
        if (FaultEvery > 0 && n % FaultEvery == 0)
        {
            if ((n / FaultEvery) % 2 == 1)
            {
                Interlocked.Increment(ref _serverErrors);
                context.Response.StatusCode = 503;
                context.Response.ContentType = "application/xml";
                await context.Response.WriteAsync(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>fault</RequestId></Error>");
                return;
            }

            Interlocked.Increment(ref _resets);
            context.Abort();
            return;
        }

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), upstream + context.Request.Path + context.Request.QueryString);
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(context.Request.Body);
        }

        foreach (var header in context.Request.Headers)
        {
            if (header.Key.Equals("Host", StringComparison.OrdinalIgnoreCase)) continue;
            if (!request.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray()))
            {
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
            }
        }

        using var response = await _upstream.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        if (Tamper is { } tamper && response.IsSuccessStatusCode)
        {
            byte[] original = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
            byte[]? changed = tamper(context.Request.Method, context.Request.Path.Value ?? "", original);
            if (ReferenceEquals(changed, NotFound))
            {
                context.Response.StatusCode = 404;
                context.Response.ContentType = "application/xml";
                await context.Response.WriteAsync(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>");
                return;
            }

            if (changed is not null && !ReferenceEquals(changed, original))
            {
                context.Response.StatusCode = (int)response.StatusCode;
                foreach (var header in response.Headers.Concat(response.Content.Headers))
                {
                    if (header.Key.StartsWith("x-amz-checksum", StringComparison.OrdinalIgnoreCase) || header.Key is "ETag" or "Content-Length" or "Transfer-Encoding") continue;
                    context.Response.Headers[header.Key] = header.Value.ToArray();
                }

                context.Response.ContentLength = changed.Length;
                await context.Response.Body.WriteAsync(changed, context.RequestAborted);
                return;
            }

            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var header in response.Headers.Concat(response.Content.Headers))
            {
                if (header.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)) continue;
                context.Response.Headers[header.Key] = header.Value.ToArray();
            }

            await context.Response.Body.WriteAsync(original, context.RequestAborted);
            return;
        }

        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            if (header.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)) continue;
            context.Response.Headers[header.Key] = header.Value.ToArray();
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }
}
