namespace RedshiftTyped.Corpus.Tests.Comparison;

/// <summary>Whether the guide's rows and the result's rows match, and if not, the first difference.</summary>
/// <param name="Matches">Every expected row matched.</param>
/// <param name="Detail">Empty when they match; otherwise run_corpus.py's description of the first difference.</param>
internal readonly record struct RowComparison(bool Matches, string Detail);

/// <summary>
/// run_corpus.py's <c>rows_match</c>: row and column counts must agree; ordered results compare row by row; unordered
/// ones (and ones ordered only by some columns, <c>order_by_cols</c>) as multisets, each expected row taking the first
/// unused actual row it equals, then the key columns row by row.
/// </summary>
internal static class RowMatcher
{
    public static RowComparison Compare(IReadOnlyList<IReadOnlyList<string>> expected, IReadOnlyList<IReadOnlyList<object?>> actual,
        IReadOnlyList<string?> types, bool ordered, IReadOnlyList<int>? orderByColumns)
    {
        if (expected.Count != actual.Count)
        {
            return new(false, $"row count: expected {expected.Count}, got {actual.Count}");
        }

        int width = types.Count;
        foreach (var row in expected)
        {
            if (row.Count != width) return new(false, $"column count: expected {row.Count}, got {width}");
        }

        bool RowEquals(IReadOnlyList<string> e, IReadOnlyList<object?> a)
        {
            for (int i = 0; i < width; i++)
            {
                if (!CellComparer.CellEquals(e[i], a[i], types[i])) return false;
            }

            return true;
        }

        if (ordered && orderByColumns is null)
        {
            for (int i = 0; i < expected.Count; i++)
            {
                if (!RowEquals(expected[i], actual[i]))
                {
                    return new(false, $"row {i + 1}: expected {PythonText.ReprList(expected[i])}, got {Rendered(actual[i])}");
                }
            }

            return new(true, "");
        }

        var used = new bool[actual.Count];
        foreach (var e in expected)
        {
            int found = -1;
            for (int j = 0; j < actual.Count; j++)
            {
                if (!used[j] && RowEquals(e, actual[j]))
                {
                    found = j;
                    break;
                }
            }

            if (found < 0) return new(false, $"expected row {PythonText.ReprList(e)} not found (unordered compare)");
            used[found] = true;
        }

        if (orderByColumns is { Count: > 0 })
        {
            for (int i = 0; i < expected.Count; i++)
            {
                if (!orderByColumns.All(k => CellComparer.CellEquals(expected[i][k], actual[i][k], types[k])))
                {
                    return new(false, $"row {i + 1}: order of key columns [{string.Join(", ", orderByColumns)}] differs: "
                        + $"expected {PythonText.ReprList(expected[i])}, got {Rendered(actual[i])}");
                }
            }
        }

        return new(true, "");
    }

    /// <summary>A result row as the runner prints it: <c>t</c>/<c>f</c>, <c>None</c> for NULL.</summary>
    public static string Rendered(IEnumerable<object?> row) => PythonText.ReprList(row.Select(PythonText.Render));
}
