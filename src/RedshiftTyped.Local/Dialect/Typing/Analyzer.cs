using RedshiftTyped.Local.Dialect.Functions;
using RedshiftTyped.Local.Dialect.Syntax;
using RedshiftTyped.Local.Engine;
using RedshiftTyped.Local.Statements;

namespace RedshiftTyped.Local.Dialect.Typing;

/// <summary>A call resolved against the function table (Row null: a name the table does not hold, passed through).</summary>
internal sealed record ResolvedCall(FunctionRow? Row, CallTypes Types, int? PartIndex, string Name);

/// <summary>What the analyzer learned about a statement: the type of every expression, what every column reference and
/// call resolved to, every query's output columns, and the statement's result columns.</summary>
internal sealed class Analysis
{
    private readonly Dictionary<object, RsTypeInfo?> _types = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<object, ColumnBinding> _bindings = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<object, ResolvedCall> _calls = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<object, IReadOnlyList<OutputColumn>> _outputs = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<object, Relation> _relations = new(ReferenceEqualityComparer.Instance);

    /// <summary>The result columns of the statement (null when it returns none, or when they are not known).</summary>
    public IReadOnlyList<OutputColumn>? Result { get; set; }

    public RsTypeInfo? TypeOf(Expr expr) => _types.GetValueOrDefault(expr);

    public ColumnBinding? BindingOf(ColumnRef column) => _bindings.GetValueOrDefault(column);

    public ResolvedCall? CallOf(Expr call) => _calls.GetValueOrDefault(call);

    public IReadOnlyList<OutputColumn>? OutputsOf(object query) => _outputs.GetValueOrDefault(query);

    public Relation? RelationOf(FromItem item) => _relations.GetValueOrDefault(item);

    internal void SetType(Expr expr, RsTypeInfo? type) => _types[expr] = type;

    internal bool HasType(Expr expr) => _types.ContainsKey(expr);

    internal void SetBinding(ColumnRef column, ColumnBinding binding) => _bindings[column] = binding;

    internal void SetCall(Expr call, ResolvedCall resolved) => _calls[call] = resolved;

    internal void SetOutputs(object query, IReadOnlyList<OutputColumn> outputs) => _outputs[query] = outputs;

    internal void SetRelation(FromItem item, Relation relation) => _relations[item] = relation;
}

/// <summary>
/// Resolves names and infers Redshift types over a parsed statement: FROM items become relations (catalog tables with
/// their declared types, subqueries and CTEs with their inferred columns, unnested SUPER elements), column references
/// bind to them, calls resolve against the function table, and every expression gets the type Redshift gives it (null
/// when the rules cannot tell: the engine's type is reported then).
/// </summary>
internal sealed class Analyzer(LocalCatalog catalog)
{
    private readonly Analysis _analysis = new();

    public static Analysis Analyze(Statement statement, LocalCatalog catalog)
    {
        var analyzer = new Analyzer(catalog);
        analyzer.AnalyzeStatement(statement);
        return analyzer._analysis;
    }

    private void AnalyzeStatement(Statement statement)
    {
        var root = new Scope(null);
        switch (statement)
        {
            case SelectStatement select:
                _analysis.Result = AnalyzeQuery(select.Query, root);
                if (select.Query.Body is Select { Into: not null }) _analysis.Result = null;
                break;
            case InsertStatement insert:
                if (insert.Source is { } source) AnalyzeQuery(source, root);
                break;
            case UpdateStatement update:
            {
                var scope = new Scope(root);
                scope.Relations.Add(TableRelation(update.Table, update.Alias is null ? null : new TableAlias(update.Alias, [])));
                foreach (var item in update.From) AddFrom(item, scope);
                foreach (var assignment in update.Set) TypeOf(assignment.Value, scope);
                if (update.Where is { } where) TypeOf(where, scope);
                break;
            }

            case DeleteStatement delete:
            {
                var scope = new Scope(root);
                scope.Relations.Add(TableRelation(delete.Table, delete.Alias is null ? null : new TableAlias(delete.Alias, [])));
                foreach (var item in delete.Using) AddFrom(item, scope);
                if (delete.Where is { } where) TypeOf(where, scope);
                break;
            }

            case MergeStatement merge:
            {
                var scope = new Scope(root);
                scope.Relations.Add(TableRelation(merge.Target, merge.TargetAlias is null ? null : new TableAlias(merge.TargetAlias, [])));
                AddFrom(merge.Source, scope);
                TypeOf(merge.On, scope);
                foreach (var action in merge.Actions)
                {
                    if (action.Condition is { } condition) TypeOf(condition, scope);
                    foreach (var assignment in action.Set) TypeOf(assignment.Value, scope);
                    foreach (var value in action.InsertValues) TypeOf(value, scope);
                }

                break;
            }

            case CreateTableAs ctas:
                AnalyzeQuery(ctas.Query, root);
                break;
            case CreateView view:
                AnalyzeQuery(view.Query, root);
                break;
        }
    }

