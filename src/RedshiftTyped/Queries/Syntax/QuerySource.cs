using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;

namespace RedshiftTyped.Queries.Syntax;

/// <summary>What can be wrong with a query file, each reported at the text that causes it.</summary>
internal enum QuerySyntaxProblemKind
{
    /// <summary>The file holds no SQL statement.</summary>
    NoStatement,

    /// <summary>The file holds more than one statement.</summary>
    MultipleStatements,

    /// <summary>The statement is not a query (SELECT, WITH … SELECT, or a parenthesised query).</summary>
    NotAQuery,

    /// <summary>A header line starts with <c>@</c> but is no directive this format knows.</summary>
    UnknownDirective,

    /// <summary>A directive lacks a part or has one it cannot read.</summary>
    MalformedDirective,

    /// <summary>A <c>@param</c> or <c>@nullable</c> line below the start of the SQL, where it would be ignored.</summary>
    DirectiveAfterStatement,

    /// <summary>A parameter name the Data API does not accept (letters, digits and <c>_</c> only).</summary>
    InvalidParameterName,

    /// <summary>A parameter's type is not one a parameter may have.</summary>
    UnknownParameterType,

    /// <summary>The same parameter is declared twice.</summary>
    DuplicateParameter,

    /// <summary>The same result column has two <c>@nullable</c> hints.</summary>
    DuplicateNullabilityHint,

    /// <summary>The SQL uses a <c>:name</c> no <c>@param</c> declares.</summary>
    UndeclaredParameter,

    /// <summary>A <c>@param</c> names a parameter the SQL does not use.</summary>
    UnusedParameter,
}

/// <summary>One problem in a query file: what, where (character offsets into the file's text) and a one-line message.</summary>
internal sealed class QuerySyntaxProblem
{
    /// <summary>Creates a problem report.</summary>
    public QuerySyntaxProblem(QuerySyntaxProblemKind kind, int start, int length, string message)
    {
        Kind = kind;
        Start = start;
        Length = length;
        Message = message;
    }

    /// <summary>What is wrong.</summary>
    public QuerySyntaxProblemKind Kind { get; }

    /// <summary>Offset of the offending text.</summary>
    public int Start { get; }

    /// <summary>Length of the offending text.</summary>
    public int Length { get; }

    /// <summary>What is wrong and how to fix it, in one line.</summary>
    public string Message { get; }
}

/// <summary>A <c>-- @param name type [nullable]</c> line.</summary>
internal sealed class QueryParameterDeclaration
{
    /// <summary>Creates a declaration.</summary>
    public QueryParameterDeclaration(string name, string declaredType, QueryParameterType? type, bool isNullable,
        int nameStart, int nameLength, int typeStart, int typeLength)
    {
        Name = name;
        DeclaredType = declaredType;
        Type = type;
        IsNullable = isNullable;
        NameStart = nameStart;
        NameLength = nameLength;
        TypeStart = typeStart;
        TypeLength = typeLength;
    }

    /// <summary>The parameter's name, as written after the colon in the SQL.</summary>
    public string Name { get; }

    /// <summary>The type as written (<c>numeric(12,2)</c>), collapsed to lower case and single spaces.</summary>
    public string DeclaredType { get; }

    /// <summary>The type; null when it is not one a parameter may have.</summary>
    public QueryParameterType? Type { get; }

    /// <summary>Whether the parameter may be null (the SQL then handles NULL, e.g. <c>:x IS NULL OR …</c>).</summary>
    public bool IsNullable { get; }

    /// <summary>Offset of the name in the file.</summary>
    public int NameStart { get; }

    /// <summary>Length of the name.</summary>
    public int NameLength { get; }

    /// <summary>Offset of the type text in the file.</summary>
    public int TypeStart { get; }

    /// <summary>Length of the type text.</summary>
    public int TypeLength { get; }
}

/// <summary>A <c>-- @nullable column true|false</c> line: narrows (or widens) what the service says of a result column.</summary>
internal sealed class QueryNullabilityHint
{
    /// <summary>Creates a hint.</summary>
    public QueryNullabilityHint(string column, bool isNullable, int start, int length)
    {
        Column = column;
        IsNullable = isNullable;
        Start = start;
        Length = length;
    }

