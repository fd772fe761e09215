using RedshiftTyped.Local.Dialect.Syntax;
using RedshiftTyped.Local.Engine;

namespace RedshiftTyped.Local.Dialect.Functions;

/// <summary>The engines the dialect layer emits SQL for.</summary>
internal enum EngineKind
{
    DuckDb,
    Postgres,
}

internal enum FunctionKind
{
    /// <summary>One value per row.</summary>
    Scalar,

    /// <summary>An aggregate, which may also be used as a window function with OVER.</summary>
    Aggregate,

    /// <summary>A function that only exists with OVER (ROW_NUMBER, RANK, LAG, …).</summary>
    Window,
}

/// <summary>
/// One row of the Redshift function table: a function (or one overload of it) with its names, arguments, result
/// type rule, default column name and implementation on each engine. Adding a Redshift function is adding a row to
/// the family file it belongs to (Functions/*Functions.cs).
/// </summary>
internal sealed record FunctionRow(string Name)
{
    /// <summary>Other names Redshift accepts for the same function (e.g. <c>date_add</c> for <c>dateadd</c>).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    public int MinArgs { get; init; }

    public int MaxArgs { get; init; } = int.MaxValue;

    /// <summary>Exactly this many arguments.</summary>
    public int Args
    {
        init
        {
            MinArgs = value;
            MaxArgs = value;
        }
    }

    public FunctionKind Kind { get; init; } = FunctionKind.Scalar;

    /// <summary>The index of the date part argument (<c>day</c> in <c>dateadd(day, 1, d)</c>), written as a keyword or a string.</summary>
    public int? DatePart { get; init; }

    /// <summary>Chooses this overload by the arguments' types (null: any); rows are tried in table order.</summary>
    public Func<CallTypes, bool>? When { get; init; }

    /// <summary>The result type (null, or a rule answering null: the engine's type is reported).</summary>
    public TypeRule? Result { get; init; }

    /// <summary>The name Redshift gives an unnamed column holding a call (null: the function's name).</summary>
    public string? ColumnName { get; init; }

    /// <summary>The Redshift types of the arguments; a parameter placeholder in such a position is cast to it.</summary>
    public IReadOnlyList<RsTypeInfo?> ArgTypes { get; init; } = [];

    public Implementation DuckDb { get; init; } = Implementation.Same;

    public Implementation Postgres { get; init; } = Implementation.Same;

    /// <summary>The same implementation on both engines.</summary>
    public Implementation Both
    {
        init
        {
            DuckDb = value;
            Postgres = value;
        }
    }

    /// <summary>The guide's page this row implements (doc_source/&lt;Page&gt;.md).</summary>
    public string Page { get; init; } = "";

    public IEnumerable<string> AllNames => [Name, .. Aliases];

    public Implementation For(EngineKind engine) => engine == EngineKind.DuckDb ? DuckDb : Postgres;
}

/// <summary>
/// The arguments of a call as the typing rules and overload predicates see them: the value arguments (the date part,
/// when the function takes one, is <see cref="Part"/> and not among them) and <see cref="WrittenCount"/>, the number
/// of arguments as written, which the rows' arities count.
/// </summary>
internal sealed record CallTypes(IReadOnlyList<RsTypeInfo?> Args, IReadOnlyList<Expr> Nodes, string? Part, bool Distinct, int WrittenCount)
{
    public RsTypeInfo? this[int index] => index < Args.Count ? Args[index] : null;

    public int Count => Args.Count;

    /// <summary>Whether argument <paramref name="index"/> is a quoted string literal (Redshift's "unknown" type until context decides).</summary>
    public bool IsStringLiteral(int index) => index < Nodes.Count && Nodes[index] is Literal { Kind: LiteralKind.String };

    public bool Is(int index, params RsType[] types) => this[index] is { } t && types.Contains(t.Type);

    public string? LiteralText(int index) => index < Nodes.Count && Nodes[index] is Literal literal ? literal.Text : null;
}

internal delegate RsTypeInfo? TypeRule(CallTypes call);

/// <summary>How a Redshift function runs on one engine.</summary>
internal abstract record Implementation
{
    /// <summary>The engine has it under the same name with the same meaning.</summary>
    public static readonly Implementation Same = new CallImplementation(null);

    /// <summary>A call of an engine built-in or a prelude function of another name, with the arguments in order.</summary>
    public static Implementation Call(string name) => new CallImplementation(name);

    /// <summary>
    /// SQL over the emitted arguments: <c>{0}</c>, <c>{1}</c>… one argument; <c>{args}</c> all of them; <c>{part}</c> the
    /// normalised date part; <c>{distinct}</c> <c>DISTINCT </c> when written; <c>{over}</c> the window (appended at the end
    /// when the template does not place it); <c>{order}</c> the WITHIN GROUP order list.
    /// </summary>
    public static Implementation Template(string text) => new TemplateImplementation(text);

    /// <summary>Code that builds the SQL (for rewrites a template cannot express).</summary>
    public static Implementation Rewrite(Func<CallSite, string> emit) => new RewriteImplementation(emit);

    /// <summary>The local server cannot honestly emulate it: the statement fails naming the feature.</summary>
    public static Implementation Unsupported(string feature) => new UnsupportedImplementation(feature);
}

internal sealed record CallImplementation(string? Name) : Implementation;

internal sealed record TemplateImplementation(string Text) : Implementation;

internal sealed record RewriteImplementation(Func<CallSite, string> Emit) : Implementation;

internal sealed record UnsupportedImplementation(string Feature) : Implementation;

/// <summary>What a rewrite sees of a call being emitted.</summary>
internal sealed class CallSite
{
    public required EngineKind Engine { get; init; }

    public required string Name { get; init; }

    /// <summary>The emitted arguments, without the date part.</summary>
    public required IReadOnlyList<string> Args { get; init; }

    /// <summary>The arguments' Redshift types (null when unknown), without the date part.</summary>
    public required IReadOnlyList<RsTypeInfo?> ArgTypes { get; init; }

    /// <summary>The argument nodes, without the date part.</summary>
    public required IReadOnlyList<Expr> ArgNodes { get; init; }

    /// <summary>The normalised date part (see <see cref="DateParts"/>), when the function takes one.</summary>
    public string? Part { get; init; }

    public RsTypeInfo? ResultType { get; init; }

    public bool Distinct { get; init; }

    /// <summary>The word of a keyword call's form (<c>leading</c> in <c>TRIM(LEADING … FROM …)</c>), when there is one.</summary>
    public string? Modifier { get; init; }

    /// <summary><c> OVER (…)</c> or empty.</summary>
    public string Over { get; init; } = "";

    /// <summary>The WITHIN GROUP order list, emitted (empty when none).</summary>
    public string Order { get; init; } = "";

    /// <summary>The engine's spelling of a Redshift type (for casts).</summary>
    public required Func<RsTypeInfo, string> EngineType { get; init; }

    public string Arg(int index) => index < Args.Count ? Args[index] : throw new DialectSyntaxException($"{Name} needs an argument {index + 1}");

    public RsTypeInfo? TypeOf(int index) => index < ArgTypes.Count ? ArgTypes[index] : null;

    public bool IsDuckDb => Engine == EngineKind.DuckDb;

    /// <summary><c>CAST(sql AS engine type)</c>.</summary>
    public string Cast(string sql, RsTypeInfo type) => $"CAST({sql} AS {EngineType(type)})";

    /// <summary>A standard SQL string literal.</summary>
    public static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