    // ---------------------------------------------------------------- queries

    private IReadOnlyList<OutputColumn> AnalyzeQuery(Query query, Scope parent)
    {
        var scope = new Scope(parent);
        if (query.With is { } with)
        {
            foreach (var cte in with.Tables)
            {
                if (with.Recursive && cte.Query.Body is SetOperation recursive)
                {
                    // The non-recursive branch gives the columns the recursive branch refers to.
                    var seed = AnalyzeBody(recursive.Left, scope, null);
                    scope.CommonTables[cte.Name.Name] = Rename(seed, cte.Columns);
                }

                var columns = AnalyzeQuery(cte.Query, scope);
                scope.CommonTables[cte.Name.Name] = Rename(columns, cte.Columns);
            }
        }

        var outputs = AnalyzeBody(query.Body, scope, query);
        _analysis.SetOutputs(query, outputs);
        return outputs;
    }

    private IReadOnlyList<OutputColumn> AnalyzeBody(QueryBody body, Scope scope, Query? owner)
    {
        IReadOnlyList<OutputColumn> outputs;
        switch (body)
        {
            case Select select:
                outputs = AnalyzeSelect(select, scope, owner);
                break;
            case SetOperation set:
            {
                var left = AnalyzeBody(set.Left, scope, null);
                var right = AnalyzeBody(set.Right, scope, null);
                outputs = left.Count == right.Count && left.All(c => !c.UnknownStar) && right.All(c => !c.UnknownStar)
                    ? left.Select((c, i) => c with { Type = Types.Unify(c.Type, right[i].Type), Schema = "", Table = "", Nullable = true }).ToList()
                    : left;
                if (owner is not null) AnalyzeOrder(owner, scope, outputs);
                break;
            }

            case NestedQuery nested:
                outputs = AnalyzeQuery(nested.Query, scope);
                if (owner is not null) AnalyzeOrder(owner, scope, outputs);
                break;
            case ValuesBody values:
            {
                foreach (var row in values.Rows)
                {
                    foreach (var value in row) TypeOf(value, scope);
                }

                int width = values.Rows.Count == 0 ? 0 : values.Rows[0].Count;
                outputs = Enumerable.Range(0, width)
                    .Select(i => new OutputColumn($"column{i + 1}", Types.Common(values.Rows.Where(r => r.Count > i).Select(r => (_analysis.TypeOf(r[i]), r[i])))))
                    .ToList();
                if (owner is not null) AnalyzeOrder(owner, scope, outputs);
                break;
            }

            default:
                outputs = [];
                break;
        }

        _analysis.SetOutputs(body, outputs);
        return outputs;
    }

    private void AnalyzeOrder(Query query, Scope scope, IReadOnlyList<OutputColumn> outputs)
    {
        var orderScope = new Scope(scope) { SelectOutputs = outputs };
        foreach (var item in query.OrderBy) TypeOf(item.Expr, orderScope);
        if (query.Limit is { } limit) TypeOf(limit, scope);
        if (query.Offset is { } offset) TypeOf(offset, scope);
    }

