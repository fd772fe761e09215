namespace RedshiftTyped.Local.Statements;

/// <summary>The kinds of token the server needs to tell apart in Redshift SQL.</summary>
internal enum SqlTokenKind
{
    Word,
    QuotedIdentifier,
    String,
    Number,
    Parameter,
    /// <summary>An engine positional placeholder, <c>$1</c>: what <see cref="ParameterBinder"/> turns <c>:name</c> into.</summary>
    Placeholder,
    Symbol,
    Whitespace,
    Comment,
}

internal readonly record struct SqlToken(SqlTokenKind Kind, string Text)
{
    public bool IsWord(string word) => Kind == SqlTokenKind.Word && Text.Equals(word, StringComparison.OrdinalIgnoreCase);

    public bool IsSymbol(string symbol) => Kind == SqlTokenKind.Symbol && Text == symbol;

    public bool IsTrivia => Kind is SqlTokenKind.Whitespace or SqlTokenKind.Comment;
}

/// <summary>
/// Splits SQL into tokens, knowing string literals, quoted identifiers, dollar quotes and comments, so that
/// <c>:name</c> inside them is text, not a parameter, and <c>::type</c> is a cast. Numbers include fractions and
/// exponents (<c>.5</c>, <c>1.5e3</c>); <c>$1</c> is a placeholder; operators of several characters
/// (<c>&lt;=</c>, <c>||</c>, <c>!~*</c>, ...) are one symbol. Concatenating the token texts gives back the input exactly.
/// </summary>
internal static class SqlLexer
{
    /// <summary>Operators of more than one character, longest first so that the longest match wins.</summary>
    private static readonly string[] MultiCharacterOperators =
    [
        "!~~*", "!~*", "!~~", "~~*", "||/", "<=>", "<>", "!=", "<=", ">=", "||", "<<", ">>", "!~", "~~", "~*", "|/", "->>", "->", "=>",
    ];

    public static List<SqlToken> Tokenize(string sql) => Tokenize(sql, out _);

    /// <summary>
    /// The tokens, and the token that runs to the end of the text without its closing quote or <c>*/</c>
    /// (<paramref name="open"/>, null when every literal, identifier and comment is closed). Such a token is the last.
    /// </summary>
    public static List<SqlToken> Tokenize(string sql, out UnterminatedToken? open)
    {
        open = null;
        var tokens = new List<SqlToken>();
        int i = 0;
        while (i < sql.Length)
        {
            int start = i;
            char c = sql[i];
            SqlTokenKind kind;
            if (IsSpace(c))
            {
                while (i < sql.Length && IsSpace(sql[i])) i++;
                kind = SqlTokenKind.Whitespace;
            }
            else if (c == '-' && Peek(sql, i + 1) == '-')
            {
                // PostgreSQL's scanner ends a comment at either line break (scan.l: non_newline [^\n\r]), and so do the engines:
                // ending it only at \n would hide from the one-statement check what follows a \r.
                while (i < sql.Length && sql[i] is not ('\n' or '\r')) i++;
                kind = SqlTokenKind.Comment;
            }
            else if (c == '/' && Peek(sql, i + 1) == '*')
            {
                i = SkipBlockComment(sql, i, out bool closed);
                kind = SqlTokenKind.Comment;
                if (!closed) open = new UnterminatedToken(UnterminatedKind.Comment, start);
            }
            else if (c == '\'')
            {
                i = SkipQuoted(sql, i, '\'', out bool closed, backslashEscapes: true);
                kind = SqlTokenKind.String;
                if (!closed) open = new UnterminatedToken(UnterminatedKind.String, LiteralStart(sql, tokens, start));
            }
            else if (c == '"')
            {
                i = SkipQuoted(sql, i, '"', out bool closed);
                kind = SqlTokenKind.QuotedIdentifier;
                if (!closed) open = new UnterminatedToken(UnterminatedKind.QuotedIdentifier, start);
            }
            else if (c == '$' && TryDollarQuote(sql, i, out int end, out bool closed))
            {
                i = end;
                kind = SqlTokenKind.String;
                if (!closed) open = new UnterminatedToken(UnterminatedKind.DollarQuoted, start);
            }
            else if (c == ':' && Peek(sql, i + 1) == ':')
            {
                i += 2;
                kind = SqlTokenKind.Symbol;
            }
            else if (c == '$' && char.IsAsciiDigit(Peek(sql, i + 1)))
            {
                i++;
                while (i < sql.Length && char.IsAsciiDigit(sql[i])) i++;
                kind = SqlTokenKind.Placeholder;
            }
            else if (c == ':' && IsNameChar(Peek(sql, i + 1)))
            {
                i++;
                while (i < sql.Length && IsNameChar(sql[i])) i++;
                kind = SqlTokenKind.Parameter;
            }
            else if (IsIdentifierStart(c))
            {
                while (i < sql.Length && (IsIdentifierPart(sql[i]) || sql[i] == '$')) i++;
                kind = SqlTokenKind.Word;
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(Peek(sql, i + 1))))
            {
                i = SkipNumber(sql, i);
                kind = SqlTokenKind.Number;
            }
            else
            {
                i += OperatorLength(sql, i);
                kind = SqlTokenKind.Symbol;
            }

            if (i == start)
            {
                i++; // every branch consumes at least one character; this keeps a future gap from looping forever
            }

            tokens.Add(new SqlToken(kind, sql[start..i]));
        }

