using Apache.Arrow;
using RedshiftTyped.Queries.Syntax;
using RedshiftTyped.Typed;

namespace RedshiftTyped.Queries;

/// <summary>
/// A typed query compiled from a <c>.sql</c> file and its query snapshot: the SQL that is sent, its declared
/// parameters, and the result's columns with their generated decoder and Arrow builder. The generator creates one per
/// query file (<c>TickitQueries.TopEvents</c>); read it with <c>client.QueryAsync(query, parameters)</c>.
/// </summary>
public abstract class QueryDescriptor
{
    private IReadOnlyList<QueryParameterUse>? _uses;

    private protected QueryDescriptor(string file, string sql, string sha256, string? description, string database,
        IReadOnlyList<QueryParameter> parameters, TableDescriptor result)
    {
        ArgumentException.ThrowIfNullOrEmpty(file);
        ArgumentException.ThrowIfNullOrEmpty(sql);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Kind != TableKind.Query)
        {
            throw new ArgumentException($"The result of a query is described with TableKind.Query, not {result.Kind}.", nameof(result));
        }

        File = file;
        Sql = sql;
        Sha256 = sha256;
        Description = description;
        Database = database;
        Parameters = parameters.ToArray().AsReadOnly();
        Result = result;
    }

    /// <summary>The query file's path below the queries folder, with <c>/</c>: <c>tickit/top_events.sql</c>.</summary>
    public string File { get; }

    /// <summary>The file's text with <c>\n</c> line ends (header comments included): what is sent to Redshift.</summary>
    public string Sql { get; }

    /// <summary>Lower-case hex SHA-256 of <see cref="Sql"/>, as the query snapshot recorded it.</summary>
    public string Sha256 { get; }

    /// <summary>The file's header comment (without directives); null when it has none.</summary>
    public string? Description { get; }

    /// <summary>The database the result shape was captured from.</summary>
    public string Database { get; }

    /// <summary>The declared parameters, in the header's order.</summary>
    public IReadOnlyList<QueryParameter> Parameters { get; }

    /// <summary>The result's columns, decoder and Arrow schema (a <see cref="TableKind.Query"/> descriptor).</summary>
    public TableDescriptor Result { get; }

    /// <summary>The result's columns, in order.</summary>
    public IReadOnlyList<ColumnDescriptor> Columns => Result.Columns;

    /// <summary>The Arrow schema of the record batches a read of this query produces.</summary>
    public Schema ArrowSchema => Result.ArrowSchema;

    /// <summary>The <c>:name</c> tokens of <see cref="Sql"/>, found once (a NULL or empty value is written in their place).</summary>
    internal IReadOnlyList<QueryParameterUse> ParameterUses => _uses ??= QuerySource.Parse(Sql).ParameterUses;

    /// <summary><c>query tickit/top_events.sql</c>.</summary>
    public override string ToString() => Result.DisplayName;
}

/// <summary>A typed query without parameters; its rows are read as <typeparamref name="TRow"/>.</summary>
public sealed class QueryDescriptor<TRow> : QueryDescriptor
{
    /// <summary>Called by generated code.</summary>
    /// <param name="file">The query file below the queries folder.</param>
    /// <param name="sql">The text sent (LF line ends).</param>
    /// <param name="sha256">The hash the query snapshot recorded.</param>
    /// <param name="description">The header comment.</param>
    /// <param name="database">The database the shape was captured from.</param>
    /// <param name="result">The result's columns, decoder and Arrow builder.</param>
    public QueryDescriptor(string file, string sql, string sha256, string? description, string database, TableDescriptor<TRow> result)
        : base(file, sql, sha256, description, database, [], result)
    {
        Rows = result;
    }

    /// <summary>The result's columns with the generated decoder and Arrow builder of <typeparamref name="TRow"/>.</summary>
    public TableDescriptor<TRow> Rows { get; }
}

/// <summary>
/// A typed query whose parameters are <typeparamref name="TParameters"/> (a generated record with one property per
/// <c>@param</c>) and whose rows are read as <typeparamref name="TRow"/>.
/// </summary>
public sealed class QueryDescriptor<TParameters, TRow> : QueryDescriptor
{
    private readonly Func<TParameters, object?[]> _values;

    /// <summary>Called by generated code.</summary>
    /// <param name="file">The query file below the queries folder.</param>
    /// <param name="sql">The text sent (LF line ends).</param>
    /// <param name="sha256">The hash the query snapshot recorded.</param>
    /// <param name="description">The header comment.</param>
    /// <param name="database">The database the shape was captured from.</param>
    /// <param name="parameters">The declared parameters, in order.</param>
    /// <param name="result">The result's columns, decoder and Arrow builder.</param>
    /// <param name="values">The parameter values of a <typeparamref name="TParameters"/>, in the order of <paramref name="parameters"/>.</param>
    public QueryDescriptor(string file, string sql, string sha256, string? description, string database,
        IReadOnlyList<QueryParameter> parameters, TableDescriptor<TRow> result, Func<TParameters, object?[]> values)
        : base(file, sql, sha256, description, database, parameters, result)
    {
        ArgumentNullException.ThrowIfNull(values);
        Rows = result;
        _values = values;
    }

    /// <summary>The result's columns with the generated decoder and Arrow builder of <typeparamref name="TRow"/>.</summary>
    public TableDescriptor<TRow> Rows { get; }

    /// <summary>The values of the parameters, in declaration order.</summary>
    internal object?[] ValuesOf(TParameters parameters) => _values(parameters);
}

/// <summary>One declared parameter of a typed query (<c>-- @param year int</c>).</summary>
public sealed class QueryParameter
{
    /// <summary>Called by generated code.</summary>
    /// <param name="name">The name used as <c>:name</c> in the SQL.</param>
    /// <param name="declaredType">The type as declared (<c>numeric(12,2)</c>).</param>
    /// <param name="isNullable">Whether the header declares it <c>nullable</c>.</param>
    /// <param name="clrType">The property's .NET type.</param>
    /// <param name="propertyName">The property of the parameters record that holds it.</param>
    public QueryParameter(string name, string declaredType, bool isNullable, Type clrType, string propertyName)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(declaredType);
        Name = name;
        DeclaredType = declaredType;
        IsNullable = isNullable;
        ClrType = clrType;
        PropertyName = propertyName;
    }

    /// <summary>The name used as <c>:name</c> in the SQL.</summary>
    public string Name { get; }

    /// <summary>The type as declared, lower case: <c>int</c>, <c>numeric(12,2)</c>.</summary>
    public string DeclaredType { get; }

    /// <summary>Whether null is allowed; a null value is then written as <c>NULL</c> in the statement.</summary>
    public bool IsNullable { get; }

    /// <summary>The parameters record's property type.</summary>
    public Type ClrType { get; }

    /// <summary>The parameters record's property.</summary>
    public string PropertyName { get; }

    /// <summary><c>:year int</c>.</summary>
    public override string ToString() => $":{Name} {DeclaredType}{(IsNullable ? " nullable" : string.Empty)}";
}
