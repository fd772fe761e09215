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
/// <remarks>
/// The rows a read hands out are views of their result page, whose values are held column by column in arrays of their
/// .NET type: the typed accessors (<see cref="GetInt32"/>, <see cref="GetDecimal"/>, <see cref="GetDateTime"/>,
/// <see cref="GetFieldValue{T}(int)"/>, <see cref="IsNull"/>, as <see cref="System.Data.Common.DbDataReader"/> names them)
/// read a value without allocating, while the object indexers and the enumerator box each value they return. A row kept
/// keeps its page's values alive (a page is at most 1 MB of the service's JSON); copy the values out to keep a few rows of
/// many pages.
/// </remarks>
public sealed class RedshiftRow : IReadOnlyList<object?>
{
    /// <summary>The row's values: its own <c>object?[]</c>, or its page's columns (then <see cref="_row"/> is its position).</summary>
    private readonly object _store;
    private readonly int _row;

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
        _store = values;
    }

    /// <summary>The row at position <paramref name="row"/> of a page's columns (which match the schema's).</summary>
    internal RedshiftRow(RedshiftRowSchema schema, Rows.RowColumn[] columns, int row)
    {
        Schema = schema;
        _store = columns;
        _row = row;
    }

    /// <summary>The result's columns: names, Redshift types and ColumnMetadata.</summary>
    public RedshiftRowSchema Schema { get; }

    /// <summary>How many columns the row has.</summary>
    public int Count => Schema.Columns.Count;

    /// <summary>The value at this position (0-based, in result order), boxed; null for NULL.</summary>
    /// <param name="index">The column's position.</param>
    public object? this[int index]
    {
        get
        {
            CheckOrdinal(index);
            return _store is Rows.RowColumn[] columns ? columns[index].GetValue(_row) : ((object?[])_store)[index];
        }
    }

    /// <summary>
    /// The value of the named column (exact Redshift spelling), boxed; null for NULL. A name the result does not have is a
    /// <see cref="KeyNotFoundException"/> that lists the result's columns.
    /// </summary>
    /// <param name="name">The column name.</param>
    public object? this[string name] => this[GetOrdinal(name)];

    /// <summary>
    /// The position of the named column (exact Redshift spelling), for the typed accessors. A name the result does not
    /// have is a <see cref="KeyNotFoundException"/> that lists the result's columns.
    /// </summary>
    /// <param name="name">The column name.</param>
    public int GetOrdinal(string name)
    {
        int index = Schema.IndexOf(name);
        return index >= 0 ? index : throw new KeyNotFoundException(
            $"The row has no column \"{name}\"{Naming.NearestNames.DidYouMean(name, Schema.Names)}; its columns are: {string.Join(", ", Schema.Names)}.");
    }

    /// <summary>
    /// The named column's value as <typeparamref name="T"/> (null stays null for reference and nullable types, and is
    /// <c>default</c> for other value types): <c>row.Get&lt;int?&gt;("venueseats")</c>. A value of another type is an
    /// <see cref="InvalidCastException"/> naming both types. Reading the column's own type (or its nullable form) does not
    /// box.
    /// </summary>
    /// <typeparam name="T">The .NET type the column decodes to (see <see cref="RedshiftValueDecoder"/>).</typeparam>
    /// <param name="name">The column name.</param>
    public T? Get<T>(string name) => Read<T>(GetOrdinal(name), nullAsDefault: true);

    /// <summary>Whether the value at this position (0-based) is NULL.</summary>
    /// <param name="ordinal">The column's position.</param>
    public bool IsNull(int ordinal)
    {
        CheckOrdinal(ordinal);
        return _store is Rows.RowColumn[] columns ? columns[ordinal].IsNull(_row) : ((object?[])_store)[ordinal] is null;
    }

    /// <summary>
    /// The value at this position (0-based) as <typeparamref name="T"/>, without boxing when <typeparamref name="T"/> is the
    /// column's .NET type (see <see cref="RedshiftValueDecoder"/>) or its nullable form: <c>GetFieldValue&lt;decimal?&gt;(7)</c>.
    /// NULL is null for a reference or nullable type, and an <see cref="InvalidCastException"/> for another value type (check
    /// <see cref="IsNull"/> first, or read <c>T?</c>); a value of another type is an <see cref="InvalidCastException"/>
    /// naming both types.
    /// </summary>
    /// <typeparam name="T">The column's .NET type, or its nullable form.</typeparam>
    /// <param name="ordinal">The column's position.</param>
    public T GetFieldValue<T>(int ordinal) => Read<T>(ordinal, nullAsDefault: false);

    /// <summary>The named column's value as <typeparamref name="T"/>, as <see cref="GetFieldValue{T}(int)"/> reads it.</summary>
    /// <typeparam name="T">The column's .NET type, or its nullable form.</typeparam>
    /// <param name="name">The column name (exact Redshift spelling).</param>
    public T GetFieldValue<T>(string name) => Read<T>(GetOrdinal(name), nullAsDefault: false);

    /// <summary>A smallint (int2) column's value; see <see cref="GetFieldValue{T}(int)"/> for NULL and other types.</summary>
    /// <param name="ordinal">The column's position.</param>
    public short GetInt16(int ordinal) => Read<short>(ordinal, nullAsDefault: false);

    /// <summary>An integer (int4) column's value; see <see cref="GetFieldValue{T}(int)"/> for NULL and other types.</summary>
    /// <param name="ordinal">The column's position.</param>
    public int GetInt32(int ordinal) => Read<int>(ordinal, nullAsDefault: false);

    /// <summary>A bigint (int8) column's value; see <see cref="GetFieldValue{T}(int)"/> for NULL and other types.</summary>
    /// <param name="ordinal">The column's position.</param>
    public long GetInt64(int ordinal) => Read<long>(ordinal, nullAsDefault: false);

    /// <summary>A real (float4) column's value; see <see cref="GetFieldValue{T}(int)"/> for NULL and other types.</summary>
    /// <param name="ordinal">The column's position.</param>
    public float GetFloat(int ordinal) => Read<float>(ordinal, nullAsDefault: false);

    /// <summary>A double precision (float8) column's value; see <see cref="GetFieldValue{T}(int)"/> for NULL and other types.</summary>
    /// <param name="ordinal">The column's position.</param>
    public double GetDouble(int ordinal) => Read<double>(ordinal, nullAsDefault: false);

    /// <summary>
    /// A numeric column's value of up to 28 digits of precision (wider ones are <see cref="System.Data.SqlTypes.SqlDecimal"/>:
    /// read them with <see cref="GetFieldValue{T}(int)"/>); see <see cref="GetFieldValue{T}(int)"/> for NULL and other types.
    /// </summary>
    /// <param name="ordinal">The column's position.</param>
    public decimal GetDecimal(int ordinal) => Read<decimal>(ordinal, nullAsDefault: false);

    /// <summary>A boolean column's value; see <see cref="GetFieldValue{T}(int)"/> for NULL and other types.</summary>
    /// <param name="ordinal">The column's position.</param>
    public bool GetBoolean(int ordinal) => Read<bool>(ordinal, nullAsDefault: false);

    /// <summary>
    /// A timestamp (without time zone) column's value, Kind Unspecified (a timestamp beyond .NET's years 1 to 9999 is its
    /// text, an <see cref="InvalidCastException"/> here); see <see cref="GetFieldValue{T}(int)"/> for NULL and other types.
    /// </summary>
    /// <param name="ordinal">The column's position.</param>
    public DateTime GetDateTime(int ordinal) => Read<DateTime>(ordinal, nullAsDefault: false);

    /// <summary>A character column's value (char, varchar, and the types read as text), null for NULL.</summary>
    /// <param name="ordinal">The column's position.</param>
    public string? GetString(int ordinal) => Read<string?>(ordinal, nullAsDefault: false);

    /// <summary>The values in result order, boxed.</summary>
    public IEnumerator<object?> GetEnumerator()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary><c>{ name = value, … }</c>.</summary>
    public override string ToString()
        => "{ " + string.Join(", ", Schema.Columns.Select((c, i) => $"{c.Name} = {this[i] ?? "NULL"}")) + " }";

    private T Read<T>(int ordinal, bool nullAsDefault)
    {
        CheckOrdinal(ordinal);
        return _store is Rows.RowColumn[] columns
            ? columns[ordinal].Read<T>(_row, Schema.Names[ordinal], nullAsDefault)
            : Rows.RowColumn.Cast<T>(((object?[])_store)[ordinal], Schema.Names[ordinal], nullAsDefault);
    }

    /// <summary>
    /// The same exception type as an array's (and DbDataReader's), with a message that says which ordinal and how many
    /// columns there are, instead of "Index was outside the bounds of the array".
    /// </summary>
    private void CheckOrdinal(int ordinal)
    {
        if ((uint)ordinal >= (uint)Count)
        {
            throw new IndexOutOfRangeException(
                $"Column ordinal {ordinal} is out of range: the row has {Count} columns, numbered from 0 (GetOrdinal finds one by name).");
        }
    }
}
