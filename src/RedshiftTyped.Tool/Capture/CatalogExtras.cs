using System.Globalization;
using RedshiftTyped.DataApi.Errors;
using RedshiftTyped.Execution;

namespace RedshiftTyped.Tool.Capture;

/// <summary>A catalog query failed for a reason other than its view being absent: capture and check stop, writing nothing.</summary>
internal sealed class CatalogReadException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// What the <see cref="CatalogQueries"/> add to the Data API's catalog calls, keyed by (schema, table).
/// A query whose view or function does not exist here (an older cluster, another engine) becomes a warning that says
/// what is missing from the snapshots, never a silent gap. Any other failure (a throttle that outlived its retries,
/// a missing grant, a broken connection) is not a property of the warehouse: it stops the command, since snapshots
/// without keys would be written, or drift reported, that is not there.
/// </summary>
internal sealed partial class CatalogExtras
{
    public Dictionary<(string, string), List<(string Name, string DeclaredType)>> LateBindingColumns { get; } = [];
    public Dictionary<(string, string), List<(string Name, string DeclaredType, bool Nullable)>> ExternalColumns { get; } = [];
    public HashSet<(string, string)> MaterializedViews { get; } = [];
    public HashSet<(string, string)> ExternalTables { get; } = [];
    public Dictionary<(string, string), string> TableComments { get; } = [];
    public Dictionary<(string, string, string), string> ColumnComments { get; } = [];
    public Dictionary<(string, string), string> DistKeys { get; } = [];
    public Dictionary<(string, string), string> DistStyles { get; } = [];
    public Dictionary<(string, string), IReadOnlyList<string>> SortKeys { get; } = [];
    public Dictionary<(string, string), IReadOnlyList<string>> PrimaryKeys { get; } = [];
    public List<string> Warnings { get; } = [];

    public string? ColumnComment((string Schema, string Table) table, string column)
        => ColumnComments.GetValueOrDefault((table.Schema, table.Table, column));

    public static async Task<CatalogExtras> ReadAsync(RedshiftClient client, string database, CancellationToken cancellationToken)
    {
        var extras = new CatalogExtras();
        var lateBinding = Run(client, new SqlStatement(CatalogQueries.LateBindingViewColumns), "late-binding view columns", cancellationToken);
        var views = Run(client, new SqlStatement(CatalogQueries.MaterializedViews), "materialized views", cancellationToken);
        var externals = Run(client, new SqlStatement(CatalogQueries.ExternalTables), "external tables", cancellationToken);
        var externalColumns = Run(client, new SqlStatement(CatalogQueries.ExternalColumns), "external table columns", cancellationToken);
        var tableComments = Run(client, new SqlStatement(CatalogQueries.TableComments).WithParameter("database", database), "table comments", cancellationToken);
        var columnDetails = Run(client, new SqlStatement(CatalogQueries.ColumnDetails).WithParameter("database", database), "column comments, distribution and sort keys", cancellationToken);
        var distStyles = Run(client, new SqlStatement(CatalogQueries.DistributionStyles), "distribution styles", cancellationToken);
        var keys = Run(client, new SqlStatement(CatalogQueries.PrimaryKeys), "primary keys", cancellationToken);

        var lateBindingByOrdinal = new Dictionary<(string, string), List<(int, (string, string))>>();
        foreach (var row in Rows(await lateBinding, extras))
        {
            Add(lateBindingByOrdinal, (S(row[0]), S(row[1])), (Number(row[4]), (S(row[2]), S(row[3]))));
        }

        foreach (var (table, columns) in lateBindingByOrdinal)
        {
            extras.LateBindingColumns[table] = InOrder(columns);
        }

        foreach (var row in Rows(await views, extras))
        {
            extras.MaterializedViews.Add((S(row[0]), S(row[1])));
        }

        foreach (var row in Rows(await externals, extras))
        {
            extras.ExternalTables.Add((S(row[0]), S(row[1])));
        }

        var externalByOrdinal = new Dictionary<(string, string), List<(int, (string, string, bool))>>();
        foreach (var row in Rows(await externalColumns, extras))
        {
            Add(externalByOrdinal, (S(row[0]), S(row[1])), (Number(row[4]), (S(row[2]), S(row[3]), !string.Equals(S(row[5]), "false", StringComparison.OrdinalIgnoreCase))));
        }

        foreach (var (table, columns) in externalByOrdinal)
        {
            extras.ExternalColumns[table] = InOrder(columns);
        }

        foreach (var row in Rows(await tableComments, extras))
        {
            if (row[3] is { } remarks && S(remarks).Length > 0)
            {
                extras.TableComments[(S(row[0]), S(row[1]))] = S(remarks);
            }
        }

        var sortKeys = new Dictionary<(string, string), List<(int, string)>>();
        foreach (var row in Rows(await columnDetails, extras))
        {
            var table = (S(row[0]), S(row[1]));
            string column = S(row[2]);
            if (row[3] is true || string.Equals(S(row[3]), "true", StringComparison.OrdinalIgnoreCase))
            {
                extras.DistKeys[table] = column;
            }

            int sortOrder = row[4] is null ? 0 : Number(row[4]);
            if (sortOrder != 0)
            {
                // Interleaved sort keys are reported with negative positions.
                Add(sortKeys, table, (Math.Abs(sortOrder), column));
            }

            if (row[5] is { } remarks && S(remarks).Length > 0)
            {
                extras.ColumnComments[(table.Item1, table.Item2, column)] = S(remarks);
            }
        }

        foreach (var (table, columns) in sortKeys)
        {
            extras.SortKeys[table] = InOrder(columns);
        }

        foreach (var row in Rows(await distStyles, extras))
        {
            if (row[2] is { } style)
            {
                extras.DistStyles[(S(row[0]), S(row[1]))] = NormalizeDistStyle(S(style));
            }
        }

        var primaryKeys = new Dictionary<(string, string), List<(int, string)>>();
        foreach (var row in Rows(await keys, extras))
        {
            Add(primaryKeys, (S(row[0]), S(row[1])), (Number(row[3]), S(row[2])));
        }

        foreach (var (table, columns) in primaryKeys)
        {
            extras.PrimaryKeys[table] = InOrder(columns);
        }

        return extras;
    }

