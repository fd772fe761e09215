using System.Globalization;
using System.Text;
using RedshiftTyped.Local.Dialect.Functions;
using RedshiftTyped.Local.Dialect.Syntax;
using RedshiftTyped.Local.Dialect.Typing;
using RedshiftTyped.Local.Engine;
using RedshiftTyped.Local.Statements;
using RedshiftTyped.Local.Storage;

namespace RedshiftTyped.Local.Dialect.Emit;

internal sealed partial class SqlEmitter
{
    private string Expr(Expr expr) => expr switch
    {
        Literal literal => Literal(literal),
        TypedLiteral typed => TypedLiteral(typed),
        Placeholder placeholder => "$" + placeholder.Position.ToString(CultureInfo.InvariantCulture),
        ColumnRef column => Column(column),
        Star star => star.Qualifier.Count == 0 ? "*" : string.Join('.', star.Qualifier.Select(q => Quote(q.Name))) + ".*",
        Subscript subscript => Navigate(Expr(subscript.Base), [subscript.Index]),
        FieldAccess field => Navigate(Expr(field.Base), [new Literal(LiteralKind.String, field.Field.Name)]),
        Unary unary => Unary(unary),
        Binary binary => Binary(binary),
        Cast cast => Cast(cast),
        FunctionCall call => Call(call),
        KeywordCall keyword => KeywordCall(keyword),
        Case @case => Case(@case),
        Between between => $"({Expr(between.Operand)} {(between.Not ? "NOT " : "")}BETWEEN {Expr(between.Low)} AND {Expr(between.High)})",
        InList list => $"({Expr(list.Operand)} {(list.Not ? "NOT " : "")}IN ({string.Join(", ", list.Items.Select(i => Coerce(i, OperandTarget(_analysis.TypeOf(list.Operand), i))))}))",
        InQuery inQuery => $"({Expr(inQuery.Operand)} {(inQuery.Not ? "NOT " : "")}IN ({Query(inQuery.Query)}))",
        Exists exists => $"EXISTS ({Query(exists.Query)})",
        ScalarSubquery subquery => $"({Query(subquery.Query)})",
        Quantified quantified => $"({Expr(quantified.Left)} {quantified.Op} {quantified.Quantifier.ToUpperInvariant()} ({Query(quantified.Query)}))",
        Like like => Like(like),
        IsTest test => $"({Expr(test.Operand)} IS {(test.Not ? "NOT " : "")}{(test.What == "unknown" ? "NULL" : test.What.ToUpperInvariant())})",
        IsDistinctFrom distinct => $"({Expr(distinct.Left)} IS {(distinct.Not ? "NOT " : "")}DISTINCT FROM {Expr(distinct.Right)})",
        RowExpr row => "(" + string.Join(", ", row.Items.Select(Expr)) + ")",
        AtTimeZone at => AtTimeZone(at),
        DefaultValue => "DEFAULT",
        DatePartArg part => CallSite.Quote(part.Part),
        RawSql raw => raw.Sql,
        Stored stored => Store(stored.Inner, stored.Target),
        _ => throw new DialectSyntaxException($"expression {expr.GetType().Name}"),
    };

    /// <summary>
    /// An operand as a value of <paramref name="target"/> (a function's declared argument type, the other side of an
    /// operator): a parameter placeholder is cast to it, a string literal read as a date or time in any of Redshift's
    /// forms, a non-SUPER value given where SUPER is expected becomes a SUPER scalar of its kind.
    /// </summary>
    private string Coerce(Expr expr, RsTypeInfo? target)
    {
        if (target is not { } type) return Expr(expr);
        return expr switch
        {
            Placeholder => CastTo(Expr(expr), type),
            Unary { Op: "-", Operand: Placeholder } negative => $"(- {CastTo(Expr(negative.Operand), type)})",
            Literal { Kind: LiteralKind.String } literal when IsDateTime(type) => DateTimeLiteral(literal.Text, type.Type),
            Literal { Kind: LiteralKind.Null } or DefaultValue => Expr(expr),
            _ when type.Type == RsType.Super && _analysis.TypeOf(expr) is not { Type: RsType.Super } => CastRules.Emit(this, Expr(expr), _analysis.TypeOf(expr), type, expr),
            _ => Expr(expr),
        };
    }

