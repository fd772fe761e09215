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
    private long _throttles, _serverErrors, _resets, _slowStatements, _unknownStatuses, _rateLimited;

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
                _rates.Clear();
            }
        }
    }

    // Accepted requests of the last second per rate-limited operation (a sliding window).
    private readonly Dictionary<string, Queue<long>> _rates = new(StringComparer.Ordinal);

    /// <summary>Every fault injected since the server started (counts survive changes of <see cref="Options"/>).</summary>
    public FaultStatistics Statistics
    {
        get
        {
            lock (_gate)
            {
                return new FaultStatistics(_throttles, _serverErrors, _resets, _slowStatements, _unknownStatuses, _rateLimited);
            }
        }
    }

    /// <summary>Decides the fault of one request to <paramref name="operation"/>.</summary>
    public (RequestFault Fault, TimeSpan Latency) Next(string operation)
    {
        lock (_gate)
        {
            var o = _options;
            if (o.OperationsPerSecond.TryGetValue(operation, out int limit))
            {
                long now = Environment.TickCount64;
                if (!_rates.TryGetValue(operation, out var accepted))
                {
                    _rates[operation] = accepted = new Queue<long>();
                }

                while (accepted.Count > 0 && now - accepted.Peek() >= 1000) accepted.Dequeue();
                if (accepted.Count >= limit)
                {
                    _rateLimited++;
                    return (RequestFault.Throttle, TimeSpan.Zero);
                }

                accepted.Enqueue(now);
            }

            if (!o.Any || (o.Operations.Count > 0 && !o.Operations.Contains(operation)))
            {
                return (RequestFault.None, TimeSpan.Zero);
            }

            double draw = _random.NextDouble();
            var fault = draw < o.ThrottleRate ? RequestFault.Throttle
                : draw < o.ThrottleRate + o.ServerErrorRate ? RequestFault.ServerError
                : draw < o.ThrottleRate + o.ServerErrorRate + o.ConnectionResetRate ? RequestFault.ResetConnection
                : RequestFault.None;
            switch (fault)
            {
                case RequestFault.Throttle: _throttles++; break;
                case RequestFault.ServerError: _serverErrors++; break;
                case RequestFault.ResetConnection: _resets++; break;
            }

            return (fault, o.AddedLatency);
        }
    }

    /// <summary>Whether this DescribeStatement of an unfinished statement answers UNKNOWN.</summary>
    public bool NextStatusIsUnknown()
    {
        lock (_gate)
        {
            bool unknown = _options.UnknownStatusRate > 0 && _random.NextDouble() < _options.UnknownStatusRate;
            _unknownStatuses += unknown ? 1 : 0;
            return unknown;
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
            _slowStatements++;
        }

        return Task.Delay(delay, cancellationToken);
    }
}
