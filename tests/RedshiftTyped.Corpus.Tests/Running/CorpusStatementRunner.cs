using RedshiftTyped.DataApi.Errors;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Execution;

namespace RedshiftTyped.Corpus.Tests.Running;

/// <summary>
/// Runs one statement through the real client (ExecuteStatement, DescribeStatement until it ends, every result page)
/// and reports how it ended, never throwing for a statement that fails: the corpus judges failures, it does not crash on them.
/// </summary>
internal sealed class CorpusStatementRunner(RedshiftClient client, TimeSpan timeout)
{
    public async Task<StatementOutcome> RunAsync(string sql, bool wantResult, CancellationToken cancellationToken)
    {
        CompletedStatement completed;
        try
        {
            completed = await client.ExecuteAsync(new SqlStatement(sql) { Timeout = timeout }, cancellationToken);
        }
        catch (StatementFailedException e)
        {
            return StatementOutcome.Failure(e.Error);
        }
        catch (StatementAbortedException e)
        {
            // The client keeps an abort's error text only in its message.
            return StatementOutcome.Failure(e.Message, "ABORTED");
        }
        catch (StatementTimeoutException)
        {
            return StatementOutcome.Failure($"timeout after {timeout.TotalSeconds:0}s");
        }
        catch (Exception e) when (e is AwsServiceException or ArgumentException)
        {
            // Refused before it ran (validation): run_corpus.py reports the call's error the same way.
            return StatementOutcome.Failure($"ExecuteStatement: {e.Message}");
        }

        if (!wantResult || !completed.HasResultSet)
        {
            return new StatementOutcome { Status = StatementOutcome.Finished, HasResult = completed.HasResultSet };
        }

        IReadOnlyList<string?>? columns = null;
        IReadOnlyList<string?> types = [];
        var rows = new List<IReadOnlyList<object?>>();
        await foreach (var page in client.ReadPagesAsync(completed, cancellationToken))
        {
            if (columns is null)
            {
                columns = [.. page.Columns.Select(c => string.IsNullOrEmpty(c.Label) ? c.Name : c.Label)];
                types = [.. page.Columns.Select(c => c.TypeName)];
            }

            rows.AddRange(page.Records.Select(record => (IReadOnlyList<object?>)[.. record.Select(Value)]));
        }

        return new StatementOutcome { Status = StatementOutcome.Finished, HasResult = true, Columns = columns ?? [], Types = types, Rows = rows };
    }

    /// <summary>run_corpus.py's <c>field_value</c>: the member that is set; a blob as hex, as the runner prints bytes.</summary>
    private static object? Value(Field field) => field.Kind switch
    {
        FieldKind.String => field.StringValue,
        FieldKind.Long => field.LongValue,
        FieldKind.Double => field.DoubleValue,
        FieldKind.Boolean => field.BooleanValue,
        FieldKind.Blob => Convert.ToHexStringLower(field.BlobValue!),
        _ => null,
    };
}
