namespace RedshiftTyped.Local;

/// <summary>
/// The entry point of <c>redshift-typed local</c>: starts the server, prints exactly one line
/// <c>Listening on http://127.0.0.1:PORT</c> when it is ready to serve, and stops when the token is cancelled
/// (wire Ctrl+C / SIGTERM to it).
/// </summary>
public static class LocalServerHost
{
    public static async Task RunAsync(LocalServerOptions options, CancellationToken cancellationToken, TextWriter? output = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using var server = await LocalDataApiServer.StartAsync(options, cancellationToken).ConfigureAwait(false);
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
