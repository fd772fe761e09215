namespace RedshiftTyped.DataApi.Transport;

/// <summary>
/// One call's total-time budget across its attempts (<see cref="RedshiftTyped.Connection.RedshiftRetryOptions.TotalTimeout"/>):
/// a token cancelled when the budget runs out or the caller cancels, whichever comes first.
/// </summary>
/// <remarks>
/// It does what Polly's timeout strategy did when it wrapped the retries (Polly.Core <c>TimeoutResilienceStrategy</c>):
/// a source that cancels after the budget on the client's <see cref="TimeProvider"/>, linked to the caller's token by a
/// registration; <see cref="AwsJsonTransport"/> turns an <see cref="OperationCanceledException"/> raised while
/// <see cref="Expired"/> into its total-timeout error, as it turned Polly's <c>TimeoutRejectedException</c>.
/// </remarks>
internal sealed class CallTimeBudget : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly CancellationTokenRegistration _callerRegistration;

    private CallTimeBudget(TimeSpan budget, TimeProvider timeProvider, CancellationToken callerToken)
    {
        _source = new CancellationTokenSource(budget, timeProvider);
        _callerRegistration = callerToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), _source);
    }

    /// <summary>Starts a budget of <paramref name="budget"/>, or returns null when it is zero or infinite (no bound).</summary>
    public static CallTimeBudget? Start(TimeSpan budget, TimeProvider timeProvider, CancellationToken callerToken)
        => budget > TimeSpan.Zero && budget != Timeout.InfiniteTimeSpan ? new CallTimeBudget(budget, timeProvider, callerToken) : null;

    /// <summary>Cancelled when the budget runs out or the caller cancels.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Whether the budget ran out (the caller's own cancellation is not the budget running out).</summary>
    public bool Expired(CancellationToken callerToken) => _source.IsCancellationRequested && !callerToken.IsCancellationRequested;

    public void Dispose()
    {
        _callerRegistration.Dispose();
        _source.Dispose();
    }
}
