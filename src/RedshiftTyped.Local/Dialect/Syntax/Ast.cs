namespace RedshiftTyped.Local.Dialect.Syntax;

// The syntax tree of the Redshift SQL the dialect layer understands. Nodes are immutable records; the analyzer and
// the emitters key their side tables by node identity (ReferenceEqualityComparer), never by value.

/// <summary>An identifier as Redshift resolves it: already folded to lower case unless case sensitivity is on.</summary>
internal sealed record Ident(string Name, bool Quoted)
{
    public override string ToString() => Name;
}

/// <summary>A dotted name: <c>t</c>, <c>s.t</c>, <c>db.s.t</c>.</summary>
internal sealed record QualifiedName(IReadOnlyList<Ident> Parts)
{
    public Ident Last => Parts[^1];

    public string? Schema => Parts.Count >= 2 ? Parts[^2].Name : null;

    public override string ToString() => string.Join('.', Parts.Select(p => p.Name));
}

/// <summary>A type as written: its name (lower case, words joined by one space) and modifiers, e.g. <c>numeric(8,2)</c>.</summary>
internal sealed record TypeName(string Name, IReadOnlyList<string> Modifiers)
{
    public override string ToString() => Modifiers.Count == 0 ? Name : $"{Name}({string.Join(',', Modifiers)})";
}

// ---------------------------------------------------------------- expressions

internal abstract record Expr;

internal enum LiteralKind
{
    Integer,
    Decimal,
    Float,
    String,
    Boolean,
    Null,
}

/// <summary>A literal; <see cref="Text"/> is the value (strings unquoted and unescaped, numbers as written).</summary>
internal sealed record Literal(LiteralKind Kind, string Text) : Expr;

/// <summary><c>date '2008-01-01'</c>, <c>timestamp '…'</c>, <c>interval '2 days'</c> [qualifier]: a string typed by its prefix.</summary>
internal sealed record TypedLiteral(TypeName Type, string Text, string? IntervalQualifier = null) : Expr;

/// <summary>An engine placeholder <c>$n</c> (a Data API parameter after binding).</summary>
internal sealed record Placeholder(int Position) : Expr;

/// <summary>
/// A dotted reference: a column (<c>c</c>, <c>t.c</c>, <c>s.t.c</c>) or a SUPER navigation (<c>t.c.attr</c>,
/// <c>c.attr</c>). The analyzer decides which parts name the column and which navigate into it.
/// </summary>
internal sealed record ColumnRef(IReadOnlyList<Ident> Parts) : Expr;

/// <summary><c>*</c> or <c>t.*</c> in a select list.</summary>
internal sealed record Star(IReadOnlyList<Ident> Qualifier) : Expr;

/// <summary><c>base[index]</c>: SUPER array navigation.</summary>
internal sealed record Subscript(Expr Base, Expr Index) : Expr;

/// <summary><c>(expr).attr</c> or <c>x[0].attr</c>: SUPER object navigation on something that is not a plain column.</summary>
internal sealed record FieldAccess(Expr Base, Ident Field) : Expr;

internal sealed record Unary(string Op, Expr Operand) : Expr;

/// <summary>A binary operator, lower case for words (<c>and</c>, <c>or</c>), as written for symbols (<c>+</c>, <c>||</c>, <c>&lt;=</c>).</summary>
internal sealed record Binary(string Op, Expr Left, Expr Right) : Expr;

internal enum CastSyntax
{
    Cast,
    DoubleColon,
    Convert,
}

internal sealed record Cast(Expr Operand, TypeName Type, CastSyntax Syntax) : Expr;

/// <summary>A date part keyword argument (<c>day</c> in <c>dateadd(day, 1, d)</c>), as written, lower case.</summary>
internal sealed record DatePartArg(string Part) : Expr;

/// <summary>A window: <c>OVER (PARTITION BY … ORDER BY … frame)</c>; <see cref="Frame"/> is the frame text as written.</summary>
internal sealed record WindowSpec(IReadOnlyList<Expr> PartitionBy, IReadOnlyList<OrderItem> OrderBy, WindowFrame? Frame);

/// <summary><c>ROWS|RANGE BETWEEN start AND end</c>; bounds like <c>unbounded preceding</c>, <c>2 preceding</c>, <c>current row</c>.</summary>
internal sealed record WindowFrame(string Units, FrameBound Start, FrameBound? End);

internal sealed record FrameBound(string Kind, Expr? Offset);

/// <summary>
/// A function call: <c>f(args)</c>, <c>count(*)</c>, <c>count(distinct x)</c>, <c>listagg(x, ',') within group (order by y)</c>,
/// <c>… over (…)</c>; <see cref="NoParens"/> for <c>sysdate</c>, <c>current_date</c>… written without parentheses.
/// </summary>
internal sealed record FunctionCall(QualifiedName Name, IReadOnlyList<Expr> Args) : Expr
{
    public bool Distinct { get; init; }

