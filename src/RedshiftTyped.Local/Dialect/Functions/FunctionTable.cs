namespace RedshiftTyped.Local.Dialect.Functions;

/// <summary>
/// The one table of Redshift functions: every family file's rows, looked up by name or alias. A call of a name the
/// table does not hold goes to the engine as written (engine built-ins that agree with Redshift need no row).
/// </summary>
internal static class FunctionTable
{
    /// <summary>Every row, family by family (each family file is owned by one person at a time).</summary>
    public static readonly IReadOnlyList<FunctionRow> Rows =
    [
        .. DatetimeFunctions.Rows,
        .. ConditionalFunctions.Rows,
        .. AggregateFunctions.Rows,
        .. WindowFunctions.Rows,
        .. StringFunctions.Rows,
        .. MathFunctions.Rows,
        .. ConversionFunctions.Rows,
        .. JsonFunctions.Rows,
        .. SuperFunctions.Rows,
        .. VarbyteFunctions.Rows,
        .. HashFunctions.Rows,
        .. SystemFunctions.Rows,
        .. UnsupportedFunctions.Rows,
    ];

    private static readonly Dictionary<string, FunctionRow[]> ByName = Rows
        .SelectMany(row => row.AllNames.Select(name => (name, row)))
        .GroupBy(x => x.name, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Select(x => x.row).ToArray(), StringComparer.Ordinal);

    public static bool Knows(string name) => ByName.ContainsKey(name);

    /// <summary>The index of the date part argument of a function, when it takes one.</summary>
    public static int? DatePartIndex(string name, int argCount)
        => ByName.TryGetValue(name, out var rows) ? rows.FirstOrDefault(r => r.DatePart is not null && argCount >= r.MinArgs && argCount <= r.MaxArgs)?.DatePart : null;

    /// <summary>The row for a call: the first of the name's rows whose arity and overload predicate match.</summary>
    public static FunctionRow? Resolve(string name, CallTypes call)
    {
        if (!ByName.TryGetValue(name, out var rows)) return null;
        foreach (var row in rows)
        {
            if (call.WrittenCount < row.MinArgs || call.WrittenCount > row.MaxArgs) continue;
            if (row.When is { } when && !when(call)) continue;
            return row;
        }

        return null;
    }
}
