using System.Text;
using RedshiftTyped.Execution;
using RedshiftTyped.Typed;

namespace RedshiftTyped.Reading;

/// <summary>
/// A condition on the rows a snapshot reads, compiled to SQL in which every value is a Data API parameter and every
/// column name is quoted. Build them from generated columns (<c>Sales.RedshiftTable.Column.Pricepaid.GreaterThan(100m)</c>),
/// by column name (<see cref="Column(string)"/>) for untyped reads, or as raw SQL with parameters (<see cref="Sql"/>);
/// combine them with <c>&amp;</c>, <c>|</c> and <c>!</c>.
/// </summary>
public abstract class SnapshotFilter
{
    private protected SnapshotFilter()
    {
    }

    /// <summary>The prefix of the parameter names filters generate; raw SQL must not use it.</summary>
    internal const string GeneratedParameterPrefix = "rtf_";

    /// <summary>A condition on a column named at run time (Redshift's spelling, exact case).</summary>
    public static ColumnCondition Column(string name) => new(name, descriptor: null);

    /// <summary>
    /// Raw SQL, used as it stands inside parentheses. Write values as <c>:name</c> placeholders and give them here: they
    /// travel as Data API parameters, never spliced into the text. Raw SQL is trusted configuration (it may read whatever
    /// the caller may read), but it must stay one condition: text that would close the wrapping parenthesis
    /// (<c>1=1) union all (select …</c>), add a statement (<c>;</c>) or leave a string or comment open is refused with an
    /// <see cref="ArgumentException"/> saying where.
    /// </summary>
    public static SnapshotFilter Sql(string sql, params (string Name, object Value)[] parameters) => new RawFilter(sql, parameters);

    /// <summary>All of the conditions (SQL AND); the same as <c>a &amp; b</c>.</summary>
    public static SnapshotFilter And(params SnapshotFilter[] filters) => new JunctionFilter("AND", filters);

    /// <summary>Any of the conditions (SQL OR); the same as <c>a | b</c>.</summary>
    public static SnapshotFilter Or(params SnapshotFilter[] filters) => new JunctionFilter("OR", filters);

    /// <summary>The opposite of the condition (SQL NOT); the same as <c>!a</c>. (NOT of a comparison with a NULL value is still unknown, as in SQL.)</summary>
    public static SnapshotFilter Not(SnapshotFilter filter) => new NotFilter(filter);

    /// <summary>Both conditions (SQL AND).</summary>
    public static SnapshotFilter operator &(SnapshotFilter left, SnapshotFilter right) => And(left, right);

    /// <summary>Either condition (SQL OR).</summary>
    public static SnapshotFilter operator |(SnapshotFilter left, SnapshotFilter right) => Or(left, right);

    /// <summary>The opposite condition (SQL NOT).</summary>
    public static SnapshotFilter operator !(SnapshotFilter filter) => Not(filter);

    /// <summary>Appends the condition to the SQL, adding its values as parameters of the statement.</summary>
    internal abstract void Render(FilterRenderer renderer);

    /// <summary>The compiled columns the filter names, so a reader can check they belong to the table read.</summary>
    internal abstract IEnumerable<ColumnDescriptor> CompiledColumns();

    /// <summary>The condition's SQL, with placeholders for its values (which are not shown).</summary>
    public override string ToString()
    {
        var renderer = new FilterRenderer();
        Render(renderer);
        return renderer.Sql.ToString();
    }
}

