namespace RedshiftTyped.Local.Statements;

/// <summary>The kinds of token the server needs to tell apart in Redshift SQL.</summary>
internal enum SqlTokenKind
{
    Word,
    QuotedIdentifier,
    String,
    Number,
    Parameter,
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
/// <c>:name</c> inside them is text, not a parameter, and <c>::type</c> is a cast. Concatenating the token
/// texts gives back the input exactly.
/// </summary>
internal static class SqlLexer
{
    public static List<SqlToken> Tokenize(string sql)
    {
        var tokens = new List<SqlToken>();
        int i = 0;
        while (i < sql.Length)
        {
            int start = i;
            char c = sql[i];
            SqlTokenKind kind;
            if (char.IsWhiteSpace(c))
            {
                while (i < sql.Length && char.IsWhiteSpace(sql[i])) i++;
                kind = SqlTokenKind.Whitespace;
            }
            else if (c == '-' && Peek(sql, i + 1) == '-')
            {
                while (i < sql.Length && sql[i] != '\n') i++;
                kind = SqlTokenKind.Comment;
            }
            else if (c == '/' && Peek(sql, i + 1) == '*')
            {
                i = SkipBlockComment(sql, i);
                kind = SqlTokenKind.Comment;
            }
            else if (c == '\'')
            {
                i = SkipQuoted(sql, i, '\'');
                kind = SqlTokenKind.String;
            }
            else if (c == '"')
            {
                i = SkipQuoted(sql, i, '"');
                kind = SqlTokenKind.QuotedIdentifier;
            }
            else if (c == '$' && TryDollarQuote(sql, i, out int end))
            {
                i = end;
                kind = SqlTokenKind.String;
            }
            else if (c == ':' && Peek(sql, i + 1) == ':')
            {
                i += 2;
                kind = SqlTokenKind.Symbol;
            }
            else if (c == ':' && IsNameChar(Peek(sql, i + 1)))
            {
                i++;
                while (i < sql.Length && IsNameChar(sql[i])) i++;
                kind = SqlTokenKind.Parameter;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                while (i < sql.Length && (IsNameChar(sql[i]) || sql[i] == '$')) i++;
                kind = SqlTokenKind.Word;
            }
            else if (char.IsDigit(c))
            {
                while (i < sql.Length && (char.IsDigit(sql[i]) || sql[i] == '.')) i++;
                kind = SqlTokenKind.Number;
            }
            else
            {
                i++;
                kind = SqlTokenKind.Symbol;
            }

            tokens.Add(new SqlToken(kind, sql[start..i]));
        }

        return tokens;
    }

    private static char Peek(string sql, int index) => index < sql.Length ? sql[index] : '\0';

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static int SkipQuoted(string sql, int i, char quote)
    {
        i++;
        while (i < sql.Length)
        {
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

        return i;
    }

    private static int SkipBlockComment(string sql, int i)
    {
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

        return i;
    }

    private static bool TryDollarQuote(string sql, int i, out int end)
    {
        end = i;
        int tagEnd = i + 1;
        while (tagEnd < sql.Length && IsNameChar(sql[tagEnd]) && !char.IsDigit(sql[i + 1])) tagEnd++;
        if (tagEnd >= sql.Length || sql[tagEnd] != '$')
        {
            return false;
        }

        string tag = sql[i..(tagEnd + 1)];
        int close = sql.IndexOf(tag, tagEnd + 1, StringComparison.Ordinal);
        end = close < 0 ? sql.Length : close + tag.Length;
        return true;
    }
}
