using System.Text;
using RedshiftTyped.Local.Dialect.Functions;
using RedshiftTyped.Local.Dialect.Syntax;
using RedshiftTyped.Local.Dialect.Typing;
using RedshiftTyped.Local.Engine;
using RedshiftTyped.Local.Statements;

namespace RedshiftTyped.Local.Dialect.Emit;

/// <summary>
/// Prints a parsed, analysed statement as SQL for one engine: identifiers quoted and folded, Redshift-only syntax
/// rewritten (TOP, MINUS, PIVOT/UNPIVOT, PartiQL unnesting, SUPER navigation, SELECT INTO), every call emitted from
/// its function-table row, and values converted where the engines' types differ from Redshift's.
/// </summary>
internal sealed partial class SqlEmitter
{
    private readonly EngineKind _engine;
    private readonly Analysis _analysis;
    private readonly Func<RsTypeInfo, string> _engineType;
    private readonly LocalCatalog _catalog;
    private int _aliases;

    private SqlEmitter(EngineKind engine, Analysis analysis, Func<RsTypeInfo, string> engineType, LocalCatalog catalog)
    {
        _engine = engine;
        _analysis = analysis;
        _engineType = engineType;
        _catalog = catalog;
    }

    public static string Emit(Statement statement, Analysis analysis, EngineKind engine, Func<RsTypeInfo, string> engineType, LocalCatalog catalog)
        => new SqlEmitter(engine, analysis, engineType, catalog).Statement(statement);

    private bool Duck => _engine == EngineKind.DuckDb;

    private string Statement(Statement statement) => statement switch
    {
        SelectStatement { Query.Body: Select { Into: { } into } select } s => SelectInto(s.Query, select, into),
        SelectStatement select => Query(select.Query),
        InsertStatement insert => Insert(insert),
        UpdateStatement update => Update(update),
        DeleteStatement delete => Delete(delete),
        MergeStatement merge => Merge(merge),
        CreateTableAs ctas => CreateTableAs(ctas),
        CreateView view => $"CREATE {(view.OrReplace ? "OR REPLACE " : "")}VIEW {Name(view.Name)}{ColumnList(view.Columns)} AS {Query(view.Query)}{view.Tail}",
        _ => throw new DialectSyntaxException("statement kind"),
    };

    /// <summary>SELECT … INTO t FROM … is CREATE TABLE t AS SELECT … FROM … (https://docs.aws.amazon.com/redshift/latest/dg/r_SELECT_INTO.html).</summary>
    private string SelectInto(Query query, Select select, QualifiedName into)
    {
        var body = select with { Into = null };
        return $"CREATE {(select.IntoTemporary ? "TEMPORARY " : "")}TABLE {Name(into)} AS {Query(query with { Body = body })}";
    }

    private string CreateTableAs(CreateTableAs ctas)
    {
        var text = new StringBuilder("CREATE ");
        if (ctas.Temporary) text.Append("TEMPORARY ");
        text.Append("TABLE ");
        if (ctas.IfNotExists) text.Append("IF NOT EXISTS ");
        // The physical-design attributes (DISTKEY, SORTKEY, …) are the catalog's: RedshiftDialect.CreatedTable reads them.
        text.Append(Name(ctas.Table)).Append(ColumnList(ctas.Columns)).Append(" AS ").Append(Query(ctas.Query));
        return text.ToString();
    }

    private string Insert(InsertStatement insert)
    {
        var text = new StringBuilder("INSERT INTO ").Append(Name(insert.Table)).Append(ColumnList(insert.Columns));
        if (insert.DefaultValues) return text.Append(" DEFAULT VALUES").ToString();
        var targets = TargetTypes(insert.Table, insert.Columns);
        var source = insert.Source!;
        text.Append(' ');
        if (source is { With: null, OrderBy.Count: 0, Limit: null, Offset: null, Body: ValuesBody values })
        {
            text.Append("VALUES ").AppendJoin(", ", values.Rows.Select(row => "(" + string.Join(", ", row.Select((v, i) => Store(v, At(targets, i)))) + ")"));
        }
        else if (source.Body is Select select && targets.Count > 0)
        {
            // INSERT … SELECT: the select list stored as the target columns' types store it (SUPER, dates).
            var items = select.Items.Select((item, i) => item.Expr is Star ? item : item with { Expr = new Stored(item.Expr, At(targets, i)) }).ToList();
            text.Append(Query(source with { Body = select with { Items = items } }));
        }
        else
        {
            text.Append(Query(source));
        }

        return text.ToString();
    }

