using RedshiftTyped.Local.Statements;

namespace RedshiftTyped.Local.Dialect.Syntax;

internal sealed partial class Parser
{
    private Query ParseQuery()
    {
        WithClause? with = null;
        if (C.TryWord("with"))
        {
            bool recursive = C.TryWord("recursive");
            var tables = new List<CommonTable>();
            do
            {
                var name = ParseIdent();
                var columns = C.IsSymbol("(") ? ParseIdentList() : [];
                C.ExpectWord("as");
                C.ExpectSymbol("(");
                var query = ParseQuery();
                C.ExpectSymbol(")");
                tables.Add(new CommonTable(name, columns, query));
            }
            while (C.TrySymbol(","));
            with = new WithClause(recursive, tables);
        }

        var body = ParseSetExpression();
        var orderBy = C.TryWords("order", "by") ? ParseOrderList() : [];
        Expr? limit = null, offset = null;
        for (int i = 0; i < 2; i++)
        {
            if (C.TryWord("limit"))
            {
                limit = C.TryWord("all") ? null : ParseExpr();
            }
            else if (C.TryWord("offset"))
            {
                offset = ParseExpr();
                if (!C.TryWord("rows")) C.TryWord("row");
            }
        }

        return new Query(with, body, orderBy, limit, offset);
    }

    /// <summary>UNION / EXCEPT / MINUS, left to right; INTERSECT binds tighter.</summary>
    private QueryBody ParseSetExpression()
    {
        var left = ParseIntersect();
        while (true)
        {
            SetOperator op;
            if (C.TryWord("union")) op = SetOperator.Union;
            else if (C.TryWord("except") || C.TryWord("minus")) op = SetOperator.Except;
            else return left;
            bool all = C.TryWord("all");
            if (!all) C.TryWord("distinct");
            left = new SetOperation(left, op, all, ParseIntersect());
        }
    }

    private QueryBody ParseIntersect()
    {
        var left = ParseQueryPrimary();
        while (C.TryWord("intersect"))
        {
            bool all = C.TryWord("all");
            if (!all) C.TryWord("distinct");
            left = new SetOperation(left, SetOperator.Intersect, all, ParseQueryPrimary());
        }

        return left;
    }

    private QueryBody ParseQueryPrimary()
    {
        if (C.TrySymbol("("))
        {
            var inner = ParseQuery();
            C.ExpectSymbol(")");
            return new NestedQuery(inner);
        }

        if (C.TryWord("values"))
        {
            var rows = new List<IReadOnlyList<Expr>>();
            do
            {
                C.ExpectSymbol("(");
                rows.Add(ParseExprList());
                C.ExpectSymbol(")");
            }
            while (C.TrySymbol(","));
            return new ValuesBody(rows);
        }

        C.ExpectWord("select");
        return ParseSelectAfterKeyword();
    }

    private Select ParseSelectAfterKeyword()
    {
        Expr? top = null;
        if (C.TryWord("top")) top = ParsePrimary();
        bool distinct = false;
        if (C.TryWord("distinct")) distinct = true;
        else C.TryWord("all");
        if (top is null && C.TryWord("top")) top = ParsePrimary();

        var items = new List<SelectItem>();
        do items.Add(ParseSelectItem());
        while (C.TrySymbol(","));

        QualifiedName? into = null;
        bool intoTemporary = false;
        if (C.TryWord("into"))
        {
            intoTemporary = C.TryWord("temp") || C.TryWord("temporary");
            C.TryWord("table");
            into = ParseQualifiedName();
        }

        var from = C.TryWord("from") ? ParseFromList() : [];
        var where = C.TryWord("where") ? ParseExpr() : null;
        ConnectBy? connectBy = null;
        if (C.IsWord("start") && C.IsWord("with", 1) || C.IsWord("connect") && C.IsWord("by", 1))
        {
            connectBy = ParseConnectBy();
        }

        var groupBy = new List<GroupingElement>();
        if (C.TryWords("group", "by"))
        {
            do groupBy.Add(ParseGroupingElement());
            while (C.TrySymbol(","));
        }

        var having = C.TryWord("having") ? ParseExpr() : null;
        var qualify = C.TryWord("qualify") ? ParseExpr() : null;
        return new Select(distinct, top, items, from, where, groupBy, having, qualify)
        {
            ConnectBy = connectBy,
            Into = into,
            IntoTemporary = intoTemporary,
        };
    }

    private ConnectBy ParseConnectBy()
    {
        Expr? start = null;
        if (C.TryWords("start", "with")) start = ParseExpr();
        C.ExpectWord("connect");
        C.ExpectWord("by");
        bool noCycle = C.TryWord("nocycle");
        _inConnectBy = true;
        var condition = ParseExpr();
        _inConnectBy = false;
        if (start is null && C.TryWords("start", "with")) start = ParseExpr();
        return new ConnectBy(start, condition, noCycle);
    }

