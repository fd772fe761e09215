using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Polly;
using RedshiftTyped.Connection;

namespace RedshiftTyped.DataApi.Transport;

/// <summary>
/// The retry rules every AWS call of one client runs under, with the Polly pipeline that applies them built only when
/// a call first needs a retry.
/// </summary>
/// <remarks>
/// Why lazily: building a Polly pipeline validates every strategy's options with data annotations
/// (<c>ResiliencePipelineBuilderBase.Validator</c>, which nothing outside Polly can replace), and that first use of
/// System.ComponentModel.Annotations and TypeDescriptor, with Polly's first execution, was about 45 ms of CPU in every
/// cold <c>redshift-typed sql</c> run, whose calls all succeed at the first attempt. So a call's first attempt runs
/// directly (<see cref="AwsJsonTransport"/>); a failure that <see cref="RetryPipelineFactory.ShouldRetry"/> would retry
/// enters the pipeline, whose attempt 0 re-throws that same failure instead of sending again. The pipeline therefore
/// sees exactly the outcomes it saw when it ran every attempt: the same predicate decides, the same backoff follows,
/// the same retry is logged and counted, and attempt 1 is the first one sent again. The total timeout is not a Polly
/// strategy but <see cref="CallTimeBudget"/>, started before the first attempt, so it covers the same span as before.
/// </remarks>
internal sealed class RetryPolicy
{
    private readonly RedshiftRetryOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private ResiliencePipeline? _pipeline;

    public RetryPolicy(RedshiftRetryOptions options, ILogger logger, TimeProvider timeProvider)
    {
        // A copy: the pipeline is built later, from the options as they were when the client was made.
        _options = options.Clone();
        _logger = logger;
        _timeProvider = timeProvider;
    }

    /// <summary>The most one call may take across all its attempts.</summary>
    public TimeSpan TotalTimeout => _options.TotalTimeout;

    /// <summary>Starts one call's total-time budget, or returns null when the total time is unbounded.</summary>
    public CallTimeBudget? StartBudget(CancellationToken callerToken) => CallTimeBudget.Start(_options.TotalTimeout, _timeProvider, callerToken);

    /// <summary>Whether a first attempt that failed with <paramref name="exception"/> goes on to the retries.</summary>
    public bool RetriesAfterFirstAttempt(Exception exception, CancellationToken callToken)
        => _options.MaxRetries > 0 && RetryPipelineFactory.ShouldRetry(exception, 0, callToken);

    /// <summary>
    /// Runs the retries of a call whose first attempt failed with <paramref name="firstFailure"/>: the pipeline's
    /// attempt 0 re-throws it, every later attempt runs <paramref name="attempt"/>. Throws what the last attempt threw.
    /// </summary>
    public async Task<TResult> RetryAsync<TState, TResult>(
        string operation,
        ExceptionDispatchInfo firstFailure,
        Func<TState, CancellationToken, ValueTask<TResult>> attempt,
        TState state,
        Counter retries,
        CancellationToken callToken)
    {
        var pipeline = LazyInitializer.EnsureInitialized(ref _pipeline, () => RetryPipelineFactory.Create(_options, _logger, _timeProvider));
        var context = ResilienceContextPool.Shared.Get(operation, callToken);
        context.Properties.Set(CallProperties.Retries, retries);
        var replay = new ReplayFirstFailure<TState, TResult>(firstFailure, attempt, state);
        try
        {
            return await pipeline.ExecuteAsync(
                static (ctx, replay) => replay.RunAsync(ctx.CancellationToken), context, replay).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>The pipeline's callback: the first invocation re-throws the first attempt's failure, later ones send.</summary>
    private sealed class ReplayFirstFailure<TState, TResult>(
        ExceptionDispatchInfo firstFailure, Func<TState, CancellationToken, ValueTask<TResult>> attempt, TState state)
    {
        private bool _replayed;

        public ValueTask<TResult> RunAsync(CancellationToken cancellationToken)
        {
            if (!_replayed)
            {
                _replayed = true;
                firstFailure.Throw();
            }

            return attempt(state, cancellationToken);
        }
    }
}