    private static RsTypeInfo? At(IReadOnlyList<RsTypeInfo?> types, int index) => index < types.Count ? types[index] : null;

    /// <summary>The declared types of an INSERT's target columns, in the order the values come (empty when unknown).</summary>
    private IReadOnlyList<RsTypeInfo?> TargetTypes(QualifiedName table, IReadOnlyList<Ident> columns)
    {
        var declared = _catalog.Find(table.Schema ?? "public", table.Last.Name);
        if (declared is null) return [];
        if (columns.Count == 0) return declared.Columns.Select(c => (RsTypeInfo?)c.Type).ToList();
        return columns.Select(c => declared.Column(c.Name)?.Type).ToList();
    }

    private string Update(UpdateStatement update)
    {
        var declared = _catalog.Find(update.Table.Schema ?? "public", update.Table.Last.Name);
        var text = new StringBuilder("UPDATE ").Append(Name(update.Table));
        if (update.Alias is { } alias) text.Append(" AS ").Append(Quote(alias.Name));
        text.Append(" SET ").AppendJoin(", ", update.Set.Select(a => Assignment(a, declared)));
        if (update.From.Count > 0) text.Append(" FROM ").Append(FromList(update.From));
        if (update.Where is { } where) text.Append(" WHERE ").Append(Expr(where));
        return text.ToString();
    }

    private string Assignment(Assignment assignment, CatalogTable? declared)
    {
        if (assignment.Columns.Count == 1)
        {
            return $"{Quote(assignment.Columns[0].Name)} = {Store(assignment.Value, declared?.Column(assignment.Columns[0].Name)?.Type)}";
        }

        return $"({string.Join(", ", assignment.Columns.Select(c => Quote(c.Name)))}) = {Expr(assignment.Value)}";
    }

    private string Delete(DeleteStatement delete)
    {
        var text = new StringBuilder("DELETE FROM ").Append(Name(delete.Table));
        if (delete.Alias is { } alias) text.Append(" AS ").Append(Quote(alias.Name));
        if (delete.Using.Count > 0) text.Append(" USING ").Append(FromList(delete.Using));
        if (delete.Where is { } where) text.Append(" WHERE ").Append(Expr(where));
        return text.ToString();
    }

    private string Merge(MergeStatement merge)
    {
        var declared = _catalog.Find(merge.Target.Schema ?? "public", merge.Target.Last.Name);
        var text = new StringBuilder("MERGE INTO ").Append(Name(merge.Target));
        if (merge.TargetAlias is { } alias) text.Append(" AS ").Append(Quote(alias.Name));
        text.Append(" USING ").Append(FromItem(merge.Source)).Append(" ON ").Append(Expr(merge.On));
        foreach (var action in merge.Actions)
        {
            text.Append(" WHEN ").Append(action.When == "matched" ? "MATCHED" : "NOT MATCHED");
            if (action.Condition is { } condition) text.Append(" AND ").Append(Expr(condition));
            text.Append(" THEN ");
            switch (action.Action)
            {
                case "delete":
                    text.Append("DELETE");
                    break;
                case "update":
                    text.Append("UPDATE SET ").AppendJoin(", ", action.Set.Select(a => Assignment(a, declared)));
                    break;
                default:
                    var targets = TargetTypes(merge.Target, action.InsertColumns);
                    text.Append("INSERT").Append(ColumnList(action.InsertColumns)).Append(" VALUES (")
                        .AppendJoin(", ", action.InsertValues.Select((v, i) => Store(v, At(targets, i)))).Append(')');
                    break;
            }
        }

        return text.ToString();
    }

    // ---------------------------------------------------------------- queries