    private GroupingElement ParseGroupingElement()
    {
        if (C.IsWord("rollup") && C.IsSymbol("(", 1) || C.IsWord("cube") && C.IsSymbol("(", 1))
        {
            string kind = C.Next().Text.ToLowerInvariant();
            C.ExpectSymbol("(");
            var items = ParseExprList();
            C.ExpectSymbol(")");
            return new GroupingElement(kind, items, []);
        }

        if (C.TryWords("grouping", "sets"))
        {
            C.ExpectSymbol("(");
            var nested = new List<GroupingElement>();
            do
            {
                if (C.IsSymbol("(") && C.IsSymbol(")", 1))
                {
                    C.Next();
                    C.Next();
                    nested.Add(new GroupingElement("empty", [], []));
                }
                else
                {
                    nested.Add(ParseGroupingElement());
                }
            }
            while (C.TrySymbol(","));
            C.ExpectSymbol(")");
            return new GroupingElement("sets", [], nested);
        }

        if (C.IsSymbol("(") && C.IsSymbol(")", 1))
        {
            C.Next();
            C.Next();
            return new GroupingElement("empty", [], []);
        }

        return new GroupingElement("expr", [ParseExpr()], []);
    }

    private SelectItem ParseSelectItem()
    {
        if (C.TrySymbol("*")) return new SelectItem(new Star([]), null);
        var expr = ParseExpr();
        var alias = ParseOptionalAlias();
        return new SelectItem(expr, alias);
    }

    private List<OrderItem> ParseOrderList()
    {
        var items = new List<OrderItem>();
        do
        {
            var expr = ParseExpr();
            bool desc = false;
            if (C.TryWord("desc")) desc = true;
            else C.TryWord("asc");
            string? nulls = null;
            if (C.TryWord("nulls"))
            {
                nulls = C.TryWord("first") ? "first" : C.TryWord("last") ? "last" : throw C.Error("expected FIRST or LAST");
            }

            items.Add(new OrderItem(expr, desc, nulls));
        }
        while (C.TrySymbol(","));
        return items;
    }

    // ---------------------------------------------------------------- FROM

    private List<FromItem> ParseFromList()
    {
        var items = new List<FromItem>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        do items.Add(ParseJoinedItem(known));
        while (C.TrySymbol(","));
        return items;
    }

    private FromItem ParseJoinedItem(HashSet<string> known)
    {
        var left = ParseFromPrimary(known);
        while (true)
        {
            bool natural = C.TryWord("natural");
            string? kind = null;
            if (C.TryWord("cross")) kind = "cross";
            else if (C.TryWord("inner")) kind = "inner";
            else if (C.TryWord("left")) { C.TryWord("outer"); kind = "left"; }
            else if (C.TryWord("right")) { C.TryWord("outer"); kind = "right"; }
            else if (C.TryWord("full")) { C.TryWord("outer"); kind = "full"; }
            if (kind is null && !C.IsWord("join"))
            {
                if (natural) throw C.Error("expected JOIN");
                return left;
            }

            C.ExpectWord("join");
            var right = ParseFromPrimary(known);
            Expr? on = null;
            var usingColumns = new List<Ident>();
            if (C.TryWord("on")) on = ParseExpr();
            else if (C.TryWord("using")) usingColumns = ParseIdentList();
            left = new JoinItem(left, kind ?? "inner", right, on, usingColumns, natural);
        }
    }