    public bool StarArg { get; init; }

    public bool NoParens { get; init; }

    public IReadOnlyList<OrderItem> WithinGroup { get; init; } = [];

    public WindowSpec? Over { get; init; }

    /// <summary><c>IGNORE NULLS</c> / <c>RESPECT NULLS</c> of value window functions, when written.</summary>
    public string? NullTreatment { get; init; }

    /// <summary>Redshift's <c>APPROXIMATE COUNT(DISTINCT x)</c>.</summary>
    public bool Approximate { get; init; }

    public string FunctionName => Name.Last.Name;
}

internal sealed record CaseWhen(Expr When, Expr Then);

internal sealed record Case(Expr? Operand, IReadOnlyList<CaseWhen> Whens, Expr? Else) : Expr;

internal sealed record Between(Expr Operand, Expr Low, Expr High, bool Not) : Expr;

internal sealed record InList(Expr Operand, IReadOnlyList<Expr> Items, bool Not) : Expr;

internal sealed record InQuery(Expr Operand, Query Query, bool Not) : Expr;

internal sealed record Exists(Query Query) : Expr;

internal sealed record ScalarSubquery(Query Query) : Expr;

/// <summary><c>x op ANY|SOME|ALL (subquery)</c>.</summary>
internal sealed record Quantified(Expr Left, string Op, string Quantifier, Query Query) : Expr;

internal enum LikeKind
{
    Like,
    ILike,
    SimilarTo,
}

internal sealed record Like(Expr Operand, Expr Pattern, Expr? Escape, LikeKind Kind, bool Not) : Expr;

/// <summary><c>IS [NOT] NULL|TRUE|FALSE|UNKNOWN</c>.</summary>
internal sealed record IsTest(Expr Operand, string What, bool Not) : Expr;

internal sealed record IsDistinctFrom(Expr Left, Expr Right, bool Not) : Expr;

/// <summary>A parenthesised list of two or more expressions: a row, <c>(a, b) in (…)</c>.</summary>
internal sealed record RowExpr(IReadOnlyList<Expr> Items) : Expr;

/// <summary>
/// A special call form with keywords between its arguments, normalised: <c>TRIM(BOTH 'x' FROM s)</c>,
/// <c>SUBSTRING(s FROM 1 FOR 2)</c>, <c>POSITION(a IN b)</c>, <c>EXTRACT(part FROM x)</c>, <c>OVERLAY(…)</c>.
/// The function table sees them as ordinary calls with the arguments in the documented order; this node only
/// remembers the words so the column name and the emitted form follow the written one.
/// </summary>
internal sealed record KeywordCall(string Name, string? Modifier, IReadOnlyList<Expr> Args) : Expr;

/// <summary><c>expr AT TIME ZONE zone</c>.</summary>
internal sealed record AtTimeZone(Expr Operand, Expr Zone) : Expr;

/// <summary>The <c>DEFAULT</c> keyword in an INSERT's VALUES or an UPDATE's SET.</summary>
internal sealed record DefaultValue : Expr;

// ---------------------------------------------------------------- queries

internal sealed record OrderItem(Expr Expr, bool Descending, string? Nulls);

internal sealed record SelectItem(Expr Expr, Ident? Alias);

internal sealed record CommonTable(Ident Name, IReadOnlyList<Ident> Columns, Query Query);

internal sealed record WithClause(bool Recursive, IReadOnlyList<CommonTable> Tables);

/// <summary>A full query: WITH, a body (select, set operation, values), ORDER BY, LIMIT and OFFSET.</summary>
internal sealed record Query(WithClause? With, QueryBody Body, IReadOnlyList<OrderItem> OrderBy, Expr? Limit, Expr? Offset);

internal abstract record QueryBody;

internal enum SetOperator
{
    Union,
    Intersect,
    Except,
}

internal sealed record SetOperation(QueryBody Left, SetOperator Operator, bool All, QueryBody Right) : QueryBody;

/// <summary>A parenthesised query used as a set operand, with its own ORDER BY / LIMIT.</summary>
internal sealed record NestedQuery(Query Query) : QueryBody;

internal sealed record ValuesBody(IReadOnlyList<IReadOnlyList<Expr>> Rows) : QueryBody;

internal sealed record GroupingElement(string Kind, IReadOnlyList<Expr> Items, IReadOnlyList<GroupingElement> Nested);

/// <summary><c>START WITH … CONNECT BY [PRIOR] …</c> of a hierarchical query.</summary>
internal sealed record ConnectBy(Expr? StartWith, Expr Condition, bool NoCycle);

