using System.CommandLine;
using RedshiftTyped.Local;
using RedshiftTyped.Tool.Cli;

namespace RedshiftTyped.Tool.Commands;

/// <summary>
/// <c>redshift-typed local</c>'s fault-injection flags, so users can test their own code's resilience against the local
/// server: <c>--fault-throttle 0.3 --fault-5xx 0.1 --fault-reset 0.05 --fault-latency 50ms --fault-seed 7</c>. Faults
/// apply to authenticated requests only (an unsigned request is still refused with 403).
/// </summary>
internal sealed class FaultFlags
{
    public Option<double?> Throttle { get; } = new("--fault-throttle") { Description = "Share of requests answered 400 ThrottlingException \"Rate exceeded\" (0 to 1)." };
    public Option<double?> ServerError { get; } = new("--fault-5xx") { Description = "Share of requests answered 500 InternalServerException (0 to 1)." };
    public Option<double?> Reset { get; } = new("--fault-reset") { Description = "Share of answers cut off after half their body (0 to 1)." };
    public Option<string?> Latency { get; } = new("--fault-latency") { Description = "Delay added to every answer, e.g. 50ms or 2s." };
    public Option<double?> Slow { get; } = new("--fault-slow") { Description = "Share of statements that sleep --fault-slow-delay before running (0 to 1)." };
    public Option<string?> SlowDelay { get; } = new("--fault-slow-delay") { Description = "How long slow statements sleep (default 5s); they can be cancelled meanwhile." };
    public Option<string?> Operations { get; } = new("--fault-operations") { Description = "Comma-separated operations the faults apply to, e.g. ExecuteStatement,GetStatementResult (default: all)." };
    public Option<int?> Seed { get; } = new("--fault-seed") { Description = "Seed of the fault generator: the same seed and requests give the same faults (default 42)." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Throttle, ServerError, Reset, Latency, Slow, SlowDelay, Operations, Seed })
        {
            command.Add(option);
        }
    }

    /// <summary>The faults the flags ask for; throws <see cref="UsageException"/> for a rate outside 0..1 or rates that add up past 1.</summary>
    public FaultInjectionOptions Read(ParseResult parse)
    {
        var faults = new FaultInjectionOptions
        {
            ThrottleRate = Rate(parse, Throttle),
            ServerErrorRate = Rate(parse, ServerError),
            ConnectionResetRate = Rate(parse, Reset),
            SlowStatementRate = Rate(parse, Slow),
        };
        if (faults.ThrottleRate + faults.ServerErrorRate + faults.ConnectionResetRate > 1)
        {
            throw new UsageException(
                $"--fault-throttle, --fault-5xx and --fault-reset add up to {faults.ThrottleRate + faults.ServerErrorRate + faults.ConnectionResetRate:0.###}; " +
                "each request gets at most one of them, so together they must be at most 1.");
        }

        if (parse.GetValue(Latency) is { } latency)
        {
            faults.AddedLatency = DurationText.Parse(latency, "--fault-latency");
        }

        if (parse.GetValue(SlowDelay) is { } delay)
        {
            faults.SlowStatementDelay = DurationText.Parse(delay, "--fault-slow-delay");
        }

        if (parse.GetValue(Seed) is { } seed)
        {
            faults.Seed = seed;
        }

        foreach (string operation in (parse.GetValue(Operations) ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!LocalDataApiServer.Operations.Contains(operation, StringComparer.Ordinal))
            {
                throw new UsageException(
                    $"--fault-operations: \"{operation}\" is not an operation of the local server; use {string.Join(", ", LocalDataApiServer.Operations)}.");
            }

            faults.Operations.Add(operation);
        }

        return faults;
    }

    /// <summary>
    /// The share a flag gives, from 0 to 1. The message quotes the value as typed, not as parsed: <c>1e400</c> parses as
    /// infinity, which the user never wrote. <c>-0</c> and <c>1e-400</c> (too small for a double) are 0: no such fault.
    /// </summary>
    private static double Rate(ParseResult parse, Option<double?> option)
    {
        double rate = parse.GetValue(option) ?? 0;
        if (rate is >= 0 and <= 1)
        {
            return rate;
        }

        string typed = parse.GetResult(option)?.Tokens.LastOrDefault()?.Value ?? rate.ToString(System.Globalization.CultureInfo.InvariantCulture);
        throw new UsageException($"{option.Name} {typed} is not a share of requests: give a number from 0 to 1, e.g. 0.1 for 10%.");
    }
}
