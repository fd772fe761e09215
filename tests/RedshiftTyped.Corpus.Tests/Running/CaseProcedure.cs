using System.Diagnostics;
using System.Text.RegularExpressions;
using RedshiftTyped.Corpus.Tests.Cases;
using RedshiftTyped.Corpus.Tests.Comparison;
using RedshiftTyped.Corpus.Tests.Reporting;

namespace RedshiftTyped.Corpus.Tests.Running;

/// <summary>
/// run_corpus.py's <c>run_case</c>, step for step: drop what the setup creates, run the setup (temporary tables made
/// plain; "already exists" tolerated, any other failure SKIPs the case), run the statement, compare it with the guide
/// (values first, then column names, case-insensitively), and drop the objects again.
/// </summary>
internal sealed partial class CaseProcedure(CorpusStatementRunner runner, string backend)
{
    private const int ShownRows = 60;

    public async Task<CaseResult> RunAsync(CorpusCase corpusCase, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var objects = CreatedObjects.Of(corpusCase.Setup);
        CaseResult result;
        try
        {
            await DropAsync(objects, cancellationToken);
            result = await SetUpAsync(corpusCase, cancellationToken) ?? await QueryAsync(corpusCase, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A fault of the runner or of the service (a page that could not be read, a timestamp Python's datetime
            // refuses): run_corpus.py reports these as runner exceptions.
            result = Result(corpusCase, CaseStatus.FailError) with { Error = $"runner exception: {e.GetType().Name}: {e.Message}" };
        }

        await DropAsync(objects, cancellationToken);
        return result with { Seconds = Math.Round(clock.Elapsed.TotalSeconds, 3) };
    }

    /// <summary>Runs the setup; a SKIP result when a statement fails for another reason than "already exists".</summary>
    private async Task<CaseResult?> SetUpAsync(CorpusCase corpusCase, CancellationToken cancellationToken)
    {
        foreach (string statement in corpusCase.Setup)
        {
            var outcome = await runner.RunAsync(CreatedObjects.WithoutTemporary(statement), wantResult: false, cancellationToken);
            if (outcome.IsFinished || AlreadyExists().IsMatch(outcome.Error)) continue;
            string shown = WhiteSpace().Replace(statement, " ");
            return Result(corpusCase, CaseStatus.Skip) with { Error = $"setup failed: {shown[..Math.Min(200, shown.Length)]} -- {outcome.Error}" };
        }

        return null;
    }

    private async Task<CaseResult> QueryAsync(CorpusCase corpusCase, CancellationToken cancellationToken)
    {
        var outcome = await runner.RunAsync(corpusCase.Sql, wantResult: true, cancellationToken);
        bool expectsError = !string.IsNullOrEmpty(corpusCase.ExpectError);
        if (!outcome.IsFinished)
        {
            return expectsError
                ? Result(corpusCase, CaseStatus.Pass) with { Error = outcome.Error, Detail = "failed as documented" }
                : Result(corpusCase, CaseStatus.FailError) with { Error = outcome.Error };
        }

        var shownRows = outcome.Columns is null ? null : Rendered(outcome.Rows);
        if (expectsError)
        {
            return Result(corpusCase, CaseStatus.FailValue) with
            {
                Detail = $"documented to fail ({corpusCase.ExpectError}) but succeeded",
                ActualRows = shownRows?.Take(20).ToList(),
            };
        }

        IReadOnlyList<string?> columns = outcome.Columns ?? [];
        var comparison = CompareRows(corpusCase, outcome, columns);
        bool columnsMatch = corpusCase.Columns.Count == 0
            || (corpusCase.Columns.Count == columns.Count
                && corpusCase.Columns.Zip(columns).All(pair => PythonText.Strip(pair.First).ToLowerInvariant() == PythonText.Strip(pair.Second ?? "").ToLowerInvariant()));

        var result = Result(corpusCase, CaseStatus.Pass) with
        {
            ActualColumns = columns,
            ActualTypes = outcome.Types,
            ActualRows = shownRows ?? [],
            ExpectedColumns = corpusCase.Columns,
            ExpectedRows = [.. corpusCase.Rows.Take(ShownRows)],
        };
        if (!comparison.Matches) return result with { Status = CaseStatus.FailValue, Detail = comparison.Detail };
        if (!columnsMatch)
        {
            return result with
            {
                Status = CaseStatus.FailColumnName,
                Detail = $"columns: expected {PythonText.ReprList(corpusCase.Columns)}, got {PythonText.ReprList(columns)}",
            };
        }

        return result with { Detail = string.IsNullOrEmpty(comparison.Detail) ? null : comparison.Detail };
    }

    /// <summary>The value comparison of run_case: partial rows, compare_cols, order_by_cols and the documented alternatives.</summary>
    private static RowComparison CompareRows(CorpusCase corpusCase, StatementOutcome outcome, IReadOnlyList<string?> columns)
    {
        if (!outcome.HasResult && columns.Count == 0)
        {
            return new RowComparison(corpusCase.Rows.Count == 0, "statement returned no result set");
        }

        IReadOnlyList<IReadOnlyList<string>> expected = corpusCase.Rows;
        IReadOnlyList<IReadOnlyList<object?>> actual = outcome.Rows;
        IReadOnlyList<string?> types = outcome.Types;
        if (corpusCase.PartialRows && corpusCase.Ordered && actual.Count >= expected.Count)
        {
            // The page lists only the first rows of the result.
            actual = [.. actual.Take(expected.Count)];
        }

        int declaredWidth = corpusCase.Columns.Count > 0 ? corpusCase.Columns.Count : outcome.Types.Count;
        if (corpusCase.CompareColumns is { } keep && outcome.Types.Count == declaredWidth)
        {
            expected = [.. expected.Select(row => (IReadOnlyList<string>)[.. keep.Select(k => row[k])])];
            actual = [.. actual.Select(row => (IReadOnlyList<object?>)[.. keep.Select(k => row[k])])];
            types = [.. keep.Select(k => outcome.Types[k])];
        }

        var comparison = RowMatcher.Compare(expected, actual, types, corpusCase.Ordered, corpusCase.OrderByColumns);
        foreach (var alternative in corpusCase.AltRows)
        {
            if (comparison.Matches) break;
            if (RowMatcher.Compare(alternative, actual, types, corpusCase.Ordered, corpusCase.OrderByColumns).Matches)
            {
                comparison = new RowComparison(true, "matched an alternative documented in notes");
            }
        }

        return comparison;
    }

    private async Task DropAsync(IReadOnlyList<CreatedObject> objects, CancellationToken cancellationToken)
    {
        for (int i = objects.Count - 1; i >= 0; i--)
        {
            await runner.RunAsync(objects[i].DropStatement, wantResult: false, cancellationToken);
        }
    }

    private CaseResult Result(CorpusCase corpusCase, string status) => new()
    {
        Id = corpusCase.Id,
        Page = corpusCase.Page,
        Family = corpusCase.Family,
        Backend = backend,
        Status = status,
        Sql = corpusCase.Sql,
    };

    private static List<IReadOnlyList<string?>> Rendered(IReadOnlyList<IReadOnlyList<object?>> rows)
        => [.. rows.Take(ShownRows).Select(row => (IReadOnlyList<string?>)[.. row.Select(PythonText.Render)])];

    [GeneratedRegex("already exists", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AlreadyExists();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