    /// <summary>
    /// A value an INSERT, UPDATE or MERGE writes into a column of <paramref name="target"/> (null: a column the catalog
    /// does not know): a string literal into a date or time column is read at translation, anything else goes through
    /// the storage rules' one conversion of written values (<see cref="StoredValues"/>: SUPER scalars, text into dates on
    /// DuckDB), with the value's Redshift type; a Data API parameter is text.
    /// </summary>
    private string Store(Expr expr, RsTypeInfo? target)
    {
        if (target is not { } type || expr is DefaultValue or Literal { Kind: LiteralKind.Null }) return Coerce(expr, target);
        if (expr is Literal { Kind: LiteralKind.String } literal && IsDateTime(type))
        {
            // A text the literal reader cannot read is stored as text is, so the storage rules report it as Redshift does.
            bool readable = DateTimeLiterals.Normalize(literal.Text, type.Type) is not null || BeforeChrist(literal.Text) is not null
                || literal.Text.Trim().ToLowerInvariant() is "now" or "today" or "tomorrow" or "yesterday";
            return (readable ? null : StoredValues.Convert(_engine, type, Types.VarcharMax, Expr(expr))) ?? DateTimeLiteral(literal.Text, type.Type);
        }

        var source = expr is Placeholder ? Types.VarcharMax : _analysis.TypeOf(expr);
        return StoredValues.Convert(_engine, type, source, Expr(expr)) ?? Coerce(expr, type);
    }

    private static bool IsDateTime(RsTypeInfo type) => type.Type is RsType.Date or RsType.Timestamp or RsType.TimestampTz or RsType.Time or RsType.TimeTz;

    private string CastTo(string sql, RsTypeInfo type) => $"CAST({sql} AS {_engineType(type)})";

    private string Literal(Literal literal)
    {
        switch (literal.Kind)
        {
            case LiteralKind.String:
                return CallSite.Quote(literal.Text);
            case LiteralKind.Boolean:
                return literal.Text.ToUpperInvariant();
            case LiteralKind.Null:
                return "NULL";
            case LiteralKind.Decimal:
                // DuckDB reads decimal literals past 18 digits as doubles: spell the type out.
                var type = Types.DecimalLiteral(literal.Text);
                return Duck && type.Precision > 18 ? $"CAST('{literal.Text}' AS DECIMAL({type.Precision},{type.Scale}))" : literal.Text;
            case LiteralKind.Integer when Duck && Types.IntegerLiteral(literal.Text) is { Type: RsType.Numeric } wide:
                return $"CAST('{literal.Text}' AS DECIMAL({wide.Precision},0))";
            default:
                return literal.Text;
        }
    }

    private string TypedLiteral(TypedLiteral typed)
    {
        var type = Types.FromTypeName(typed.Type);
        switch (type?.Type)
        {
            case RsType.Date or RsType.Timestamp or RsType.TimestampTz or RsType.Time or RsType.TimeTz:
                return DateTimeLiteral(typed.Text, type.Value.Type);
            case RsType.Interval:
                return "INTERVAL " + CallSite.Quote(typed.Text) + (typed.IntervalQualifier is { } q ? " " + q.ToUpperInvariant() : "");
            case RsType.Bool:
                return CastTo(CallSite.Quote(typed.Text), Types.Bool);
            default:
                return CallSite.Quote(typed.Text);
        }
    }

