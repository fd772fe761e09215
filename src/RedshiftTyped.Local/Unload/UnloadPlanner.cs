using System.Data.Common;
using System.Globalization;
using RedshiftTyped.Local.Catalog;
using RedshiftTyped.Local.Engine;
using RedshiftTyped.Local.Statements;

namespace RedshiftTyped.Local.Unload;

/// <summary>
/// Plans UNLOAD as a statement the server runs itself (<see cref="StatementPlan.RunOnServer"/>): the query inside the
/// literal goes through <see cref="UnloadQuerySeam"/> — the same translation an ordinary SELECT gets — and runs on the
/// statement's connection; the server writes the Parquet files and the manifest to <see cref="LocalServerOptions.S3Endpoint"/>
/// (<see cref="UnloadRunner"/>). The engines never write files. Afterwards <c>pg_last_unload_count()</c> in the same session
/// answers the rows unloaded (PG_LAST_UNLOAD_COUNT.md), 0 after a failed UNLOAD.
/// </summary>
internal sealed class UnloadPlanner(IDatabaseBackend backend, LocalServerOptions options, UnloadQuerySeam query)
{
    public StatementPlan? TryPlan(List<SqlToken> tokens)
    {
        if (UnloadStatement.TryParse(tokens) is not { } unload)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(options.S3Endpoint))
        {
            throw new EngineFailure(
                "ERROR: UNLOAD needs an S3 endpoint to write to: start the local server with --s3-endpoint URL (LocalServerOptions.S3Endpoint), e.g. a moto_server or MinIO");
        }

        RefuseOuterLimit(unload.Query);
        return new StatementPlan(null) { RunOnServer = (connection, cancel) => Run(unload, connection, cancel) };
    }

    private long Run(UnloadStatement unload, IEngineConnection connection, CancellationToken cancel)
    {
        long count = 0;
        try
        {
            using var s3 = new S3Target(new Uri(options.S3Endpoint!), options.Region, options.S3AccessKeyId, options.S3SecretAccessKey);
            UnloadRunner.PrepareDestinationAsync(unload, s3, cancel).GetAwaiter().GetResult();
            using var plan = query.Plan(unload.Query, cancel);
            if (plan.Sql is null || plan.RunOnServer is not null)
            {
                throw new EngineFailure("ERROR: UNLOAD's query must be a SELECT");
            }

            plan.Prepare(connection, cancel);
            using var command = connection.CreateCommand(plan.Sql, []);
            using var registration = cancel.Register(static c => TryCancel((DbCommand)c!), command);
            var reader = command.ExecuteReader();
            DbCommand? exact = null;
            try
            {
                var described = connection.DescribeColumns(reader);
                if (connection.ExactRewrite(reader, described, plan.Sql) is { } exactSql)
                {
                    reader.Dispose();
                    exact = connection.CreateCommand(exactSql, []);
                    reader = exact.ExecuteReader();
                }

                using var exactRegistration = exact is null ? default : cancel.Register(static c => TryCancel((DbCommand)c!), exact);
                var columns = ResultColumnTypes.Resolve(reader, described, plan.Columns);
                count = new UnloadRunner(unload, s3, Math.Max(1, options.Slices), columns, typedReads: backend is DuckDbBackend).RunAsync(connection, reader, cancel).GetAwaiter().GetResult();
            }
            finally
            {
                reader.Dispose();
                exact?.Dispose();
            }

            plan.Complete(connection, count);
            return count;
        }
        finally
        {
            RememberCount(connection, count);
        }
    }

    /// <summary>r_UNLOAD.md, "Limit clause": the SELECT query can't use a LIMIT clause in the outer SELECT.</summary>
    private static void RefuseOuterLimit(string sql)
    {
        int depth = 0;
        foreach (var token in SqlLexer.Tokenize(sql))
        {
            if (token.IsSymbol("(")) depth++;
            else if (token.IsSymbol(")")) depth--;
            else if (depth == 0 && token.IsWord("limit"))
            {
                throw new EngineFailure("ERROR: Limit clause is not supported in the outer select of UNLOAD: use a nested LIMIT, e.g. where id in (select id from t order by id limit 10)");
            }
        }
    }

    /// <summary>Keeps the count on the connection (the session), where <c>pg_last_unload_count()</c> reads it.</summary>
    private void RememberCount(IEngineConnection connection, long count)
    {
        string n = count.ToString(CultureInfo.InvariantCulture);
        string sql = backend is DuckDbBackend
            ? $"SET VARIABLE rt_last_unload_count = {n}"
            : $"SELECT set_config('redshift_typed.last_unload_count', '{n}', false)";
        try
        {
            using var command = connection.CreateCommand(sql, []);
            command.ExecuteNonQuery();
        }
        catch (DbException)
        {
            // A connection broken by the failure itself: nothing left to remember the count on.
        }
    }

    private static void TryCancel(DbCommand command)
    {
        try
        {
            command.Cancel();
        }
        catch (Exception ex) when (ex is InvalidOperationException or DbException or ObjectDisposedException)
        {
            // Already finished or closed.
        }
    }
}

/// <summary>
/// The one place UNLOAD's query meets the server's SQL translation: the text inside UNLOAD's literal (already read by
/// Redshift's literal rules, <see cref="UnloadStatement"/>) is planned exactly as an ordinary statement
/// (<see cref="StatementPlanner.Plan"/>: identifier folding, system views, external tables, then the dialect layer's
/// parse, typing and translation, which reads the query's own literals, backslash escapes included), so UNLOAD of any
/// SELECT the server runs returns the same rows, names and types as that SELECT does.
/// </summary>
internal sealed class UnloadQuerySeam(Func<string, CancellationToken, StatementPlan> planStatement)
{
    public StatementPlan Plan(string query, CancellationToken cancellationToken) => planStatement(query, cancellationToken);
}
