namespace RedshiftTyped.Local;

/// <summary>
/// The entry point of <c>redshift-typed local</c>: starts the server, prints exactly one line
/// <c>Listening on http://127.0.0.1:PORT</c> when it is ready to serve, and stops when the token is cancelled
/// (wire Ctrl+C / SIGTERM to it).
/// </summary>
public static class LocalServerHost
{
    /// <param name="options">What to serve and how.</param>
    /// <param name="cancellationToken">Stops the server (wire Ctrl+C and SIGTERM to it).</param>
    /// <param name="output">Where the one "Listening on" line goes (default: standard output).</param>
    /// <param name="loggerFactory">Request logs (operation, status, duration; never bodies, secrets or parameter values).</param>
    public static async Task RunAsync(LocalServerOptions options, CancellationToken cancellationToken, TextWriter? output = null,
        Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using var server = await LocalDataApiServer.StartAsync(options, cancellationToken, loggerFactory).ConfigureAwait(false);
        var writer = output ?? Console.Out;
        await writer.WriteLineAsync($"Listening on {server.Endpoint.GetLeftPart(UriPartial.Authority)}").ConfigureAwait(false);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Normal shutdown.
        }
    }
}
