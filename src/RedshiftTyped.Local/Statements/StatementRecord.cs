using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Local.Results;

namespace RedshiftTyped.Local.Statements;

/// <summary>
/// One statement (or batch, or sub-statement of a batch) and everything DescribeStatement reports about it.
/// Status changes go through <see cref="Advance"/>, which also wakes long polls when the status becomes final.
/// </summary>
internal sealed class StatementRecord
{
    private readonly object _gate = new();
    private readonly TaskCompletionSource _terminal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public required string Id { get; init; }

    public required string OwnerAccessKeyId { get; init; }

    public required string QueryString { get; init; }

    public IReadOnlyList<string>? QueryStrings { get; init; }

    public IReadOnlyList<SqlParameter>? Parameters { get; init; }

    public string? StatementName { get; init; }

    public ResultFormatString ResultFormat { get; init; } = ResultFormatString.JSON;

    public string? ClusterIdentifier { get; init; }

    public string? WorkgroupName { get; init; }

    public string? Database { get; init; }

    public string? DbUser { get; init; }

    public string? SecretArn { get; init; }

    public string? SessionId { get; set; }

    public ExecutionMode? ExecutionMode { get; init; }

    public bool IsBatch { get; init; }

    public IReadOnlyList<StatementRecord> SubStatements { get; init; } = [];

    public CancellationTokenSource Cancellation { get; } = new();

    public StatusString Status { get; private set; } = StatusString.SUBMITTED;

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; private set; }

    public DateTime? StartedAt { get; private set; }

    public DateTime? EndedAt { get; private set; }

    public string? Error { get; private set; }

    public long RedshiftPid { get; set; }

    public long RedshiftQueryId { get; set; }

    public bool HasResultSet { get; set; }

    public long ResultRows { get; set; } = -1;

    public long ResultSize { get; set; } = -1;

    private StoredResult? _result;

    /// <summary>The stored rows, until they are released (<see cref="ReleaseResult"/>).</summary>
    public StoredResult? Result
    {
        get => Volatile.Read(ref _result);
        set => Volatile.Write(ref _result, value);
    }

    /// <summary>The rows were dropped before the retention ended (memory budget, or the server was asked to); they read as expired.</summary>
    public bool ResultEvicted { get; private set; }

    /// <summary>
    /// The rows were dropped as the statement ended, because the results being paged left no room for them under the
    /// limit (see <see cref="RetainedResultEviction"/>): the message says to finish those reads or raise the limit.
    /// </summary>
    public bool ResultEvictedBesideReads { get; private set; }

    /// <summary>
    /// Drops the stored rows (a reader mid-page finishes it first); <paramref name="early"/> when before the retention
    /// ended, <paramref name="besideReads"/> when reads under way held the room. False when there was no result to release.
    /// </summary>
    public bool ReleaseResult(bool early, bool besideReads = false)
    {
        var result = Interlocked.Exchange(ref _result, null);
        if (result is null) return false;
        if (early) ResultEvicted = true;
        if (besideReads) ResultEvictedBesideReads = true;
        result.Release();
        return true;
    }

    /// <summary>The clients paging through the result (see <see cref="RetainedResultEviction"/>).</summary>
    public ResultReaders Readers { get; } = new();

    public bool IsTerminal => Status.IsTerminal;

    /// <summary>Nanoseconds between start and end (or now, while running), as the service reports Duration.</summary>
    public long DurationNanos(DateTime now)
    {
        if (StartedAt is not { } started) return -1;
        var end = EndedAt ?? now;
        return (end - started).Ticks * 100;
    }

    /// <summary>Moves to <paramref name="status"/> unless already final; returns whether it moved.</summary>
    public bool Advance(StatusString status, DateTime now, string? error = null)
    {
        lock (_gate)
        {
            if (Status.IsTerminal)
            {
                return false;
            }

            Status = status;
            UpdatedAt = now;
            if (status == StatusString.STARTED) StartedAt ??= now;
            if (status.IsTerminal)
            {
                StartedAt ??= now;
                EndedAt = now;
                Error = error;
            }
        }

        if (status.IsTerminal)
        {
            _terminal.TrySetResult();
        }

        return true;
    }

    private int _waiting;

    /// <summary>
    /// Waits until the status is final or <paramref name="wait"/> has passed (long polling). More than
    /// <paramref name="maxWaiting"/> requests waiting on one statement is ActiveWaitingRequestsExceededException.
    /// </summary>
    public async Task WaitAsync(TimeSpan wait, CancellationToken cancellationToken, int maxWaiting = int.MaxValue)
    {
        if (IsTerminal || wait <= TimeSpan.Zero) return;
        if (Interlocked.Increment(ref _waiting) > maxWaiting)
        {
            Interlocked.Decrement(ref _waiting);
            throw Protocol.ServiceError.ActiveWaitingRequestsExceeded();
        }

        try
        {
            await _terminal.Task.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The wait ended first: answer with the current status.
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }
}

