using System.Collections;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Values;

namespace RedshiftTyped.Reading;

/// <summary>
/// The columns of an untyped result, as the service described them (ColumnMetadata), with their names, their Redshift
/// types and lookup by name. One schema is shared by every row of a result.
/// </summary>
public sealed class RedshiftRowSchema
{
    private readonly Dictionary<string, int> _indexByName = new(StringComparer.Ordinal);

    /// <summary>A schema of these columns, in result order.</summary>
    /// <param name="columns">The result's ColumnMetadata.</param>
    public RedshiftRowSchema(IReadOnlyList<ColumnMetadata> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        Columns = columns;
        var names = new string[columns.Count];
        var types = new RedshiftType[columns.Count];
        for (int i = 0; i < columns.Count; i++)
        {
            names[i] = columns[i].Name ?? columns[i].Label ?? string.Empty;
            types[i] = RedshiftTypeNames.Parse(columns[i].TypeName);
            // The first of two same-named columns wins, as in SQL clients.
            _indexByName.TryAdd(names[i], i);
        }

        Names = names.AsReadOnly();
        Types = types.AsReadOnly();
    }

    /// <summary>The columns as the Data API described them: name, type name, precision, scale, nullability, ….</summary>
    public IReadOnlyList<ColumnMetadata> Columns { get; }

    /// <summary>The column names, in result order (a column without a name has its label, or an empty name).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The columns' Redshift types, in result order, as <see cref="RedshiftValueDecoder"/> reads them.</summary>
    public IReadOnlyList<RedshiftType> Types { get; }

    /// <summary>The position of the column of that name (exact spelling), or -1.</summary>
    /// <param name="name">The column name as Redshift spells it.</param>
    public int IndexOf(string name) => _indexByName.TryGetValue(name, out int index) ? index : -1;

    /// <summary>The result's columns, <c>name type</c>, comma-separated.</summary>
    public override string ToString() => string.Join(", ", Names.Select((n, i) => $"{n} {Columns[i].TypeName}"));
}

/// <summary>
/// One row of an untyped result (<see cref="RedshiftClient.QueryAsync(Execution.SqlStatement, CancellationToken)"/>, or a
/// table read by name): values decoded by the column's Redshift type (see <see cref="RedshiftValueDecoder"/>: <c>int</c>
/// for integer, <c>decimal</c> for numeric, <c>DateTime</c> for timestamp, …; null for NULL), reachable by position or
/// by name, with the columns' names and types in <see cref="Schema"/>.
/// </summary>
public sealed class RedshiftRow : IReadOnlyList<object?>
{
    private readonly object?[] _values;

    /// <summary>A row of these values (as <see cref="RedshiftValueDecoder"/> gives them) in the schema's column order.</summary>
    /// <param name="schema">The result's columns.</param>
    /// <param name="values">One value per column.</param>
    public RedshiftRow(RedshiftRowSchema schema, object?[] values)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != schema.Columns.Count)
        {
            throw new ArgumentException($"The row has {values.Length} values but the schema {schema.Columns.Count} columns.", nameof(values));
        }

        Schema = schema;
        _values = values;
    }

    /// <summary>The result's columns: names, Redshift types and ColumnMetadata.</summary>
    public RedshiftRowSchema Schema { get; }

    /// <summary>How many columns the row has.</summary>
    public int Count => _values.Length;

    /// <summary>The value at this position (0-based, in result order); null for NULL.</summary>
    /// <param name="index">The column's position.</param>
    public object? this[int index] => _values[index];

    /// <summary>
    /// The value of the named column (exact Redshift spelling); null for NULL. A name the result does not have is a
    /// <see cref="KeyNotFoundException"/> that lists the result's columns.
    /// </summary>
    /// <param name="name">The column name.</param>
    public object? this[string name]
    {
        get
        {
            int index = Schema.IndexOf(name);
            return index >= 0 ? _values[index] : throw new KeyNotFoundException(
                $"The row has no column \"{name}\"{Naming.NearestNames.DidYouMean(name, Schema.Names)}; its columns are: {string.Join(", ", Schema.Names)}.");
        }
    }

    /// <summary>
    /// The named column's value as <typeparamref name="T"/> (null stays null for reference and nullable types):
    /// <c>row.Get&lt;int?&gt;("venueseats")</c>. A value of another type is an <see cref="InvalidCastException"/>
    /// naming both types.
    /// </summary>
    /// <typeparam name="T">The .NET type the column decodes to (see <see cref="RedshiftValueDecoder"/>).</typeparam>
    /// <param name="name">The column name.</param>
    public T? Get<T>(string name) => this[name] switch
    {
        null => default,
        T value => value,
        var other => throw new InvalidCastException(
            $"Column \"{name}\" holds a {other.GetType().Name}, not a {typeof(T).Name}."),
    };

    /// <summary>The values in result order.</summary>
    public IEnumerator<object?> GetEnumerator() => ((IEnumerable<object?>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary><c>{ name = value, … }</c>.</summary>
    public override string ToString()
        => "{ " + string.Join(", ", Schema.Columns.Select((c, i) => $"{c.Name} = {_values[i] ?? "NULL"}")) + " }";
}
