using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using RedshiftTyped.DataApi;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Typed;
using RedshiftTyped.Values;

namespace RedshiftTyped.Reading;

/// <summary>
/// Compares compiled tables with live ones, two ways. Every read compares the result's ColumnMetadata with the columns
/// selected (types; free, it comes with the first page). The first read of a table through a client also asks
/// DescribeTable for the whole column list — concurrently with the statement, so it adds no wait — to see columns
/// that are gone, moved or new, which a select list by name cannot show; that answer is remembered once it matches.
/// </summary>
internal sealed class SchemaVerifier(RedshiftDataApiClient api, Func<DescribeTableRequest, DescribeTableRequest> target, ILogger logger)
{
    private readonly ConcurrentDictionary<(TableDescriptor Table, bool Strict), bool> _matched = new();

    /// <summary>
    /// Starts the DescribeTable check unless it already passed or is off. Its task faults only by the caller's own
    /// cancellation: any other failure means "no check", and the result's metadata is still compared.
    /// </summary>
    public Task<IReadOnlyList<SchemaDifference>>? StartTableCheck(TableDescriptor table, SchemaCheck mode, CancellationToken cancellationToken)
    {
        // DescribeTable lists no columns for late-binding views and external tables; their results are still checked.
        if (mode == SchemaCheck.Off || table.Kind is TableKind.LateBindingView or TableKind.ExternalTable
            || _matched.ContainsKey((table, mode == SchemaCheck.Strict)))
        {
            return null;
        }

        return CheckTableAsync(table, mode == SchemaCheck.Strict, cancellationToken);
    }

    private async Task<IReadOnlyList<SchemaDifference>> CheckTableAsync(TableDescriptor table, bool strict, CancellationToken cancellationToken)
    {
        List<ColumnMetadata> live = [];
        try
        {
            string? token = null;
            do
            {
                var page = await api.DescribeTableAsync(
                    target(new DescribeTableRequest { Schema = table.Schema, Table = table.Name, NextToken = token }), cancellationToken)
                    .ConfigureAwait(false);
                live.AddRange(page.ColumnList ?? []);
                token = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
            }
            while (token is not null);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Without DescribeTable (a policy may not allow it) the result's own metadata still checks every type.
            DataApiLog.SchemaCheckUnavailable(logger, table.DisplayName, ex.Message);
            return [];
        }

        if (live.Count == 0)
        {
            // No columns at all: the table is gone (the statement will say so) or the caller may not see its columns.
            DataApiLog.SchemaCheckUnavailable(logger, table.DisplayName, "DescribeTable listed no columns");
            return [];
        }

        var differences = CompareTable(table, live, strict);
        if (differences.Count == 0)
        {
            _matched.TryAdd((table, strict), true);
        }

        return differences;
    }

    /// <summary>The selected columns against the result's ColumnMetadata, position by position.</summary>
    public static IReadOnlyList<SchemaDifference> CompareResult(ColumnProjection projection, IReadOnlyList<ColumnMetadata> result)
    {
        var differences = new List<SchemaDifference>();
        for (int i = 0; i < projection.Columns.Count; i++)
        {
            var expected = projection.Columns[i];
            if (i >= result.Count)
            {
                differences.Add(new SchemaDifference(SchemaDifferenceKind.MissingColumn, expected.Name, expected.RedshiftType, null));
                continue;
            }

            if (!SameType(expected, result[i]))
            {
                differences.Add(new SchemaDifference(SchemaDifferenceKind.TypeChanged, expected.Name, expected.RedshiftType, Describe(result[i])));
            }
        }

        return differences;
    }

    /// <summary>The compiled columns against the table's live column list (from DescribeTable), in table order.</summary>
    public static IReadOnlyList<SchemaDifference> CompareTable(TableDescriptor table, IReadOnlyList<ColumnMetadata> live, bool strict)
    {
        var differences = new List<SchemaDifference>();
        var liveByName = new Dictionary<string, (ColumnMetadata Column, int Ordinal)>(StringComparer.Ordinal);
        for (int i = 0; i < live.Count; i++)
        {
            liveByName.TryAdd(live[i].Name ?? string.Empty, (live[i], i + 1));
        }

        foreach (var column in table.Columns)
        {
            if (!liveByName.TryGetValue(column.Name, out var found))
            {
                differences.Add(new SchemaDifference(SchemaDifferenceKind.MissingColumn, column.Name, column.RedshiftType, null));
            }
            else if (!SameType(column, found.Column))
            {
                differences.Add(new SchemaDifference(SchemaDifferenceKind.TypeChanged, column.Name, column.RedshiftType, Describe(found.Column)));
            }
        }

        // Order: the columns both sides have must come in the same relative order. (Redshift cannot reorder columns, so
        // a move means the table was rebuilt, or a column dropped and added back — at the end, and empty.)
        var compiledOrder = table.Columns.OrderBy(c => c.Ordinal).Where(c => liveByName.ContainsKey(c.Name)).ToList();
        var liveOrder = compiledOrder.OrderBy(c => liveByName[c.Name].Ordinal).ToList();
        for (int i = 0; i < compiledOrder.Count; i++)
        {
            if (!ReferenceEquals(compiledOrder[i], liveOrder[i]))
            {
                var moved = liveOrder[i];
                differences.Add(new SchemaDifference(SchemaDifferenceKind.OrderChanged, moved.Name,
                    Ordinal(moved.Ordinal), Ordinal(liveByName[moved.Name].Ordinal)));
            }
        }

        if (strict)
        {
            // Columns the snapshot marks ignored leave gaps in its ordinals; a live column in such a gap is not new.
            var compiledNames = table.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            var compiledOrdinals = table.Columns.Select(c => c.Ordinal).ToHashSet();
            int lastOrdinal = table.Columns.Count == 0 ? 0 : table.Columns.Max(c => c.Ordinal);
            for (int i = 0; i < live.Count; i++)
            {
                string name = live[i].Name ?? string.Empty;
                bool ignoredGap = i + 1 <= lastOrdinal && !compiledOrdinals.Contains(i + 1);
                if (!compiledNames.Contains(name) && !ignoredGap)
                {
                    differences.Add(new SchemaDifference(SchemaDifferenceKind.ExtraColumn, name, null, Describe(live[i])));
                }
            }
        }

        return differences;
    }

    internal static bool SameType(ColumnDescriptor expected, ColumnMetadata actual)
    {
        if (RedshiftTypeNames.Parse(actual.TypeName) != expected.Type)
        {
            return false;
        }

        // Precision and scale change what a numeric holds; a varchar's length does not change how it reads.
        return expected.Type != RedshiftType.Numeric || actual.Precision is null or <= 0 || expected.Precision is null
            || (actual.Precision == expected.Precision && (actual.Scale ?? 0) == (expected.Scale ?? 0));
    }

    internal static string Describe(ColumnMetadata column)
        => RedshiftTypeNames.Parse(column.TypeName) == RedshiftType.Numeric && column.Precision is > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{column.TypeName}({column.Precision},{column.Scale ?? 0})")
            : column.TypeName ?? "an unknown type";

    private static string Ordinal(int ordinal) => string.Create(CultureInfo.InvariantCulture, $"column {ordinal}");
}
