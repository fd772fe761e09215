using System.Data.Common;
using Microsoft.Extensions.Logging;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Local.Dialect;
using RedshiftTyped.Local.Dialect.Typing;
using RedshiftTyped.Local.Engine;
using RedshiftTyped.Local.Protocol;
using RedshiftTyped.Local.Results;

namespace RedshiftTyped.Local.Statements;

/// <summary>
/// Runs submitted statements in the background: SUBMITTED while waiting for an execution slot, PICKED when it
/// has one, STARTED on its own engine connection, then FINISHED, FAILED (with the engine's message) or ABORTED
/// (cancelled). Results are encoded and paged as they are read.
/// </summary>
internal sealed class StatementExecutor
{
    private static readonly HashSet<string> NonQueryWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "insert", "update", "delete", "merge", "create", "drop", "alter", "truncate", "begin", "start", "commit", "end",
        "rollback", "abort", "set", "reset", "grant", "revoke", "comment", "analyze", "vacuum", "copy", "unload", "lock",
    };

    private readonly IDatabaseBackend _backend;
    private readonly LocalServerOptions _options;
    private readonly FaultInjector _faults;
    private readonly SessionRegistry _sessions;
    private readonly SemaphoreSlim _parallel;
    private readonly Catalog.StatementPlanner _planner;
    private readonly ResultStore _results;
    private long _queryId = 1000;

    public StatementExecutor(IDatabaseBackend backend, LocalCatalog catalog, LocalServerOptions options, FaultInjector faults, SessionRegistry sessions,
        ResultStore results, ILogger? logger = null)
    {
        _results = results;
        _backend = backend;
        _options = options;
        _faults = faults;
        _sessions = sessions;
        _parallel = new SemaphoreSlim(options.MaxParallelExecutions);
        _planner = new Catalog.StatementPlanner(backend, catalog, options, logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
    }

    private DateTime Now => _options.TimeProvider.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Opens a session for the statement that asks for one (SessionKeepAliveSeconds), claimed by it, so that the
    /// SessionId the submit answers with names a session that exists (BUSY until the statement ends).
    /// </summary>
    public async Task<LocalSession> OpenSessionAsync(StatementRecord record, string sessionId, int keepAliveSeconds, CancellationToken cancellationToken)
    {
        var connection = await _backend.OpenAsync(cancellationToken).ConfigureAwait(false);
        return _sessions.Add(sessionId, connection, keepAliveSeconds, record);
    }

    /// <summary>
    /// Starts a statement in the background (on <paramref name="session"/> when given). <paramref name="beforeEnded"/>
    /// runs on every way it ends (FINISHED, FAILED, ABORTED), once its results are stored and before it reads as ended
    /// (so the retained-result limit is held before a client can see the status and read; a failed or cancelled batch
    /// keeps the results of the statements it finished); <paramref name="onFinished"/> runs once it is final.
    /// </summary>
    public void Start(StatementRecord record, IReadOnlyList<BoundSql> statements, LocalSession? session, Action beforeEnded, Action onFinished)
        => _ = Task.Run(async () =>
        {
            try
            {
                await RunAsync(record, statements, session, beforeEnded).ConfigureAwait(false);
            }
            finally
            {
                onFinished();
            }
        });

    private async Task RunAsync(StatementRecord record, IReadOnlyList<BoundSql> statements, LocalSession? session, Action beforeEnded)
    {
        var cancel = record.Cancellation.Token;
        IEngineConnection? owned = null;
        bool slot = false;
        bool released = false;

        // The session is free again before the statement reads as ended: a client that sees FINISHED may at once run
        // the next statement in it, and must not be told the session is busy.
        void ReleaseSession()
        {
            if (session is not null && !released)
            {
                released = true;
                session.Release(Now);
            }
        }

        try
        {
            await _parallel.WaitAsync(cancel).ConfigureAwait(false);
            slot = true;
            record.Advance(StatusString.PICKED, Now);
            if (!string.Equals(record.Database ?? _options.Database, _options.Database, StringComparison.Ordinal) && session is null)
            {
                throw new EngineFailure($"FATAL: database \"{record.Database}\" does not exist");
            }

            IEngineConnection connection;
            if (session is not null)
            {
                connection = session.Connection;
            }
            else
            {
                connection = owned = await _backend.OpenAsync(cancel).ConfigureAwait(false);
            }

            record.RedshiftPid = connection.Pid;
            record.Advance(StatusString.STARTED, Now);
            await _faults.SlowStatementAsync(cancel).ConfigureAwait(false);
            if (record.IsBatch)
            {
                await RunBatchAsync(connection, record, statements, ReleaseSession, beforeEnded, cancel).ConfigureAwait(false);
            }
            else
            {
                await ExecuteOneAsync(connection, record, statements[0], cancel).ConfigureAwait(false);
                ReleaseSession();
                beforeEnded();
                record.Advance(StatusString.FINISHED, Now);
            }
        }
        catch (Exception) when (cancel.IsCancellationRequested)
        {
            ReleaseSession();
            beforeEnded();
            Abort(record);
        }
        catch (Exception ex)
        {
            ReleaseSession();
            beforeEnded();
            record.Advance(StatusString.FAILED, Now, ErrorText(ex));
        }
        finally
        {
            if (slot) _parallel.Release();
            if (owned is not null) await owned.DisposeAsync().ConfigureAwait(false);
            ReleaseSession();
        }
    }

    private void Abort(StatementRecord record)
    {
        foreach (var sub in record.SubStatements)
        {
            sub.Advance(StatusString.ABORTED, Now, "Query cancelled on user's request");
        }

        record.Advance(StatusString.ABORTED, Now, "Query cancelled on user's request");
    }

    private async Task RunBatchAsync(IEngineConnection connection, StatementRecord batch, IReadOnlyList<BoundSql> statements,
        Action releaseSession, Action beforeEnded, CancellationToken cancel)
    {
        bool transaction = batch.ExecutionMode != ExecutionMode.AUTO_COMMIT;
        if (transaction) await RunControlAsync(connection, "BEGIN", cancel).ConfigureAwait(false);
        for (int i = 0; i < statements.Count; i++)
        {
            var sub = batch.SubStatements[i];
            sub.Advance(StatusString.STARTED, Now);
            try
            {
                await ExecuteOneAsync(connection, sub, statements[i], cancel).ConfigureAwait(false);
                sub.Advance(StatusString.FINISHED, Now);
            }
            catch (Exception ex) when (!cancel.IsCancellationRequested)
            {
                string error = ErrorText(ex);
                sub.Advance(StatusString.FAILED, Now, error);
                for (int rest = i + 1; rest < statements.Count; rest++)
                {
                    batch.SubStatements[rest].Advance(StatusString.ABORTED, Now, "Query was not run because an earlier statement of the batch failed");
                }

                if (transaction) await RunControlAsync(connection, "ROLLBACK", CancellationToken.None).ConfigureAwait(false);
                Aggregate(batch);
                releaseSession();
                beforeEnded();
                batch.Advance(StatusString.FAILED, Now, error);
                return;
            }
        }

        if (transaction) await RunControlAsync(connection, "COMMIT", cancel).ConfigureAwait(false);
        Aggregate(batch);
        releaseSession();
        beforeEnded();
        batch.Advance(StatusString.FINISHED, Now);
    }

    private static void Aggregate(StatementRecord batch)
    {
        batch.ResultRows = batch.SubStatements.Sum(s => Math.Max(0, s.ResultRows));
        batch.ResultSize = batch.SubStatements.Sum(s => Math.Max(0, s.ResultSize));
        batch.HasResultSet = batch.SubStatements.Any(s => s.HasResultSet);
    }

    private static Task RunControlAsync(IEngineConnection connection, string sql, CancellationToken cancel)
        => Task.Factory.StartNew(() =>
        {
            cancel.ThrowIfCancellationRequested();
            using var command = connection.CreateCommand(sql, []);
            command.ExecuteNonQuery();
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>
    /// Runs one SQL statement on the connection and stores its result or row count on the record. The engine
    /// calls run on a thread of their own: DuckDB's API is synchronous, and blocking thread-pool threads with
    /// long queries would starve the HTTP front end (and with it CancelStatement).
    /// </summary>
    public Task ExecuteOneAsync(IEngineConnection connection, StatementRecord record, BoundSql bound, CancellationToken cancel)
        => Task.Factory.StartNew(() => ExecuteOne(connection, record, bound, cancel), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Redshift's error for a statement text holding several statements, with the way to run them.</summary>
    internal const string SeveralStatementsError =
        "ERROR: cannot insert multiple commands into a prepared statement (ExecuteStatement runs one SQL statement: send several as BatchExecuteStatement's Sqls, one statement each)";

    /// <summary>The same, for one of BatchExecuteStatement's Sqls (a sub-statement's id is the batch's, a colon and its number).</summary>
    internal const string SeveralStatementsInBatchError =
        "ERROR: cannot insert multiple commands into a prepared statement (each of BatchExecuteStatement's Sqls runs one SQL statement: give each its own entry)";

    private void ExecuteOne(IEngineConnection connection, StatementRecord record, BoundSql bound, CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        // DuckDB cuts a parameter, and the SQL text itself, at U+0000 (a silent wrong value or a statement run only up to
        // it); Redshift's text cannot hold it, and PostgreSQL refuses it with this message, so both backends fail the
        // statement the same way.
        if (bound.Sql.Contains('\0', StringComparison.Ordinal) || bound.Values.Any(value => value.Contains('\0', StringComparison.Ordinal)))
        {
            throw new EngineFailure("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00");
        }

        // A literal, identifier or comment left open swallows the rest of the text, semicolons included: Redshift's lexer
        // fails the statement there, before anything runs; the engines would lex it their own way and run it.
        SqlLexer.Tokenize(bound.Sql, out var open);
        if (open is { } unterminated)
        {
            throw new EngineFailure(unterminated.Message(bound.Sql));
        }

        // ExecuteStatement's Sql "must be a single SQL statement" (the Data API reference), and Redshift runs it as a prepared
        // statement, which refuses several with this message. Running only the first, or each in its own commit, would let
        // code pass here that fails on the service.
        string text = bound.Sql;
        if (text.Contains(';', StringComparison.Ordinal))
        {
            var statements = SqlScript.Split(text);
            if (statements.Count > 1) throw new EngineFailure(record.Id.Contains(':', StringComparison.Ordinal) ? SeveralStatementsInBatchError : SeveralStatementsError);
            // The statement without its semicolons (the dialect layer reads one statement; "select 1 ; ;" is one).
            if (statements.Count == 1) text = statements[0];
        }

        // PostgreSQL answers an empty query (";", or only a comment) with no result and no error; the engines would throw.
        if (SqlScript.IsEmptyQuery(text))
        {
            record.ResultRows = 0;
            record.ResultSize = 0;
            return;
        }

        using var plan = _planner.Plan(text, cancel);
        record.RedshiftQueryId = Interlocked.Increment(ref _queryId);
        plan.Prepare(connection, cancel);
        if (plan.Sql is { } sql)
        {
            Run(connection, record, sql, bound.Values, plan.Columns, cancel);
        }
        else
        {
            // A statement the server runs itself (UNLOAD) reports its rows; catalog-only statements report none.
            record.ResultRows = plan.RunOnServer?.Invoke(connection, cancel) ?? 0;
            record.ResultSize = 0;
        }

        cancel.ThrowIfCancellationRequested();
        plan.Complete(connection, Math.Max(0, record.ResultRows));
    }

    private void Run(IEngineConnection connection, StatementRecord record, string sql, IReadOnlyList<string> values,
        IReadOnlyList<OutputColumn>? planned, CancellationToken cancel)
    {
        using var command = connection.CreateCommand(sql, values);
        using var registration = cancel.Register(static c => TryCancel((DbCommand)c!), command);
        if (ReturnsRows(sql))
        {
            var reader = command.ExecuteReader();
            DbCommand? exactCommand = null;
            try
            {
                if (reader.FieldCount > 0)
                {
                    var described = connection.DescribeColumns(reader);
                    if (connection.ExactRewrite(reader, described, sql) is { } exactSql)
                    {
                        reader.Dispose();
                        exactCommand = connection.CreateCommand(exactSql, values);
                        reader = exactCommand.ExecuteReader();
                    }

                    using var exactRegistration = exactCommand is null ? default : cancel.Register(static c => TryCancel((DbCommand)c!), exactCommand);
                    var result = ReadResult(connection, reader, described, planned, record.ResultFormat, cancel);
                    record.Result = result;
                    record.HasResultSet = true;
                    record.ResultRows = result.RowCount;
                    record.ResultSize = result.SizeBytes;
                }
                else
                {
                    record.ResultRows = Math.Max(0, reader.RecordsAffected);
                    record.ResultSize = 0;
                }
            }
            finally
            {
                reader.Dispose();
                exactCommand?.Dispose();
            }
        }
        else
        {
            int affected = command.ExecuteNonQuery();
            record.ResultRows = Math.Max(0, affected);
            record.ResultSize = 0;
        }
    }

    /// <summary>Reads the rows and encodes each once, straight into the wire format's pages (no Field kept per value).</summary>
    private StoredResult ReadResult(IEngineConnection connection, DbDataReader reader,
        IReadOnlyList<(RsTypeInfo Type, bool Nullable)> described, IReadOnlyList<OutputColumn>? planned, ResultFormatString format,
        CancellationToken cancel)
    {
        var columns = ResultColumnTypes.Resolve(reader, described, planned);
        int count = reader.FieldCount;
        var engineTypes = columns.EngineTypes;
        var reportTypes = columns.ReportTypes;
        using var builder = new ResultBuilder(columns.Metadata, format, ResultLimits.From(_options), _results);
        var row = new Field[count];
        while (reader.Read())
        {
            cancel.ThrowIfCancellationRequested();
            for (int i = 0; i < count; i++)
            {
                row[i] = FieldEncoder.Encode(reportTypes[i], connection.ReadValue(reader, i, engineTypes[i]));
            }

            builder.Add(row);
        }

        return builder.Finish();
    }

    /// <summary>Records a script's CREATE TABLE declarations in the catalog without running it (tables that already exist).</summary>
    public void RememberDeclarations(string script)
    {
        foreach (string sql in SqlScript.Split(script))
        {
            _planner.RememberDeclarations(sql);
        }
    }

    private static bool ReturnsRows(string sql)
    {
        var first = SqlLexer.Tokenize(sql).FirstOrDefault(t => !t.IsTrivia && !t.IsSymbol("("));
        return first.Text is null || !NonQueryWords.Contains(first.Text);
    }

    private static void TryCancel(DbCommand command)
    {
        try
        {
            command.Cancel();
        }
        catch (Exception ex) when (ex is InvalidOperationException or DbException or ObjectDisposedException)
        {
            // Already finished or closed: nothing left to cancel.
        }
    }

    /// <summary>The error text DescribeStatement shows: the engine's message, in Redshift's "ERROR: ..." form.</summary>
    private static string ErrorText(Exception ex) => ex switch
    {
        EngineFailure failure => failure.Message,
        ResultLimitException limit => limit.Message,
        Npgsql.PostgresException pg => $"ERROR: {Engine.EngineErrors.ToRedshift(pg.MessageText)}{HostAccessHint(pg.MessageText)}",
        ServiceError service => service.Message,
        _ => $"ERROR: {Engine.EngineErrors.ToRedshift(ex.Message)}{HostAccessHint(ex.Message)}",
    };

    /// <summary>Says why the engine refused to touch the host (see <see cref="IDatabaseBackend.LockDownAsync"/>).</summary>
    private static string HostAccessHint(string message)
        => HostAccessRefusals.Any(m => message.Contains(m, StringComparison.OrdinalIgnoreCase))
            ? " (the local server runs statements without access to the host's files, programs, network or extensions)"
            : string.Empty;

    private static readonly string[] HostAccessRefusals =
    [
        "disabled by configuration", "disabled through configuration", "the configuration has been locked",
        "pg_read_server_files", "pg_write_server_files", "pg_execute_server_program",
        "permission denied for function pg_read", "permission denied for function pg_ls_dir", "permission denied for function lo_",
    ];
}