    private string Query(Query query)
    {
        var text = new StringBuilder();
        if (query.With is { } with)
        {
            text.Append("WITH ");
            if (with.Recursive) text.Append("RECURSIVE ");
            text.AppendJoin(", ", with.Tables.Select(t => $"{Quote(t.Name.Name)}{ColumnList(t.Columns)} AS ({Query(t.Query)})")).Append(' ');
        }

        text.Append(Body(query.Body));
        if (query.OrderBy.Count > 0) text.Append(" ORDER BY ").Append(OrderList(query.OrderBy));
        var limit = query.Limit ?? (query.Body as Select)?.Top;
        if (limit is not null) text.Append(" LIMIT ").Append(Coerce(limit, Types.Int8));
        if (query.Offset is { } offset) text.Append(" OFFSET ").Append(Coerce(offset, Types.Int8));
        return text.ToString();
    }

    private string Body(QueryBody body) => body switch
    {
        Select select => Select(select),
        SetOperation set => $"{SetOperand(set.Left)} {set.Operator.ToString().ToUpperInvariant()}{(set.All ? " ALL" : "")} {SetOperand(set.Right)}",
        NestedQuery nested => $"({Query(nested.Query)})",
        RawBody raw => raw.Sql,
        ValuesBody values => "VALUES " + string.Join(", ", values.Rows.Select(r => "(" + string.Join(", ", r.Select(Expr)) + ")")),
        _ => throw new DialectSyntaxException("query body"),
    };

    /// <summary>A set operand: a select with TOP needs parentheses to keep its LIMIT to itself.</summary>
    private string SetOperand(QueryBody body) => body is Select { Top: not null } ? $"({Body(body)})" : Body(body);

    private string Select(Select select)
    {
        if (select.ConnectBy is { } connect) return ConnectBy(select, connect);
        var text = new StringBuilder("SELECT ");
        if (select.Distinct) text.Append("DISTINCT ");
        text.AppendJoin(", ", select.Items.Select(SelectItem));
        if (select.From.Count > 0) text.Append(" FROM ").Append(FromList(select.From));
        if (select.Where is { } where) text.Append(" WHERE ").Append(Expr(where));
        if (select.GroupBy.Count > 0) text.Append(" GROUP BY ").AppendJoin(", ", select.GroupBy.Select(Grouping));
        if (select.Having is { } having) text.Append(" HAVING ").Append(Expr(having));
        if (select.Qualify is { } qualify)
        {
            if (!Duck) throw new EngineFailure("ERROR: QUALIFY is not supported by the local server on PostgreSQL");
            text.Append(" QUALIFY ").Append(Expr(qualify));
        }

        return text.ToString();
    }

    /// <summary>
    /// A hierarchical query as a recursive CTE: the START WITH rows at level 1, then the rows whose CONNECT BY condition
    /// holds with a row of the previous level as PRIOR; WHERE filters the hierarchy afterwards, as in Redshift
    /// (https://docs.aws.amazon.com/redshift/latest/dg/r_CONNECT_BY_clause.html). A cycle stops at depth 10000.
    /// </summary>
    private string ConnectBy(Select select, ConnectBy connect)
    {
        if (select.From is not [TableRef table]) throw new EngineFailure("ERROR: CONNECT BY over more than one table is not supported by the local server");
        string alias = Quote(table.Alias?.Name.Name ?? table.Name.Last.Name);
        string source = Name(table.Name) + " AS " + alias;
        string cte = Quote(NextAlias("connect"));
        string prior = Quote(NextAlias("prior"));
        string start = connect.StartWith is { } s ? " WHERE " + Expr(s) : "";
        (_priorAlias, _connectAlias) = (prior, alias);
        string condition = Expr(connect.Condition);
        (_priorAlias, _connectAlias) = (null, null);
        string hierarchy = $"WITH RECURSIVE {cte} AS (SELECT {alias}.*, 1 AS \"level\" FROM {source}{start} UNION ALL "
            + $"SELECT {alias}.*, {prior}.\"level\" + 1 FROM {source} JOIN {cte} AS {prior} ON {condition} WHERE {prior}.\"level\" < 10000) SELECT * FROM {cte}";
        var flattened = select with { ConnectBy = null, From = [new SubqueryRef(new Query(null, new RawBody(hierarchy), [], null, null), table.Alias ?? new TableAlias(table.Name.Last, []), false)] };
        return Select(flattened);
    }

