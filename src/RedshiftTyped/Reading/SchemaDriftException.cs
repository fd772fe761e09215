using System.Text;

namespace RedshiftTyped.Reading;

/// <summary>What changed about one column between the compiled snapshot and the live table.</summary>
public enum SchemaDifferenceKind
{
    /// <summary>The snapshot has the column; the table (or the query's result) no longer does.</summary>
    MissingColumn,

    /// <summary>The column's type differs.</summary>
    TypeChanged,

    /// <summary>The column is at another place among the table's (or the query result's) columns.</summary>
    OrderChanged,

    /// <summary>The table has a column the snapshot does not (an error only in strict mode; always for a query's result).</summary>
    ExtraColumn,
}

/// <summary>One difference between a compiled table and the live one.</summary>
public sealed record SchemaDifference(SchemaDifferenceKind Kind, string Column, string? Expected, string? Actual)
{
    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        SchemaDifferenceKind.MissingColumn => $"column \"{Column}\" ({Expected}) is missing",
        SchemaDifferenceKind.TypeChanged => $"column \"{Column}\" was {Expected} and is now {Actual}",
        SchemaDifferenceKind.OrderChanged => $"column \"{Column}\" moved: it was {Expected} and is now {Actual}",
        _ => $"there is a new column \"{Column}\" ({Actual})",
    };
}

/// <summary>
/// The live table no longer matches the schema snapshot the code was compiled from. Every difference is listed;
/// <c>redshift-typed check</c> in CI would have caught it, and <c>redshift-typed capture</c> updates the snapshot.
/// </summary>
public sealed class SchemaDriftException : Exception
{
    /// <summary>Creates the exception for a table and every difference found.</summary>
    public SchemaDriftException(string table, IReadOnlyList<SchemaDifference> differences, Exception? innerException = null)
        : this(table, differences, Describe(table, "schema snapshot", differences), innerException)
    {
    }

    private SchemaDriftException(string table, IReadOnlyList<SchemaDifference> differences, string message, Exception? innerException)
        : base(message, innerException)
    {
        Table = table;
        Differences = differences;
    }

    /// <summary><c>database.schema.table</c>; for a typed query, <c>query tickit/top_events.sql</c>.</summary>
    public string Table { get; }

    /// <summary>Every difference between the compiled table and the live one.</summary>
    public IReadOnlyList<SchemaDifference> Differences { get; }

    /// <summary>A typed query's result no longer matches the query snapshot its code was compiled from.</summary>
    internal static SchemaDriftException ForQuery(string query, IReadOnlyList<SchemaDifference> differences)
        => new(query, differences, Describe(query, "query snapshot", differences), null);

    private static string Describe(string table, string snapshot, IReadOnlyList<SchemaDifference> differences)
    {
        var text = new StringBuilder($"{table} no longer matches its {snapshot} ({differences.Count} ")
            .Append(differences.Count == 1 ? "difference" : "differences").Append("):");
        foreach (var difference in differences)
        {
            text.Append("\n  - ").Append(difference);
        }

        return text.Append("\n`redshift-typed check` compares every snapshot with the database (run it in CI to catch this before ")
            .Append("deploying); `redshift-typed capture` updates the snapshots, then rebuild.").ToString();
    }
}