    /// <summary>The result column's name, as Redshift spells it.</summary>
    public string Column { get; }

    /// <summary>False: the column never holds NULL (a NULL then fails the read with RowDecodeException).</summary>
    public bool IsNullable { get; }

    /// <summary>Offset of the column name in the file.</summary>
    public int Start { get; }

    /// <summary>Length of the column name.</summary>
    public int Length { get; }
}

/// <summary>A <c>:name</c> in the SQL.</summary>
internal readonly struct QueryParameterUse
{
    /// <summary>Creates a use.</summary>
    public QueryParameterUse(string name, int start, int length)
    {
        Name = name;
        Start = start;
        Length = length;
    }

    /// <summary>The name, without the colon.</summary>
    public string Name { get; }

    /// <summary>Offset of the colon.</summary>
    public int Start { get; }

    /// <summary>Length of <c>:name</c>.</summary>
    public int Length { get; }
}

/// <summary>
/// A typed query file (<c>queries/tickit/top_events.sql</c>) read: the header's description and directives, the one
/// SELECT statement, the <c>:name</c> parameters it uses, the hash that ties the file to its query snapshot, and every
/// problem found. The format is in docs/queries.md:
/// <code>
/// -- Top events by tickets sold in one year.
/// -- @param year int
/// -- @param region varchar nullable
/// -- @nullable tickets false
/// select … where d.year = :year …
/// </code>
/// </summary>
internal sealed class QuerySource
{
    private const string ParamDirective = "param";
    private const string NullableDirective = "nullable";

    private readonly List<QuerySyntaxProblem> _problems = new();
    private readonly List<QueryParameterDeclaration> _parameters = new();
    private readonly List<QueryNullabilityHint> _hints = new();
    private readonly List<QueryParameterUse> _uses = new();
    private readonly List<string> _description = new();

    private QuerySource(string text)
    {
        Text = text;
        NormalizedText = Normalize(text);
        Sha256 = HashOf(NormalizedText);
    }

    /// <summary>The file's text as read (offsets refer to it).</summary>
    public string Text { get; }

    /// <summary>The text with line ends made <c>\n</c>: what is hashed, and what is sent to Redshift.</summary>
    public string NormalizedText { get; }

    /// <summary>Lower-case hex SHA-256 of <see cref="NormalizedText"/>'s UTF-8 bytes.</summary>
    public string Sha256 { get; }

    /// <summary>The header's comment lines that are not directives, joined by line breaks; null when there are none.</summary>
    public string? Description { get; private set; }

    /// <summary>The declared parameters, in header order.</summary>
    public IReadOnlyList<QueryParameterDeclaration> Parameters => _parameters;

    /// <summary>The <c>@nullable</c> hints, in header order.</summary>
    public IReadOnlyList<QueryNullabilityHint> NullabilityHints => _hints;

    /// <summary>Every <c>:name</c> in the SQL, in order.</summary>
    public IReadOnlyList<QueryParameterUse> ParameterUses => _uses;

    /// <summary>Offset of the statement's first token (the end of the file when there is none).</summary>
    public int StatementStart { get; private set; }

    /// <summary>Offset just past the statement's last token (a trailing <c>;</c> and comments excluded).</summary>
    public int StatementEnd { get; private set; }

    /// <summary>Everything wrong with the file, in file order per kind of check; empty when the file can be used.</summary>
    public IReadOnlyList<QuerySyntaxProblem> Problems => _problems;

    /// <summary>The statement alone, without the header, a trailing <c>;</c> or trailing comments (line ends as written).</summary>
    public string Statement => Text.Substring(StatementStart, StatementEnd - StatementStart);