    private IReadOnlyList<OutputColumn> AnalyzeSelect(Select select, Scope parent, Query? owner)
    {
        var scope = new Scope(parent);
        foreach (var item in select.From) AddFrom(item, scope);
        if (select.ConnectBy is not null)
        {
            // LEVEL: the depth of the row in the hierarchy, from 1 (https://docs.aws.amazon.com/redshift/latest/dg/r_CONNECT_BY_clause.html).
            scope.Relations.Add(new Relation("level", null) { IsValue = true, ValueType = Types.Int4 });
        }

        if (select.Where is { } where) TypeOf(where, scope);
        if (select.ConnectBy is { } connect)
        {
            if (connect.StartWith is { } start) TypeOf(start, scope);
            TypeOf(connect.Condition, scope);
        }

        var outputs = new List<OutputColumn>();
        foreach (var item in select.Items)
        {
            if (item.Expr is Star star)
            {
                outputs.AddRange(ExpandStar(star, scope));
                continue;
            }

            var type = TypeOf(item.Expr, scope);
            string name = item.Alias?.Name ?? ColumnNames.Of(item.Expr, _analysis);
            var source = item.Expr is ColumnRef column && _analysis.BindingOf(column) is { IsNavigation: false, Column: { } c } ? c : null;
            outputs.Add(new OutputColumn(name, type, source?.Nullable ?? true, source?.Schema ?? "", source?.Table ?? ""));
        }

        CheckSortedAggregates(select);

        // GROUP BY, HAVING and ORDER BY may name select-list aliases.
        var late = new Scope(scope) { SelectOutputs = outputs };
        foreach (var group in select.GroupBy) AnalyzeGrouping(group, late);
        if (select.Having is { } having) TypeOf(having, late);
        if (select.Qualify is { } qualify) TypeOf(qualify, late);
        if (select.Top is { } top) TypeOf(top, scope);
        if (owner is not null)
        {
            foreach (var order in owner.OrderBy) TypeOf(order.Expr, late);
            if (owner.Limit is { } limit) TypeOf(limit, scope);
            if (owner.Offset is { } offset) TypeOf(offset, scope);
        }

        return outputs;
    }

    /// <summary>
    /// LISTAGG, PERCENTILE_CONT, PERCENTILE_DISC and MEDIAN (ordered by its argument) of one select list must share their
    /// WITHIN GROUP order (r_LISTAGG and r_MEDIAN usage notes), or Redshift refuses the statement.
    /// </summary>
    private static void CheckSortedAggregates(Select select)
    {
        string? order = null;
        foreach (var call in select.Items.SelectMany(i => Calls(i.Expr)))
        {
            string? current = call.FunctionName switch
            {
                "listagg" or "percentile_cont" or "percentile_disc" when call.WithinGroup.Count > 0 && call.Over is null
                    => string.Join(",", call.WithinGroup.Select(o => Canonical(o.Expr) + (o.Descending ? " desc" : ""))),
                "median" when call.Over is null && call.Args.Count == 1 => Canonical(call.Args[0]),
                _ => null,
            };
            if (current is null) continue;
            if (order is not null && order != current)
            {
                throw new EngineFailure("ERROR: within group ORDER BY clauses for aggregate functions must be the same");
            }

            order = current;
        }
    }

    private static IEnumerable<FunctionCall> Calls(Expr expr) => expr switch
    {
        FunctionCall call => call.Args.SelectMany(Calls).Prepend(call),
        Binary binary => Calls(binary.Left).Concat(Calls(binary.Right)),
        Unary unary => Calls(unary.Operand),
        Cast cast => Calls(cast.Operand),
        _ => [],
    };

