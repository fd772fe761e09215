using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace RedshiftTyped.Local;

/// <summary>
/// The entry point of <c>redshift-typed local</c>: starts the server, prints exactly one line
/// <c>Listening on http://ADDRESS:PORT</c> (the address it really binds) when it is ready to serve, and stops when the
/// token is cancelled (wire Ctrl+C / SIGTERM to it).
/// </summary>
public static class LocalServerHost
{
    /// <param name="options">What to serve and how.</param>
    /// <param name="cancellationToken">Stops the server (wire Ctrl+C and SIGTERM to it).</param>
    /// <param name="output">Where the one "Listening on" line goes (default: standard output).</param>
    /// <param name="loggerFactory">Request logs (operation, status, duration; never bodies, secrets or parameter values).</param>
    public static Task RunAsync(LocalServerOptions options, CancellationToken cancellationToken, TextWriter? output = null,
        Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory = null)
        => RunAsync(options, cancellationToken, output, Console.Error, loggerFactory);

    /// <param name="options">What to serve and how.</param>
    /// <param name="cancellationToken">Stops the server (wire Ctrl+C and SIGTERM to it).</param>
    /// <param name="output">Where the one "Listening on" line goes (default: standard output).</param>
    /// <param name="notices">
    /// Where warnings and notes go: a warning naming what is exposed when the server listens beyond loopback, the
    /// faults in force, and at shutdown the faults injected.
    /// </param>
    /// <param name="loggerFactory">Request logs (operation, status, duration; never bodies, secrets or parameter values).</param>
    public static async Task RunAsync(LocalServerOptions options, CancellationToken cancellationToken, TextWriter? output, TextWriter notices,
        Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(notices);
        await using var server = await LocalDataApiServer.StartAsync(options, cancellationToken, loggerFactory).ConfigureAwait(false);
        var writer = output ?? Console.Out;
        var listening = server.ListeningAddresses[0];
        await writer.WriteLineAsync($"Listening on {listening.GetLeftPart(UriPartial.Authority)}").ConfigureAwait(false);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (server.IsExposed)
        {
            await notices.WriteLineAsync(ExposureWarning(listening, options)).ConfigureAwait(false);
        }

        if (options.Faults.Any)
        {
            await notices.WriteLineAsync($"Injecting faults: {Describe(options.Faults)}.").ConfigureAwait(false);
        }

        await notices.FlushAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Normal shutdown.
        }

        if (options.Faults.Any)
        {
            await notices.WriteLineAsync($"Faults injected: {server.FaultStatistics}.").ConfigureAwait(false);
            await notices.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>What listening beyond loopback exposes, with the addresses other machines can reach.</summary>
    internal static string ExposureWarning(Uri listening, LocalServerOptions options)
    {
        string host = listening.Host.Trim('[', ']');
        var address = IPAddress.Parse(host);
        string where = address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)
            ? $"every network interface of this machine ({string.Join(", ", InterfaceAddresses(address.AddressFamily).DefaultIfEmpty("no address found"))})"
            : $"{host}, an address other machines may reach";
        string keys = options.Credentials.Count == 0
            ? "the default key local/local, which anyone can guess (set --access-key-id and --secret-access-key)"
            : "a valid key";
        return $"warning: listening on {where}, port {listening.Port}. Anyone who can reach it and signs with {keys} can run any SQL, " +
               "read and change every table. Bind to 127.0.0.1 (the default) unless that is what you want.";
    }

    private static IEnumerable<string> InterfaceAddresses(AddressFamily family)
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .Where(n => n.OperationalStatus == OperationalStatus.Up)
                .SelectMany(n => n.GetIPProperties().UnicastAddresses)
                .Select(u => u.Address)
                .Where(a => a.AddressFamily == family || (family == AddressFamily.InterNetworkV6 && a.AddressFamily == AddressFamily.InterNetwork))
                .Select(a => a.ToString())
                .Distinct()
                .ToList();
        }
        catch (NetworkInformationException)
        {
            return [];
        }
    }

    /// <summary>E.g. <c>30% throttling, 10% server errors, 5% connection resets, 50 ms latency, seed 42</c>.</summary>
    internal static string Describe(FaultInjectionOptions faults)
    {
        var parts = new List<string>();
        if (faults.ThrottleRate > 0) parts.Add(FormattableString.Invariant($"{faults.ThrottleRate:0.##%} throttling"));
        if (faults.ServerErrorRate > 0) parts.Add(FormattableString.Invariant($"{faults.ServerErrorRate:0.##%} server errors"));
        if (faults.ConnectionResetRate > 0) parts.Add(FormattableString.Invariant($"{faults.ConnectionResetRate:0.##%} connection resets"));
        if (faults.AddedLatency > TimeSpan.Zero) parts.Add(FormattableString.Invariant($"{faults.AddedLatency.TotalMilliseconds:0.#} ms latency"));
        if (faults.SlowStatementRate > 0)
        {
            parts.Add(FormattableString.Invariant($"{faults.SlowStatementRate:0.##%} of statements {faults.SlowStatementDelay.TotalSeconds:0.###} s slow"));
        }

        if (faults.Operations.Count > 0) parts.Add($"on {string.Join(", ", faults.Operations.Order(StringComparer.Ordinal))} only");
        parts.Add($"seed {faults.Seed}");
        return string.Join(", ", parts).Replace(" %", "%", StringComparison.Ordinal);
    }
}
