using System.CommandLine;
using System.Globalization;
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
        // Added in decimal, from the text typed: in doubles 0.34 + 0.56 + 0.1 is 1.0000000000000002, which refused a sum of
        // exactly 1, and the message rounded 1.0001 to "1".
        var (throttle, serverError, reset) = (Typed(parse, Throttle), Typed(parse, ServerError), Typed(parse, Reset));
        decimal sum = throttle.Value + serverError.Value + reset.Value;
        if (sum > 1)
        {
            throw new UsageException(
                $"--fault-throttle {throttle.Text}, --fault-5xx {serverError.Text} and --fault-reset {reset.Text} " +
                $"add up to {sum.ToString(CultureInfo.InvariantCulture)}; each request gets at most one of them, so together they must be at most 1.");
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
    private double Rate(ParseResult parse, Option<double?> option)
    {
        string? typed = TypedText(parse, option);
        if (typed is not null && typed.Contains(',', StringComparison.Ordinal))
        {
            // The parser takes ',' as a thousands separator: "0,1" would be 1, every request.
            throw new UsageException($"{option.Name} {typed} has a comma: write the share with a decimal point, e.g. 0.1 for 10%.");
        }

        double rate = parse.GetValue(option) ?? 0;
        if (rate is >= 0 and <= 1)
        {
            return rate;
        }

        string of = option == Slow ? "statements" : "requests";
        throw new UsageException($"{option.Name} {typed ?? rate.ToString(CultureInfo.InvariantCulture)} is not a share of {of}: give a number from 0 to 1, e.g. 0.1 for 10%.");
    }

    /// <summary>The flag's value as the user typed it (its last occurrence), or null when not given.</summary>
    private static string? TypedText(ParseResult parse, Option<double?> option) => parse.GetResult(option)?.Tokens.LastOrDefault()?.Value;

    /// <summary>A share as typed and as an exact decimal (0 when not given; a value too small for a double is 0).</summary>
    private static (string Text, decimal Value) Typed(ParseResult parse, Option<double?> option)
    {
        if (TypedText(parse, option) is not { } typed)
        {
            return ("0", 0m);
        }

        // Rate has checked it is a share from 0 to 1; decimal may still refuse an exponent far below its range (1e-400).
        return (typed, decimal.TryParse(typed, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal exact)
            ? exact
            : (decimal)(parse.GetValue(option) ?? 0));
    }
}