/// <summary>Builds conditions on one column; values are sent as parameters.</summary>
public sealed class ColumnCondition
{
    internal ColumnCondition(string name, ColumnDescriptor? descriptor)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Descriptor = descriptor;
    }

    /// <summary>The column's Redshift name.</summary>
    public string Name { get; }

    internal ColumnDescriptor? Descriptor { get; }

    /// <summary>Rows whose column equals the value (sent as a parameter; null is refused: use <see cref="IsNull"/>).</summary>
    public SnapshotFilter EqualTo(object value) => Compare("=", value);

    /// <summary>Rows whose column differs from the value (NULLs do not match, as in SQL).</summary>
    public SnapshotFilter NotEqualTo(object value) => Compare("<>", value);

    /// <summary>Rows whose column is greater than the value.</summary>
    public SnapshotFilter GreaterThan(object value) => Compare(">", value);

    /// <summary>Rows whose column is greater than or equal to the value.</summary>
    public SnapshotFilter GreaterThanOrEqualTo(object value) => Compare(">=", value);

    /// <summary>Rows whose column is less than the value.</summary>
    public SnapshotFilter LessThan(object value) => Compare("<", value);

    /// <summary>Rows whose column is less than or equal to the value.</summary>
    public SnapshotFilter LessThanOrEqualTo(object value) => Compare("<=", value);

    /// <summary>Both bounds included, as SQL's BETWEEN.</summary>
    public SnapshotFilter Between(object low, object high) => new BetweenFilter(this, Value(low, "low"), Value(high, "high"));

    /// <summary>Any of the values; an empty list matches no row.</summary>
    public SnapshotFilter In(IEnumerable<object> values) => new InFilter(this, ValueList(values), negated: false);

    /// <summary>Rows whose column is none of the values (an empty list matches every row).</summary>
    public SnapshotFilter NotIn(IEnumerable<object> values) => new InFilter(this, ValueList(values), negated: true);

    /// <summary>SQL LIKE: <c>%</c> any text, <c>_</c> one character.</summary>
    public SnapshotFilter Like(string pattern) => Compare("LIKE", pattern);

    /// <summary>Rows whose column is NULL.</summary>
    public SnapshotFilter IsNull() => new NullFilter(this, negated: false);

    /// <summary>Rows whose column is not NULL.</summary>
    public SnapshotFilter IsNotNull() => new NullFilter(this, negated: true);

    private SnapshotFilter Compare(string op, object value) => new ComparisonFilter(this, op, Value(value, "value"));

    private object[] ValueList(IEnumerable<object> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Select(v => Value(v, "values")).ToArray();
    }

    private object Value(object? value, string parameter) => value ?? throw new ArgumentNullException(parameter,
        $"A filter on \"{Name}\" was given a null value; SQL comparisons with NULL match no row. Use IsNull() or IsNotNull().");

    internal string QuotedName => RedshiftIdentifier.Quote(Name);
}

/// <summary>
/// Collects a filter's SQL and the parameters it binds — or, for a statement whose query is itself a string literal
/// (UNLOAD), renders every value as a SQL literal instead (<see cref="SqlLiteral"/>): Data API parameters cannot be bound
/// inside a literal.
/// </summary>
internal sealed class FilterRenderer(bool literals = false)
{
    private int _next;

    /// <summary>Whether values are written as SQL literals rather than bound as parameters.</summary>
    public bool Literals => literals;

    public StringBuilder Sql { get; } = new();

    public List<(string Name, object Value)> Parameters { get; } = [];

    /// <summary>Appends <c> WHERE (f1) AND (f2) …</c> for the filters, or nothing when there are none.</summary>
    public void AppendWhere(IReadOnlyList<SnapshotFilter> filters)
    {
        for (int i = 0; i < filters.Count; i++)
        {
            Sql.Append(i == 0 ? " WHERE (" : " AND (");
            filters[i].Render(this);
            Sql.Append(')');
        }
    }

    /// <summary>Appends a placeholder for the value. An empty string, which the Data API cannot send, becomes <c>''</c>.</summary>
    public void AppendValue(object value)
    {
        if (value is string { Length: 0 })
        {
            Sql.Append("''");
            return;
        }

        string name = SnapshotFilter.GeneratedParameterPrefix + (++_next).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (literals)
        {
            // The text the parameter would have carried, as a quoted literal Redshift casts from its context as it casts
            // a parameter's text: the same formatting, the same meaning.
            Sql.Append(SqlLiteral.Quote(SqlParameterFormatter.Format(name, value)));
            return;
        }

        Parameters.Add((name, value));
        Sql.Append(':').Append(name);
    }

    public void AddRawParameter(string name, object value)
    {
        if (literals)
        {
            throw new ArgumentException(
                $"Where(sql, parameters) binds :{name} as a Data API parameter, which an UNLOAD cannot carry: UNLOAD's query is a string " +
                "literal, and parameters inside it reach Redshift unused. Express the condition with column filters " +
                "(Column.X.EqualTo(…), whose values are written as literals), or read with Transport = SnapshotTransport.DataApi.",
                nameof(name));
        }

        if (name.StartsWith(SnapshotFilter.GeneratedParameterPrefix, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"Parameter :{name} starts with \"{SnapshotFilter.GeneratedParameterPrefix}\", which generated filters use; rename it.", nameof(name));
        }

        if (Parameters.Exists(p => p.Name == name))
        {
            throw new ArgumentException($"Parameter :{name} is given twice in the snapshot's filters; give each name one value.", nameof(name));
        }

        Parameters.Add((name, value));
    }

