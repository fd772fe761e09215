using System.Globalization;
using System.Text;
using RedshiftTyped.Local.Statements;

namespace RedshiftTyped.Local.Dialect.Syntax;

internal sealed partial class Parser
{
    private static readonly HashSet<string> ComparisonOperators = ["=", "<", ">", "<=", ">=", "<>", "!="];

    /// <summary>Operators between comparison and addition (PostgreSQL's "any other operator" level).</summary>
    private static readonly HashSet<string> OtherOperators = ["||", "~", "~*", "!~", "!~*", "~~", "!~~", "~~*", "!~~*", "&", "|", "#", "<<", ">>"];

    /// <summary>Niladic functions written without parentheses.</summary>
    private static readonly HashSet<string> NoParenFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        "current_date", "current_time", "current_timestamp", "localtime", "localtimestamp", "sysdate", "current_user",
        "session_user", "user", "current_schema", "current_user_id",
    };

    /// <summary>Type names that prefix a string to make a typed literal (<c>date '2008-01-01'</c>).</summary>
    private static readonly HashSet<string> LiteralTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "date", "time", "timetz", "timestamp", "timestamptz", "interval", "boolean", "bool",
    };

    private List<Expr> ParseExprList()
    {
        var list = new List<Expr>();
        do list.Add(ParseExpr());
        while (C.TrySymbol(","));
        return list;
    }

    public Expr ParseExpr() => ParseOr();

    private Expr ParseOr()
    {
        var left = ParseAnd();
        while (C.TryWord("or")) left = new Binary("or", left, ParseAnd());
        return left;
    }

    private Expr ParseAnd()
    {
        var left = ParseNot();
        while (C.TryWord("and")) left = new Binary("and", left, ParseNot());
        return left;
    }

    private Expr ParseNot()
    {
        if (C.TryWord("not")) return new Unary("not", ParseNot());
        return ParseIs();
    }

    private Expr ParseIs()
    {
        var left = ParseComparison();
        while (true)
        {
            if (C.TryWord("isnull")) { left = new IsTest(left, "null", false); continue; }
            if (C.TryWord("notnull")) { left = new IsTest(left, "null", true); continue; }
            if (!C.TryWord("is")) return left;
            bool not = C.TryWord("not");
            if (C.TryWord("null")) left = new IsTest(left, "null", not);
            else if (C.TryWord("true")) left = new IsTest(left, "true", not);
            else if (C.TryWord("false")) left = new IsTest(left, "false", not);
            else if (C.TryWord("unknown")) left = new IsTest(left, "unknown", not);
            else if (C.TryWords("distinct", "from")) left = new IsDistinctFrom(left, ParseComparison(), not);
            else throw C.Error("expected NULL, TRUE, FALSE or DISTINCT FROM");
        }
    }

    private Expr ParseComparison()
    {
        var left = ParsePredicate();
        if (C.Current.Kind == SqlTokenKind.Symbol && ComparisonOperators.Contains(C.Current.Text))
        {
            string op = C.Next().Text;
            if (op == "!=") op = "<>";
            if (C.IsWord("any") || C.IsWord("some") || C.IsWord("all"))
            {
                if (C.IsSymbol("(", 1) && StartsQuery(2))
                {
                    string quantifier = C.Next().Text.ToLowerInvariant();
                    C.ExpectSymbol("(");
                    var query = ParseQuery();
                    C.ExpectSymbol(")");
                    return new Quantified(left, op, quantifier, query);
                }
            }

            return new Binary(op, left, ParsePredicate());
        }

        return left;
    }

    /// <summary>BETWEEN, IN, LIKE, ILIKE, SIMILAR TO (with NOT).</summary>
    private Expr ParsePredicate()
    {
        var left = ParseOther();
        while (true)
        {
            int mark = C.Position;
            bool not = C.TryWord("not");
            if (C.TryWord("between"))
            {
                C.TryWord("symmetric");
                var low = ParseOther();
                C.ExpectWord("and");
                left = new Between(left, low, ParseOther(), not);
            }
            else if (C.TryWord("in"))
            {
                C.ExpectSymbol("(");
                if (StartsQuery(0))
                {
                    var query = ParseQuery();
                    C.ExpectSymbol(")");
                    left = new InQuery(left, query, not);
                }
                else
                {
                    var items = ParseExprList();
                    C.ExpectSymbol(")");
                    left = new InList(left, items, not);
                }
            }
            else if (C.TryWord("like") || C.TryWord("ilike") || C.TryWords("similar", "to"))
            {
                var word = C.Peek(-1).Text.ToLowerInvariant();
                var kind = word switch { "like" => LikeKind.Like, "ilike" => LikeKind.ILike, _ => LikeKind.SimilarTo };
                var pattern = ParseOther();
                Expr? escape = C.TryWord("escape") ? ParseOther() : null;
                left = new Like(left, pattern, escape, kind, not);
            }
            else
            {
                C.Position = mark;
                return left;
            }
        }
    }

    private Expr ParseOther()
    {
        var left = ParseAdditive();
        while (C.Current.Kind == SqlTokenKind.Symbol && OtherOperators.Contains(C.Current.Text))
        {
            string op = C.Next().Text;
            left = new Binary(op, left, ParseAdditive());
        }

        return left;
    }

    private Expr ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (C.IsSymbol("+") || C.IsSymbol("-"))
        {
            string op = C.Next().Text;
            left = new Binary(op, left, ParseMultiplicative());
        }

        return left;
    }

    private Expr ParseMultiplicative()
    {
        var left = ParseExponent();
        while (C.IsSymbol("*") || C.IsSymbol("/") || C.IsSymbol("%"))
        {
            string op = C.Next().Text;
            left = new Binary(op, left, ParseExponent());
        }

        return left;
    }

    private Expr ParseExponent()
    {
        var left = ParseUnary();
        while (C.TrySymbol("^")) left = new Binary("^", left, ParseUnary());
        return left;
    }

    /// <summary>Whether the parser is in a CONNECT BY condition, where PRIOR marks the parent row's column.</summary>
    private bool _inConnectBy;

    private Expr ParseUnary()
    {
        if (_inConnectBy && C.IsWord("prior") && AtIdent(1))
        {
            C.Next();
            return new Unary("prior", ParseUnary());
        }

        if (C.IsSymbol("-") || C.IsSymbol("+") || C.IsSymbol("~") || C.IsSymbol("|/") || C.IsSymbol("||/") || C.IsSymbol("@"))
        {
            string op = C.Next().Text;
            var operand = ParseUnary();
            if (op == "-" && operand is Literal { Kind: LiteralKind.Integer or LiteralKind.Decimal or LiteralKind.Float } number && !number.Text.StartsWith('-'))
            {
                return number with { Text = "-" + number.Text };
            }

            return op == "+" ? operand : new Unary(op, operand);
        }

        return ParsePostfix(ParsePrimary());
    }

    private Expr ParsePostfix(Expr expr)
    {
        while (true)
        {
            if (C.TrySymbol("::"))
            {
                expr = new Cast(expr, ParseTypeName(), CastSyntax.DoubleColon);
            }
            else if (C.IsSymbol("["))
            {
                C.Next();
                var index = ParseExpr();
                C.ExpectSymbol("]");
                expr = new Subscript(expr, index);
            }
            else if (C.IsSymbol(".") && AtIdent(1) && expr is not ColumnRef)
            {
                C.Next();
                expr = new FieldAccess(expr, ParseIdent());
            }
            else if (C.IsWord("at") && C.IsWord("time", 1) && C.IsWord("zone", 2))
            {
                C.Position += 3;
                expr = new AtTimeZone(expr, ParseUnary());
            }
            else
            {
                return expr;
            }
        }
    }

    private Expr ParsePrimary()
    {
        var token = C.Current;
        switch (token.Kind)
        {
            case SqlTokenKind.Number:
                C.Next();
                return NumberLiteral(token.Text);
            case SqlTokenKind.String:
                C.Next();
                return new Literal(LiteralKind.String, StringValue(token.Text));
            case SqlTokenKind.Placeholder:
                C.Next();
                return new Placeholder(int.Parse(token.Text.AsSpan(1), CultureInfo.InvariantCulture));
            case SqlTokenKind.Parameter:
                throw C.Error("an unbound parameter");
            case SqlTokenKind.Symbol when token.Text == "(":
                return ParseParenthesised();
            case SqlTokenKind.Symbol when token.Text == "*":
                C.Next();
                return new Star([]);
            case SqlTokenKind.Word:
                return ParseWordPrimary();
            case SqlTokenKind.QuotedIdentifier:
                return ParseNameExpression();
            default:
                throw C.Error("syntax error");
        }
    }

    private Expr ParseParenthesised()
    {
        C.ExpectSymbol("(");
        if (StartsQuery(0))
        {
            var query = ParseQuery();
            C.ExpectSymbol(")");
            return new ScalarSubquery(query);
        }

        var items = ParseExprList();
        C.ExpectSymbol(")");
        return items.Count == 1 ? items[0] : new RowExpr(items);
    }

    private Expr ParseWordPrimary()
    {
        var token = C.Current;
        string word = token.Text.ToLowerInvariant();
        var next = C.Peek(1);
        switch (word)
        {
            case "null":
                C.Next();
                return new Literal(LiteralKind.Null, "null");
            case "true" or "false":
                C.Next();
                return new Literal(LiteralKind.Boolean, word);
            case "default":
                C.Next();
                return new DefaultValue();
            case "case":
                C.Next();
                return ParseCase();
            case "cast" when next.IsSymbol("("):
            {
                C.Position += 2;
                var operand = ParseExpr();
                C.ExpectWord("as");
                var type = ParseTypeName();
                C.ExpectSymbol(")");
                return new Cast(operand, type, CastSyntax.Cast);
            }

            case "convert" when next.IsSymbol("("):
            {
                C.Position += 2;
                var type = ParseTypeName();
                C.ExpectSymbol(",");
                var operand = ParseExpr();
                C.ExpectSymbol(")");
                return new Cast(operand, type, CastSyntax.Convert);
            }

            case "exists" when next.IsSymbol("("):
            {
                C.Position += 2;
                var query = ParseQuery();
                C.ExpectSymbol(")");
                return new Exists(query);
            }

            case "extract" when next.IsSymbol("("):
            {
                C.Position += 2;
                var part = C.Current.Kind == SqlTokenKind.String ? StringValue(C.Next().Text) : C.Next().Text;
                C.ExpectWord("from");
                var source = ParseExpr();
                C.ExpectSymbol(")");
                return new KeywordCall("extract", null, [new DatePartArg(part.ToLowerInvariant()), source]);
            }

            case "trim" when next.IsSymbol("("):
                C.Position += 2;
                return ParseTrim();
            case "substring" when next.IsSymbol("("):
                return ParseSubstring();
            case "position" when next.IsSymbol("("):
            {
                int mark = C.Position;
                C.Position += 2;
                var needle = ParseOther();
                if (!C.TryWord("in"))
                {
                    C.Position = mark;
                    break;
                }

                var haystack = ParseExpr();
                C.ExpectSymbol(")");
                return new KeywordCall("position", null, [needle, haystack]);
            }

            case "approximate" when next.Kind == SqlTokenKind.Word:
            {
                C.Next();
                var call = ParseNameExpression() as FunctionCall ?? throw C.Error("APPROXIMATE needs COUNT(DISTINCT …) or PERCENTILE_DISC");
                return call with { Approximate = true };
            }
        }

        if (LiteralTypes.Contains(word) && next.Kind == SqlTokenKind.String)
        {
            C.Next();
            string text = StringValue(C.Next().Text);
            string? qualifier = word == "interval" ? ParseIntervalQualifier() : null;
            return new TypedLiteral(new TypeName(word, []), text, qualifier);
        }

        if (word is "timestamp" or "time" && next.IsWord("with") && C.IsWord("time", 2) && C.IsWord("zone", 3) && C.Peek(4).Kind == SqlTokenKind.String)
        {
            C.Position += 4;
            return new TypedLiteral(new TypeName(word == "timestamp" ? "timestamptz" : "timetz", []), StringValue(C.Next().Text));
        }

        if (word is "e" && next.Kind == SqlTokenKind.String && !C.SpaceBefore(1))
        {
            C.Next();
            return new Literal(LiteralKind.String, StringValue(C.Next().Text));
        }

        if (NoParenFunctions.Contains(word) && !next.IsSymbol("(") && !next.IsSymbol("."))
        {
            C.Next();
            return new FunctionCall(new QualifiedName([new Ident(word, false)]), []) { NoParens = true };
        }

        return ParseNameExpression();
    }

    /// <summary>A dotted name: a column reference, <c>t.*</c>, or a function call.</summary>
    private Expr ParseNameExpression()
    {
        var parts = new List<Ident> { ParseIdent() };
        while (C.IsSymbol("."))
        {
            if (C.IsSymbol("*", 1))
            {
                C.Position += 2;
                return new Star(parts);
            }

            if (!AtIdent(1)) break;
            C.Next();
            parts.Add(ParseIdent());
        }

        if (C.IsSymbol("(") )
        {
            return ParseFunctionCall(new QualifiedName(parts));
        }

        return new ColumnRef(parts);
    }

    private FunctionCall ParseFunctionCall(QualifiedName name)
    {
        C.ExpectSymbol("(");
        var call = new FunctionCall(name, []);
        if (C.TrySymbol("*"))
        {
            call = call with { StarArg = true };
        }
        else if (!C.IsSymbol(")"))
        {
            bool distinct = C.TryWord("distinct");
            if (!distinct) C.TryWord("all");
            var args = ParseExprList();
            string? nullsInside = null;
            if (C.TryWords("ignore", "nulls")) nullsInside = "ignore nulls";
            else if (C.TryWords("respect", "nulls")) nullsInside = "respect nulls";
            call = call with { Args = args, Distinct = distinct, NullTreatment = nullsInside };
        }

        C.ExpectSymbol(")");
        if (C.IsWord("within") && C.IsWord("group", 1))
        {
            C.Position += 2;
            C.ExpectSymbol("(");
            C.ExpectWord("order");
            C.ExpectWord("by");
            var order = ParseOrderList();
            C.ExpectSymbol(")");
            call = call with { WithinGroup = order };
        }

        if (C.TryWords("ignore", "nulls")) call = call with { NullTreatment = "ignore nulls" };
        else if (C.TryWords("respect", "nulls")) call = call with { NullTreatment = "respect nulls" };

        if (C.TryWord("over"))
        {
            call = call with { Over = ParseWindowSpec() };
        }

        return call;
    }

    private WindowSpec ParseWindowSpec()
    {
        C.ExpectSymbol("(");
        var partition = new List<Expr>();
        if (C.TryWords("partition", "by")) partition = ParseExprList();
        var order = C.TryWords("order", "by") ? ParseOrderList() : [];
        WindowFrame? frame = null;
        if (C.IsWord("rows") || C.IsWord("range"))
        {
            string units = C.Next().Text.ToLowerInvariant();
            if (C.TryWord("between"))
            {
                var start = ParseFrameBound();
                C.ExpectWord("and");
                frame = new WindowFrame(units, start, ParseFrameBound());
            }
            else
            {
                frame = new WindowFrame(units, ParseFrameBound(), null);
            }
        }

        C.ExpectSymbol(")");
        return new WindowSpec(partition, order, frame);
    }

    private FrameBound ParseFrameBound()
    {
        if (C.TryWords("unbounded", "preceding")) return new FrameBound("unbounded preceding", null);
        if (C.TryWords("unbounded", "following")) return new FrameBound("unbounded following", null);
        if (C.TryWords("current", "row")) return new FrameBound("current row", null);
        var offset = ParseAdditive();
        if (C.TryWord("preceding")) return new FrameBound("preceding", offset);
        C.ExpectWord("following");
        return new FrameBound("following", offset);
    }

    private Case ParseCase()
    {
        Expr? operand = C.IsWord("when") ? null : ParseExpr();
        var whens = new List<CaseWhen>();
        while (C.TryWord("when"))
        {
            var when = ParseExpr();
            C.ExpectWord("then");
            whens.Add(new CaseWhen(when, ParseExpr()));
        }

        Expr? otherwise = C.TryWord("else") ? ParseExpr() : null;
        C.ExpectWord("end");
        if (whens.Count == 0) throw C.Error("CASE needs WHEN");
        return new Case(operand, whens, otherwise);
    }

    /// <summary>TRIM([BOTH|LEADING|TRAILING] [chars] FROM s) and TRIM(s) (https://docs.aws.amazon.com/redshift/latest/dg/r_TRIM.html).</summary>
    private Expr ParseTrim()
    {
        string? side = null;
        if (C.TryWord("both")) side = "both";
        else if (C.TryWord("leading")) side = "leading";
        else if (C.TryWord("trailing")) side = "trailing";
        Expr? characters = null;
        Expr source;
        if (C.TryWord("from"))
        {
            source = ParseExpr();
        }
        else
        {
            var first = ParseExpr();
            if (C.TryWord("from"))
            {
                characters = first;
                source = ParseExpr();
            }
            else if (C.TrySymbol(","))
            {
                // TRIM(s, chars): the function form.
                source = first;
                characters = ParseExpr();
            }
            else
            {
                source = first;
            }
        }

        C.ExpectSymbol(")");
        return new KeywordCall("trim", side, characters is null ? [source] : [source, characters]);
    }

    /// <summary>SUBSTRING(s FROM start [FOR length]) or the function form SUBSTRING(s, start [, length]).</summary>
    private Expr ParseSubstring()
    {
        int mark = C.Position;
        C.Position += 2;
        var source = ParseExpr();
        if (C.TryWord("from"))
        {
            var start = ParseExpr();
            var args = new List<Expr> { source, start };
            if (C.TryWord("for")) args.Add(ParseExpr());
            C.ExpectSymbol(")");
            return new KeywordCall("substring", "from", args);
        }

        if (C.TryWord("for"))
        {
            var length = ParseExpr();
            C.ExpectSymbol(")");
            return new KeywordCall("substring", "from", [source, new Literal(LiteralKind.Integer, "1"), length]);
        }

        C.Position = mark;
        return ParseNameExpression();
    }

    private string? ParseIntervalQualifier()
    {
        string[] units = ["year", "month", "day", "hour", "minute", "second"];
        if (!units.Any(u => C.IsWord(u))) return null;
        var text = new StringBuilder(C.Next().Text.ToLowerInvariant());
        if (C.TryWord("to"))
        {
            text.Append(" to ").Append(C.Next().Text.ToLowerInvariant());
        }

        return text.ToString();
    }

    /// <summary>
    /// A type name: one or more words (<c>double precision</c>, <c>character varying</c>, <c>timestamp with time zone</c>)
    /// with optional modifiers <c>(8,2)</c>, <c>(max)</c>.
    /// </summary>
    private TypeName ParseTypeName()
    {
        if (!AtIdent()) throw C.Error("expected a type name");
        var name = new StringBuilder(ParseIdent().Name);
        string first = name.ToString();
        if (first == "double" && C.TryWord("precision")) name.Append(" precision");
        else if (first is "character" or "char" or "national" && C.TryWord("varying")) name.Append(" varying");
        else if (first == "binary" && C.TryWord("varying")) name.Append(" varying");

        var modifiers = new List<string>();
        if (C.TrySymbol("("))
        {
            do modifiers.Add(C.Next().Text.ToLowerInvariant());
            while (C.TrySymbol(","));
            C.ExpectSymbol(")");
        }

        if (first is "timestamp" or "time")
        {
            if (C.TryWords("with", "time", "zone")) name.Append(" with time zone");
            else if (C.TryWords("without", "time", "zone")) name.Append(" without time zone");
        }

        if (C.IsSymbol("[") && C.IsSymbol("]", 1))
        {
            throw C.Error("array types");
        }

        return new TypeName(name.ToString(), modifiers);
    }

    private static Literal NumberLiteral(string text)
    {
        if (text.Contains('e', StringComparison.OrdinalIgnoreCase)) return new Literal(LiteralKind.Float, text);
        if (text.Contains('.', StringComparison.Ordinal)) return new Literal(LiteralKind.Decimal, text);
        return new Literal(LiteralKind.Integer, text);
    }

    /// <summary>
    /// The value of a string token. In a quoted literal <c>''</c> is a quote and a backslash escapes the next character
    /// (<c>\n</c>, <c>\t</c>, <c>\r</c>, <c>\b</c>, <c>\f</c>; anything else stands for itself), as Redshift reads
    /// literals; a dollar-quoted string is taken as written.
    /// </summary>
    internal static string StringValue(string token)
    {
        if (token.StartsWith('$'))
        {
            int tagEnd = token.IndexOf('$', 1);
            string tag = token[..(tagEnd + 1)];
            return token.Length >= 2 * tag.Length ? token[tag.Length..^tag.Length] : token[tag.Length..];
        }

        string raw = token.Length >= 2 && token.EndsWith('\'') ? token[1..^1] : token[1..];
        var text = new StringBuilder(raw.Length);
        for (int i = 0; i < raw.Length; i++)
        {
            char c = raw[i];
            if (c == '\'' && i + 1 < raw.Length && raw[i + 1] == '\'')
            {
                text.Append('\'');
                i++;
            }
            else if (c == '\\' && i + 1 < raw.Length)
            {
                char e = raw[++i];
                text.Append(e switch { 'n' => '\n', 't' => '\t', 'r' => '\r', 'b' => '\b', 'f' => '\f', _ => e });
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}