    /// <summary>A date/time literal in ISO form, typed (<c>TIMESTAMP '2008-03-05 12:25:29'</c>); special words go to the engine.</summary>
    private string DateTimeLiteral(string text, RsType type)
    {
        string keyword = type switch
        {
            RsType.Date => "DATE",
            RsType.Timestamp => "TIMESTAMP",
            RsType.TimestampTz => "TIMESTAMPTZ",
            RsType.Time => "TIME",
            _ => "TIMETZ",
        };
        string lower = text.Trim().ToLowerInvariant();
        string? special = lower switch
        {
            "now" => type == RsType.Date ? "CURRENT_DATE" : "CAST(CURRENT_TIMESTAMP AS TIMESTAMP)",
            "today" => "CURRENT_DATE",
            "tomorrow" => "(CURRENT_DATE + 1)",
            "yesterday" => "(CURRENT_DATE - 1)",
            _ => null,
        };
        if (special is not null) return $"CAST({special} AS {keyword})";
        if (type is RsType.Date or RsType.Timestamp && BeforeChrist(text) is { } ad)
        {
            // '0044-03-15 10:00:00 BC' (r_Datetime_types.md): PostgreSQL reads the suffix; DuckDB wants "(BC)" after the date.
            string iso = DateTimeLiterals.Normalize(ad, type) ?? ad;
            string bc = _engine == EngineKind.DuckDb
                ? (iso.IndexOf(' ', StringComparison.Ordinal) is int space and > 0 ? iso[..space] + " (BC)" + iso[space..] : iso + " (BC)")
                : iso + " BC";
            return $"{keyword} {CallSite.Quote(bc)}";
        }

        string normalized = DateTimeLiterals.Normalize(text, type) ?? text;
        return $"{keyword} {CallSite.Quote(normalized)}";
    }

    /// <summary>The text of a date or timestamp written with a <c>BC</c> suffix, without it; null when it has none.</summary>
    private static string? BeforeChrist(string text)
    {
        string trimmed = text.Trim();
        return trimmed.Length > 3 && trimmed.EndsWith("bc", StringComparison.OrdinalIgnoreCase) && char.IsWhiteSpace(trimmed[^3])
            ? trimmed[..^2].TrimEnd()
            : null;
    }

    // ---------------------------------------------------------------- columns and SUPER navigation

    private string Column(ColumnRef column)
    {
        var binding = _analysis.BindingOf(column);
        if (_connectAlias is not null && column.Parts.Count == 1)
        {
            return $"{_connectAlias}.{Quote(column.Parts[0].Name)}";
        }

        if (binding is null || !binding.IsNavigation)
        {
            return string.Join('.', column.Parts.Select(p => Quote(p.Name)));
        }

        string baseSql = string.Join('.', column.Parts.Take(column.Parts.Count - binding.Path.Count).Select(p => Quote(p.Name)));
        return Navigate(baseSql, binding.Path.Select(p => (Expr)new Literal(LiteralKind.String, p.Name)).ToList());
    }

    /// <summary>
    /// SUPER navigation, lax as Redshift's (an attribute of a non-object or an index of a non-array is NULL):
    /// PostgreSQL's and DuckDB's JSON <c>-&gt;</c> behave so. Attribute names match the folded (lower-case) path
    /// (https://docs.aws.amazon.com/redshift/latest/dg/query-super.html).
    /// </summary>
    private string Navigate(string baseSql, IReadOnlyList<Expr> steps)
    {
        var text = new StringBuilder("(").Append(baseSql);
        foreach (var step in steps)
        {
            string key = step switch
            {
                Literal { Kind: LiteralKind.String } name => CallSite.Quote(name.Text),
                Literal { Kind: LiteralKind.Integer } index => index.Text,
                _ => $"CAST({Expr(step)} AS INTEGER)",
            };
            if (Duck && step is Literal { Kind: LiteralKind.String } attribute)
            {
                key = CallSite.Quote("$." + JsonPathKey(attribute.Text));
            }

            text.Append(" -> ").Append(key);
        }

        return text.Append(')').ToString();
    }

    private static string JsonPathKey(string name) => name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? name : "\"" + name.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    // ---------------------------------------------------------------- operators