    /// <summary>
    /// One FROM item. <paramref name="known"/> holds the names earlier items of the same FROM list introduced: a
    /// dotted name that starts with one of them is PartiQL navigation into a SUPER column (<c>FROM t, t.arr AS a</c>).
    /// </summary>
    private FromItem ParseFromPrimary(HashSet<string> known)
    {
        FromItem item;
        if (C.IsSymbol("(") && StartsQuery(1))
        {
            C.Next();
            var query = ParseQuery();
            C.ExpectSymbol(")");
            item = new SubqueryRef(query, ParseTableAlias(), Lateral: false);
        }
        else if (C.IsWord("lateral") && C.IsSymbol("(", 1))
        {
            C.Next();
            C.Next();
            var query = ParseQuery();
            C.ExpectSymbol(")");
            item = new SubqueryRef(query, ParseTableAlias(), Lateral: true);
        }
        else if (C.IsWord("unpivot") && AtIdent(1) && !C.IsSymbol("(", 1))
        {
            C.Next();
            Expr path = new ColumnRef(ParseQualifiedName().Parts);
            while (C.IsSymbol("["))
            {
                C.Next();
                path = new Subscript(path, ParseExpr());
                C.ExpectSymbol("]");
            }

            C.ExpectWord("as");
            var value = ParseIdent();
            Ident? attribute = C.TryWord("at") ? ParseIdent() : null;
            item = new UnnestRef(path, value, attribute) { ObjectUnpivot = true };
        }
        else if (C.TrySymbol("("))
        {
            var inner = ParseJoinedItem(known);
            C.ExpectSymbol(")");
            item = new ParenFrom(inner, ParseTableAlias());
        }
        else
        {
            var name = ParseQualifiedName();
            if (C.IsSymbol("("))
            {
                var call = ParseFunctionCall(name);
                var alias = ParseTableAlias(allowDefinitions: true, out var definitions);
                item = new FunctionRef(call, alias, definitions);
            }
            else if (known.Contains(name.Parts[0].Name))
            {
                Expr path = new ColumnRef(name.Parts);
                while (C.IsSymbol("["))
                {
                    C.Next();
                    path = new Subscript(path, ParseExpr());
                    C.ExpectSymbol("]");
                }

                C.TryWord("as");
                var alias = ParseIdent();
                Ident? index = C.TryWord("at") ? ParseIdent() : null;
                item = new UnnestRef(path, alias, index);
            }
            else
            {
                item = new TableRef(name, ParseTableAlias());
            }
        }

        item = ParsePivots(item);
        Remember(item, known);
        return item;
    }

    private static void Remember(FromItem item, HashSet<string> known)
    {
        switch (item)
        {
            case TableRef t:
                known.Add(t.Alias?.Name.Name ?? t.Name.Last.Name);
                break;
            case SubqueryRef { Alias: { } a }:
                known.Add(a.Name.Name);
                break;
            case UnnestRef u:
                known.Add(u.Alias.Name);
                if (u.Index is { } i) known.Add(i.Name);
                break;
            case FunctionRef { Alias: { } a }:
                known.Add(a.Name.Name);
                break;
            case JoinItem j:
                Remember(j.Left, known);
                Remember(j.Right, known);
                break;
            case ParenFrom p:
                Remember(p.Inner, known);
                break;
        }
    }

    private TableAlias? ParseTableAlias() => ParseTableAlias(allowDefinitions: false, out _);

    private TableAlias? ParseTableAlias(bool allowDefinitions, out List<(Ident, TypeName)> definitions)
    {
        definitions = [];
        var name = ParseOptionalAlias();
        if (name is null) return null;
        var columns = new List<Ident>();
        if (C.TrySymbol("("))
        {
            do
            {
                columns.Add(ParseIdent());
                if (allowDefinitions && !C.IsSymbol(",") && !C.IsSymbol(")"))
                {
                    definitions.Add((columns[^1], ParseTypeName()));
                }
            }
            while (C.TrySymbol(","));
            C.ExpectSymbol(")");
        }

        return new TableAlias(name, columns);
    }

    private FromItem ParsePivots(FromItem source)
    {
        while (true)
        {
            if (C.IsWord("pivot") && C.IsSymbol("(", 1))
            {
                C.Next();
                C.Next();
                var aggregates = new List<PivotAggregate>();
                do
                {
                    var call = ParseExpr() as FunctionCall ?? throw C.Error("PIVOT needs an aggregate function");
                    aggregates.Add(new PivotAggregate(call, ParseOptionalAlias()));
                }
                while (C.TrySymbol(","));
                C.ExpectWord("for");
                var column = ParseIdent();
                C.ExpectWord("in");
                var values = ParsePivotValues();
                C.ExpectSymbol(")");
                source = new PivotRef(source, aggregates, column, values, ParseTableAlias());
            }
            else if (C.IsWord("unpivot"))
            {
                C.Next();
                bool includeNulls = false;
                if (C.TryWords("include", "nulls")) includeNulls = true;
                else C.TryWords("exclude", "nulls");
                C.ExpectSymbol("(");
                var valueColumn = ParseIdent();
                C.ExpectWord("for");
                var nameColumn = ParseIdent();
                C.ExpectWord("in");
                var columns = ParsePivotValues();
                C.ExpectSymbol(")");
                source = new UnpivotRef(source, includeNulls, valueColumn, nameColumn, columns, ParseTableAlias());
            }
            else
            {
                return source;
            }
        }
    }

    private List<PivotValue> ParsePivotValues()
    {
        C.ExpectSymbol("(");
        var values = new List<PivotValue>();
        do
        {
            var value = ParseExpr();
            values.Add(new PivotValue(value, C.TryWord("as") ? ParseIdent() : C.Current.Kind == SqlTokenKind.QuotedIdentifier || C.Current.Kind == SqlTokenKind.Word && !Reserved.Contains(C.Current.Text) ? ParseIdent() : null));
        }
        while (C.TrySymbol(","));
        C.ExpectSymbol(")");
        return values;
    }
}