    /// <summary><c>KEY(listid)</c> → <c>key</c>; <c>AUTO(ALL)</c> → <c>auto(all)</c>; <c>EVEN</c> → <c>even</c>.</summary>
    internal static string NormalizeDistStyle(string style)
    {
        string lower = style.Trim().ToLowerInvariant();
        return lower.StartsWith("key(", StringComparison.Ordinal) ? "key" : lower;
    }

    private sealed record QueryOutcome(string What, List<object?[]>? Rows, string? Error);

    private static async Task<QueryOutcome> Run(RedshiftClient client, SqlStatement statement, string what, CancellationToken cancellationToken)
    {
        try
        {
            var rows = new List<object?[]>();
            await foreach (var row in client.QueryAsync(statement, cancellationToken))
            {
                rows.Add([.. row]);
            }

            return new QueryOutcome(what, rows, null);
        }
        catch (StatementFailedException failed) when (IsMissingCatalogObject(failed.Error))
        {
            return new QueryOutcome(what, null, failed.Error);
        }
        catch (Exception ex) when (ex is StatementException or AwsServiceException or DataApi.Errors.UnexpectedResponseException
                                       or IOException or HttpRequestException or TimeoutException or FormatException)
        {
            string reason = ex switch
            {
                StatementFailedException failed => failed.Error,
                AwsServiceException aws => $"{aws.ErrorCode}: {aws.Message}",
                _ => ex.Message,
            };
            throw new CatalogReadException(
                $"could not read the {what} of the catalog ({reason}); nothing was written. A failure other than a missing catalog view " +
                "would make the snapshots lack them or report drift that is not there: fix the cause (grant, network, throttling) and run the command again.", ex);
        }
    }

    /// <summary>
    /// Redshift's answer for a system view or function this cluster does not have: <c>relation "stv_mv_info" does not
    /// exist</c>, <c>function pg_get_late_binding_view_cols() does not exist</c>. Nothing else degrades to a warning.
    /// </summary>
    internal static bool IsMissingCatalogObject(string error)
        => MissingObject().IsMatch(error);

    [System.Text.RegularExpressions.GeneratedRegex(@"^(ERROR:\s*)?(relation|view|function)\s+\S.* does not exist\s*$",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex MissingObject();

    private static IEnumerable<object?[]> Rows(QueryOutcome outcome, CatalogExtras extras)
    {
        if (outcome.Rows is null)
        {
            extras.Warnings.Add($"Could not read {outcome.What}; the snapshots lack them ({outcome.Error}).");
            return [];
        }

        return outcome.Rows;
    }

    private static void Add<TKey, TValue>(Dictionary<TKey, List<TValue>> map, TKey key, TValue value) where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(value);
    }

    /// <summary>Values by their position (ordinal, key position, sort position), whatever order the rows came in.</summary>
    private static List<T> InOrder<T>(List<(int Position, T Value)> items) => items.OrderBy(i => i.Position).Select(i => i.Value).ToList();

    private static string S(object? value) => value switch
    {
        null => string.Empty,
        string s => s.TrimEnd(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static int Number(object? value) => Convert.ToInt32(value, CultureInfo.InvariantCulture);
}
