using RedshiftTyped.Local.Engine;

namespace RedshiftTyped.Local.Statements;

/// <summary>Runs Redshift SQL scripts at start-up (sample DDL, init files) through the same translation and catalog as statements.</summary>
internal sealed class ScriptLoader(IDatabaseBackend backend, StatementExecutor executor)
{
    /// <summary>Runs every statement of <paramref name="script"/>; <paramref name="source"/> names it in the error of a statement that fails.</summary>
    public async Task RunScriptAsync(string script, string source, CancellationToken cancellationToken)
    {
        await using var connection = await backend.OpenAsync(cancellationToken).ConfigureAwait(false);
        var statements = SqlScript.SplitWithLines(script);
        for (int i = 0; i < statements.Count; i++)
        {
            var (sql, line) = statements[i];
            var record = new StatementRecord { Id = "init", OwnerAccessKeyId = "init", QueryString = sql };
            try
            {
                await executor.ExecuteOneAsync(connection, record, new BoundSql(sql, [], []), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                string error = (ex is Npgsql.PostgresException pg ? pg.MessageText : ex.Message).Split('\n', 2)[0].Trim();
                string shown = sql.Length <= 80 ? sql : sql[..77] + "...";
                throw new LocalServerStartException(
                    $"{source}, statement {i + 1} (line {line}) failed: {error} — in: {shown.ReplaceLineEndings(" ")}. Fix the statement, or leave the file out.", ex);
            }
        }
    }

    /// <summary>Whether a table exists in the public schema (a sample kept in a DuckDB file is not loaded twice).</summary>
    public async Task<bool> TableExistsAsync(string table, CancellationToken cancellationToken)
    {
        await using var connection = await backend.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand(
            "select count(*) from information_schema.tables where table_schema = 'public' and table_name = $1", [table]);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>Records the declarations of a script whose tables already exist.</summary>
    public void RememberDeclarations(string script) => executor.RememberDeclarations(script);

    public async Task BulkInsertAsync(string table, IReadOnlyList<RsTypeInfo> types, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        await using var connection = await backend.OpenAsync(cancellationToken).ConfigureAwait(false);
        await backend.BulkInsertAsync(connection, "public", table, types, rows, cancellationToken).ConfigureAwait(false);
    }
}
