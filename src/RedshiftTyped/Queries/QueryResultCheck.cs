using System.Globalization;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Reading;
using RedshiftTyped.Typed;

namespace RedshiftTyped.Queries;

/// <summary>
/// Compares a query's live result columns (the first page's ColumnMetadata) with the ones compiled from its query
/// snapshot. A query's result is positional and has no other columns, so names, types and order must all match:
/// a column the result no longer has, a new one (a renamed column is both), a changed type, or a moved column.
/// </summary>
internal static class QueryResultCheck
{
    public static IReadOnlyList<SchemaDifference> Compare(IReadOnlyList<ColumnDescriptor> compiled, IReadOnlyList<ColumnMetadata> live)
    {
        var differences = new List<SchemaDifference>();
        var liveByName = new Dictionary<string, (ColumnMetadata Column, int Position)>(StringComparer.Ordinal);
        for (int i = 0; i < live.Count; i++)
        {
            liveByName.TryAdd(live[i].Name ?? string.Empty, (live[i], i));
        }

        var compiledNames = new HashSet<string>(compiled.Select(c => c.Name), StringComparer.Ordinal);
        foreach (var column in compiled)
        {
            if (!liveByName.TryGetValue(column.Name, out var found))
            {
                differences.Add(new SchemaDifference(SchemaDifferenceKind.MissingColumn, column.Name, column.RedshiftType, null));
            }
            else if (!SchemaVerifier.SameType(column, found.Column))
            {
                differences.Add(new SchemaDifference(SchemaDifferenceKind.TypeChanged, column.Name, column.RedshiftType, SchemaVerifier.Describe(found.Column)));
            }
        }

        for (int i = 0; i < live.Count; i++)
        {
            if (!compiledNames.Contains(live[i].Name ?? string.Empty))
            {
                differences.Add(new SchemaDifference(SchemaDifferenceKind.ExtraColumn, live[i].Name ?? string.Empty, null, SchemaVerifier.Describe(live[i])));
            }
        }

        // Order: the columns both have must be in the same relative order (the decoder reads fields by position).
        var compiledOrder = compiled.Where(c => liveByName.ContainsKey(c.Name)).ToList();
        var liveOrder = compiledOrder.OrderBy(c => liveByName[c.Name].Position).ToList();
        for (int i = 0; i < compiledOrder.Count; i++)
        {
            if (!ReferenceEquals(compiledOrder[i], liveOrder[i]))
            {
                var moved = liveOrder[i];
                differences.Add(new SchemaDifference(SchemaDifferenceKind.OrderChanged, moved.Name,
                    Ordinal(moved.Position), Ordinal(liveByName[moved.Name].Position)));
            }
        }

        return differences;
    }

    private static string Ordinal(int position) => string.Create(CultureInfo.InvariantCulture, $"column {position + 1}");
}
