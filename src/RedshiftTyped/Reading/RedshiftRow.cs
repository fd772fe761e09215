using System.Collections;
using RedshiftTyped.DataApi.Model;

namespace RedshiftTyped.Reading;

/// <summary>The columns of an untyped result, as the service described them, with lookup by name.</summary>
public sealed class RedshiftRowSchema
{
    private readonly Dictionary<string, int> _indexByName = new(StringComparer.Ordinal);

    public RedshiftRowSchema(IReadOnlyList<ColumnMetadata> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        Columns = columns;
        for (int i = 0; i < columns.Count; i++)
        {
            // The first of two same-named columns wins, as in SQL clients.
            _indexByName.TryAdd(columns[i].Name ?? columns[i].Label ?? string.Empty, i);
        }
    }

    public IReadOnlyList<ColumnMetadata> Columns { get; }

    /// <summary>The position of the column of that name, or -1.</summary>
    public int IndexOf(string name) => _indexByName.TryGetValue(name, out int index) ? index : -1;
}

/// <summary>
/// One row of a table read without compiled types: values decoded by the column's Redshift type (see
/// <see cref="Values.RedshiftValueDecoder"/>), reachable by position or name.
/// </summary>
public sealed class RedshiftRow : IReadOnlyList<object?>
{
    private readonly object?[] _values;

    internal RedshiftRow(RedshiftRowSchema schema, object?[] values)
    {
        Schema = schema;
        _values = values;
    }

    public RedshiftRowSchema Schema { get; }

    public int Count => _values.Length;

    public object? this[int index] => _values[index];

    /// <summary>The value of the named column (exact Redshift spelling).</summary>
    public object? this[string name]
    {
        get
        {
            int index = Schema.IndexOf(name);
            return index >= 0 ? _values[index] : throw new KeyNotFoundException(
                $"The row has no column \"{name}\"; its columns are: {string.Join(", ", Schema.Columns.Select(c => c.Name))}.");
        }
    }

    /// <summary>The named column's value as <typeparamref name="T"/> (null stays null for reference and nullable types).</summary>
    public T? Get<T>(string name) => this[name] switch
    {
        null => default,
        T value => value,
        var other => throw new InvalidCastException(
            $"Column \"{name}\" holds a {other.GetType().Name}, not a {typeof(T).Name}."),
    };

    public IEnumerator<object?> GetEnumerator() => ((IEnumerable<object?>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString()
        => "{ " + string.Join(", ", Schema.Columns.Select((c, i) => $"{c.Name} = {_values[i] ?? "NULL"}")) + " }";
}
