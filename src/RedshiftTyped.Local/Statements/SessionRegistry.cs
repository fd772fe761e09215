using System.Collections.Concurrent;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Local.Engine;
using RedshiftTyped.Local.Protocol;

namespace RedshiftTyped.Local.Statements;

/// <summary>A Data API session: one engine connection kept between statements (temporary tables survive), one statement at a time.</summary>
internal sealed class LocalSession(string id, IEngineConnection connection, int keepAliveSeconds, DateTime now, StatementRecord creator)
{
    private readonly SemaphoreSlim _busy = new(1, 1);

    public string Id { get; } = id;

    public IEngineConnection Connection { get; } = connection;

    public int KeepAliveSeconds { get; set; } = keepAliveSeconds;

    public DateTime CreatedAt { get; } = now;

    public DateTime UpdatedAt { get; private set; } = now;

    public DateTime ExpiresAt { get; private set; } = now.AddSeconds(keepAliveSeconds);

    public string OwnerAccessKeyId { get; } = creator.OwnerAccessKeyId;

    public string? Database { get; } = creator.Database;

    public string? DbUser { get; } = creator.DbUser;

    public string? ClusterIdentifier { get; } = creator.ClusterIdentifier;

    public string? WorkgroupName { get; } = creator.WorkgroupName;

    public string? CurrentStatementId { get; private set; } = creator.Id;

    public bool Closed { get; set; }

    public bool IsBusy => _busy.CurrentCount == 0;

    /// <summary>Claims the session for one statement; a session runs one statement at a time and does not queue.</summary>
    public bool TryClaim(string statementId)
    {
        if (Closed || !_busy.Wait(0)) return false;
        CurrentStatementId = statementId;
        return true;
    }

    public void Release(DateTime now)
    {
        UpdatedAt = now;
        ExpiresAt = now.AddSeconds(KeepAliveSeconds);
        CurrentStatementId = null;
        _busy.Release();
    }

    public SessionData Describe() => new()
    {
        SessionId = Id,
        Status = Closed ? SessionStatusString.CLOSED : IsBusy ? SessionStatusString.BUSY : SessionStatusString.AVAILABLE,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
        Database = Database,
        DbUser = DbUser,
        ClusterIdentifier = ClusterIdentifier,
        WorkgroupName = WorkgroupName,
        SessionAliveSeconds = KeepAliveSeconds,
        SessionTtl = ExpiresAt,
        CurrentStatementId = IsBusy && !Closed ? CurrentStatementId : null,
    };
}

/// <summary>Sessions by id; idle sessions past their keep-alive are closed (and stay listed as CLOSED) when the registry is next used.</summary>
internal sealed class SessionRegistry(TimeProvider time) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, LocalSession> _sessions = new(StringComparer.Ordinal);

    /// <summary>Opens a session on <paramref name="connection"/>, claimed by the statement that creates it.</summary>
    public LocalSession Add(string id, IEngineConnection connection, int keepAliveSeconds, StatementRecord creator)
    {
        var session = new LocalSession(id, connection, keepAliveSeconds, time.GetUtcNow().UtcDateTime, creator);
        session.TryClaim(creator.Id);
        _sessions[session.Id] = session;
        return session;
    }

    /// <summary>The session, claimed for one statement; "Session is not available" when it is unknown, closed or busy.</summary>
    public async Task<LocalSession> ClaimAsync(string id, string statementId)
    {
        await CloseExpiredAsync().ConfigureAwait(false);
        if (!_sessions.TryGetValue(id, out var session) || !session.TryClaim(statementId))
        {
            throw ServiceError.Validation("Session is not available");
        }

        return session;
    }

    public async Task<IReadOnlyList<LocalSession>> ListAsync()
    {
        await CloseExpiredAsync().ConfigureAwait(false);
        return [.. _sessions.Values];
    }

    public async Task CloseExpiredAsync()
    {
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var session in _sessions.Values)
        {
            if (!session.Closed && !session.IsBusy && session.ExpiresAt <= now)
            {
                session.Closed = true;
                await session.Connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var session in _sessions.Values.Where(s => !s.Closed))
        {
            session.Closed = true;
            await session.Connection.DisposeAsync().ConfigureAwait(false);
        }

        _sessions.Clear();
    }
}
