using RedshiftTyped.Local.Statements;

namespace RedshiftTyped.Local.Storage;

/// <summary>
/// Rewrites casts to SUPER (<c>x::super</c>, <c>CAST(x AS SUPER)</c>) as <c>public.rs_super(x)</c>: a value cast to
/// SUPER keeps its kind (a string stays a string scalar; limitations-super.md), which the engines' JSON casts do
/// not do (they parse text). Works on tokens, so text inside literals is never touched.
/// </summary>
internal static class SuperCasts
{
    public static List<SqlToken> Rewrite(List<SqlToken> tokens)
    {
        // Each pass rewrites one cast; a statement has few.
        for (int pass = 0; pass < 1000; pass++)
        {
            var rewritten = RewriteOne(tokens);
            if (rewritten is null)
            {
                return tokens;
            }

            tokens = rewritten;
        }

        return tokens;
    }

    private static List<SqlToken>? RewriteOne(List<SqlToken> tokens)
    {
        for (int i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].IsSymbol("::"))
            {
                int type = NextSignificant(tokens, i + 1);
                if (type < 0 || !tokens[type].IsWord("super") || IsFollowedByTypeArguments(tokens, type))
                {
                    continue;
                }

                int start = OperandStart(tokens, PreviousSignificant(tokens, i - 1));
                if (start < 0)
                {
                    continue;
                }

                return Replace(tokens, start, type, tokens.Skip(start).Take(i - start));
            }

            if (tokens[i].IsWord("cast"))
            {
                int open = NextSignificant(tokens, i + 1);
                if (open < 0 || !tokens[open].IsSymbol("("))
                {
                    continue;
                }

                int close = MatchingParen(tokens, open);
                int asWord = -1;
                int depth = 0;
                for (int k = open + 1; k < close; k++)
                {
                    if (tokens[k].IsSymbol("(")) depth++;
                    else if (tokens[k].IsSymbol(")")) depth--;
                    else if (depth == 0 && tokens[k].IsWord("as")) asWord = k;
                }

                int type = asWord < 0 ? -1 : NextSignificant(tokens, asWord + 1);
                if (type < 0 || !tokens[type].IsWord("super") || NextSignificant(tokens, type + 1) != close)
                {
                    continue;
                }

                var operand = tokens.Skip(open + 1).Take(asWord - open - 1).SkipWhile(t => t.IsTrivia).Reverse().SkipWhile(t => t.IsTrivia).Reverse();
                return Replace(tokens, i, close, operand);
            }
        }

        return null;
    }

    private static List<SqlToken> Replace(List<SqlToken> tokens, int from, int to, IEnumerable<SqlToken> operand)
    {
        var result = new List<SqlToken>(tokens.Count + 4);
        result.AddRange(tokens.Take(from));
        result.Add(new SqlToken(SqlTokenKind.Word, "public"));
        result.Add(new SqlToken(SqlTokenKind.Symbol, "."));
        result.Add(new SqlToken(SqlTokenKind.Word, "rs_super"));
        result.Add(new SqlToken(SqlTokenKind.Symbol, "("));
        result.AddRange(operand);
        result.Add(new SqlToken(SqlTokenKind.Symbol, ")"));
        result.AddRange(tokens.Skip(to + 1));
        return result;
    }

    /// <summary>
    /// Where the operand of a cast that ends at <paramref name="end"/> begins: a literal, a parameter, a (qualified)
    /// name, a parenthesised expression or a function call, itself possibly cast (<c>x::text::super</c>).
    /// </summary>
    private static int OperandStart(List<SqlToken> tokens, int end)
    {
        if (end < 0)
        {
            return -1;
        }

        int start;
        if (tokens[end].IsSymbol(")"))
        {
            start = MatchingOpen(tokens, end);
            if (start < 0) return -1;
            int name = PreviousSignificant(tokens, start - 1);
            if (name >= 0 && tokens[name].Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier && !IsOperatorWord(tokens[name]))
            {
                start = QualifiedStart(tokens, name);
            }
        }
        else if (tokens[end].Kind is SqlTokenKind.String or SqlTokenKind.Number or SqlTokenKind.Parameter)
        {
            start = end;
            // A typed literal: DATE '...', TIMESTAMP '...'.
            int before = PreviousSignificant(tokens, end - 1);
            if (tokens[end].Kind == SqlTokenKind.String && before >= 0 && tokens[before].Kind == SqlTokenKind.Word && !IsOperatorWord(tokens[before]))
            {
                start = before;
            }
        }
        else if (tokens[end].Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier)
        {
            start = QualifiedStart(tokens, end);
        }
        else
        {
            return -1;
        }

        // x::text::super: the cast before belongs to the operand.
        int previous = PreviousSignificant(tokens, start - 1);
        if (previous >= 0 && tokens[previous].IsSymbol("::"))
        {
            return OperandStart(tokens, PreviousSignificant(tokens, previous - 1));
        }

        // Positional parameters ($1) are a symbol and a number.
        if (tokens[start].Kind == SqlTokenKind.Number && previous >= 0 && tokens[previous].IsSymbol("$") && previous == start - 1)
        {
            return previous;
        }

        return start;
    }

    private static bool IsOperatorWord(SqlToken token)
        => token.IsWord("and") || token.IsWord("or") || token.IsWord("not") || token.IsWord("select") || token.IsWord("values")
           || token.IsWord("when") || token.IsWord("then") || token.IsWord("else") || token.IsWord("in") || token.IsWord("is")
           || token.IsWord("like") || token.IsWord("return") || token.IsWord("as") || token.IsWord("by") || token.IsWord("on")
           || token.IsWord("where") || token.IsWord("set") || token.IsWord("between") || token.IsWord("distinct");

    private static int QualifiedStart(List<SqlToken> tokens, int name)
    {
        int start = name;
        while (start >= 2 && tokens[start - 1].IsSymbol(".") && tokens[start - 2].Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier)
        {
            start -= 2;
        }

        return start;
    }

    private static bool IsFollowedByTypeArguments(List<SqlToken> tokens, int type)
    {
        int next = NextSignificant(tokens, type + 1);
        return next >= 0 && tokens[next].IsSymbol("(");
    }

    private static int NextSignificant(List<SqlToken> tokens, int from)
    {
        for (int i = from; i < tokens.Count; i++)
        {
            if (!tokens[i].IsTrivia) return i;
        }

        return -1;
    }

    private static int PreviousSignificant(List<SqlToken> tokens, int from)
    {
        for (int i = from; i >= 0; i--)
        {
            if (!tokens[i].IsTrivia) return i;
        }

        return -1;
    }

    private static int MatchingParen(List<SqlToken> tokens, int open)
    {
        int depth = 0;
        for (int i = open; i < tokens.Count; i++)
        {
            if (tokens[i].IsSymbol("(")) depth++;
            else if (tokens[i].IsSymbol(")") && --depth == 0) return i;
        }

        return tokens.Count - 1;
    }

    private static int MatchingOpen(List<SqlToken> tokens, int close)
    {
        int depth = 0;
        for (int i = close; i >= 0; i--)
        {
            if (tokens[i].IsSymbol(")")) depth++;
            else if (tokens[i].IsSymbol("(") && --depth == 0) return i;
        }

        return -1;
    }
}
