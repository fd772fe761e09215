using RedshiftTyped.Local.Engine;

namespace RedshiftTyped.Local.Statements;

/// <summary>Runs Redshift SQL scripts at start-up (sample DDL, init files) through the same translation and catalog as statements.</summary>
internal sealed class ScriptLoader(IDatabaseBackend backend, StatementExecutor executor)
{
    public async Task RunScriptAsync(string script, CancellationToken cancellationToken)
    {
        await using var connection = await backend.OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (string sql in SqlScript.Split(script))
        {
            var record = new StatementRecord { Id = "init", OwnerAccessKeyId = "init", QueryString = sql };
            try
            {
                await executor.ExecuteOneAsync(connection, record, new BoundSql(sql, [], []), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new InvalidOperationException($"Start-up SQL failed: {ex.Message}\nStatement: {sql}", ex);
            }
        }
    }

    public async Task BulkInsertAsync(string table, IReadOnlyList<RsTypeInfo> types, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        await using var connection = await backend.OpenAsync(cancellationToken).ConfigureAwait(false);
        await backend.BulkInsertAsync(connection, "public", table, types, rows, cancellationToken).ConfigureAwait(false);
    }
}
