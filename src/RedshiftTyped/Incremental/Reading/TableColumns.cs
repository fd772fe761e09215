using RedshiftTyped.DataApi.Errors;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Reading;
using RedshiftTyped.Values;

namespace RedshiftTyped.Incremental.Reading;

/// <summary>A table's columns and types, from DescribeTable or from a result's ColumnMetadata.</summary>
internal static class TableColumns
{
    /// <summary>The columns DescribeTable lists; null when it cannot answer (not allowed, no such table), so the read's own statement says why.</summary>
    public static async Task<IReadOnlyList<TableColumn>?> DescribeAsync(RedshiftClient client, TableReference table, CancellationToken cancellationToken)
    {
        var columns = new List<TableColumn>();
        try
        {
            string? token = null;
            do
            {
                var page = await client.DataApi.DescribeTableAsync(
                    client.WithTarget(new DescribeTableRequest { Schema = table.Schema, Table = table.Name, NextToken = token }),
                    cancellationToken).ConfigureAwait(false);
                columns.AddRange(From(page.ColumnList ?? []));
                token = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
            }
            while (token is not null);
        }
        catch (AwsServiceException)
        {
            return null;
        }

        return columns.Count == 0 ? null : columns;
    }

    public static IReadOnlyList<TableColumn> From(IEnumerable<ColumnMetadata> metadata)
        => [.. metadata.Select(c => new TableColumn(c.Name ?? c.Label ?? string.Empty, RedshiftTypeNames.Parse(c.TypeName), c.Precision))];
}