    /// <summary>A comparable text of an ORDER BY expression (columns and literals; anything else is unique).</summary>
    private static string Canonical(Expr expr) => expr switch
    {
        ColumnRef column => column.Parts[^1].Name,
        Literal literal => literal.Text,
        _ => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(expr).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private void AnalyzeGrouping(GroupingElement group, Scope scope)
    {
        foreach (var item in group.Items) TypeOf(item, scope);
        foreach (var nested in group.Nested) AnalyzeGrouping(nested, scope);
    }

    private static IEnumerable<OutputColumn> ExpandStar(Star star, Scope scope)
    {
        var relations = star.Qualifier.Count == 0
            ? scope.Relations.Where(r => !r.IsValue).ToList()
            : scope.Relations.Where(r => r.Name == star.Qualifier[^1].Name).ToList();
        if (relations.Count == 0 && star.Qualifier.Count == 0)
        {
            // SELECT * over unnested values only (FROM t.arr AS e): one column per value.
            return scope.Relations.Where(r => r.IsValue).Select(r => new OutputColumn(r.Name, r.ValueType));
        }

        var columns = new List<OutputColumn>();
        foreach (var relation in relations)
        {
            if (relation.Columns is null) return [OutputColumn.Star];
            columns.AddRange(relation.Columns);
        }

        return columns.Count == 0 ? [OutputColumn.Star] : columns;
    }

    private static IReadOnlyList<OutputColumn> Rename(IReadOnlyList<OutputColumn> columns, IReadOnlyList<Ident> names)
        => names.Count == 0 ? columns : columns.Select((c, i) => i < names.Count ? c with { Name = names[i].Name } : c).ToList();

    // ---------------------------------------------------------------- FROM

    private Relation TableRelation(QualifiedName name, TableAlias? alias)
    {
        string relationName = alias?.Name.Name ?? name.Last.Name;
        IReadOnlyList<OutputColumn>? columns = null;
        if (name.Parts.Count == 1 && FindCommonTable(name.Last.Name) is { } cte)
        {
            columns = cte;
        }
        else if (catalog.Find(name.Schema ?? "public", name.Last.Name) is { } table)
        {
            columns = table.Columns.Select(c => new OutputColumn(c.Name, c.Type, c.Nullable, table.Schema, table.Name)).ToList();
        }

        if (columns is not null && alias is { Columns.Count: > 0 }) columns = Rename(columns, alias.Columns);
        return new Relation(relationName, columns);
    }

    private Scope? _cteScope;

    private IReadOnlyList<OutputColumn>? FindCommonTable(string name) => _cteScope?.FindCommonTable(name);

    private void AddFrom(FromItem item, Scope scope)
    {
        var previous = _cteScope;
        _cteScope = scope;
        try
        {
            AddFromCore(item, scope);
        }
        finally
        {
            _cteScope = previous;
        }
    }

    private void AddFromCore(FromItem item, Scope scope)
    {
        switch (item)
        {
            case TableRef table:
            {
                var relation = TableRelation(table.Name, table.Alias);
                _analysis.SetRelation(item, relation);
                scope.Relations.Add(relation);
                break;
            }

            case SubqueryRef sub:
            {
                var columns = AnalyzeQuery(sub.Query, sub.Lateral ? scope : scope.Parent ?? scope);
                if (sub.Alias is { Columns.Count: > 0 } alias) columns = Rename(columns, alias.Columns);
                var relation = new Relation(sub.Alias?.Name.Name ?? "", columns.Any(c => c.UnknownStar) ? null : columns);
                _analysis.SetRelation(item, relation);
                scope.Relations.Add(relation);
                break;
            }

            case FunctionRef function:
            {
                TypeOf(function.Call, scope);
                IReadOnlyList<OutputColumn>? columns = function.ColumnDefinitions.Count > 0
                    ? function.ColumnDefinitions.Select(d => new OutputColumn(d.Name.Name, Types.FromTypeName(d.Type))).ToList()
                    : function.Alias is { Columns.Count: > 0 } a ? a.Columns.Select(c => new OutputColumn(c.Name, null)).ToList() : null;
                var relation = new Relation(function.Alias?.Name.Name ?? function.Call.FunctionName, columns);
                _analysis.SetRelation(item, relation);
                scope.Relations.Add(relation);
                break;
            }

            case UnnestRef unnest:
            {
                TypeOf(unnest.Path, scope);
                var element = new Relation(unnest.Alias.Name, null) { IsValue = true, ValueType = Types.Super };
                _analysis.SetRelation(item, element);
                scope.Relations.Add(element);
                if (unnest.Index is { } index)
                {
                    scope.Relations.Add(new Relation(index.Name, null) { IsValue = true, ValueType = unnest.ObjectUnpivot ? Types.VarcharMax : Types.Int4 });
                }
                break;
            }

            case JoinItem join:
                AddFromCore(join.Left, scope);
                AddFromCore(join.Right, scope);
                if (join.On is { } on) TypeOf(on, scope);
                break;
            case ParenFrom paren:
                AddFromCore(paren.Inner, scope);
                break;
            case PivotRef pivot:
            {
                var inner = new Scope(scope.Parent);
                AddFromCore(pivot.Source, inner);
                var source = inner.Relations.Count == 1 ? inner.Relations[0].Columns : null;
                foreach (var aggregate in pivot.Aggregates) TypeOf(aggregate.Call, inner);
                foreach (var value in pivot.Values) TypeOf(value.Value, inner);
                IReadOnlyList<OutputColumn>? columns = null;
                if (source is not null)
                {
                    var used = new HashSet<string>(pivot.Aggregates.SelectMany(a => ColumnsIn(a.Call)).Append(pivot.ForColumn.Name), StringComparer.Ordinal);
                    var list = source.Where(c => !used.Contains(c.Name)).Select(c => c with { Schema = "", Table = "" }).ToList();
                    foreach (var value in pivot.Values)
                    {
                        foreach (var aggregate in pivot.Aggregates)
                        {
                            list.Add(new OutputColumn(PivotColumnName(value, aggregate, pivot.Aggregates.Count), _analysis.TypeOf(aggregate.Call)));
                        }
                    }

                    columns = list;
                }

                if (columns is not null && pivot.Alias is { Columns.Count: > 0 } alias) columns = Rename(columns, alias.Columns);
                var relation = new Relation(pivot.Alias?.Name.Name ?? "", columns);
                _analysis.SetRelation(item, relation);
                scope.Relations.Add(relation);
                break;
            }

            case UnpivotRef unpivot:
            {
                var inner = new Scope(scope.Parent);
                AddFromCore(unpivot.Source, inner);
                var source = inner.Relations.Count == 1 ? inner.Relations[0].Columns : null;
                foreach (var column in unpivot.Columns) TypeOf(column.Value, inner);
                IReadOnlyList<OutputColumn>? columns = null;
                if (source is not null)
                {
                    var used = new HashSet<string>(unpivot.Columns.SelectMany(c => ColumnsIn(c.Value)), StringComparer.Ordinal);
                    var list = source.Where(c => !used.Contains(c.Name)).Select(c => c with { Schema = "", Table = "" }).ToList();
                    list.Add(new OutputColumn(unpivot.NameColumn.Name, Types.VarcharMax));
                    list.Add(new OutputColumn(unpivot.ValueColumn.Name, Types.Common(unpivot.Columns.Select(c => (_analysis.TypeOf(c.Value), c.Value)))));
                    columns = list;
                }

                var relation = new Relation(unpivot.Alias?.Name.Name ?? "", columns);
                _analysis.SetRelation(item, relation);
                scope.Relations.Add(relation);
                break;
            }
        }
    }

    /// <summary>The name of a PIVOT output column: the IN value's alias or text, then <c>_</c> and the aggregate's alias when there are aliases.</summary>
    internal static string PivotColumnName(PivotValue value, PivotAggregate aggregate, int aggregateCount)
    {
        string valueName = value.Alias?.Name ?? value.Value switch
        {
            Literal { Kind: LiteralKind.Null } => "null",
            Literal literal => literal.Text.ToLowerInvariant(),
            ColumnRef c => c.Parts[^1].Name,
            _ => "?column?",
        };
        if (aggregate.Alias is { } alias) return $"{valueName}_{alias.Name}";
        return aggregateCount > 1 ? $"{valueName}_{aggregate.Call.FunctionName}" : valueName;
    }

    /// <summary>The column names an expression reads (PIVOT and UNPIVOT keep the source's other columns).</summary>
    internal static IEnumerable<string> ColumnsIn(Expr expr) => expr switch
    {
        ColumnRef c => [c.Parts[^1].Name],
        FunctionCall f => f.Args.SelectMany(ColumnsIn),
        Binary b => ColumnsIn(b.Left).Concat(ColumnsIn(b.Right)),
        Unary u => ColumnsIn(u.Operand),
        Cast c => ColumnsIn(c.Operand),
        _ => [],
    };

    // ---------------------------------------------------------------- expressions

    private RsTypeInfo? TypeOf(Expr expr, Scope scope)
    {
        var type = Infer(expr, scope);
        _analysis.SetType(expr, type);
        return type;
    }

    private RsTypeInfo? Infer(Expr expr, Scope scope)
    {
        switch (expr)
        {
            case Literal literal:
                return literal.Kind switch
                {
                    LiteralKind.Integer => Types.IntegerLiteral(literal.Text),
                    LiteralKind.Decimal => Types.DecimalLiteral(literal.Text),
                    LiteralKind.Float => Types.Float8,
                    LiteralKind.String => Types.StringLiteral(literal.Text),
                    LiteralKind.Boolean => Types.Bool,
                    _ => null,
                };
            case TypedLiteral typed:
                return RsTypeInfo.Parse(typed.Type.Name) is { } t && t.Type == RsType.Varchar ? Types.StringLiteral(typed.Text) : RsTypeInfo.Parse(typed.Type.Name);
            case Placeholder or DefaultValue or DatePartArg:
                return null;
            case ColumnRef column:
            {
                if (scope.Resolve(column.Parts) is not { } binding) return null;
                _analysis.SetBinding(column, binding);
                if (binding.IsNavigation) return Types.Super;
                if (binding.Relation is { IsValue: true } value) return value.ValueType;
                return binding.Column?.Type;
            }

            case Star:
                return null;
            case Subscript subscript:
                TypeOf(subscript.Base, scope);
                TypeOf(subscript.Index, scope);
                return Types.Super;
            case FieldAccess field:
                TypeOf(field.Base, scope);
                return Types.Super;
            case Unary unary:
            {
                var operand = TypeOf(unary.Operand, scope);
                return unary.Op switch
                {
                    "not" => Types.Bool,
                    "|/" or "||/" => Types.Float8,
                    _ => operand,
                };
            }

            case Binary binary:
                return InferBinary(binary, scope);
            case Cast cast:
                TypeOf(cast.Operand, scope);
                return Types.FromTypeName(cast.Type);
            case FunctionCall call:
                return InferCall(call, call.FunctionName, call.Args, scope, call);
            case KeywordCall keyword:
                return InferCall(keyword, keyword.Name, keyword.Args, scope, null);
            case Case @case:
            {
                if (@case.Operand is { } operand) TypeOf(operand, scope);
                var results = new List<(RsTypeInfo?, Expr)>();
                foreach (var when in @case.Whens)
                {
                    TypeOf(when.When, scope);
                    results.Add((TypeOf(when.Then, scope), when.Then));
                }

                if (@case.Else is { } otherwise) results.Add((TypeOf(otherwise, scope), otherwise));
                return Types.Common(results);
            }

            case Between between:
                TypeOf(between.Operand, scope);
                TypeOf(between.Low, scope);
                TypeOf(between.High, scope);
                return Types.Bool;
            case InList list:
                TypeOf(list.Operand, scope);
                foreach (var item in list.Items) TypeOf(item, scope);
                return Types.Bool;
            case InQuery inQuery:
                TypeOf(inQuery.Operand, scope);
                AnalyzeQuery(inQuery.Query, scope);
                return Types.Bool;
            case Exists exists:
                AnalyzeQuery(exists.Query, scope);
                return Types.Bool;
            case Quantified quantified:
                TypeOf(quantified.Left, scope);
                AnalyzeQuery(quantified.Query, scope);
                return Types.Bool;
            case ScalarSubquery subquery:
            {
                var columns = AnalyzeQuery(subquery.Query, scope);
                return columns.Count == 1 ? columns[0].Type : null;
            }

            case Like like:
                TypeOf(like.Operand, scope);
                TypeOf(like.Pattern, scope);
                if (like.Escape is { } escape) TypeOf(escape, scope);
                return Types.Bool;
            case IsTest test:
                TypeOf(test.Operand, scope);
                return Types.Bool;
            case IsDistinctFrom distinct:
                TypeOf(distinct.Left, scope);
                TypeOf(distinct.Right, scope);
                return Types.Bool;
            case RowExpr row:
                foreach (var item in row.Items) TypeOf(item, scope);
                return null;
            case AtTimeZone at:
            {
                var operand = TypeOf(at.Operand, scope);
                TypeOf(at.Zone, scope);
                return operand is { Type: RsType.TimestampTz } ? Types.Timestamp : Types.TimestampTz;
            }

            default:
                return null;
        }
    }

    private RsTypeInfo? InferBinary(Binary binary, Scope scope)
    {
        var left = TypeOf(binary.Left, scope);
        var right = TypeOf(binary.Right, scope);
        switch (binary.Op)
        {
            case "and" or "or" or "=" or "<" or ">" or "<=" or ">=" or "<>" or "~" or "~*" or "!~" or "!~*" or "~~" or "!~~" or "~~*" or "!~~*":
                return Types.Bool;
            case "||":
                if (left is { Type: RsType.Varbyte } || right is { Type: RsType.Varbyte }) return Types.Varbyte;
                return left is { Length: int a } && right is { Length: int b } && Types.IsString(left) && Types.IsString(right)
                    ? Types.Varchar(a + b)
                    : Types.VarcharMax;
            case "&" or "|" or "#" or "<<" or ">>":
                return left;
        }

        // An untyped string literal takes the other operand's type.
        if (binary.Left is Literal { Kind: LiteralKind.String }) left = right;
        if (binary.Right is Literal { Kind: LiteralKind.String }) right = left;
        if (left is not { } l || right is not { } r) return null;
        return (binary.Op, l.Type, r.Type) switch
        {
            ("+", RsType.Varbyte, RsType.Varbyte) => Types.Varbyte,
            ("+" or "-", RsType.Date, RsType.Int2 or RsType.Int4 or RsType.Int8) => Types.Date,
            ("+", RsType.Int2 or RsType.Int4 or RsType.Int8, RsType.Date) => Types.Date,
            ("-", RsType.Date, RsType.Date) => Types.Int4,
            ("+" or "-", RsType.Date, RsType.Interval) => Types.Timestamp,
            ("+", RsType.Interval, RsType.Date) => Types.Timestamp,
            ("+", RsType.Date, RsType.Time) or ("+", RsType.Time, RsType.Date) => Types.Timestamp,
            ("+", RsType.Date, RsType.TimeTz) or ("+", RsType.TimeTz, RsType.Date) => Types.TimestampTz,
            ("+" or "-", RsType.Timestamp or RsType.TimestampTz or RsType.Time or RsType.TimeTz, RsType.Interval) => l,
            ("+", RsType.Interval, RsType.Timestamp or RsType.TimestampTz or RsType.Time or RsType.TimeTz) => r,
            ("-", RsType.Timestamp or RsType.TimestampTz, RsType.Timestamp or RsType.TimestampTz or RsType.Date) => Types.Interval,
            ("-", RsType.Time, RsType.Time) => Types.Interval,
            ("+" or "-", RsType.Interval, RsType.Interval) => Types.Interval,
            ("*" or "/", RsType.Interval, _) when Types.IsNumber(r) => Types.Interval,
            ("*", _, RsType.Interval) when Types.IsNumber(l) => Types.Interval,
            ("%", _, _) when Types.IsNumber(l) && Types.IsNumber(r) => Types.Arithmetic("+", l, r),
            ("^", _, _) => Types.Float8,
            ("+" or "-" or "*" or "/", _, _) => Types.Arithmetic(binary.Op, l, r),
            _ => null,
        };
    }

    private RsTypeInfo? InferCall(Expr node, string name, IReadOnlyList<Expr> args, Scope scope, FunctionCall? call)
    {
        int? partIndex = FunctionTable.DatePartIndex(name, args.Count);
        string? part = null;
        var valueArgs = new List<Expr>();
        var types = new List<RsTypeInfo?>();
        for (int i = 0; i < args.Count; i++)
        {
            if (i == partIndex)
            {
                part = DatePartOf(args[i], name);
                continue;
            }

            valueArgs.Add(args[i]);
            types.Add(args[i] is Star ? null : TypeOf(args[i], scope));
        }

        if (call is not null)
        {
            foreach (var item in call.WithinGroup) TypeOf(item.Expr, scope);
            if (call.Over is { } over)
            {
                foreach (var partition in over.PartitionBy) TypeOf(partition, scope);
                foreach (var order in over.OrderBy) TypeOf(order.Expr, scope);
            }
        }

        var callTypes = new CallTypes(types, valueArgs, part, call?.Distinct ?? false, args.Count);
        var row = FunctionTable.Resolve(name, callTypes);
        if (call is { StarArg: true }) callTypes = callTypes with { WrittenCount = 0 };
        _analysis.SetCall(node, new ResolvedCall(row, callTypes, partIndex, name));
        return row?.Result?.Invoke(callTypes);
    }

    /// <summary>A date part argument: a keyword (<c>day</c>), a string (<c>'day'</c>) or EXTRACT's word; any of Redshift's abbreviations.</summary>
    private static string DatePartOf(Expr arg, string function)
    {
        string? written = arg switch
        {
            DatePartArg part => part.Part,
            ColumnRef { Parts.Count: 1 } column => column.Parts[0].Name,
            Literal { Kind: LiteralKind.String } literal => literal.Text,
            _ => null,
        };
        if (written is null) throw new EngineFailure($"ERROR: {function}: the date part must be a date part name, such as day or month");
        return DateParts.Normalize(written) ?? throw new EngineFailure($"ERROR: date part \"{written}\" is not supported by {function}");
    }
}
