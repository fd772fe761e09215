using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RedshiftTyped.Connection;
using RedshiftTyped.DataApi;
using RedshiftTyped.DataApi.Errors;
using RedshiftTyped.DataApi.Model;

namespace RedshiftTyped.Execution;

/// <summary>
/// Submits a statement and waits for its final status. Waiting long-polls DescribeStatement with
/// WaitTimeSeconds where the endpoint honours it; otherwise it polls on a <see cref="PollingSchedule"/>.
/// A statement that outlives max_poll_attempts, the caller's timeout or the caller's CancellationToken is
/// cancelled on the server, so nothing is left running.
/// </summary>
internal sealed class StatementRunner
{
    private const int MaxWaitTimeSeconds = 30;
    private static readonly TimeSpan CancelBudget = TimeSpan.FromSeconds(10);

    private readonly RedshiftDataApiClient _api;
    private readonly RedshiftConnectionOptions _options;
    private readonly TargetApplier _target;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    // Learned once per client: an endpoint that answers a long poll at once is not honouring WaitTimeSeconds.
    private volatile bool _longPollingHonoured;

    public StatementRunner(RedshiftDataApiClient api, RedshiftConnectionOptions options, TargetApplier target, TimeProvider time, ILogger logger)
    {
        _api = api;
        _options = options;
        _target = target;
        _time = time;
        _logger = logger;
        _longPollingHonoured = options.LongPolling;
    }

    public async Task<CompletedStatement> RunAsync(SqlStatement statement, CancellationToken cancellationToken)
    {
        using var activity = RedshiftTypedTelemetry.Source.StartActivity("redshift.statement", ActivityKind.Client);
        activity?.SetTag("db.system", "redshift");
        activity?.SetTag("db.name", _options.Database);
        long started = _time.GetTimestamp();
        var retries = new DataApi.Transport.Counter();

        await _target.EnsureSecretVerifiedAsync(cancellationToken).ConfigureAwait(false);
        var request = new ExecuteStatementRequest
        {
            Sql = statement.Sql,
            Parameters = statement.Parameters.Count == 0 ? null : [.. statement.Parameters],
            // One token per statement, reused by every retry of the submit: the service runs it once.
            ClientToken = Guid.NewGuid().ToString(),
            ResultFormat = statement.ResultFormat,
            StatementName = statement.StatementName,
            SessionId = statement.SessionId,
            SessionKeepAliveSeconds = statement.SessionKeepAliveSeconds,
        };
        if (statement.SessionId is null)
        {
            _target.Apply(request);
        }

        // The submit is not abandoned when the caller cancels: a statement can only be cancelled on the server
        // once its id is known, so the answer is awaited (the retry pipeline bounds how long) and then cancelled.
        var submitted = await _api.ExecuteStatementAsync(request, CancellationToken.None, retries).ConfigureAwait(false);
        string id = string.IsNullOrEmpty(submitted.Id)
            ? throw new UnexpectedResponseException("RedshiftData.ExecuteStatement", _api.Endpoint, "$.Id", "the answer has no statement Id")
            : submitted.Id;
        activity?.SetTag("redshift.statement_id", id);
        DataApiLog.Submitted(_logger, id, statement.Sql.Length, statement.Parameters.Count);
        if (cancellationToken.IsCancellationRequested)
        {
            await CancelQuietlyAsync(id, "the caller cancelled").ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        using var timeout = statement.Timeout is { } limit ? new CancellationTokenSource(limit, _time) : null;
        using var linked = timeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var waitToken = linked?.Token ?? cancellationToken;

        int polls = 0;
        DescribeStatementResponse description;
        try
        {
            description = await WaitAsync(id, statement, retries, () => polls++, waitToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout?.IsCancellationRequested == true && !cancellationToken.IsCancellationRequested)
        {
            await CancelQuietlyAsync(id, "timeout").ConfigureAwait(false);
            throw new StatementTimeoutException($"{statement.Timeout}", id, statement.Sql, statement.Parameters);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await CancelQuietlyAsync(id, "the caller cancelled").ConfigureAwait(false);
            throw;
        }

        var elapsed = _time.GetElapsedTime(started);
        string status = description.Status?.Value ?? "UNKNOWN";
        activity?.SetTag("redshift.status", status);
        activity?.SetTag("redshift.polls", polls);
        activity?.SetTag("redshift.retries", retries.Value);
        DataApiLog.Completed(_logger, id, status, elapsed.TotalMilliseconds, polls, retries.Value);

        if (description.Status == StatusString.FAILED)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "FAILED");
            throw new StatementFailedException(id, description.Error ?? "(no error text)", statement.Sql, statement.Parameters);
        }

        if (description.Status == StatusString.ABORTED)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "ABORTED");
            throw new StatementAbortedException(id, description.Error, statement.Sql, statement.Parameters);
        }

        return new CompletedStatement(statement, description, polls, retries.Value, elapsed);
    }

    private async Task<DescribeStatementResponse> WaitAsync(
        string id, SqlStatement statement, DataApi.Transport.Counter retries, Action countPoll, CancellationToken cancellationToken)
    {
        var schedule = new PollingSchedule(_options.PollIntervalTimeSpan);
        bool longPoll = _longPollingHonoured;
        for (int attempt = 1; ; attempt++)
        {
            if (attempt > _options.MaxPollAttempts)
            {
                await CancelQuietlyAsync(id, $"{_options.MaxPollAttempts} polling attempts").ConfigureAwait(false);
                throw new StatementTimeoutException($"{_options.MaxPollAttempts} polling attempts", id, statement.Sql, statement.Parameters);
            }

            countPoll();
            DescribeStatementResponse description;
            if (longPoll)
            {
                long before = _time.GetTimestamp();
                try
                {
                    description = await _api.DescribeStatementAsync(
                        new DescribeStatementRequest { Id = id, WaitTimeSeconds = MaxWaitTimeSeconds }, cancellationToken, retries).ConfigureAwait(false);
                }
                catch (ActiveWaitingRequestsExceededException)
                {
                    longPoll = false;
                    continue;
                }

                // A long poll that comes back unfinished well before its wait is over was not honoured.
                if (!IsTerminal(description) && _time.GetElapsedTime(before) < TimeSpan.FromSeconds(MaxWaitTimeSeconds / 4.0))
                {
                    longPoll = false;
                    _longPollingHonoured = false;
                    DataApiLog.LongPollingUnavailable(_logger, _api.Endpoint);
                }
            }
            else
            {
                await Task.Delay(schedule.Next(), _time, cancellationToken).ConfigureAwait(false);
                description = await _api.DescribeStatementAsync(new DescribeStatementRequest { Id = id }, cancellationToken, retries)
                    .ConfigureAwait(false);
            }

            if (IsTerminal(description))
            {
                return description;
            }
        }
    }

    private static bool IsTerminal(DescribeStatementResponse description) => description.Status?.IsTerminal == true;

    private async Task CancelQuietlyAsync(string id, string reason)
    {
        DataApiLog.Cancelling(_logger, id, reason);
        using var budget = new CancellationTokenSource(CancelBudget);
        try
        {
            await _api.CancelStatementAsync(new CancelStatementRequest { Id = id }, budget.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AwsServiceException or HttpRequestException or OperationCanceledException or TimeoutException or IOException)
        {
            // The statement may have finished meanwhile; the caller's own error is the one that matters.
            DataApiLog.CancelFailed(_logger, id, ex.Message);
        }
    }
}
