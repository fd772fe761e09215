using Microsoft.Extensions.Logging;

namespace RedshiftTyped.Tool.Cli;

/// <summary>
/// Shows the client's notices a person at the terminal must see: a statement being cancelled on the server (after
/// Ctrl-C or a timeout) and a cancellation that failed. Nothing else of the client's log reaches the console.
/// </summary>
internal sealed class NoticeLoggerFactory(TextWriter error) : ILoggerFactory, ILogger
{
    /// <summary>DataApiLog's event ids for "Cancelling statement" and "Could not cancel statement".</summary>
    private static readonly HashSet<int> Shown = [6, 7];

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (Shown.Contains(eventId.Id))
        {
            lock (error)
            {
                error.WriteLine($"note: {formatter(state, exception)}");
                error.Flush();
            }
        }
    }

    public void Dispose()
    {
    }
}