    private string? _priorAlias;

    /// <summary>The table of a CONNECT BY's recursive step: unqualified columns of its condition are this row's.</summary>
    private string? _connectAlias;

    private string SelectItem(SelectItem item)
    {
        string expr = Expr(item.Expr);
        return item.Alias is { } alias ? $"{expr} AS {Quote(alias.Name)}" : expr;
    }

    private string Grouping(GroupingElement group) => group.Kind switch
    {
        "expr" => Expr(group.Items[0]),
        "rollup" => $"ROLLUP ({string.Join(", ", group.Items.Select(Expr))})",
        "cube" => $"CUBE ({string.Join(", ", group.Items.Select(Expr))})",
        "empty" => "()",
        _ => $"GROUPING SETS ({string.Join(", ", group.Nested.Select(Grouping))})",
    };

    private string OrderList(IReadOnlyList<OrderItem> items) => string.Join(", ", items.Select(OrderItem));

    /// <summary>
    /// An ORDER BY item. Redshift sorts NULLs last ascending and first descending (as both engines' defaults do when
    /// asked explicitly; DuckDB's own default puts them last both ways).
    /// </summary>
    private string OrderItem(OrderItem item)
    {
        string text = Expr(item.Expr) + (item.Descending ? " DESC" : " ASC");
        string nulls = item.Nulls ?? (item.Descending ? "first" : "last");
        return text + " NULLS " + nulls.ToUpperInvariant();
    }

    // ---------------------------------------------------------------- FROM

    private string FromList(IReadOnlyList<FromItem> items)
    {
        var text = new StringBuilder();
        for (int i = 0; i < items.Count; i++)
        {
            if (i > 0) text.Append(items[i] is UnnestRef ? " CROSS JOIN " : ", ");
            text.Append(FromItem(items[i]));
        }

        return text.ToString();
    }

    private string FromItem(FromItem item) => item switch
    {
        TableRef table => Name(table.Name) + Alias(table.Alias),
        SubqueryRef sub => $"{(sub.Lateral ? "LATERAL " : "")}({Query(sub.Query)}){(sub.Alias is null ? " AS " + Quote(NextAlias("sq")) : Alias(sub.Alias))}",
        FunctionRef function => FunctionFrom(function),
        UnnestRef unnest => Unnest(unnest),
        JoinItem join => Join(join),
        ParenFrom paren => $"({FromItem(paren.Inner)}){Alias(paren.Alias)}",
        PivotRef pivot => Pivot(pivot),
        UnpivotRef unpivot => Unpivot(unpivot),
        _ => throw new DialectSyntaxException("FROM item"),
    };

    private string FunctionFrom(FunctionRef function)
    {
        string call = Expr(function.Call);
        if (function.Alias is null) return call;
        if (function.ColumnDefinitions.Count > 0 && !Duck)
        {
            return $"{call} AS {Quote(function.Alias.Name.Name)}({string.Join(", ", function.ColumnDefinitions.Select(d => Quote(d.Name.Name) + " " + d.Type))})";
        }

        return call + Alias(function.Alias);
    }

    private string Join(JoinItem join)
    {
        var text = new StringBuilder(FromItem(join.Left)).Append(' ');
        if (join.Natural) text.Append("NATURAL ");
        text.Append(join.Kind.ToUpperInvariant()).Append(" JOIN ");
        text.Append(join.Right is UnnestRef unnest ? Unnest(unnest) : FromItem(join.Right));
        if (join.On is { } on) text.Append(" ON ").Append(Expr(on));
        else if (join.Using.Count > 0) text.Append(" USING (").AppendJoin(", ", join.Using.Select(u => Quote(u.Name))).Append(')');
        else if (join.Kind is "inner" or "left" or "right" or "full" && !join.Natural && join.Right is UnnestRef) text.Append(" ON TRUE");
        return text.ToString();
    }

