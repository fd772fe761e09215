using System.Collections.Concurrent;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Local.Protocol;
using RedshiftTyped.Local.Results;
using RedshiftTyped.Local.Security;
using RedshiftTyped.Local.Statements;

namespace RedshiftTyped.Local.Operations;

/// <summary>
/// ExecuteStatement, BatchExecuteStatement, DescribeStatement, GetStatementResult(V2), CancelStatement and
/// ListStatements over the statements this server has run.
/// </summary>
internal sealed class StatementOperations(LocalServerOptions options, StatementExecutor executor, SessionRegistry sessions, SecretStore secrets, FaultInjector faults)
{
    private const int MaxBatchStatements = 40;
    private readonly ConcurrentDictionary<string, StatementRecord> _statements = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Key, string Token), StatementRecord> _clientTokens = new();

    /// <summary>Ids of statements forgotten after the retention, and when (kept one more retention, for the error's sake).</summary>
    private readonly ConcurrentDictionary<string, DateTime> _expiredStatements = new(StringComparer.Ordinal);
    private int _active;

    private DateTime Now => options.TimeProvider.GetUtcNow().UtcDateTime;

    public async Task<ExecuteStatementResponse> ExecuteStatementAsync(ExecuteStatementRequest request, LocalCredential caller, CancellationToken cancellationToken)
    {
        RequestValidator.Sql(request.Sql);
        RequestValidator.Submission(request.StatementName, request.ClientToken, request.ResultFormat, request.SessionKeepAliveSeconds, request.Parameters, request.SessionId);
        RequestValidator.WaitTimeSeconds(request.WaitTimeSeconds);
        RequestValidator.Target(request.ClusterIdentifier, request.WorkgroupName, request.SessionId);
        if (request.SecretArn is not null) secrets.CheckDatabaseSecret(request.SecretArn);

        if (request.ClientToken is not null && _clientTokens.TryGetValue((caller.AccessKeyId, request.ClientToken), out var earlier))
        {
            await earlier.WaitAsync(Wait(request.WaitTimeSeconds), cancellationToken).ConfigureAwait(false);
            return ExecuteResponse(earlier);
        }

        var bound = ParameterBinder.Bind(request.Sql!, request.Parameters);
        var record = new StatementRecord
        {
            Id = Guid.NewGuid().ToString(),
            OwnerAccessKeyId = caller.AccessKeyId,
            QueryString = request.Sql!,
            Parameters = request.Parameters,
            StatementName = request.StatementName,
            ResultFormat = request.ResultFormat ?? ResultFormatString.JSON,
            ClusterIdentifier = request.ClusterIdentifier,
            WorkgroupName = request.WorkgroupName,
            Database = request.Database,
            DbUser = request.DbUser,
            SecretArn = request.SecretArn,
            CreatedAt = Now,
        };
        await SubmitAsync(record, [bound], request.SessionId, request.SessionKeepAliveSeconds, caller, request.ClientToken).ConfigureAwait(false);
        await record.WaitAsync(Wait(request.WaitTimeSeconds), cancellationToken).ConfigureAwait(false);
        return ExecuteResponse(record);
    }

    public async Task<BatchExecuteStatementResponse> BatchExecuteStatementAsync(BatchExecuteStatementRequest request, LocalCredential caller, CancellationToken cancellationToken)
    {
        if (request.Sqls is null) throw ServiceError.Required("sqls");
        if (request.Sqls.Count is < 1 or > MaxBatchStatements)
        {
            throw ServiceError.Constraint("sqls", null, $"Member must have length between 1 and {MaxBatchStatements}");
        }

        foreach (string sql in request.Sqls) RequestValidator.Sql(sql, "sqls.member");
        RequestValidator.Submission(request.StatementName, request.ClientToken, request.ResultFormat, request.SessionKeepAliveSeconds, request.Parameters, request.SessionId);
        RequestValidator.WaitTimeSeconds(request.WaitTimeSeconds);
        RequestValidator.Target(request.ClusterIdentifier, request.WorkgroupName, request.SessionId);
        if (request.ExecutionMode is { } mode && mode != ExecutionMode.TRANSACTION && mode != ExecutionMode.AUTO_COMMIT)
        {
            throw ServiceError.Constraint("executionMode", mode.Value, "Member must satisfy enum value set: [TRANSACTION, AUTO_COMMIT]");
        }

        if (request.SecretArn is not null) secrets.CheckDatabaseSecret(request.SecretArn);
        if (request.ClientToken is not null && _clientTokens.TryGetValue((caller.AccessKeyId, request.ClientToken), out var earlier))
        {
            await earlier.WaitAsync(Wait(request.WaitTimeSeconds), cancellationToken).ConfigureAwait(false);
            return BatchResponse(earlier);
        }

        var bound = request.Sqls.Select(sql => ParameterBinder.BindAllowingUnused(sql, request.Parameters)).ToList();
        ParameterBinder.ThrowIfUnused(request.Parameters, bound.SelectMany(b => b.UsedNames).ToHashSet(StringComparer.Ordinal));
        string id = Guid.NewGuid().ToString();
        var now = Now;
        var record = new StatementRecord
        {
            Id = id,
            OwnerAccessKeyId = caller.AccessKeyId,
            QueryString = string.Join("; ", request.Sqls),
            QueryStrings = request.Sqls,
            Parameters = request.Parameters,
            StatementName = request.StatementName,
            ResultFormat = request.ResultFormat ?? ResultFormatString.JSON,
            ClusterIdentifier = request.ClusterIdentifier,
            WorkgroupName = request.WorkgroupName,
            Database = request.Database,
            DbUser = request.DbUser,
            SecretArn = request.SecretArn,
            ExecutionMode = request.ExecutionMode ?? ExecutionMode.TRANSACTION,
            IsBatch = true,
            CreatedAt = now,
            SubStatements = request.Sqls.Select((sql, i) => new StatementRecord
            {
                Id = $"{id}:{i + 1}",
                OwnerAccessKeyId = caller.AccessKeyId,
                QueryString = sql,
                ResultFormat = request.ResultFormat ?? ResultFormatString.JSON,
                CreatedAt = now,
            }).ToList(),
        };
        await SubmitAsync(record, bound, request.SessionId, request.SessionKeepAliveSeconds, caller, request.ClientToken).ConfigureAwait(false);
        await record.WaitAsync(Wait(request.WaitTimeSeconds), cancellationToken).ConfigureAwait(false);
        return BatchResponse(record);
    }

    private long _lastPurgeTicks;

    /// <summary>Frees the rows of results past their retention (at most once a second), so a long-lived server does not grow.</summary>
    private void ReleaseExpiredResultsThrottled()
    {
        var now = Now;
        long last = Interlocked.Read(ref _lastPurgeTicks);
        if (now.Ticks - last < TimeSpan.TicksPerSecond || Interlocked.CompareExchange(ref _lastPurgeTicks, now.Ticks, last) != last)
        {
            return;
        }

        ReleaseExpiredResults();
    }

    /// <summary>
    /// Releases the results past <see cref="LocalServerOptions.ResultRetention"/>, then, while all kept results (memory and
    /// spill) exceed <see cref="LocalServerOptions.RetainedResultBytesLimit"/>, those not being paged in
    /// <see cref="RetainedResultEviction"/>'s order; returns how many.
    /// Statements ended longer than the retention ago are forgotten too (ListStatements, DescribeStatement), as the Data
    /// API keeps a statement's metadata for 24 hours; their ids are remembered for one more retention so that asking for
    /// one says it expired.
    /// </summary>
    public int ReleaseExpiredResults()
    {
        var now = Now;
        int released = ForgetExpiredStatements(now);
        var kept = new List<StatementRecord>();
        foreach (var holder in ResultHolders())
        {
            if (holder.Result is null || !holder.IsTerminal) continue;
            if (now - (holder.EndedAt ?? holder.CreatedAt) > options.ResultRetention)
            {
                if (holder.ReleaseResult(early: false)) released++;
            }
            else
            {
                kept.Add(holder);
            }
        }

        return released + ReleaseOldestPastLimit(kept, spare: null);
    }

    /// <summary>
    /// Holds the retained results to <see cref="LocalServerOptions.RetainedResultBytesLimit"/> as soon as a statement ends
    /// with one (a burst of large results would otherwise stay over the limit until the next submission or sweep), before it
    /// reads as ended: a client that saw FINISHED must not start reading a result that is released under it. Every end
    /// runs it, FAILED and ABORTED too: a batch that fails or is cancelled keeps the results of the statements it finished. The
    /// result that just ended is spared (its client is about to read it) unless only results being paged are left beside it.
    /// </summary>
    private void EnforceRetainedLimit(StatementRecord finished)
    {
        bool holdsResult = finished.IsBatch ? finished.SubStatements.Any(s => s.Result is not null) : finished.Result is not null;
        if (!holdsResult) return;
        var kept = ResultHolders().Where(h => h.Result is not null && (h.IsTerminal || IsSpared(h, finished))).ToList();
        ReleaseOldestPastLimit(kept, spare: finished);
    }

    private readonly object _evictionGate = new();

    /// <summary>
    /// Releases results of <paramref name="kept"/> while their total passes the limit, in
    /// <see cref="RetainedResultEviction"/>'s order and never one a client is paging through; when those alone leave no
    /// room, <paramref name="spare"/>'s (the statement that just ended) goes instead. Returns how many were released.
    /// </summary>
    private int ReleaseOldestPastLimit(List<StatementRecord> kept, StatementRecord? spare)
    {
        lock (_evictionGate)
        {
            var now = Now;
            int released = 0;
            long retained = kept.Sum(r => r.Result?.SizeBytes ?? 0);
            foreach (var candidate in RetainedResultEviction.Candidates(kept, now))
            {
                if (retained <= options.RetainedResultBytesLimit) break;
                if (IsSpared(candidate, spare)) continue;
                retained -= candidate.Result?.SizeBytes ?? 0;
                if (candidate.ReleaseResult(early: true)) released++;
            }

            // Only results being read (and the new one) are left. The new one is kept alone even past the limit (its
            // client is about to read it, as before); beside reads under way it goes, so they never lose a page.
            var fresh = kept.Where(r => IsSpared(r, spare)).ToList();
            long freshBytes = fresh.Sum(r => r.Result?.SizeBytes ?? 0);
            if (retained > options.RetainedResultBytesLimit && retained - freshBytes > 0)
            {
                foreach (var holder in fresh)
                {
                    if (holder.ReleaseResult(early: true, besideReads: true)) released++;
                }
            }

            return released;
        }
    }

    private static bool IsSpared(StatementRecord holder, StatementRecord? spare)
        => spare is not null && (ReferenceEquals(holder, spare) || spare.SubStatements.Contains(holder));

    /// <summary>Removes the statements (a batch with its sub-statements) that ended more than the retention ago; returns the results released.</summary>
    private int ForgetExpiredStatements(DateTime now)
    {
        int released = 0;
        foreach (var (id, record) in _statements)
        {
            if (record.IsTerminal && now - (record.EndedAt ?? record.CreatedAt) > options.ResultRetention && _statements.TryRemove(id, out _))
            {
                _expiredStatements[id] = now;
                foreach (var sub in record.IsBatch ? record.SubStatements : [record])
                {
                    if (sub.ReleaseResult(early: false)) released++;
                }
            }
        }

        foreach (var (key, record) in _clientTokens)
        {
            if (_expiredStatements.ContainsKey(record.Id)) _clientTokens.TryRemove(key, out _);
        }

        foreach (var (id, forgottenAt) in _expiredStatements)
        {
            if (now - forgottenAt > options.ResultRetention) _expiredStatements.TryRemove(id, out _);
        }

        return released;
    }

    /// <summary>Releases every finished statement's result now (they read as expired afterwards); returns how many.</summary>
    public int ReleaseAllResults()
    {
        int released = 0;
        foreach (var holder in ResultHolders())
        {
            if (holder.IsTerminal && holder.ReleaseResult(early: true))
            {
                released++;
            }
        }

        return released;
    }

    private IEnumerable<StatementRecord> ResultHolders()
    {
        foreach (var record in _statements.Values)
        {
            if (!record.IsBatch)
            {
                yield return record;
                continue;
            }

            foreach (var sub in record.SubStatements)
            {
                yield return sub;
            }
        }
    }

    private async Task SubmitAsync(StatementRecord record, IReadOnlyList<BoundSql> bound, string? sessionId, int? keepAlive, LocalCredential caller, string? clientToken)
    {
        ReleaseExpiredResultsThrottled();
        if (Interlocked.Increment(ref _active) > options.MaxActiveStatements)
        {
            Interlocked.Decrement(ref _active);
            throw ServiceError.ActiveStatementsExceeded(options.MaxActiveStatements);
        }

        LocalSession? session = null;
        try
        {
            if (sessionId is not null)
            {
                session = await sessions.ClaimAsync(sessionId, record.Id).ConfigureAwait(false);
                if (keepAlive is > 0) session.KeepAliveSeconds = keepAlive.Value;
                record.SessionId = session.Id;
            }
            else if (keepAlive is > 0)
            {
                record.SessionId = Guid.NewGuid().ToString();
                session = await executor.OpenSessionAsync(record, record.SessionId, keepAlive.Value, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch
        {
            Interlocked.Decrement(ref _active);
            throw;
        }

        if (clientToken is not null)
        {
            var winner = _clientTokens.GetOrAdd((caller.AccessKeyId, clientToken), record);
            if (!ReferenceEquals(winner, record))
            {
                // A concurrent retry with the same token got there first: this one does not run.
                Interlocked.Decrement(ref _active);
                session?.Release(Now);
                return;
            }
        }

        _statements[record.Id] = record;
        executor.Start(record, bound, session, beforeEnded: () => EnforceRetainedLimit(record), onFinished: () => Interlocked.Decrement(ref _active));
    }

    public async Task<DescribeStatementResponse> DescribeStatementAsync(DescribeStatementRequest request, CancellationToken cancellationToken)
    {
        var record = Find(RequestValidator.RequireStatementId(request.Id));
        RequestValidator.WaitTimeSeconds(request.WaitTimeSeconds);
        await record.WaitAsync(Wait(request.WaitTimeSeconds), cancellationToken, options.MaxWaitingRequestsPerStatement).ConfigureAwait(false);
        var now = Now;
        if (!record.IsTerminal && faults.NextStatusIsUnknown())
        {
            return new DescribeStatementResponse
            {
                Id = record.Id, Status = new StatusString("UNKNOWN"), Duration = -1, RedshiftPid = 0, QueryString = record.QueryString,
                CreatedAt = record.CreatedAt, UpdatedAt = record.CreatedAt, HasResultSet = false, ResultRows = -1, ResultSize = -1,
            };
        }

        return new DescribeStatementResponse
        {
            Id = record.Id,
            SecretArn = record.SecretArn,
            DbUser = record.DbUser,
            Database = record.Database,
            ClusterIdentifier = record.ClusterIdentifier,
            WorkgroupName = record.WorkgroupName,
            Duration = record.DurationNanos(now),
            Error = record.Error,
            Status = record.Status,
            CreatedAt = record.CreatedAt,
            UpdatedAt = record.UpdatedAt == default ? record.CreatedAt : record.UpdatedAt,
            RedshiftPid = record.RedshiftPid,
            HasResultSet = record.HasResultSet,
            QueryString = record.QueryString,
            ResultRows = record.IsTerminal ? record.ResultRows : -1,
            ResultSize = record.IsTerminal ? record.ResultSize : -1,
            RedshiftQueryId = record.IsBatch ? 0 : record.RedshiftQueryId,
            QueryParameters = record.Parameters?.ToList(),
            SubStatements = record.IsBatch ? record.SubStatements.Select(s => SubStatement(s, now)).ToList() : null,
            ResultFormat = record.ResultFormat,
            SessionId = record.SessionId,
            ExecutionMode = record.ExecutionMode,
        };
    }

    private static SubStatementData SubStatement(StatementRecord s, DateTime now) => new()
    {
        Id = s.Id,
        Duration = s.DurationNanos(now),
        Error = s.Error,
        Status = s.Status,
        CreatedAt = s.CreatedAt,
        UpdatedAt = s.UpdatedAt == default ? s.CreatedAt : s.UpdatedAt,
        QueryString = s.QueryString,
        ResultRows = s.IsTerminal ? s.ResultRows : -1,
        ResultSize = s.IsTerminal ? s.ResultSize : -1,
        RedshiftQueryId = s.RedshiftQueryId == 0 ? -1 : s.RedshiftQueryId,
        HasResultSet = s.HasResultSet,
    };

    /// <summary>GetStatementResult: one JSON page, copied from the stored page into the response.</summary>
    public async Task WriteStatementResultAsync(GetStatementResultRequest request, System.Text.Json.Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        var (record, lease, reader, page) = await ResultPageAsync(request.Id, request.NextToken, request.WaitTimeSeconds, ResultFormatString.JSON, cancellationToken).ConfigureAwait(false);
        using (lease)
        {
            ResultPageWriter.WriteJsonPage(json, lease, page, page + 1 < lease.Result.PageCount ? PageToken.CreateResultPage(record.Id, reader, page + 1) : null);
        }
    }

    /// <summary>GetStatementResultV2: one CSV page, copied from the stored page into the response.</summary>
    public async Task WriteStatementResultV2Async(GetStatementResultV2Request request, System.Text.Json.Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        var (record, lease, reader, page) = await ResultPageAsync(request.Id, request.NextToken, request.WaitTimeSeconds, ResultFormatString.CSV, cancellationToken).ConfigureAwait(false);
        using (lease)
        {
            ResultPageWriter.WriteCsvPage(json, lease, page, page + 1 < lease.Result.PageCount ? PageToken.CreateResultPage(record.Id, reader, page + 1) : null);
        }
    }

    /// <summary>
    /// The statement's result, held by a lease (dispose it) so that a release while the page is copied out waits for the
    /// copy; a result released before the lease reads as expired.
    /// </summary>
    private async Task<(StatementRecord Record, StoredResult.Lease Lease, int Reader, int Page)> ResultPageAsync(
        string? id, string? nextToken, int? waitTimeSeconds, ResultFormatString format, CancellationToken cancellationToken)
    {
        string statementId = RequestValidator.RequireStatementId(id);
        if (_expiredStatements.ContainsKey(statementId.Split(':')[0]))
        {
            // The statement is forgotten with its result; the result's own wording, as the service answers past 24 hours.
            throw Expired();
        }

        var record = Find(statementId);
        RequestValidator.WaitTimeSeconds(waitTimeSeconds);
        if (record.IsBatch)
        {
            throw ServiceError.Validation("BatchExecuteStatement result can only be retrieved with sub-statement id.");
        }

        await record.WaitAsync(Wait(waitTimeSeconds), cancellationToken, options.MaxWaitingRequestsPerStatement).ConfigureAwait(false);
        if (record.Status != StatusString.FINISHED || !record.HasResultSet)
        {
            throw ServiceError.NotFound("Query does not have result. Please check query status.", record.Id);
        }

        if (record.ResultFormat != format)
        {
            throw ServiceError.Validation(format == ResultFormatString.JSON
                ? "The query result format is CSV. Use GetStatementResultV2 to retrieve the result."
                : "The query result format is JSON. Use GetStatementResult to retrieve the result.");
        }

        var finishedAt = record.EndedAt ?? record.CreatedAt;
        if (Now - finishedAt > options.ResultRetention)
        {
            record.ReleaseResult(early: false);
            throw Expired();
        }

        if (record.ResultEvicted)
        {
            throw Evicted(record);
        }

        var lease = record.Result?.TryLease();
        if (lease is null)
        {
            // Released between the checks above and now (expiry, the memory limit, or on request): as expired.
            throw record.ResultEvicted ? Evicted(record) : Expired();
        }

        int reader, page;
        try
        {
            (reader, page) = nextToken is null ? (0, 0) : PageToken.ReadResultPage(nextToken, record.Id);
            if (page >= lease.Result.PageCount || (nextToken is not null && !record.Readers.WasStarted(reader)))
            {
                throw ServiceError.Validation("The NextToken is not valid.");
            }
        }
        catch
        {
            lease.Dispose();
            throw;
        }

        // A result being paged is spared by the retained-result limit until each of its readers fetched its last page
        // (RetainedResultEviction); a fetch without a NextToken starts a reader.
        if (nextToken is null) reader = record.Readers.Start();
        record.Readers.NoteFetch(reader, handedNextToken: page + 1 < lease.Result.PageCount, Now);
        return (record, lease, reader, page);
    }

    private ServiceError Expired() => ServiceError.Validation($"Could not retrieve the query result as it has expired after {FormatRetention(options.ResultRetention)}");

    /// <summary>
    /// A result the local server dropped before its retention ended. Redshift keeps every result for the retention;
    /// only this server drops one early, so the message says why, after the service's "expired" wording that clients
    /// match on.
    /// </summary>
    private ServiceError Evicted(StatementRecord record) => ServiceError.Validation(
        $"Could not retrieve the query result as it has expired: the local server released it before its {FormatRetention(options.ResultRetention)}, " +
        (record.ResultEvictedBesideReads
            ? "as soon as it finished, because the results being paged left no room for it under the limit of the results it keeps " +
              "(`redshift-typed local --retained-result-limit MB`, LocalServerOptions.RetainedResultBytesLimit; a read is under way until its last page " +
              $"is fetched, or {RetainedResultEviction.ReadGrace.TotalMinutes:0} minutes after its last fetch). Finish the reads under way and run the statement again, or raise the limit."
            : "because the results it keeps passed their limit (results not being paged go first; `redshift-typed local --retained-result-limit MB`, " +
              "LocalServerOptions.RetainedResultBytesLimit) or ReleaseAllResults was called. Run the statement again, or raise the limit."));

    private static string FormatRetention(TimeSpan retention)
        => retention.TotalHours >= 1 && retention.TotalHours == Math.Floor(retention.TotalHours)
            ? $"{retention.TotalHours:0} hours"
            : $"{retention.TotalSeconds:0} seconds";

    public async Task<CancelStatementResponse> CancelStatementAsync(CancelStatementRequest request, CancellationToken cancellationToken)
    {
        var record = Find(RequestValidator.RequireStatementId(request.Id));
        if (record.IsTerminal)
        {
            throw ServiceError.Validation($"Could not cancel a query that is already in {record.Status.Value} state with ID: {record.Id}");
        }

        await record.Cancellation.CancelAsync().ConfigureAwait(false);
        // Answer once the statement is ABORTED, so a DescribeStatement right after sees it.
        await record.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
        return new CancelStatementResponse { Status = true };
    }

    public ListStatementsResponse ListStatements(ListStatementsRequest request, LocalCredential caller)
    {
        RequestValidator.MaxResults(request.MaxResults, 100);
        RequestValidator.OptionalTarget(request.ClusterIdentifier, request.WorkgroupName);
        // "By default, only finished statements are shown."
        var status = request.Status ?? StatusString.FINISHED;
        var matching = _statements.Values
            .Where(s => s.OwnerAccessKeyId == caller.AccessKeyId)
            .Where(s => status == StatusString.ALL || s.Status == status)
            .Where(s => request.StatementName is null || (s.StatementName?.StartsWith(request.StatementName, StringComparison.Ordinal) ?? false))
            .Where(s => request.Database is null || s.Database == request.Database)
            .Where(s => request.ClusterIdentifier is null || s.ClusterIdentifier == request.ClusterIdentifier)
            .Where(s => request.WorkgroupName is null || s.WorkgroupName == request.WorkgroupName)
            .OrderByDescending(s => s.CreatedAt).ThenBy(s => s.Id, StringComparer.Ordinal)
            .ToList();
        var (page, next) = PageToken.Slice(matching, request.NextToken, request.MaxResults, 100, "ListStatements");
        return new ListStatementsResponse
        {
            Statements = page.Select(s => new StatementData
            {
                Id = s.Id,
                QueryString = s.IsBatch ? null : s.QueryString,
                QueryStrings = s.IsBatch ? [.. s.QueryStrings!] : null,
                SecretArn = s.SecretArn,
                Status = s.Status,
                StatementName = s.StatementName,
                CreatedAt = s.CreatedAt,
                UpdatedAt = s.UpdatedAt == default ? s.CreatedAt : s.UpdatedAt,
                QueryParameters = s.Parameters?.ToList(),
                IsBatchStatement = s.IsBatch,
                ResultFormat = s.ResultFormat,
                SessionId = s.SessionId,
            }).ToList(),
            NextToken = next,
        };
    }

    public async Task<ListSessionsResponse> ListSessionsAsync(ListSessionsRequest request, LocalCredential caller)
    {
        RequestValidator.MaxResults(request.MaxResults, 100);
        RequestValidator.OptionalTarget(request.ClusterIdentifier, request.WorkgroupName);
        if (request.SessionId is not null) RequestValidator.Submission(null, null, null, null, null, request.SessionId);
        var all = await sessions.ListAsync().ConfigureAwait(false);
        var matching = all
            .Where(s => s.OwnerAccessKeyId == caller.AccessKeyId)
            .Select(s => s.Describe())
            .Where(s => request.SessionId is not null
                ? s.SessionId == request.SessionId
                : request.Status is { } status ? s.Status == status : s.Status != SessionStatusString.CLOSED)
            .Where(s => request.SessionId is not null || request.Database is null || s.Database == request.Database)
            .Where(s => request.SessionId is not null || request.ClusterIdentifier is null || s.ClusterIdentifier == request.ClusterIdentifier)
            .Where(s => request.SessionId is not null || request.WorkgroupName is null || s.WorkgroupName == request.WorkgroupName)
            .OrderByDescending(s => s.CreatedAt).ThenBy(s => s.SessionId, StringComparer.Ordinal)
            .ToList();
        var (page, next) = PageToken.Slice(matching, request.NextToken, request.MaxResults, 100, "ListSessions");
        return new ListSessionsResponse { Sessions = page, NextToken = next };
    }

    /// <summary>Cancels every statement still running (the server is stopping) and waits briefly for them to stop.</summary>
    public async Task CancelAllAsync()
    {
        var running = _statements.Values.Where(s => !s.IsTerminal).ToList();
        foreach (var record in running)
        {
            await record.Cancellation.CancelAsync().ConfigureAwait(false);
        }

        await Task.WhenAll(running.Select(r => r.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None))).ConfigureAwait(false);
    }

    private StatementRecord Find(string id)
    {
        int colon = id.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return _statements.GetValueOrDefault(id) ?? throw NotFound(id, id);
        }

        if (_statements.TryGetValue(id[..colon], out var batch) && batch.IsBatch
            && int.TryParse(id[(colon + 1)..], out int index) && index >= 1 && index <= batch.SubStatements.Count)
        {
            return batch.SubStatements[index - 1];
        }

        throw NotFound(id, id[..colon]);
    }

    /// <summary>"Query does not exist.", saying why when the statement existed and was forgotten after the retention.</summary>
    private ServiceError NotFound(string id, string statementId)
        => _expiredStatements.ContainsKey(statementId)
            ? ServiceError.NotFound(
                $"Query does not exist: statement {id} expired, as statements do {FormatRetention(options.ResultRetention)} after they end (its metadata and result are gone). Run the statement again.",
                id)
            : ServiceError.StatementNotFound(id);

    private static TimeSpan Wait(int? seconds) => seconds is int s ? TimeSpan.FromSeconds(s) : TimeSpan.Zero;

    private static ExecuteStatementResponse ExecuteResponse(StatementRecord record) => Submission<ExecuteStatementResponse>(record);

    private static BatchExecuteStatementResponse BatchResponse(StatementRecord record) => Submission<BatchExecuteStatementResponse>(record);

    private static T Submission<T>(StatementRecord record) where T : IStatementSubmission, new() => new()
    {
        Id = record.Id,
        CreatedAt = record.CreatedAt,
        ClusterIdentifier = record.ClusterIdentifier,
        WorkgroupName = record.WorkgroupName,
        Database = record.Database,
        DbUser = record.DbUser,
        SecretArn = record.SecretArn,
        SessionId = record.SessionId,
        Status = record.Status,
        RedshiftPid = record.RedshiftPid == 0 ? null : record.RedshiftPid,
        HasResultSet = record.IsTerminal ? record.HasResultSet : null,
    };
}