    private string Unary(Unary unary) => unary.Op switch
    {
        "prior" when _priorAlias is not null && unary.Operand is ColumnRef column => $"{_priorAlias}.{Quote(column.Parts[^1].Name)}",
        "prior" => throw new EngineFailure("ERROR: PRIOR is only allowed in a CONNECT BY condition"),
        "not" => $"(NOT {Expr(unary.Operand)})",
        "|/" => $"sqrt({Expr(unary.Operand)})",
        "||/" => $"cbrt({Expr(unary.Operand)})",
        "@" => $"abs({Expr(unary.Operand)})",
        "~" when _analysis.TypeOf(unary.Operand) is { Type: RsType.Varbyte } => $"rs_varbyte_not({Expr(unary.Operand)})",
        _ => $"({unary.Op} {Expr(unary.Operand)})",
    };

    private string Binary(Binary binary)
    {
        var leftType = _analysis.TypeOf(binary.Left);
        var rightType = _analysis.TypeOf(binary.Right);
        string left = Coerce(binary.Left, binary.Left is Placeholder or Syntax.Literal ? OperandTarget(rightType, binary.Left) : null);
        string right = Coerce(binary.Right, binary.Right is Placeholder or Syntax.Literal ? OperandTarget(leftType, binary.Right) : null);
        bool varbyte = leftType is { Type: RsType.Varbyte } || rightType is { Type: RsType.Varbyte };
        if (Duck && binary.Op is "/" or "%" && !IsNonZeroNumber(binary.Right))
        {
            // Redshift fails a division by zero ("ERROR: division by zero"); DuckDB answers NULL, a silent wrong answer.
            right = $"rs_divisor({right})";
        }

        switch (binary.Op)
        {
            case "and" or "or":
                return $"({left} {binary.Op.ToUpperInvariant()} {right})";
            case "+" when varbyte:
                return $"({left} || {right})";
            case "&" or "|" or "#" when varbyte:
                return $"rs_varbyte_{binary.Op switch { "&" => "and", "|" => "or", _ => "xor" }}({left}, {right})";
            case "#":
                return Duck ? $"xor({left}, {right})" : $"({left} # {right})";
            case "~" or "~*" or "!~" or "!~*" when Duck:
            {
                string match = $"regexp_matches({left}, {right}{(binary.Op.Contains('*', StringComparison.Ordinal) ? ", 'i'" : "")})";
                return binary.Op.StartsWith('!') ? $"(NOT {match})" : match;
            }

            case "~~" or "!~~" or "~~*" or "!~~*":
            {
                string like = binary.Op.Contains('*', StringComparison.Ordinal) ? "ILIKE" : "LIKE";
                return $"({left} {(binary.Op.StartsWith('!') ? "NOT " : "")}{like} {right}{(Duck ? " ESCAPE '\\'" : "")})";
            }

            case "=" or "<>" or "<" or ">" or "<=" or ">=" when leftType is { Type: RsType.Super } || rightType is { Type: RsType.Super }:
                return SuperComparison(binary.Op, left, leftType, binary.Left, right, rightType, binary.Right);
            case "=" or "<>" or "<" or ">" or "<=" or ">=" when Duck && (leftType is { Type: RsType.Bpchar } || rightType is { Type: RsType.Bpchar }):
                // CHAR comparisons ignore trailing blanks (r_Character_types); DuckDB keeps what was stored.
                return $"(rtrim({left}) {binary.Op} rtrim({right}))";
            case "/" when _analysis.TypeOf(binary) is { Type: RsType.Numeric } result:
                // DECIMAL division: Redshift's result scale (r_numeric_computations201); DuckDB divides in DOUBLE.
                return CastTo($"({left} / {right})", result);
            case "/" when Types.IsInteger(leftType) && Types.IsInteger(rightType):
                return Duck ? $"({left} // {right})" : $"({left} / {right})";
            default:
                return $"({left} {binary.Op} {right})";
        }
    }