    private string Alias(TableAlias? alias) => alias is null ? "" : $" AS {Quote(alias.Name.Name)}{ColumnList(alias.Columns)}";

    private string NextAlias(string prefix) => $"_{prefix}{++_aliases}";

    /// <summary>
    /// PartiQL unnesting, <c>FROM t, t.arr AS e AT i</c> (https://docs.aws.amazon.com/redshift/latest/dg/query-super.html):
    /// one row per element of the array (none when the value is not an array), the index counted from 0.
    /// </summary>
    private string Unnest(UnnestRef unnest)
    {
        string array = Expr(unnest.Path);
        string element = Quote(unnest.Alias.Name);
        string? index = unnest.Index is { } i ? Quote(i.Name) : null;
        string alias = Quote(NextAlias("unnest"));
        if (unnest.ObjectUnpivot)
        {
            // UNPIVOT obj AS value AT attribute: the object's attributes and values (none when the value is not an object).
            string attribute = index is null ? "" : $", u.key AS {index}";
            return Duck
                ? $"LATERAL (SELECT CAST(u.value AS JSON) AS {element}{attribute} FROM json_each(CASE WHEN json_type({array}) = 'OBJECT' THEN {array} END) AS u) AS {alias}"
                : $"LATERAL (SELECT u.value AS {element}{attribute} FROM json_each(CASE WHEN json_typeof({array}) = 'object' THEN {array} END) AS u) AS {alias}";
        }

        if (Duck)
        {
            string columns = $"CAST(u.value AS JSON) AS {element}" + (index is null ? "" : $", CAST(u.key AS INTEGER) AS {index}");
            return $"LATERAL (SELECT {columns} FROM json_each(CASE WHEN json_type({array}) = 'ARRAY' THEN {array} END) AS u) AS {alias}";
        }

        string pgColumns = $"u.value AS {element}" + (index is null ? "" : $", CAST(u.ordinality - 1 AS INTEGER) AS {index}");
        return $"LATERAL (SELECT {pgColumns} FROM json_array_elements(CASE WHEN json_typeof({array}) = 'array' THEN {array} END) WITH ORDINALITY AS u(value, ordinality)) AS {alias}";
    }

    /// <summary>
    /// PIVOT as conditional aggregation: one aggregate per IN value over the rows whose FOR column equals it (NULL
    /// matching NULL), grouped by the source's other columns (https://docs.aws.amazon.com/redshift/latest/dg/r_FROM_clause-pivot-unpivot-examples.html).
    /// </summary>
    private string Pivot(PivotRef pivot)
    {
        var source = _analysis.RelationOf(pivot.Source)?.Columns
            ?? throw new EngineFailure("ERROR: PIVOT needs a source whose columns are known (a table created through the local server, or a subquery)");
        var used = new HashSet<string>(pivot.Aggregates.SelectMany(a => Analyzer.ColumnsIn(a.Call)).Append(pivot.ForColumn.Name), StringComparer.Ordinal);
        var groups = source.Where(c => !used.Contains(c.Name)).Select(c => Quote(c.Name)).ToList();
        var items = new List<string>(groups);
        string forColumn = Quote(pivot.ForColumn.Name);
        foreach (var value in pivot.Values)
        {
            foreach (var aggregate in pivot.Aggregates)
            {
                string condition = $"{forColumn} IS NOT DISTINCT FROM {Expr(value.Value)}";
                var call = aggregate.Call;
                var resolved = _analysis.CallOf(call)!;
                Expr value1 = call.StarArg ? new Literal(LiteralKind.Integer, "1") : call.Args[0];
                Expr filteredArg = new Case(null, [new CaseWhen(new RawSql(condition), value1)], null);
                _analysis.SetType(filteredArg, _analysis.TypeOf(value1));
                var filtered = call with { StarArg = false, Args = [filteredArg, .. call.Args.Skip(1)] };
                var types = resolved.Types with
                {
                    Nodes = filtered.Args,
                    Args = [_analysis.TypeOf(value1), .. resolved.Types.Args.Skip(call.StarArg ? 0 : 1)],
                    WrittenCount = filtered.Args.Count,
                };
                _analysis.SetCall(filtered, resolved with { Types = types });
                _analysis.SetType(filtered, _analysis.TypeOf(call));
                string name = Analyzer.PivotColumnName(value, aggregate, pivot.Aggregates.Count);
                items.Add($"{Expr(filtered)} AS {Quote(name)}");
            }
        }

        string group = groups.Count > 0 ? " GROUP BY " + string.Join(", ", groups) : "";
        string alias = pivot.Alias is { } a ? Alias(a) : " AS " + Quote(NextAlias("pivot"));
        return $"(SELECT {string.Join(", ", items)} FROM {FromItem(pivot.Source)}{group}){alias}";
    }

