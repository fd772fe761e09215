using RedshiftTyped.Incremental.Offsets;
using RedshiftTyped.Naming;
using RedshiftTyped.Values;

namespace RedshiftTyped.Incremental.Reading;

/// <summary>A column of the table read, as a change read sees it: name, type and numeric precision.</summary>
internal sealed record TableColumn(string Name, RedshiftType Type, int? Precision);

/// <summary>
/// The cursor and key columns of a change read, checked against the table's columns before anything is read: they
/// exist, their types order values (and a lookback fits the cursor's), and a CDC table has no column the change columns
/// would repeat. Each problem is an <see cref="ArgumentException"/> naming the column and the fix.
/// </summary>
internal sealed class ChangeColumnSet
{
    private ChangeColumnSet(OffsetColumn cursor, IReadOnlyList<OffsetColumn> keys)
    {
        Cursor = cursor;
        Keys = keys;
    }

    public OffsetColumn Cursor { get; }

    public IReadOnlyList<OffsetColumn> Keys { get; }

    /// <summary>The cursor, then the key columns: the values each row is probed for.</summary>
    public IReadOnlyList<string> ProbeNames => [Cursor.Name, .. Keys.Select(k => k.Name)];

    public IReadOnlyList<string> KeyNames => [.. Keys.Select(k => k.Name)];

    /// <param name="table">The table's name, for messages.</param>
    /// <param name="options">The read's options.</param>
    /// <param name="columns">The table's columns.</param>
    /// <param name="primaryKey">The compiled table's primary key; null for a table read by name.</param>
    public static ChangeColumnSet Resolve(string table, ChangeOptions options, IReadOnlyList<TableColumn> columns, IReadOnlyList<string>? primaryKey)
    {
        var cursor = Find(table, options.Cursor.Name, "Cursor column", columns);
        if (!OffsetColumn.IsOrderable(cursor.Type))
        {
            throw new ArgumentException(
                $"Cursor column \"{cursor.Name}\" of {table} is {TypeText(cursor.Type)}, which cannot order changes: choose a column of type " +
                $"{OffsetColumn.OrderableTypes} whose value grows with every insert and update.", nameof(options));
        }

        if (options.Lookback?.Incompatibility(cursor.Type, cursor.Name) is { } lookbackProblem)
        {
            throw new ArgumentException(lookbackProblem, nameof(options));
        }

        IReadOnlyList<string> keyNames = options.Keys?.Select(k => k.Name).ToList() ?? primaryKey ?? [];
        if (keyNames.Count == 0)
        {
            throw new ArgumentException(primaryKey is null
                ? $"A change read of {table} needs the columns that identify a row: give ChangeOptions.Keys (a table read by name has no known primary key)."
                : $"{table} has no primary key in its schema snapshot: give ChangeOptions.Keys (the columns that identify a row), or declare the key in " +
                  "Redshift and re-capture the snapshot (redshift-typed capture).", nameof(options));
        }

        var keys = new List<OffsetColumn>();
        foreach (string name in keyNames)
        {
            var key = Find(table, name, "Key column", columns);
            if (!OffsetColumn.IsOrderable(key.Type))
            {
                throw new ArgumentException(
                    $"Key column \"{key.Name}\" of {table} is {TypeText(key.Type)}, which cannot order or identify changes: choose key columns of type " +
                    $"{OffsetColumn.OrderableTypes}.", nameof(options));
            }

            keys.Add(OffsetColumn.Of(key.Name, key.Type, key.Precision));
        }

        if (options.IngestionType != IngestionType.Append && columns.FirstOrDefault(c => ChangeColumnNames.All.Contains(c.Name, StringComparer.OrdinalIgnoreCase)) is { } clash)
        {
            throw new ArgumentException(
                $"{table} has a column \"{clash.Name}\", a name the change columns ({string.Join(", ", ChangeColumnNames.All)}) use: rename the column, " +
                "or read the table as append.", nameof(options));
        }

        return new ChangeColumnSet(OffsetColumn.Of(cursor.Name, cursor.Type, cursor.Precision), keys);
    }

    private static TableColumn Find(string table, string name, string role, IReadOnlyList<TableColumn> columns)
        => columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal)) ?? throw new ArgumentException(
            $"{role} \"{name}\" is not a column of {table}{NearestNames.DidYouMean(name, columns.Select(c => c.Name))}; names are Redshift's exact spelling. " +
            $"Its columns: {string.Join(", ", columns.Select(c => c.Name))}.", "options");

    private static string TypeText(RedshiftType type) => RedshiftTypeNames.ShortName(type) ?? "of a type the runtime does not know";
}
