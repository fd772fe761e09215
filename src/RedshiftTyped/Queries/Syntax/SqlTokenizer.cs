using System.Collections.Generic;

namespace RedshiftTyped.Queries.Syntax;

// This folder is compiled into the runtime and, linked, into the source generator (netstandard2.0): the runtime, the
// redshift-typed tool and the generator read query files with exactly the same rules. Keep it free of APIs newer than
// netstandard2.0 and of anything an analyzer may not call (file or environment access).

/// <summary>The kinds of token a query file is made of.</summary>
internal enum SqlTokenKind
{
    /// <summary>A keyword or an unquoted name.</summary>
    Word,

    /// <summary>A double-quoted identifier (<c>"Odd name"</c>).</summary>
    QuotedIdentifier,

    /// <summary>A string literal: <c>'text'</c> or a dollar-quoted <c>$$text$$</c>.</summary>
    String,

    /// <summary>A numeric literal.</summary>
    Number,

    /// <summary>A Data API parameter, <c>:name</c>.</summary>
    Parameter,

    /// <summary>An operator or punctuation (<c>::</c> is one symbol, a cast).</summary>
    Symbol,

    /// <summary>Spaces and line breaks.</summary>
    Whitespace,

    /// <summary>A <c>-- line</c> or <c>/* block */</c> comment.</summary>
    Comment,
}

/// <summary>One token: its kind and where it is in the text (offsets in UTF-16 characters).</summary>
internal readonly struct SqlToken
{
    /// <summary>Creates a token.</summary>
    public SqlToken(SqlTokenKind kind, int start, int length)
    {
        Kind = kind;
        Start = start;
        Length = length;
    }

    /// <summary>What the token is.</summary>
    public SqlTokenKind Kind { get; }

    /// <summary>Offset of the first character.</summary>
    public int Start { get; }

    /// <summary>Length in characters.</summary>
    public int Length { get; }

    /// <summary>Offset just past the last character.</summary>
    public int End => Start + Length;

    /// <summary>Whitespace and comments: what separates tokens and changes nothing.</summary>
    public bool IsTrivia => Kind is SqlTokenKind.Whitespace or SqlTokenKind.Comment;

    /// <summary>The token's text in <paramref name="sql"/>.</summary>
    public string Text(string sql) => sql.Substring(Start, Length);
}

/// <summary>
/// Splits Redshift SQL into tokens, knowing string literals, quoted identifiers, dollar quotes and comments, so that a
/// <c>:name</c> inside them is text, not a parameter, and <c>::type</c> is a cast. The rules are the local server's
/// (and the Data API's: parameters in comments and literals are not substituted). The tokens cover the text exactly.
/// </summary>
internal static class SqlTokenizer
{
    /// <summary>Every token of <paramref name="sql"/>, in order.</summary>
    public static IReadOnlyList<SqlToken> Tokenize(string sql)
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
                while (i < sql.Length && char.IsWhiteSpace(sql[i]))
                {
                    i++;
                }

                kind = SqlTokenKind.Whitespace;
            }
            else if (c == '-' && Peek(sql, i + 1) == '-')
            {
                // A line comment ends before its line break (\r\n included), so the break stays whitespace.
                while (i < sql.Length && sql[i] != '\n' && sql[i] != '\r')
                {
                    i++;
                }

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
                while (i < sql.Length && IsNameChar(sql[i]))
                {
                    i++;
                }

                kind = SqlTokenKind.Parameter;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '_' || sql[i] == '$'))
                {
                    i++;
                }

                kind = SqlTokenKind.Word;
            }
            else if (char.IsDigit(c))
            {
                while (i < sql.Length && (char.IsDigit(sql[i]) || sql[i] == '.'))
                {
                    i++;
                }

                kind = SqlTokenKind.Number;
            }
            else
            {
                i++;
                kind = SqlTokenKind.Symbol;
            }

            tokens.Add(new SqlToken(kind, start, i - start));
        }

        return tokens;
    }

    /// <summary>The characters the Data API allows in a parameter name: ASCII letters, digits and <c>_</c>.</summary>
    public static bool IsNameChar(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_';

    private static char Peek(string sql, int index) => index < sql.Length ? sql[index] : '\0';

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
                if (depth == 0)
                {
                    return i;
                }
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
        if (tagEnd < sql.Length && char.IsDigit(sql[tagEnd]))
        {
            // $1 is a positional parameter, not a dollar quote.
            return false;
        }

        while (tagEnd < sql.Length && IsNameChar(sql[tagEnd]))
        {
            tagEnd++;
        }

        if (tagEnd >= sql.Length || sql[tagEnd] != '$')
        {
            return false;
        }

        string tag = sql.Substring(i, tagEnd + 1 - i);
        int close = sql.IndexOf(tag, tagEnd + 1, System.StringComparison.Ordinal);
        end = close < 0 ? sql.Length : close + tag.Length;
        return true;
    }
}