        return tokens;
    }

    private static char Peek(string sql, int index) => index < sql.Length ? sql[index] : '\0';

    /// <summary>Digits, one fraction, and an exponent only when digits follow it (<c>1e3</c>, not <c>1e</c>).</summary>
    private static int SkipNumber(string sql, int i)
    {
        while (i < sql.Length && char.IsAsciiDigit(sql[i])) i++;
        if (Peek(sql, i) == '.')
        {
            i++;
            while (i < sql.Length && char.IsAsciiDigit(sql[i])) i++;
        }

        if (Peek(sql, i) is 'e' or 'E')
        {
            int digits = Peek(sql, i + 1) is '+' or '-' ? i + 2 : i + 1;
            if (char.IsAsciiDigit(Peek(sql, digits)))
            {
                i = digits;
                while (i < sql.Length && char.IsAsciiDigit(sql[i])) i++;
            }
        }

        return i;
    }

    private static int OperatorLength(string sql, int i)
    {
        foreach (string op in MultiCharacterOperators)
        {
            if (string.CompareOrdinal(sql, i, op, 0, op.Length) == 0)
            {
                return op.Length;
            }
        }

        return 1;
    }

    /// <summary>Whitespace as PostgreSQL's scanner knows it (scan.l: <c>space [ \t\n\r\f\v]</c>); other spaces are identifier characters there.</summary>
    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v';

    /// <summary>A Data API parameter name's character (<c>:name</c>): ASCII, as the service's names are.</summary>
    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    /// <summary>
    /// An identifier's (or dollar-quote tag's) first character, as PostgreSQL's scanner reads them (scan.l:
    /// <c>ident_start [A-Za-z\200-\377_]</c>): every non-ASCII character counts as a letter, which is how Redshift accepts
    /// multibyte UTF-8 characters in names (r_names.md).
    /// </summary>
    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_' || c >= '\u0080';

    /// <summary>An identifier's later character (scan.l: <c>ident_cont</c>, without the <c>$</c> that only words allow).</summary>
    private static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || char.IsAsciiDigit(c);

    /// <summary>
    /// Skips a quoted literal or identifier. In Redshift string literals a backslash escapes the next character
    /// (<c>'it\'s'</c>, <c>'\\.'</c>), as the guide's pattern-matching pages show; quoted identifiers have no escapes.
    /// </summary>
    private static int SkipQuoted(string sql, int i, char quote, out bool closed, bool backslashEscapes = false)
    {
        closed = true;
        i++;
        while (i < sql.Length)
        {
            if (backslashEscapes && sql[i] == '\\')
            {
                i += 2;
                continue;
            }

            if (sql[i] == quote)
            {
                if (Peek(sql, i + 1) == quote)
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            i++;
        }

        closed = false;
        return sql.Length;
    }

    private static int SkipBlockComment(string sql, int i, out bool closed)
    {
        closed = true;
        int depth = 0;
        while (i < sql.Length)
        {
            if (sql[i] == '/' && Peek(sql, i + 1) == '*')
            {
                depth++;
                i += 2;
            }
            else if (sql[i] == '*' && Peek(sql, i + 1) == '/')
            {
                depth--;
                i += 2;
                if (depth == 0) return i;
            }
            else
            {
                i++;
            }
        }

        closed = false;
        return sql.Length;
    }

    /// <summary>
    /// Where an open string literal starts as PostgreSQL's message quotes it: with its prefix (<c>E'C:'</c>), when the
    /// word just before the quote is one (<c>E</c>, <c>B</c>, <c>X</c>, <c>N</c>, <c>U&amp;</c> is not lexed as one).
    /// </summary>
    private static int LiteralStart(string sql, List<SqlToken> tokens, int quote)
        => tokens.Count > 0 && tokens[^1] is { Kind: SqlTokenKind.Word, Text.Length: 1 } prefix && "EeBbXxNn".Contains(prefix.Text[0], StringComparison.Ordinal)
            ? quote - 1
            : quote;

    private static bool TryDollarQuote(string sql, int i, out int end, out bool closed)
    {
        closed = true;
        end = i;
        int tagEnd = i + 1;
        // scan.l: dolq_start [A-Za-z\200-\377_], dolq_cont [A-Za-z\200-\377_0-9]: a tag never starts with a digit.
        while (tagEnd < sql.Length && IsIdentifierPart(sql[tagEnd]) && !char.IsAsciiDigit(sql[i + 1])) tagEnd++;
        if (tagEnd >= sql.Length || sql[tagEnd] != '$')
        {
            return false;
        }

        string tag = sql[i..(tagEnd + 1)];
        int close = sql.IndexOf(tag, tagEnd + 1, StringComparison.Ordinal);
        closed = close >= 0;
        end = close < 0 ? sql.Length : close + tag.Length;
        return true;
    }
}