    /// <summary>A number literal other than zero: a divisor that needs no check.</summary>
    private static bool IsNonZeroNumber(Expr divisor)
        => divisor is Syntax.Literal { Kind: LiteralKind.Integer or LiteralKind.Decimal or LiteralKind.Float } number
            && decimal.TryParse(number.Text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && value != 0;

    /// <summary>
    /// A comparison with a SUPER value, typed dynamically as Redshift does (query-super.html, "Dynamic typing"): the SUPER
    /// side compares as a scalar of the other side's kind — a string with a string, a number with a number — and a value of
    /// another kind compares as NULL (false in a WHERE). Two SUPER values compare as JSON.
    /// </summary>
    private string SuperComparison(string op, string left, RsTypeInfo? leftType, Expr leftNode, string right, RsTypeInfo? rightType, Expr rightNode)
    {
        bool leftSuper = leftType is { Type: RsType.Super }, rightSuper = rightType is { Type: RsType.Super };
        if (leftSuper && rightSuper)
        {
            return Duck ? $"({left} {op} {right})" : $"(CAST({left} AS jsonb) {op} CAST({right} AS jsonb))";
        }

        string ScalarOf(string super, RsTypeInfo? other, Expr otherNode)
        {
            string text = Duck ? $"json_extract_string({super}, '$')" : $"({super} #>> '{{}}')";
            string kind = Duck ? $"json_type({super})" : $"json_typeof({super})";
            if (Types.IsNumber(other) && otherNode is not Syntax.Literal { Kind: LiteralKind.String })
            {
                string number = Duck ? "('UBIGINT', 'BIGINT', 'DOUBLE')" : "('number')";
                return $"CASE WHEN {kind} IN {number} THEN CAST({text} AS {(Duck ? "DOUBLE" : "numeric")}) END";
            }

            if (other is { Type: RsType.Bool })
            {
                return $"CASE WHEN {kind} = {(Duck ? "'BOOLEAN'" : "'boolean'")} THEN CAST({text} AS BOOLEAN) END";
            }

            return $"CASE WHEN {kind} = {(Duck ? "'VARCHAR'" : "'string'")} THEN {text} END";
        }

        return leftSuper
            ? $"({ScalarOf(left, rightType, rightNode)} {op} {right})"
            : $"({left} {op} {ScalarOf(right, leftType, leftNode)})";
    }

    /// <summary>The type an untyped operand (parameter, string literal) takes from the other side of an operator.</summary>
    private static RsTypeInfo? OperandTarget(RsTypeInfo? other, Expr operand)
        => operand switch
        {
            Placeholder => other is { Type: RsType.Super } ? null : other,
            Literal { Kind: LiteralKind.String } when other is { Type: RsType.Date or RsType.Timestamp or RsType.TimestampTz or RsType.Time or RsType.TimeTz } => other,
            _ => null,
        };

    private string Like(Like like)
    {
        string op = like.Kind switch { LikeKind.Like => "LIKE", LikeKind.ILike => "ILIKE", _ => "SIMILAR TO" };
        string escape = like.Escape is { } e ? $" ESCAPE {Expr(e)}" : Duck && like.Kind != LikeKind.SimilarTo ? " ESCAPE '\\'" : "";
        return $"({Expr(like.Operand)} {(like.Not ? "NOT " : "")}{op} {Expr(like.Pattern)}{escape})";
    }

    private string AtTimeZone(AtTimeZone at) => Duck
        ? $"timezone({Expr(at.Zone)}, {Expr(at.Operand)})"
        : $"({Expr(at.Operand)} AT TIME ZONE {Expr(at.Zone)})";

    private string Case(Case @case)
    {
        var text = new StringBuilder("CASE");
        if (@case.Operand is { } operand) text.Append(' ').Append(Expr(operand));
        var resultType = _analysis.TypeOf(@case);
        foreach (var when in @case.Whens)
        {
            text.Append(" WHEN ").Append(@case.Operand is null ? Expr(when.When) : Coerce(when.When, OperandTarget(_analysis.TypeOf(@case.Operand), when.When)))
                .Append(" THEN ").Append(Result(when.Then, resultType));
        }

        if (@case.Else is { } otherwise) text.Append(" ELSE ").Append(Result(otherwise, resultType));
        return text.Append(" END").ToString();
    }

    /// <summary>A branch of CASE (or COALESCE…): string literals stay untyped, other values as they are.</summary>
    private string Result(Expr expr, RsTypeInfo? resultType) => expr is Placeholder && resultType is { } t ? CastTo(Expr(expr), t) : Expr(expr);

    // ---------------------------------------------------------------- casts

    private string Cast(Cast cast)
    {
        var target = Types.FromTypeName(cast.Type);
        if (target is not { } type)
        {
            return $"CAST({Expr(cast.Operand)} AS {cast.Type})";
        }

        if (type.Type is RsType.Float4 or RsType.Float8 && cast.Operand is Literal { Kind: not LiteralKind.Null and not LiteralKind.Boolean } number
            && OverflowsFloat(number.Text, type.Type))
        {
            // DuckDB reads 1e400 as Infinity; PostgreSQL, and Redshift, refuse it.
            throw new EngineFailure($"ERROR: \"{number.Text}\" is out of range for type {(type.Type == RsType.Float4 ? "real" : "double precision")}");
        }

        var sourceType = _analysis.TypeOf(cast.Operand);
        if (cast.Operand is Literal { Kind: LiteralKind.String } literal && type.Type is RsType.Date or RsType.Timestamp or RsType.TimestampTz or RsType.Time or RsType.TimeTz)
        {
            return DateTimeLiteral(literal.Text, type.Type);
        }

        return CastRules.Emit(this, Expr(cast.Operand), sourceType, type, cast.Operand);
    }

    /// <summary>A finite number too large for the float type (not the words Infinity or NaN, which are values).</summary>
    private static bool OverflowsFloat(string text, RsType type)
        => double.TryParse(text.Trim(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double value)
           && text.AsSpan().IndexOfAnyInRange('0', '9') >= 0
           && (double.IsInfinity(value) || (type == RsType.Float4 && float.IsInfinity((float)value)));

    internal string EngineType(RsTypeInfo type) => _engineType(type);

    internal EngineKind Engine => _engine;

    // ---------------------------------------------------------------- calls

    private string KeywordCall(KeywordCall keyword)
    {
        var resolved = _analysis.CallOf(keyword);
        if (resolved?.Row is { } row)
        {
            return EmitRow(row, resolved, keyword, keyword.Name, null);
        }

        // Not in the table: the engine's own keyword form.
        return keyword.Name switch
        {
            "extract" => $"EXTRACT({((DatePartArg)keyword.Args[0]).Part} FROM {Expr(keyword.Args[1])})",
            "position" => $"position({Expr(keyword.Args[0])} IN {Expr(keyword.Args[1])})",
            _ => $"{keyword.Name}({string.Join(", ", keyword.Args.Select(Expr))})",
        };
    }

    private string Call(FunctionCall call)
    {
        var resolved = _analysis.CallOf(call);
        if (resolved?.Row is { } row)
        {
            return EmitRow(row, resolved, call, call.FunctionName, call);
        }

        // A function the table does not hold: as written.
        return PlainCall(string.Join('.', call.Name.Parts.Select(p => p.Name)), call, call.Args.Select(Expr).ToList());
    }

    private string PlainCall(string name, FunctionCall? call, IReadOnlyList<string> args)
    {
        if (call is { NoParens: true }) return name.ToUpperInvariant();
        var text = new StringBuilder(name).Append('(');
        if (call is { StarArg: true }) text.Append('*');
        if (call is { Distinct: true }) text.Append("DISTINCT ");
        text.AppendJoin(", ", args);
        if (call is { NullTreatment: { } inside } && call.Over is null) text.Append(' ').Append(inside.ToUpperInvariant());
        text.Append(')');
        if (call is { WithinGroup.Count: > 0 }) text.Append(" WITHIN GROUP (ORDER BY ").Append(OrderList(call.WithinGroup)).Append(')');
        if (call is { NullTreatment: { } after, Over: not null }) text.Append(' ').Append(after.ToUpperInvariant());
        if (call?.Over is { } over) text.Append(Over(over));
        return text.ToString();
    }

    private string Over(WindowSpec over)
    {
        var parts = new List<string>();
        if (over.PartitionBy.Count > 0) parts.Add("PARTITION BY " + string.Join(", ", over.PartitionBy.Select(Expr)));
        if (over.OrderBy.Count > 0) parts.Add("ORDER BY " + OrderList(over.OrderBy));
        if (over.Frame is { } frame)
        {
            string Bound(FrameBound b) => b.Offset is { } o ? $"{Expr(o)} {b.Kind.ToUpperInvariant()}" : b.Kind.ToUpperInvariant();
            parts.Add(frame.End is { } end
                ? $"{frame.Units.ToUpperInvariant()} BETWEEN {Bound(frame.Start)} AND {Bound(end)}"
                : $"{frame.Units.ToUpperInvariant()} {Bound(frame.Start)}");
        }

        return " OVER (" + string.Join(' ', parts) + ")";
    }

    private string EmitRow(FunctionRow row, ResolvedCall resolved, Expr node, string name, FunctionCall? call)
    {
        var implementation = row.For(_engine);
        if (implementation is UnsupportedImplementation unsupported)
        {
            throw new EngineFailure($"ERROR: {unsupported.Feature} is not supported by the local server");
        }

        var nodes = resolved.Types.Nodes;
        var args = new List<string>(nodes.Count);
        for (int i = 0; i < nodes.Count; i++)
        {
            var declared = i < row.ArgTypes.Count ? row.ArgTypes[i] : null;
            args.Add(nodes[i] is Star ? "*" : Coerce(nodes[i], declared));
        }

        string over = call?.Over is { } window ? Over(window) : "";
        string order = call is { WithinGroup.Count: > 0 } ? OrderList(call.WithinGroup) : "";
        switch (implementation)
        {
            case CallImplementation plain:
            {
                var allArgs = new List<string>(args);
                if (resolved.PartIndex is int partIndex && resolved.Types.Part is { } part) allArgs.Insert(Math.Min(partIndex, allArgs.Count), CallSite.Quote(part));
                return PlainCall(plain.Name ?? name, call, allArgs);
            }

            case TemplateImplementation template:
                return Fill(template.Text, args, resolved, call, over, order);
            case RewriteImplementation rewrite:
            {
                var site = new CallSite
                {
                    Engine = _engine,
                    Name = name,
                    Args = args,
                    ArgTypes = resolved.Types.Args,
                    ArgNodes = nodes,
                    Part = resolved.Types.Part,
                    ResultType = _analysis.TypeOf(node),
                    Distinct = call?.Distinct ?? false,
                    Modifier = (node as KeywordCall)?.Modifier,
                    Over = over,
                    Order = order,
                    EngineType = _engineType,
                };
                return rewrite.Emit(site);
            }

            default:
                throw new DialectSyntaxException("implementation");
        }
    }

    /// <summary>Fills a template's placeholders; the window goes where <c>{over}</c> is, or at the end.</summary>
    private static string Fill(string template, IReadOnlyList<string> args, ResolvedCall resolved, FunctionCall? call, string over, string order)
    {
        var text = new StringBuilder();
        bool placedOver = false;
        for (int i = 0; i < template.Length; i++)
        {
            if (template[i] != '{')
            {
                text.Append(template[i]);
                continue;
            }

            int close = template.IndexOf('}', i);
            string key = close < 0 ? "" : template[(i + 1)..close];
            string? value = key switch
            {
                "args" => string.Join(", ", args),
                "part" => resolved.Types.Part,
                "'part'" => resolved.Types.Part is { } p ? CallSite.Quote(p) : null,
                "distinct" => call is { Distinct: true } ? "DISTINCT " : "",
                "over" => over,
                "order" => order,
                _ when int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out int index) => index < args.Count ? args[index] : throw new DialectSyntaxException($"template argument {index}"),
                _ => null,
            };
            if (value is null)
            {
                text.Append('{');
                continue;
            }

            if (key == "over") placedOver = true;
            text.Append(value);
            i = close;
        }

        if (!placedOver && over.Length > 0) text.Append(over);
        return text.ToString();
    }
}
