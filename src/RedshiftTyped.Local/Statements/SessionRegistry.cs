using System.Collections.Concurrent;
using RedshiftTyped.Local.Engine;
using RedshiftTyped.Local.Protocol;

namespace RedshiftTyped.Local.Statements;

/// <summary>A Data API session: one engine connection kept between statements (temporary tables survive), one statement at a time.</summary>
internal sealed class LocalSession(string id, IEngineConnection connection, int keepAliveSeconds, DateTime now)
{
    private readonly SemaphoreSlim _busy = new(1, 1);

    public string Id { get; } = id;

    public IEngineConnection Connection { get; } = connection;

    public int KeepAliveSeconds { get; set; } = keepAliveSeconds;

    public DateTime CreatedAt { get; } = now;

    public DateTime ExpiresAt { get; set; } = now.AddSeconds(keepAliveSeconds);

    public bool Closed { get; set; }

    /// <summary>Claims the session for one statement; a session runs one statement at a time and does not queue.</summary>
    public bool TryClaim() => !Closed && _busy.Wait(0);

    public void Release(DateTime now)
    {
        ExpiresAt = now.AddSeconds(KeepAliveSeconds);
        _busy.Release();
    }

    public bool IsBusy => _busy.CurrentCount == 0;
}

/// <summary>Open sessions by id; expired idle sessions are closed when the registry is next used.</summary>
internal sealed class SessionRegistry(TimeProvider time) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, LocalSession> _sessions = new(StringComparer.Ordinal);

    public LocalSession Add(string id, IEngineConnection connection, int keepAliveSeconds)
    {
        var session = new LocalSession(id, connection, keepAliveSeconds, time.GetUtcNow().UtcDateTime);
        _sessions[session.Id] = session;
        return session;
    }

    /// <summary>The session, claimed for one statement; "Session is not available" when it is unknown, closed or busy.</summary>
    public async Task<LocalSession> ClaimAsync(string id)
    {
        await CloseExpiredAsync().ConfigureAwait(false);
        if (!_sessions.TryGetValue(id, out var session) || !session.TryClaim())
        {
            throw ServiceError.Validation("Session is not available");
        }

        return session;
    }

    public async Task CloseExpiredAsync()
    {
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var session in _sessions.Values)
        {
            if (!session.IsBusy && session.ExpiresAt <= now && _sessions.TryRemove(session.Id, out _))
            {
                session.Closed = true;
                await session.Connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var session in _sessions.Values)
        {
            session.Closed = true;
            await session.Connection.DisposeAsync().ConfigureAwait(false);
        }

        _sessions.Clear();
    }
}
