using RedshiftTyped.Local.Statements;

namespace RedshiftTyped.Local.Dialect.Syntax;

/// <summary>The statement's significant tokens (no whitespace, no comments) and a position in them.</summary>
internal sealed class TokenCursor
{
    private readonly List<SqlToken> _tokens;
    private readonly List<bool> _spaceBefore;

    public TokenCursor(IEnumerable<SqlToken> tokens)
    {
        _tokens = [];
        _spaceBefore = [];
        bool space = false;
        foreach (var token in tokens)
        {
            if (token.IsTrivia)
            {
                space = true;
                continue;
            }

            _tokens.Add(token);
            _spaceBefore.Add(space);
            space = false;
        }
    }

    public int Position { get; set; }

    public bool AtEnd => Position >= _tokens.Count;

    public SqlToken Current => Peek(0);

    /// <summary>The token <paramref name="offset"/> places ahead, or an empty symbol past the end.</summary>
    public SqlToken Peek(int offset)
    {
        int index = Position + offset;
        return index < _tokens.Count ? _tokens[index] : new SqlToken(SqlTokenKind.Symbol, string.Empty);
    }

    /// <summary>Whether whitespace or a comment separates the token at <paramref name="offset"/> from the one before.</summary>
    public bool SpaceBefore(int offset) => Position + offset < _spaceBefore.Count && _spaceBefore[Position + offset];

    public SqlToken Next() => _tokens[Position++];

    public bool IsWord(string word, int offset = 0) => Peek(offset).IsWord(word);

    public bool IsSymbol(string symbol, int offset = 0) => Peek(offset).IsSymbol(symbol);

    public bool TryWord(string word)
    {
        if (!IsWord(word)) return false;
        Position++;
        return true;
    }

    /// <summary>Consumes the words in order when all of them come next; otherwise consumes nothing.</summary>
    public bool TryWords(params string[] words)
    {
        for (int i = 0; i < words.Length; i++)
        {
            if (!IsWord(words[i], i)) return false;
        }

        Position += words.Length;
        return true;
    }

    public bool TrySymbol(string symbol)
    {
        if (!IsSymbol(symbol)) return false;
        Position++;
        return true;
    }

    public void ExpectWord(string word)
    {
        if (!TryWord(word)) throw Error($"expected {word.ToUpperInvariant()}");
    }

    public void ExpectSymbol(string symbol)
    {
        if (!TrySymbol(symbol)) throw Error($"expected \"{symbol}\"");
    }

    public DialectSyntaxException Error(string what)
        => new($"{what} at or near \"{(AtEnd ? "end of statement" : Current.Text)}\"");
}

/// <summary>The dialect layer does not understand a statement; the executor then runs it as written.</summary>
internal sealed class DialectSyntaxException(string message) : Exception(message);
