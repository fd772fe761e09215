// Plumbing hidden from IntelliSense (EditorBrowsable(Never)) for generated code and the client; each method's name says
// what it reads, and the class summary how.
#pragma warning disable CS1591

namespace RedshiftTyped.Execution;

/// <summary>
/// Pauses between status polls when long polling is not available: the first after about 50 ms, each next
/// one half as long again, up to poll_interval. A 10-row query is answered in tens of milliseconds, while a
/// long one costs no more polls than the connector's fixed interval would.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed class PollingSchedule
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(50);
    public const double Growth = 1.5;

    private readonly TimeSpan _maxDelay;
    private TimeSpan _next;

    public PollingSchedule(TimeSpan maxDelay)
    {
        _maxDelay = maxDelay;
        _next = FirstDelay < maxDelay ? FirstDelay : maxDelay;
    }

    /// <summary>The pause before the next poll.</summary>
    public TimeSpan Next()
    {
        var current = _next;
        var grown = TimeSpan.FromTicks((long)(current.Ticks * Growth));
        _next = grown < _maxDelay ? grown : _maxDelay;
        return current;
    }
}
