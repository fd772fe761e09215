using RedshiftTyped.Local.Engine;

namespace RedshiftTyped.Local.Catalog;

/// <summary>
/// What the server does for one statement: the engine SQL to run (none when the server answers it alone), the
/// server's work before it on the statement's connection (system views, external data), and the catalog
/// changes once it has succeeded. Disposing releases what the plan holds (identity counters).
/// </summary>
internal sealed class StatementPlan : IDisposable
{
    private readonly List<Action<IEngineConnection, CancellationToken>> _before = [];
    private readonly List<Action<IEngineConnection, long>> _after = [];
    private readonly List<IDisposable> _held = [];

    public StatementPlan(string? sql) => Sql = sql;

    /// <summary>The engine statement; null when the server answers the statement itself.</summary>
    public string? Sql { get; }

    /// <summary>
    /// For a statement the server runs itself on the statement's connection (UNLOAD): does it and returns the rows it
    /// processed. Null for an engine statement or a catalog-only one.
    /// </summary>
    public Func<IEngineConnection, CancellationToken, long>? RunOnServer { get; init; }

    /// <summary>The result columns the dialect layer planned (Redshift's names and types); null when it passed the statement through.</summary>
    public IReadOnlyList<Dialect.Typing.OutputColumn>? Columns { get; init; }

    /// <summary>Work to do on the statement's connection before the engine statement runs.</summary>
    public StatementPlan Before(Action<IEngineConnection, CancellationToken> step)
    {
        _before.Add(step);
        return this;
    }

    /// <summary>Work once the statement has succeeded, given its connection and the rows it changed.</summary>
    public StatementPlan After(Action<IEngineConnection, long> step)
    {
        _after.Add(step);
        return this;
    }

    /// <summary>Something to release when the statement has ended, however it ended.</summary>
    public StatementPlan Hold(IDisposable resource)
    {
        _held.Add(resource);
        return this;
    }

    public void Prepare(IEngineConnection connection, CancellationToken cancellationToken)
    {
        foreach (var step in _before)
        {
            cancellationToken.ThrowIfCancellationRequested();
            step(connection, cancellationToken);
        }
    }

    public void Complete(IEngineConnection connection, long affectedRows)
    {
        foreach (var step in _after)
        {
            step(connection, affectedRows);
        }
    }

    public void Dispose()
    {
        foreach (var resource in _held)
        {
            resource.Dispose();
        }

        _held.Clear();
    }
}
