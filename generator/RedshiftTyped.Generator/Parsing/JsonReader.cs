using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace RedshiftTyped.Generator.Parsing;

/// <summary>Where and why a snapshot is not valid JSON.</summary>
internal sealed class JsonSyntaxError(int position, int length, string message)
{
    public int Position { get; } = position;

    public int Length { get; } = length;

    public string Message { get; } = message;
}

/// <summary>
/// A small strict JSON (RFC 8259) reader that keeps the character offset of every value. The generator cannot
/// rely on System.Text.Json being loadable in every compiler host, and needs exact spans for its diagnostics.
/// Stops at the first syntax error and reports where it is.
/// </summary>
internal sealed class JsonReader
{
    private const int MaxDepth = 64;
    private readonly string _text;
    private int _pos;
    private int _depth;

    private JsonReader(string text) => _text = text;

    public static JsonNode? Parse(string text, out JsonSyntaxError? error)
    {
        var reader = new JsonReader(text);
        try
        {
            reader.SkipWhitespace();
            var root = reader.ReadValue();
            reader.SkipWhitespace();
            if (reader._pos < text.Length)
            {
                throw reader.Fail("unexpected text after the end of the JSON document");
            }

            error = null;
            return root;
        }
        catch (JsonSyntaxException ex)
        {
            error = ex.Error;
            return null;
        }
    }

    private JsonNode ReadValue()
    {
        if (_pos >= _text.Length)
        {
            throw Fail("unexpected end of file, a value was expected");
        }

        char c = _text[_pos];
        switch (c)
        {
            case '{': return ReadObject();
            case '[': return ReadArray();
            case '"':
                int start = _pos;
                string value = ReadString();
                return new JsonString(start, _pos - start, value);
            case 't': return ReadLiteral("true", (s, l) => new JsonBoolean(s, l, true));
            case 'f': return ReadLiteral("false", (s, l) => new JsonBoolean(s, l, false));
            case 'n': return ReadLiteral("null", (s, l) => new JsonNull(s, l));
            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    return ReadNumber();
                }

                throw Fail($"unexpected character '{Printable(c)}', a value was expected");
        }
    }

    private JsonObject ReadObject()
    {
        int start = _pos;
        Enter();
        _pos++;
        var members = new List<JsonMember>();
        SkipWhitespace();
        if (Peek() == '}')
        {
            _pos++;
            _depth--;
            return new JsonObject(start, _pos - start, members);
        }

        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
            {
                throw Fail("a member name in double quotes was expected");
            }

            int nameStart = _pos;
            string name = ReadString();
            int nameLength = _pos - nameStart;
            SkipWhitespace();
            if (Peek() != ':')
            {
                throw Fail("':' was expected after the member name");
            }

            _pos++;
            SkipWhitespace();
            var value = ReadValue();
            members.Add(new JsonMember(name, nameStart, nameLength, value));
            SkipWhitespace();
            char next = Peek();
            if (next == ',')
            {
                _pos++;
                continue;
            }

            if (next == '}')
            {
                _pos++;
                _depth--;
                return new JsonObject(start, _pos - start, members);
            }

            throw Fail("',' or '}' was expected");
        }
    }

    private JsonArray ReadArray()
    {
        int start = _pos;
        Enter();
        _pos++;
        var items = new List<JsonNode>();
        SkipWhitespace();
        if (Peek() == ']')
        {
            _pos++;
            _depth--;
            return new JsonArray(start, _pos - start, items);
        }

        while (true)
        {
            SkipWhitespace();
            items.Add(ReadValue());
            SkipWhitespace();
            char next = Peek();
            if (next == ',')
            {
                _pos++;
                continue;
            }

            if (next == ']')
            {
                _pos++;
                _depth--;
                return new JsonArray(start, _pos - start, items);
            }

            throw Fail("',' or ']' was expected");
        }
    }

    private string ReadString()
    {
        int open = _pos;
        _pos++;
        StringBuilder? builder = null;
        int runStart = _pos;
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw new JsonSyntaxException(new JsonSyntaxError(open, _text.Length - open, "the string is not terminated"));
            }

            char c = _text[_pos];
            if (c == '"')
            {
                string result = builder is null
                    ? _text.Substring(runStart, _pos - runStart)
                    : builder.Append(_text, runStart, _pos - runStart).ToString();
                _pos++;
                return result;
            }

            if (c < ' ')
            {
                throw Fail("control characters must be escaped inside strings");
            }

            if (c != '\\')
            {
                _pos++;
                continue;
            }

            builder ??= new StringBuilder();
            builder.Append(_text, runStart, _pos - runStart);
            _pos++;
            char escape = Peek();
            switch (escape)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    if (_pos + 4 >= _text.Length
                        || !int.TryParse(_text.Substring(_pos + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
                    {
                        throw Fail("\\u must be followed by four hexadecimal digits");
                    }

                    builder.Append((char)code);
                    _pos += 4;
                    break;
                default:
                    throw Fail($"'\\{Printable(escape)}' is not a JSON escape");
            }

            _pos++;
            runStart = _pos;
        }
    }

    private JsonNumber ReadNumber()
    {
        int start = _pos;
        if (Peek() == '-')
        {
            _pos++;
        }

        if (Peek() == '0')
        {
            _pos++;
        }
        else if (IsDigit(Peek()))
        {
            SkipDigits();
        }
        else
        {
            throw Fail("a digit was expected");
        }

        if (Peek() == '.')
        {
            _pos++;
            if (!IsDigit(Peek()))
            {
                throw Fail("a digit was expected after the decimal point");
            }

            SkipDigits();
        }

        if (Peek() == 'e' || Peek() == 'E')
        {
            _pos++;
            if (Peek() == '+' || Peek() == '-')
            {
                _pos++;
            }

            if (!IsDigit(Peek()))
            {
                throw Fail("a digit was expected in the exponent");
            }

            SkipDigits();
        }

        return new JsonNumber(start, _pos - start, _text.Substring(start, _pos - start));
    }

    private JsonNode ReadLiteral(string literal, Func<int, int, JsonNode> create)
    {
        if (string.CompareOrdinal(_text, _pos, literal, 0, literal.Length) != 0)
        {
            throw Fail($"unexpected character '{Printable(_text[_pos])}', a value was expected");
        }

        int start = _pos;
        _pos += literal.Length;
        return create(start, literal.Length);
    }

    private void Enter()
    {
        if (++_depth > MaxDepth)
        {
            throw Fail($"nesting deeper than {MaxDepth} levels");
        }
    }

    private void SkipWhitespace()
    {
        while (_pos < _text.Length && _text[_pos] is ' ' or '\t' or '\n' or '\r')
        {
            _pos++;
        }

        // A UTF-8 byte order mark at the very start is tolerated; editors add it.
        if (_pos == 0 && _text.Length > 0 && _text[0] == '\uFEFF')
        {
            _pos++;
            SkipWhitespace();
        }
    }

    private void SkipDigits()
    {
        while (IsDigit(Peek()))
        {
            _pos++;
        }
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private static string Printable(char c) => c < ' ' ? "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) : c.ToString();

    private JsonSyntaxException Fail(string message)
    {
        int position = Math.Min(_pos, _text.Length);
        int length = position < _text.Length ? 1 : 0;
        return new JsonSyntaxException(new JsonSyntaxError(position, length, message));
    }

    private sealed class JsonSyntaxException(JsonSyntaxError error) : Exception(error.Message)
    {
        public JsonSyntaxError Error { get; } = error;
    }
}
