using System.Net;
using System.Net.Sockets;
using RedshiftTyped.DataApi.Errors;
using RedshiftTyped.Execution;
using RedshiftTyped.Local;
using RedshiftTyped.Tests.Infrastructure;

namespace RedshiftTyped.Tests.Wire;

/// <summary>
/// An endpoint that cannot be reached, over real sockets: a closed loopback port, a host name that cannot resolve
/// (<c>.invalid</c>, RFC 2606), and https to the plain-http local server. Each fails after a short, bounded retry with
/// one line naming the endpoint and what to check, instead of a bare HttpRequestException after the whole retry budget.
/// </summary>
public sealed class EndpointErrorTests
{
    [Fact]
    public async Task Connection_refused_names_the_endpoint_and_asks_whether_the_local_server_runs()
    {
        int port = ClosedPort();
        using var client = new RedshiftClient(TestClients.Options(o =>
        {
            o.Endpoint = $"http://127.0.0.1:{port}";
            o.Retry = new RedshiftTyped.Connection.RedshiftRetryOptions { MaxRetries = 8, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) };
        }));

        var error = await Assert.ThrowsAsync<EndpointUnreachableException>(() => client.ExecuteAsync("select 1"));

        Assert.Equal(EndpointFailure.ConnectionRefused, error.Failure);
        Assert.Equal(3, error.Attempts);   // two retries, not the eight the budget allows
        Assert.Equal(
            $"Could not reach http://127.0.0.1:{port}/ (connection refused; 3 attempts): is the local server running " +
            $"(redshift-typed local --sample tickit prints \"Listening on …\"), and on port {port}?",
            error.Message);
        Assert.IsAssignableFrom<HttpRequestException>(error);
    }

    [Fact]
    public async Task A_host_name_that_does_not_resolve_names_the_host()
    {
        using var client = new RedshiftClient(TestClients.Options(o => o.Endpoint = "http://no-such-host.invalid:8790"));

        var error = await Assert.ThrowsAsync<EndpointUnreachableException>(() => client.ExecuteAsync("select 1"));

        Assert.Equal(EndpointFailure.NameResolution, error.Failure);
        Assert.Equal(
            "Could not reach http://no-such-host.invalid:8790/ (host name not found; 3 attempts): check the host name " +
            "\"no-such-host.invalid\" in the endpoint, and this machine's DNS and network.",
            error.Message);
    }

    [Fact]
    public void A_regional_host_that_does_not_resolve_points_at_the_region()
    {
        var error = new EndpointUnreachableException(new Uri("https://redshift-data.eu-west-9.amazonaws.com/"), EndpointFailure.NameResolution, 3, "eu-west-9", null);
        Assert.Equal(
            "Could not reach https://redshift-data.eu-west-9.amazonaws.com/ (host name not found; 3 attempts): check the region " +
            "(\"eu-west-9\" gives this host name; e.g. us-east-1) and this machine's DNS and network.",
            error.Message);
    }

    [Fact]
    public async Task Https_to_the_plain_http_local_server_is_a_tls_failure_tried_once()
    {
        await using var server = await LocalDataApiServer.StartAsync(new LocalServerOptions());
        var endpoint = new UriBuilder(server.Endpoint) { Scheme = Uri.UriSchemeHttps }.Uri;
        using var client = new RedshiftClient(TestClients.Options(o => o.Endpoint = endpoint.ToString()));

        var error = await Assert.ThrowsAsync<EndpointUnreachableException>(() => client.ExecuteAsync("select 1"));

        Assert.Equal(EndpointFailure.Tls, error.Failure);
        Assert.Equal(1, error.Attempts);
        Assert.StartsWith($"Could not reach {endpoint} (TLS failure", error.Message, StringComparison.Ordinal);
        Assert.EndsWith($"the TLS handshake failed; the local server speaks plain http: use http://{endpoint.Authority}.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task The_sql_command_prints_the_same_one_line()
    {
        int port = ClosedPort();
        var output = new StringWriter();
        var errors = new StringWriter();

        int exit = await RedshiftTyped.Tool.ToolApp.RunAsync(["sql", "--endpoint", $"http://127.0.0.1:{port}", "select 1"], new RedshiftTyped.Tool.Cli.ToolConsole(output, errors));

        Assert.Equal(1, exit);
        Assert.StartsWith($"error: Could not reach http://127.0.0.1:{port}/ (connection refused; 3 attempts): is the local server running", errors.ToString(), StringComparison.Ordinal);
        Assert.Single(errors.ToString().TrimEnd().Split('\n'));
    }

    [Fact]
    public void Only_connection_failures_are_classified()
    {
        Assert.Null(EndpointUnreachableException.Classify(new IOException("broken mid-body")));
        Assert.Null(EndpointUnreachableException.Classify(new HttpRequestException("bad status", null, HttpStatusCode.BadGateway)));
        Assert.Equal(EndpointFailure.ConnectionRefused, EndpointUnreachableException.Classify(
            new HttpRequestException(HttpRequestError.ConnectionError, "refused", new SocketException((int)SocketError.ConnectionRefused))));
        Assert.Equal(EndpointFailure.NameResolution, EndpointUnreachableException.Classify(
            new HttpRequestException(HttpRequestError.NameResolutionError, "no such host")));
    }

    /// <summary>A loopback port nothing listens on: bound, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