    /// <summary>Reads a query file's text.</summary>
    public static QuerySource Parse(string text)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        var source = new QuerySource(text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text);
        source.Read();
        return source;
    }

    /// <summary>Line ends made <c>\n</c>, a leading byte-order mark dropped: the form that is hashed and sent.</summary>
    public static string Normalize(string text)
    {
        string withoutBom = text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text;
        return withoutBom.Replace("\r\n", "\n").Replace('\r', '\n');
    }

    /// <summary>Lower-case hex SHA-256 of the text's UTF-8 bytes.</summary>
    public static string HashOf(string normalizedText)
    {
        byte[] hash;
        using (var sha = SHA256.Create())
        {
            hash = sha.ComputeHash(Encoding.UTF8.GetBytes(normalizedText));
        }

        var hex = new StringBuilder(hash.Length * 2);
        foreach (byte b in hash)
        {
            hex.Append("0123456789abcdef"[b >> 4]).Append("0123456789abcdef"[b & 15]);
        }

        return hex.ToString();
    }

    /// <summary>The 1-based line of an offset.</summary>
    public int LineOf(int offset)
    {
        int line = 1;
        for (int i = 0; i < offset && i < Text.Length; i++)
        {
            if (Text[i] == '\n' || (Text[i] == '\r' && (i + 1 >= Text.Length || Text[i + 1] != '\n')))
            {
                line++;
            }
        }

        return line;
    }

    private void Read()
    {
        var tokens = SqlTokenizer.Tokenize(Text);
        int first = 0;
        while (first < tokens.Count && tokens[first].IsTrivia)
        {
            first++;
        }

        for (int i = 0; i < first; i++)
        {
            if (tokens[i].Kind == SqlTokenKind.Comment && IsLineComment(tokens[i]))
            {
                ReadHeaderLine(tokens[i]);
            }
        }

        Description = DescriptionText();
        if (first == tokens.Count)
        {
            StatementStart = StatementEnd = Text.Length;
            Report(QuerySyntaxProblemKind.NoStatement, 0, 0,
                "The file holds no SQL: write one SELECT statement below the header comments.");
            CheckParameters();
            return;
        }

        StatementStart = tokens[first].Start;
        ReadStatement(tokens, first);
        CheckParameters();
    }

    private void ReadStatement(IReadOnlyList<SqlToken> tokens, int first)
    {
        var head = tokens[first];
        string headText = head.Text(Text);
        if (!(head.Kind == SqlTokenKind.Word && (Is(headText, "select") || Is(headText, "with")))
            && !(head.Kind == SqlTokenKind.Symbol && headText == "("))
        {
            Report(QuerySyntaxProblemKind.NotAQuery, head.Start, head.Length,
                $"A typed query file holds one query (SELECT, or WITH … SELECT); \"{headText}\" statements return no rows to type.");
        }

        bool ended = false;
        StatementEnd = head.End;
        for (int i = first; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == SqlTokenKind.Comment && IsLineComment(token) && DirectiveWord(token) is { } word
                && (Is(word, ParamDirective) || Is(word, NullableDirective)))
            {
                Report(QuerySyntaxProblemKind.DirectiveAfterStatement, token.Start, token.Length,
                    $"@{word} must be in the header, above the SQL; here it would be ignored. Move it up.");
            }

            if (token.IsTrivia)
            {
                continue;
            }

            if (token.Kind == SqlTokenKind.Symbol && token.Text(Text) == ";")
            {
                ended = true;
                continue;
            }

            if (ended)
            {
                Report(QuerySyntaxProblemKind.MultipleStatements, token.Start, token.Length,
                    "The file holds a second statement after ';': a query file holds exactly one query. Move it to a file of its own.");
                return;
            }

            StatementEnd = token.End;
            if (token.Kind == SqlTokenKind.Parameter)
            {
                _uses.Add(new QueryParameterUse(Text.Substring(token.Start + 1, token.Length - 1), token.Start, token.Length));
            }
        }
    }

    private void ReadHeaderLine(SqlToken comment)
    {
        // "--" then the text; one space after the dashes is the usual style and not part of the text.
        string body = Text.Substring(comment.Start + 2, comment.Length - 2);
        int offset = comment.Start + 2;
        string trimmed = body.TrimStart();
        int at = offset + (body.Length - trimmed.Length);
        if (trimmed.Length == 0 || trimmed[0] != '@')
        {
            _description.Add(body.Length > 0 && body[0] == ' ' ? body.Substring(1).TrimEnd() : body.TrimEnd());
            return;
        }

        int wordEnd = 1;
        while (wordEnd < trimmed.Length && !char.IsWhiteSpace(trimmed[wordEnd]))
        {
            wordEnd++;
        }

        string word = trimmed.Substring(1, wordEnd - 1);
        var rest = new LineReader(Text, at + wordEnd, comment.End);
        if (Is(word, ParamDirective))
        {
            ReadParameter(rest, at, comment.End - at);
        }
        else if (Is(word, NullableDirective))
        {
            ReadHint(rest, at, comment.End - at);
        }
        else
        {
            Report(QuerySyntaxProblemKind.UnknownDirective, at, wordEnd,
                $"Unknown directive @{word}: the header knows @param name type [nullable] and @nullable column true|false. " +
                "Write other comments without a leading @.");
        }
    }

    private void ReadParameter(LineReader rest, int lineStart, int lineLength)
    {
        var (nameStart, nameLength) = rest.NextWord();
        if (nameLength == 0)
        {
            Report(QuerySyntaxProblemKind.MalformedDirective, lineStart, lineLength,
                "@param needs a name and a type: -- @param year int (add nullable to allow null).");
            return;
        }

        string name = Text.Substring(nameStart, nameLength);
        if (name[0] == ':')
        {
            // "-- @param :year int" is a natural slip; the name is what follows the colon.
            name = name.Substring(1);
            nameStart++;
            nameLength--;
        }

        var (typeStart, typeLength) = rest.Remainder();
        string typeText = Text.Substring(typeStart, typeLength);
        bool nullable = false;
        int lastSpace = typeText.LastIndexOf(' ');
        string lastWord = lastSpace < 0 ? typeText : typeText.Substring(lastSpace + 1);
        if (Is(lastWord, "nullable"))
        {
            nullable = true;
            typeText = lastSpace < 0 ? string.Empty : typeText.Substring(0, lastSpace).TrimEnd();
            typeLength = typeText.Length;
        }

        if (name.Length == 0 || !IsParameterName(name))
        {
            Report(QuerySyntaxProblemKind.InvalidParameterName, nameStart, nameLength,
                $"\"{name}\" is not a parameter name the Data API accepts: use letters, digits and _ only, as in :{Sanitize(name)}.");
            return;
        }

        if (typeLength == 0)
        {
            Report(QuerySyntaxProblemKind.MalformedDirective, lineStart, lineLength,
                $"@param {name} needs a type: -- @param {name} int (types: {QueryParameterTypes.Supported}).");
            return;
        }

        QueryParameterType? type = null;
        if (QueryParameterTypes.TryParse(typeText, out var parsed))
        {
            type = parsed;
        }
        else
        {
            Report(QuerySyntaxProblemKind.UnknownParameterType, typeStart, typeLength,
                $"@param {name} has the type \"{typeText}\", which a parameter cannot have; use one of: {QueryParameterTypes.Supported}.");
        }

        foreach (var existing in _parameters)
        {
            if (existing.Name == name)
            {
                Report(QuerySyntaxProblemKind.DuplicateParameter, nameStart, nameLength,
                    $"@param {name} is declared twice; keep one declaration.");
                return;
            }
        }

        _parameters.Add(new QueryParameterDeclaration(
            name, QueryParameterTypes.Collapse(typeText), type, nullable, nameStart, nameLength, typeStart, typeLength));
    }

    private void ReadHint(LineReader rest, int lineStart, int lineLength)
    {
        var (columnStart, columnLength, column) = rest.NextIdentifier();
        var (valueStart, valueLength) = rest.NextWord();
        string value = Text.Substring(valueStart, valueLength);
        var (extraStart, extraLength) = rest.Remainder();
        if (column is null || column.Length == 0 || !(Is(value, "true") || Is(value, "false")) || extraLength > 0)
        {
            Report(QuerySyntaxProblemKind.MalformedDirective, extraLength > 0 ? extraStart : lineStart, extraLength > 0 ? extraLength : lineLength,
                "@nullable needs a result column and true or false: -- @nullable tickets false (\"Quoted name\" for names with spaces).");
            return;
        }

        foreach (var existing in _hints)
        {
            if (existing.Column == column)
            {
                Report(QuerySyntaxProblemKind.DuplicateNullabilityHint, columnStart, columnLength,
                    $"@nullable {column} is given twice; keep one.");
                return;
            }
        }

        _hints.Add(new QueryNullabilityHint(column, Is(value, "true"), columnStart, columnLength));
    }

    private void CheckParameters()
    {
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parameter in _parameters)
        {
            declared.Add(parameter.Name);
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var use in _uses)
        {
            if (used.Add(use.Name) && !declared.Contains(use.Name))
            {
                Report(QuerySyntaxProblemKind.UndeclaredParameter, use.Start, use.Length,
                    $":{use.Name} is used but not declared: add \"-- @param {use.Name} <type>\" to the header (types: {QueryParameterTypes.Supported}).");
            }
        }

        foreach (var parameter in _parameters)
        {
            if (!used.Contains(parameter.Name) && StatementEnd > StatementStart)
            {
                Report(QuerySyntaxProblemKind.UnusedParameter, parameter.NameStart, parameter.NameLength,
                    $"@param {parameter.Name} is declared but the SQL never uses :{parameter.Name}; use it or remove the declaration " +
                    "(the Data API refuses parameters a statement does not use).");
            }
        }
    }

    private string? DescriptionText()
    {
        int start = 0;
        int end = _description.Count;
        while (start < end && _description[start].Trim().Length == 0)
        {
            start++;
        }

        while (end > start && _description[end - 1].Trim().Length == 0)
        {
            end--;
        }

        return start == end ? null : string.Join("\n", _description.GetRange(start, end - start));
    }

    private string? DirectiveWord(SqlToken comment)
    {
        string body = Text.Substring(comment.Start + 2, comment.Length - 2).TrimStart();
        if (body.Length < 2 || body[0] != '@')
        {
            return null;
        }

        int end = 1;
        while (end < body.Length && char.IsLetter(body[end]))
        {
            end++;
        }

        return body.Substring(1, end - 1);
    }

    private bool IsLineComment(SqlToken comment) => Text[comment.Start] == '-';

    private void Report(QuerySyntaxProblemKind kind, int start, int length, string message)
        => _problems.Add(new QuerySyntaxProblem(kind, start, length, message));

    private static bool IsParameterName(string name)
    {
        foreach (char c in name)
        {
            if (!SqlTokenizer.IsNameChar(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string Sanitize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            builder.Append(SqlTokenizer.IsNameChar(c) ? c : '_');
        }

        return builder.Length == 0 ? "name" : builder.ToString();
    }

    private static bool Is(string text, string word) => string.Equals(text, word, StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the words of one directive line, keeping their offsets in the file.</summary>
    private sealed class LineReader(string text, int position, int end)
    {
        private int _position = position;

        public (int Start, int Length) NextWord()
        {
            SkipSpace();
            int start = _position;
            while (_position < end && !char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }

            return (start, _position - start);
        }

        /// <summary>A bare word, or a double-quoted name with "" for a quote inside.</summary>
        public (int Start, int Length, string? Value) NextIdentifier()
        {
            SkipSpace();
            int start = _position;
            if (_position >= end || text[_position] != '"')
            {
                var (wordStart, wordLength) = NextWord();
                return (wordStart, wordLength, text.Substring(wordStart, wordLength));
            }

            var value = new StringBuilder();
            _position++;
            while (_position < end)
            {
                if (text[_position] == '"')
                {
                    if (_position + 1 < end && text[_position + 1] == '"')
                    {
                        value.Append('"');
                        _position += 2;
                        continue;
                    }

                    _position++;
                    return (start, _position - start, value.ToString());
                }

                value.Append(text[_position++]);
            }

            return (start, _position - start, null);
        }

        /// <summary>The rest of the line, trimmed.</summary>
        public (int Start, int Length) Remainder()
        {
            SkipSpace();
            int last = end;
            while (last > _position && char.IsWhiteSpace(text[last - 1]))
            {
                last--;
            }

            int start = _position;
            _position = end;
            return (start, last - start);
        }

        private void SkipSpace()
        {
            while (_position < end && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }
        }
    }
}
