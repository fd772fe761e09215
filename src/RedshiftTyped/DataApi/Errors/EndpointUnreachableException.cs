using System.Net.Sockets;
using System.Security.Authentication;

namespace RedshiftTyped.DataApi.Errors;

/// <summary>Why an endpoint could not be reached.</summary>
public enum EndpointFailure
{
    /// <summary>Nothing listens at the endpoint's address and port (connection refused).</summary>
    ConnectionRefused,

    /// <summary>The endpoint's host name does not resolve (DNS).</summary>
    NameResolution,

    /// <summary>The TLS handshake failed: a certificate, a proxy that intercepts TLS, or https to a plain-http server.</summary>
    Tls,

    /// <summary>Another failure to connect (unreachable network, timeout while connecting).</summary>
    Connect,
}

/// <summary>
/// The Data API (or Secrets Manager) endpoint could not be reached after a short, bounded retry: connection refused, a
/// host name that does not resolve, or a failed TLS handshake. The message is one line naming the endpoint and what to
/// check. It is an <see cref="HttpRequestException"/>, so existing handlers of connection failures still catch it.
/// </summary>
public sealed class EndpointUnreachableException : HttpRequestException
{
    /// <summary>Creates the exception (the client raises it; tests may too).</summary>
    /// <param name="endpoint">The endpoint called.</param>
    /// <param name="failure">What went wrong.</param>
    /// <param name="attempts">How many times the call was tried.</param>
    /// <param name="region">The region the client signs for, when the endpoint is AWS's.</param>
    /// <param name="inner">The last failure.</param>
    public EndpointUnreachableException(Uri endpoint, EndpointFailure failure, int attempts, string? region, Exception? inner)
        : base(Describe(endpoint, failure, attempts, region, inner), inner)
    {
        Endpoint = endpoint;
        Failure = failure;
        Attempts = attempts;
    }

    /// <summary>The endpoint that could not be reached.</summary>
    public Uri Endpoint { get; }

    /// <summary>What went wrong.</summary>
    public EndpointFailure Failure { get; }

    /// <summary>How many times the call was tried before giving up.</summary>
    public int Attempts { get; }

    /// <summary>
    /// The kind of connection failure behind an exception from HttpClient, or null when it is not one (an answer that
    /// broke mid-body, an HTTP error, a timeout of a long poll).
    /// </summary>
    internal static EndpointFailure? Classify(Exception exception)
    {
        if (exception is not HttpRequestException http || http is EndpointUnreachableException)
        {
            return null;
        }

        if (http.HttpRequestError == HttpRequestError.NameResolutionError
            || Find<SocketException>(http) is { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain })
        {
            return EndpointFailure.NameResolution;
        }

        if (http.HttpRequestError == HttpRequestError.SecureConnectionError || Find<AuthenticationException>(http) is not null)
        {
            return EndpointFailure.Tls;
        }

        if (Find<SocketException>(http) is { SocketErrorCode: SocketError.ConnectionRefused })
        {
            return EndpointFailure.ConnectionRefused;
        }

        return http.HttpRequestError == HttpRequestError.ConnectionError ? EndpointFailure.Connect : null;
    }

    private static T? Find<T>(Exception exception) where T : Exception
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is T match)
            {
                return match;
            }
        }

        return null;
    }

    private static string Describe(Uri endpoint, EndpointFailure failure, int attempts, string? region, Exception? inner)
    {
        bool local = endpoint.IsLoopback;
        string tries = attempts == 1 ? "1 attempt" : $"{attempts} attempts";
        string check = failure switch
        {
            EndpointFailure.ConnectionRefused when local =>
                $"is the local server running (redshift-typed local --sample tickit prints \"Listening on …\"), and on port {endpoint.Port}?",
            EndpointFailure.ConnectionRefused =>
                "check the endpoint's host and port, and any proxy or firewall between here and it.",
            EndpointFailure.NameResolution when region is not null && endpoint.Host.EndsWith(".amazonaws.com", StringComparison.OrdinalIgnoreCase) =>
                $"check the region (\"{region}\" gives this host name; e.g. us-east-1) and this machine's DNS and network.",
            EndpointFailure.NameResolution =>
                $"check the host name \"{endpoint.Host}\" in the endpoint, and this machine's DNS and network.",
            EndpointFailure.Tls when local || endpoint.Scheme == Uri.UriSchemeHttps && endpoint.Port != 443 =>
                $"the TLS handshake failed; the local server speaks plain http: use http://{endpoint.Authority}.",
            EndpointFailure.Tls =>
                "the TLS handshake failed: check the endpoint, a proxy that intercepts TLS, and this machine's CA certificates.",
            _ => "check the endpoint, and this machine's network.",
        };
        string what = failure switch
        {
            EndpointFailure.ConnectionRefused => "connection refused",
            EndpointFailure.NameResolution => "host name not found",
            EndpointFailure.Tls => "TLS failure" + (inner?.InnerException?.Message is { Length: > 0 } tls ? ": " + OneLine(tls) : string.Empty),
            _ => OneLine(inner?.Message ?? "connection failed"),
        };
        return $"Could not reach {endpoint} ({what}; {tries}): {check}";
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").TrimEnd('.', ' ');
}