    /// <summary>UNPIVOT as a lateral VALUES list: one row per IN column, named by the column (or its alias), NULLs dropped unless INCLUDE NULLS.</summary>
    private string Unpivot(UnpivotRef unpivot)
    {
        var source = (_analysis.RelationOf(unpivot.Source)?.Columns) ?? throw new EngineFailure("ERROR: UNPIVOT needs a source whose columns are known (a table created through the local server, or a subquery)");
        var used = new HashSet<string>(unpivot.Columns.SelectMany(c => Analyzer.ColumnsIn(c.Value)), StringComparer.Ordinal);
        string src = Quote(NextAlias("src"));
        string u = Quote(NextAlias("unpivot"));
        var kept = source.Where(c => !used.Contains(c.Name)).Select(c => $"{src}.{Quote(c.Name)}").ToList();
        string name = Quote(unpivot.NameColumn.Name);
        string value = Quote(unpivot.ValueColumn.Name);
        var rows = unpivot.Columns.Select(c =>
        {
            string label = c.Alias?.Name ?? (c.Value is ColumnRef r ? r.Parts[^1].Name : "?column?");
            return $"({CallSite.Quote(label)}, {src}.{Expr(c.Value)})";
        });
        var items = kept.Append($"{u}.{name}").Append($"{u}.{value}");
        string where = unpivot.IncludeNulls ? "" : $" WHERE {u}.{value} IS NOT NULL";
        string alias = unpivot.Alias is { } a ? Alias(a) : " AS " + Quote(NextAlias("unpivoted"));
        string sourceSql = unpivot.Source is SubqueryRef or TableRef ? FromItemWithAlias(unpivot.Source, src) : $"(SELECT * FROM {FromItem(unpivot.Source)}) AS {src}";
        return $"(SELECT {string.Join(", ", items)} FROM {sourceSql} CROSS JOIN LATERAL (VALUES {string.Join(", ", rows)}) AS {u}({name}, {value}){where}){alias}";
    }

    private string FromItemWithAlias(FromItem item, string alias) => item switch
    {
        TableRef table => $"{Name(table.Name)} AS {alias}",
        SubqueryRef sub => $"({Query(sub.Query)}) AS {alias}",
        _ => $"(SELECT * FROM {FromItem(item)}) AS {alias}",
    };

    // ---------------------------------------------------------------- names

    /// <summary>A quoted identifier: every name is emitted quoted (and already folded), so reserved words and case behave.</summary>
    public static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Name(QualifiedName name) => string.Join('.', name.Parts.Select(p => Quote(p.Name)));

    private static string ColumnList(IReadOnlyList<Ident> columns) => columns.Count == 0 ? "" : "(" + string.Join(", ", columns.Select(c => Quote(c.Name))) + ")";
}

/// <summary>SQL the emitter itself builds inside a rewritten tree (never parsed from user text).</summary>
internal sealed record RawSql(string Sql) : Expr;

/// <summary>A query body the emitter built itself (the hierarchy of a CONNECT BY).</summary>
internal sealed record RawBody(string Sql) : QueryBody;

/// <summary>An expression stored in a column of <see cref="Target"/> as it is emitted (the select list of INSERT … SELECT).</summary>
internal sealed record Stored(Expr Inner, RsTypeInfo? Target) : Expr;
