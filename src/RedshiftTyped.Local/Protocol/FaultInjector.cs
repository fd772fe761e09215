namespace RedshiftTyped.Local.Protocol;

/// <summary>What to do to one request.</summary>
internal enum RequestFault
{
    None,
    Throttle,
    ServerError,
    ResetConnection,
}

/// <summary>
/// Seeded, deterministic fault injection. One draw per request (and per statement for slow statements) from a
/// single seeded generator, so a given seed and request sequence always produce the same faults.
/// </summary>
internal sealed class FaultInjector
{
    private readonly object _gate = new();
    private FaultInjectionOptions _options;
    private Random _random;

    public FaultInjector(FaultInjectionOptions options)
    {
        _options = options;
        _random = new Random(options.Seed);
    }

    public FaultInjectionOptions Options
    {
        get { lock (_gate) return _options; }
        set
        {
            lock (_gate)
            {
                _options = value;
                _random = new Random(value.Seed);
            }
        }
    }

    /// <summary>Decides the fault of one request to <paramref name="operation"/>.</summary>
    public (RequestFault Fault, TimeSpan Latency) Next(string operation)
    {
        lock (_gate)
        {
            var o = _options;
            if (!o.Any || (o.Operations.Count > 0 && !o.Operations.Contains(operation)))
            {
                return (RequestFault.None, TimeSpan.Zero);
            }

            double draw = _random.NextDouble();
            var fault = draw < o.ThrottleRate ? RequestFault.Throttle
                : draw < o.ThrottleRate + o.ServerErrorRate ? RequestFault.ServerError
                : draw < o.ThrottleRate + o.ServerErrorRate + o.ConnectionResetRate ? RequestFault.ResetConnection
                : RequestFault.None;
            return (fault, o.AddedLatency);
        }
    }

    /// <summary>Sleeps before a statement runs when the draw says it is a slow one; cancellation ends the sleep.</summary>
    public Task SlowStatementAsync(CancellationToken cancellationToken)
    {
        TimeSpan delay;
        lock (_gate)
        {
            if (_options.SlowStatementRate <= 0 || _random.NextDouble() >= _options.SlowStatementRate)
            {
                return Task.CompletedTask;
            }

            delay = _options.SlowStatementDelay;
        }

        return Task.Delay(delay, cancellationToken);
    }
}