    /// <summary>Binds every collected parameter to the statement (which formats and validates the values).</summary>
    public void BindTo(SqlStatement statement)
    {
        foreach (var (name, value) in Parameters)
        {
            statement.WithParameter(name, value);
        }
    }
}

internal sealed class ComparisonFilter(ColumnCondition column, string op, object value) : SnapshotFilter
{
    internal override void Render(FilterRenderer renderer)
    {
        renderer.Sql.Append(column.QuotedName).Append(' ').Append(op).Append(' ');
        renderer.AppendValue(value);
    }

    internal override IEnumerable<ColumnDescriptor> CompiledColumns() => column.Descriptor is { } d ? [d] : [];
}

internal sealed class BetweenFilter(ColumnCondition column, object low, object high) : SnapshotFilter
{
    internal override void Render(FilterRenderer renderer)
    {
        renderer.Sql.Append(column.QuotedName).Append(" BETWEEN ");
        renderer.AppendValue(low);
        renderer.Sql.Append(" AND ");
        renderer.AppendValue(high);
    }

    internal override IEnumerable<ColumnDescriptor> CompiledColumns() => column.Descriptor is { } d ? [d] : [];
}

internal sealed class InFilter(ColumnCondition column, object[] values, bool negated) : SnapshotFilter
{
    internal override void Render(FilterRenderer renderer)
    {
        if (values.Length == 0)
        {
            // IN () is not SQL; an empty list matches nothing (and NOT IN of it, everything).
            renderer.Sql.Append(negated ? "1 = 1" : "1 = 0");
            return;
        }

        renderer.Sql.Append(column.QuotedName).Append(negated ? " NOT IN (" : " IN (");
        for (int i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                renderer.Sql.Append(", ");
            }

            renderer.AppendValue(values[i]);
        }

        renderer.Sql.Append(')');
    }

    internal override IEnumerable<ColumnDescriptor> CompiledColumns() => column.Descriptor is { } d ? [d] : [];
}

internal sealed class NullFilter(ColumnCondition column, bool negated) : SnapshotFilter
{
    internal override void Render(FilterRenderer renderer)
        => renderer.Sql.Append(column.QuotedName).Append(negated ? " IS NOT NULL" : " IS NULL");

    internal override IEnumerable<ColumnDescriptor> CompiledColumns() => column.Descriptor is { } d ? [d] : [];
}

internal sealed class JunctionFilter : SnapshotFilter
{
    private readonly string _op;
    private readonly SnapshotFilter[] _filters;

    public JunctionFilter(string op, SnapshotFilter[] filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        if (filters.Length == 0 || Array.Exists(filters, f => f is null))
        {
            throw new ArgumentException($"{op} needs at least one filter, and no null ones.", nameof(filters));
        }

        _op = op;
        _filters = filters;
    }

    internal override void Render(FilterRenderer renderer)
    {
        renderer.Sql.Append('(');
        for (int i = 0; i < _filters.Length; i++)
        {
            if (i > 0)
            {
                renderer.Sql.Append(' ').Append(_op).Append(' ');
            }

            renderer.Sql.Append('(');
            _filters[i].Render(renderer);
            renderer.Sql.Append(')');
        }

        renderer.Sql.Append(')');
    }

    internal override IEnumerable<ColumnDescriptor> CompiledColumns() => _filters.SelectMany(f => f.CompiledColumns());
}

internal sealed class NotFilter(SnapshotFilter filter) : SnapshotFilter
{
    private readonly SnapshotFilter _filter = filter ?? throw new ArgumentNullException(nameof(filter));

    internal override void Render(FilterRenderer renderer)
    {
        renderer.Sql.Append("NOT (");
        _filter.Render(renderer);
        renderer.Sql.Append(')');
    }

    internal override IEnumerable<ColumnDescriptor> CompiledColumns() => _filter.CompiledColumns();
}

internal sealed class RawFilter : SnapshotFilter
{
    private readonly string _sql;
    private readonly (string Name, object Value)[] _parameters;

    public RawFilter(string sql, (string Name, object Value)[] parameters)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        ArgumentNullException.ThrowIfNull(parameters);
        RawCondition.Validate(sql);
        _sql = sql;
        _parameters = parameters;
    }

    internal override void Render(FilterRenderer renderer)
    {
        // The line break ends a trailing "--" comment in the raw text, so it cannot swallow what follows.
        renderer.Sql.Append(_sql).Append('\n');
        foreach (var (name, value) in _parameters)
        {
            renderer.AddRawParameter(name, value);
        }
    }

    internal override IEnumerable<ColumnDescriptor> CompiledColumns() => [];
}