internal sealed record Select(
    bool Distinct,
    Expr? Top,
    IReadOnlyList<SelectItem> Items,
    IReadOnlyList<FromItem> From,
    Expr? Where,
    IReadOnlyList<GroupingElement> GroupBy,
    Expr? Having,
    Expr? Qualify) : QueryBody
{
    public ConnectBy? ConnectBy { get; init; }

    /// <summary><c>SELECT … INTO [TEMP] new_table FROM …</c>.</summary>
    public QualifiedName? Into { get; init; }

    public bool IntoTemporary { get; init; }
}

// ---------------------------------------------------------------- FROM

internal abstract record FromItem;

internal sealed record TableAlias(Ident Name, IReadOnlyList<Ident> Columns);

internal sealed record TableRef(QualifiedName Name, TableAlias? Alias) : FromItem;

internal sealed record SubqueryRef(Query Query, TableAlias? Alias, bool Lateral) : FromItem;

/// <summary>A function in FROM: <c>generate_series(1, 3) AS g(n)</c>, <c>pg_get_late_binding_view_cols() cols(…)</c>.</summary>
internal sealed record FunctionRef(FunctionCall Call, TableAlias? Alias, IReadOnlyList<(Ident Name, TypeName Type)> ColumnDefinitions) : FromItem;

/// <summary>
/// PartiQL unnesting of a SUPER array in FROM: <c>FROM t, t.arr AS a AT i</c> (also <c>a AS b</c> for an earlier
/// alias); <see cref="Path"/> is the navigation, <see cref="Alias"/> the element, <see cref="Index"/> its position.
/// </summary>
internal sealed record UnnestRef(Expr Path, Ident Alias, Ident? Index) : FromItem
{
    /// <summary>PartiQL object unpivoting, <c>FROM t, UNPIVOT t.obj AS value AT attribute</c>: one row per attribute.</summary>
    public bool ObjectUnpivot { get; init; }
}

internal sealed record JoinItem(FromItem Left, string Kind, FromItem Right, Expr? On, IReadOnlyList<Ident> Using, bool Natural) : FromItem;

/// <summary>A parenthesised join tree.</summary>
internal sealed record ParenFrom(FromItem Inner, TableAlias? Alias) : FromItem;

internal sealed record PivotAggregate(FunctionCall Call, Ident? Alias);

internal sealed record PivotValue(Expr Value, Ident? Alias);

internal sealed record PivotRef(FromItem Source, IReadOnlyList<PivotAggregate> Aggregates, Ident ForColumn, IReadOnlyList<PivotValue> Values, TableAlias? Alias) : FromItem;

internal sealed record UnpivotRef(FromItem Source, bool IncludeNulls, Ident ValueColumn, Ident NameColumn, IReadOnlyList<PivotValue> Columns, TableAlias? Alias) : FromItem;

// ---------------------------------------------------------------- statements

internal abstract record Statement;

internal sealed record SelectStatement(Query Query) : Statement;

internal sealed record InsertStatement(QualifiedName Table, IReadOnlyList<Ident> Columns, Query? Source) : Statement
{
    /// <summary><c>INSERT INTO t DEFAULT VALUES</c>.</summary>
    public bool DefaultValues { get; init; }
}

internal sealed record Assignment(IReadOnlyList<Ident> Columns, Expr Value);

internal sealed record UpdateStatement(QualifiedName Table, Ident? Alias, IReadOnlyList<Assignment> Set, IReadOnlyList<FromItem> From, Expr? Where) : Statement;

internal sealed record DeleteStatement(QualifiedName Table, Ident? Alias, IReadOnlyList<FromItem> Using, Expr? Where) : Statement;

/// <summary>
/// <c>CREATE [TEMP] TABLE [IF NOT EXISTS] name [(names)] [attributes] AS query</c>; <see cref="Attributes"/> are the
/// physical-design clauses as written (the DDL translator strips them).
/// </summary>
internal sealed record CreateTableAs(bool Temporary, bool IfNotExists, QualifiedName Table, IReadOnlyList<Ident> Columns, string Attributes, Query Query) : Statement;

internal sealed record CreateView(bool OrReplace, QualifiedName Name, IReadOnlyList<Ident> Columns, Query Query, string Tail) : Statement;

internal sealed record MergeAction(string When, Expr? Condition, string Action, IReadOnlyList<Assignment> Set, IReadOnlyList<Ident> InsertColumns, IReadOnlyList<Expr> InsertValues);

internal sealed record MergeStatement(QualifiedName Target, Ident? TargetAlias, FromItem Source, Expr On, IReadOnlyList<MergeAction> Actions) : Statement;
