using Microsoft.Extensions.Logging;

namespace RedshiftTyped.Soak;

/// <summary>
/// Counts what the logs say: the client's retries (DataApiLog's "Retrying", event 4) and the server's unexpected errors
/// (anything logged at Error). Nothing is written anywhere.
/// </summary>
internal sealed class SoakCounters : ILoggerFactory, ILogger
{
    private const int RetryingEvent = 4;
    private long _retries;
    private long _errors;

    public long Retries => Interlocked.Read(ref _retries);

    public long Errors => Interlocked.Read(ref _errors);

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId.Id == RetryingEvent)
        {
            Interlocked.Increment(ref _retries);
        }

        if (logLevel >= LogLevel.Error)
        {
            Interlocked.Increment(ref _errors);
        }
    }

    public void Dispose()
    {
    }
}
