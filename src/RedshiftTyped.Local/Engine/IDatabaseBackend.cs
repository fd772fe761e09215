using System.Data.Common;

namespace RedshiftTyped.Local.Engine;

/// <summary>
/// A database engine behind the server. Each statement gets its own <see cref="IEngineConnection"/>, so readers
/// never wait on one another; the engine's own concurrency control is the only lock.
/// </summary>
internal interface IDatabaseBackend : IAsyncDisposable
{
    /// <summary>
    /// Opens the engine, checks it may serve statements, and creates the default schema and whatever the engine needs
    /// before the first statement. Throws <see cref="LocalServerStartException"/> naming the input when it cannot.
    /// </summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Called once the server's own set-up (sample, init SQL) is done: from here on no statement may reach the host's
    /// files, programs or network, except the directories the server was given at start-up.
    /// </summary>
    Task LockDownAsync(CancellationToken cancellationToken);

    Task<IEngineConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>The engine type that stores a Redshift type (e.g. SUPER → JSON on DuckDB).</summary>
    string EngineType(RsTypeInfo type);

    /// <summary>Whether boolean defaults like <c>'N'</c> must become true/false literals for this engine.</summary>
    bool NeedsBooleanLiteralDefaults { get; }

    /// <summary>Loads rows fast (DuckDB appender, PostgreSQL binary COPY). Values are CLR values of the column types.</summary>
    Task BulkInsertAsync(IEngineConnection connection, string schema, string table, IReadOnlyList<RsTypeInfo> types,
        IEnumerable<object?[]> rows, CancellationToken cancellationToken);

    /// <summary>Lists tables and views: schema, name, Redshift table type.</summary>
    string ListTablesSql { get; }

    /// <summary>Lists columns: schema, table, column, engine type, nullable (YES/NO), default, ordinal.</summary>
    string ListColumnsSql { get; }

    /// <summary>Lists schemas.</summary>
    string ListSchemasSql { get; }
}

/// <summary>One engine connection, used by one statement (or one session) at a time.</summary>
internal interface IEngineConnection : IAsyncDisposable
{
    /// <summary>The process id reported as RedshiftPid.</summary>
    int Pid { get; }

    /// <summary>A command with positional parameters (<c>$1</c>...) bound as engine parameters whose types the engine infers.</summary>
    DbCommand CreateCommand(string sql, IReadOnlyList<string> parameterValues);

    /// <summary>The Redshift type of each result column as the engine reports it, and whether it may be NULL.</summary>
    IReadOnlyList<(RsTypeInfo Type, bool Nullable)> DescribeColumns(DbDataReader reader);

    /// <summary>
    /// A rewrite of a query whose columns the engine cannot hand over exactly (DuckDB: decimals wider than
    /// System.Decimal), selecting them as text instead; null when the query can be read as it is.
    /// </summary>
    string? ExactRewrite(DbDataReader reader, IReadOnlyList<(RsTypeInfo Type, bool Nullable)> columns, string sql);

    /// <summary>A column value in the form <see cref="FieldEncoder"/> takes (CLR value or engine text).</summary>
    object? ReadValue(DbDataReader reader, int ordinal, RsTypeInfo type);
}
