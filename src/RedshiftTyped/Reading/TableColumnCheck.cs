using RedshiftTyped.DataApi.Model;

namespace RedshiftTyped.Reading;

/// <summary>
/// Checks the column names a read by name gives (<see cref="SnapshotOptions.OrderBy"/> keys and
/// <see cref="SnapshotOptions.Columns"/>) against the table's columns from DescribeTable, before the statement runs, so a
/// typo is one line naming the column, the nearest names and the table's columns, not an engine error. When
/// DescribeTable cannot answer (a policy that does not allow it, a late-binding view, a missing table) the statement
/// runs and Redshift's own error says what is wrong.
/// </summary>
internal static class TableColumnCheck
{
    public static async Task CheckAsync(RedshiftClient client, TableReference table, SnapshotOptions options, CancellationToken cancellationToken)
    {
        var named = options.Ordering.Select(k => (Name: k.Name, Role: "OrderBy"))
            .Concat((options.Columns ?? []).Select(n => (Name: n, Role: "Columns")))
            .ToList();
        if (named.Count == 0)
        {
            return;
        }

        var live = await DescribeAsync(client, table, cancellationToken).ConfigureAwait(false);
        if (live.Count == 0)
        {
            return;
        }

        foreach (var (name, role) in named)
        {
            if (!live.Contains(name, StringComparer.Ordinal))
            {
                throw new ArgumentException(
                    $"{role} names \"{name}\", which {table} does not have{Naming.NearestNames.DidYouMean(name, live)}; " +
                    $"names are Redshift's exact spelling. Its columns: {string.Join(", ", live)}.",
                    nameof(options));
            }
        }
    }

    private static async Task<List<string>> DescribeAsync(RedshiftClient client, TableReference table, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        try
        {
            string? token = null;
            do
            {
                var page = await client.DataApi.DescribeTableAsync(
                    client.WithTarget(new DescribeTableRequest { Schema = table.Schema, Table = table.Name, NextToken = token }),
                    cancellationToken).ConfigureAwait(false);
                names.AddRange((page.ColumnList ?? []).Select(c => c.Name ?? string.Empty));
                token = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
            }
            while (token is not null);
        }
        catch (DataApi.Errors.AwsServiceException)
        {
            // Not allowed, or no such table: the statement's own error will say so. (Connection errors propagate.)
            return [];
        }

        return names;
    }
}
