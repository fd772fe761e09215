using Microsoft.Extensions.Hosting;

namespace RedshiftTyped.Local.Protocol;

/// <summary>
/// A host lifetime that leaves Ctrl+C and SIGTERM alone. The default console lifetime would catch them, stop
/// Kestrel behind the owner's back and swallow the signal, so the embedding process (the redshift-typed tool,
/// a test run) would never learn it should stop. The owner decides: it cancels or disposes the server.
/// </summary>
internal sealed class PassiveHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
