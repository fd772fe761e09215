using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using RedshiftTyped.Connection;
using RedshiftTyped.DataApi.Errors;

namespace RedshiftTyped.DataApi.Transport;

/// <summary>
/// Builds the Polly pipeline an AWS call's retries run in: exponential backoff with full jitter on throttling,
/// server faults and transient network failures, bounded in attempts (the total time is bounded by
/// <see cref="CallTimeBudget"/> around the whole call). Validation, access and other client errors are never retried.
/// Built by <see cref="RetryPolicy"/> when a call first needs a retry.
/// </summary>
internal static class RetryPipelineFactory
{
    public static ResiliencePipeline Create(RedshiftRetryOptions options, ILogger logger, TimeProvider timeProvider)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } ex && ShouldRetry(ex, args.AttemptNumber, args.Context.CancellationToken)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    FullJitter(options.BaseDelay, options.MaxDelay, args.AttemptNumber)),
                OnRetry = args =>
                {
                    DataApiLog.Retrying(logger, args.Context.OperationKey ?? "call", args.AttemptNumber + 1,
                        args.RetryDelay.TotalMilliseconds, Describe(args.Outcome.Exception));
                    if (args.Context.Properties.TryGetValue(CallProperties.Retries, out var counter))
                    {
                        counter.Increment();
                    }

                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder.Build();
    }

    /// <summary>Full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"): uniform in [0, min(cap, base·2ⁿ)].</summary>
    internal static TimeSpan FullJitter(TimeSpan baseDelay, TimeSpan maxDelay, int attempt)
    {
        double ceiling = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }

    /// <summary>
    /// How many times a call is retried when the endpoint cannot be reached at all (refused, unknown host): enough to
    /// ride out a server that is starting or a resolver hiccup, short enough that a wrong endpoint is reported within a
    /// second instead of after the whole retry budget.
    /// </summary>
    internal const int ConnectRetries = 2;

    /// <summary>
    /// Whether to try again after attempt <paramref name="attempt"/> (0 for the first) failed: connection failures a
    /// few times (a failed TLS handshake never: it fails the same way again), other transient failures within the budget.
    /// </summary>
    internal static bool ShouldRetry(Exception exception, int attempt, CancellationToken callerToken)
        => EndpointUnreachableException.Classify(exception) switch
        {
            EndpointFailure.Tls => false,
            not null => attempt < ConnectRetries,
            null => IsTransient(exception, callerToken),
        };

    /// <summary>
    /// Whether a failure is worth another attempt. Every request the client sends is safe to repeat:
    /// reads are, and submits carry the same ClientToken on every attempt, so the service runs them once.
    /// </summary>
    internal static bool IsTransient(Exception exception, CancellationToken callerToken) => exception switch
    {
        AwsServiceException aws => aws.IsThrottling || aws.IsServerFault || aws is ActiveStatementsExceededException,
        HttpRequestException => true,
        IOException or SocketException => true,
        // HttpClient's own timeout surfaces as a TaskCanceledException that the caller did not ask for.
        OperationCanceledException => !callerToken.IsCancellationRequested,
        _ => false,
    };

    private static string Describe(Exception? exception) => exception switch
    {
        AwsServiceException aws => $"{aws.ErrorCode} (HTTP {(int)aws.StatusCode})",
        null => "unknown",
        _ => exception.GetType().Name,
    };
}

/// <summary>Counts events of one call across its attempts (retries, for logging and tests).</summary>
internal sealed class Counter
{
    private int _value;
    public int Value => Volatile.Read(ref _value);
    public void Increment() => Interlocked.Increment(ref _value);
}

internal static class CallProperties
{
    public static readonly ResiliencePropertyKey<Counter> Retries = new("redshift-typed.retries");
}
