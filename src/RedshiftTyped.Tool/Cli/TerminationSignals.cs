using System.Runtime.InteropServices;

namespace RedshiftTyped.Tool.Cli;

/// <summary>
/// The tool's own handling of Ctrl-C (SIGINT) and SIGTERM. The first signal cancels the command's token and says so: a
/// statement being submitted is awaited until its id is back and then cancelled on the server, and the command exits
/// <see cref="ExitCodes.Cancelled"/> (130). A second signal exits at once with 130, leaving whatever runs on the server
/// running. (System.CommandLine's own handling kills the process two seconds after the signal, too soon to cancel a
/// statement whose submit is still on its way.)
/// </summary>
internal sealed class TerminationSignals : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly TextWriter _error;
    private readonly PosixSignalRegistration[] _registrations;
    private int _signals;

    private TerminationSignals(TextWriter error)
    {
        _error = error;
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)];
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _cancellation.Token;

    /// <summary>
    /// What the first signal prints. A client command's default says what becomes of its statements; the local server
    /// (<c>redshift-typed local</c>) says it is stopping instead, since it has no statement of its own to cancel.
    /// </summary>
    public string FirstSignalNotice { get; set; } = ClientNotice;

    /// <summary>The first signal's notice for a command that submits statements.</summary>
    public const string ClientNotice = "Stopping: statements already submitted are cancelled on the server first (their ids are awaited). " +
                                       "Press Ctrl-C again to exit at once and leave them running.";

    /// <summary>Takes over SIGINT and SIGTERM for this process; notices go to <paramref name="error"/>.</summary>
    public static TerminationSignals Register(TextWriter error) => new(error);

    private void OnSignal(PosixSignalContext context)
    {
        // Never let the runtime terminate the process on its own: the first signal cancels, the second exits.
        context.Cancel = true;
        if (Interlocked.Increment(ref _signals) == 1)
        {
            _error.WriteLine(FirstSignalNotice);
            _error.Flush();
            _cancellation.Cancel();
            return;
        }

        _error.WriteLine("Exiting at once.");
        _error.Flush();
        Environment.Exit(ExitCodes.Cancelled);
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _cancellation.Dispose();
    }
}
