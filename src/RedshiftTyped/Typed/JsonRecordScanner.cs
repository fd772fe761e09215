using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace RedshiftTyped.Typed;

/// <summary>
/// A cursor over the <c>Records</c> of a GetStatementResult body, for generated row decoders: it reads one Field
/// (<c>{"longValue":1}</c>, <c>{"stringValue":"…"}</c>, <c>{"isNull":true}</c>, <c>{"booleanValue":true}</c>) at a time by
/// matching the bytes the service sends, in the order it sends them, instead of tokenising JSON in general. Anything
/// else — whitespace or escapes inside a Field, other or extra members, numbers that are not plain integers, invalid
/// UTF-8 — is read by <see cref="Utf8JsonReader"/> exactly as before, so every valid input decodes the same and every
/// invalid one still fails.
/// </summary>
/// <remarks>
/// The decoders are generated against this contract (<see cref="IRowDecoder{TRecord}.DecodeJson"/>); the Field shape
/// follows the Data API's <c>Field</c> union (https://docs.aws.amazon.com/redshift-data/latest/APIReference/API_Field.html).
/// </remarks>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public ref struct JsonRecordScanner
{
    /// <summary>What ends the fast read of a string: its closing quote, an escape, or a control character JSON forbids.</summary>
    private static readonly SearchValues<byte> StringStops = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f"u8);

    private readonly ReadOnlySpan<byte> _json;
    private int _position;

    /// <summary>True once a record's first Field is read: every later Field is preceded by a comma.</summary>
    private bool _afterField;

    /// <summary>
    /// A scanner over <paramref name="json"/>, whose first value (after optional whitespace) is one record: an array of
    /// Fields, as in GetStatementResult's <c>Records</c>.
    /// </summary>
    public JsonRecordScanner(ReadOnlySpan<byte> json)
        : this(json, 0)
    {
    }

    internal JsonRecordScanner(ReadOnlySpan<byte> json, int position)
    {
        _json = json;
        _position = position;
    }

    /// <summary>How many bytes of the input are read: the offset just after the last record or Field read.</summary>
    public readonly int BytesConsumed => _position;

    /// <summary>Moves past a record's <c>[</c>; anything else there is a <see cref="RowDecodeException"/>.</summary>
    internal void BeginRecord(TableDescriptor table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!TryBeginRecord())
        {
            throw DecodeErrors.Shape(table, $"starts with {TokenAt(_position)} instead of an array of Fields");
        }
    }

    /// <summary>Moves past the record's <c>]</c>; a record with more Fields than columns is a <see cref="RowDecodeException"/>.</summary>
    internal void EndRecord(TableDescriptor table)
    {
        if (!TryEndRecord())
        {
            throw DecodeErrors.Shape(table, "has more Fields than columns");
        }
    }

    internal void BeginRecord(TableDescriptor table, ColumnProjection projection)
    {
        DecodeErrors.CheckProjection(table, projection);
        if (!TryBeginRecord())
        {
            throw DecodeErrors.Shape(projection, $"starts with {TokenAt(_position)} instead of an array of Fields");
        }
    }

    internal void EndRecord(TableDescriptor table, ColumnProjection projection)
    {
        if (!TryEndRecord())
        {
            throw DecodeErrors.Shape(projection, "has more Fields than selected columns");
        }
    }

    /// <summary>
    /// Reads the next Field of the record for <paramref name="column"/>: true with its value, false for NULL. The fast
    /// path covers the exact shapes the service writes; every other shape goes through <see cref="JsonFieldReader"/>'s
    /// general reader over the same bytes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool TryRead<TConverter, T>(ColumnDescriptor column, out T value)
        where TConverter : IFieldConverter<TConverter, T>
    {
        int start = FieldStart(column);
        var json = _json;

        // Each shape is matched whole, up to and including the Field's closing brace, so a Field with more members than
        // one, or with whitespace inside, never matches and takes the general path.
        if ((uint)(start + 2) < (uint)json.Length)
        {
            switch (json[start + 2])
            {
                case (byte)'l' when json.Slice(start).StartsWith("{\"longValue\":"u8):
                    if (TryPlainInteger(json, start + 13, out long number, out int end))
                    {
                        _position = end;
                        value = TConverter.FromLong(number, column);
                        return true;
                    }

                    break;
                case (byte)'s' when json.Slice(start).StartsWith("{\"stringValue\":\""u8):
                    var text = json.Slice(start + 16);
                    int close = text.IndexOfAny(StringStops);
                    if (close >= 0 && text[close] == '"' && (uint)(close + 1) < (uint)text.Length && text[close + 1] == '}'
                        && TConverter.TryFromUtf8(text[..close], column, out value))
                    {
                        _position = start + 16 + close + 2;
                        return true;
                    }

                    break;
                case (byte)'i' when json.Slice(start).StartsWith("{\"isNull\":true}"u8):
                    _position = start + 15;
                    value = default!;
                    return false;
                case (byte)'b' when json.Slice(start).StartsWith("{\"booleanValue\":true}"u8):
                    _position = start + 21;
                    value = TConverter.FromBoolean(true, column);
                    return true;
                case (byte)'b' when json.Slice(start).StartsWith("{\"booleanValue\":false}"u8):
                    _position = start + 22;
                    value = TConverter.FromBoolean(false, column);
                    return true;
            }
        }

        return ReadGeneral<TConverter, T>(start, column, out value);
    }

    /// <summary>
    /// The raw bytes of the next Field of the record, whatever its shape (for readers that look at a Field twice); a
    /// Field that is not valid JSON is a <see cref="JsonException"/>.
    /// </summary>
    internal ReadOnlySpan<byte> NextField(ColumnDescriptor column)
    {
        int start = FieldStart(column);
        var reader = new Utf8JsonReader(_json.Slice(start), isFinalBlock: true, state: default);
        reader.Read();
        reader.Skip();
        _position = start + (int)reader.BytesConsumed;
        return _json[start.._position];
    }

    /// <summary>
    /// For readers that have no column descriptors (untyped reads, whose columns come from the page): the raw bytes of
    /// the record's next Field, whatever its shape, or false on the record's <c>]</c> (not consumed, for
    /// <see cref="TryEndRecord"/>). Anything else there, or a Field that is not valid JSON, is a <see cref="JsonException"/>.
    /// </summary>
    internal bool TryNextRawField(out ReadOnlySpan<byte> field)
    {
        int at = SkipWhitespace(_position);
        if (at < _json.Length && _json[at] == ']')
        {
            field = default;
            return false;
        }

        if (_afterField)
        {
            if (at >= _json.Length || _json[at] != ',')
            {
                throw new JsonException($"A record's Fields must be separated by commas; found {TokenAt(at)} after a Field.");
            }

            at = SkipWhitespace(at + 1);
        }

        if (at >= _json.Length || _json[at] != '{')
        {
            throw new JsonException($"A record must be an array of Field objects, not hold {TokenAt(at)}.");
        }

        var reader = new Utf8JsonReader(_json.Slice(at), isFinalBlock: true, state: default);
        reader.Read();
        reader.Skip();
        _position = at + (int)reader.BytesConsumed;
        _afterField = true;
        field = _json[at.._position];
        return true;
    }

    /// <summary>Moves past a record's <c>[</c> (after whitespace); false, not moved, when none is there.</summary>
    internal bool TryBeginRecord()
    {
        int at = SkipWhitespace(_position);
        if (at >= _json.Length || _json[at] != '[')
        {
            return false;
        }

        _position = at + 1;
        _afterField = false;
        return true;
    }

    /// <summary>Moves past the record's <c>]</c> (after whitespace); false, not moved, when a Field or anything else is there.</summary>
    internal bool TryEndRecord()
    {
        int at = SkipWhitespace(_position);
        if (at >= _json.Length || _json[at] != ']')
        {
            return false;
        }

        _position = at + 1;
        return true;
    }

    /// <summary>
    /// Between records of <c>Records</c>: moves past the comma before the next record and returns true, or stops on
    /// the array's <c>]</c> (not consumed) and returns false. Anything else is a <see cref="JsonException"/>.
    /// </summary>
    internal bool NextRecord(bool first)
    {
        int at = SkipWhitespace(_position);
        if (at < _json.Length && _json[at] == ']')
        {
            _position = at;
            return false;
        }

        if (!first)
        {
            if (at >= _json.Length || _json[at] != ',')
            {
                throw new JsonException($"Records must be an array of records separated by commas; found {TokenAt(at)} after a record.");
            }

            at = SkipWhitespace(at + 1);
        }

        if (at >= _json.Length || _json[at] != '[')
        {
            throw new JsonException($"Records must be an array of records (arrays of fields), not hold {TokenAt(at)}.");
        }

        _position = at;
        return true;
    }

    /// <summary>The offset of the next Field's <c>{</c>, past the comma before it; a record that ends there, or holds something else, is a <see cref="RowDecodeException"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int FieldStart(ColumnDescriptor column)
    {
        int at = _position;
        var json = _json;
        if (_afterField)
        {
            if ((uint)at < (uint)json.Length && json[at] == ',')
            {
                at++;
            }
            else
            {
                at = AfterComma(at, column);
            }
        }

        if ((uint)at >= (uint)json.Length || json[at] != '{')
        {
            at = SkipWhitespace(at);
            if (at >= json.Length || json[at] != '{')
            {
                throw NotAField(at, column);
            }
        }

        _afterField = true;
        return at;
    }

    private int AfterComma(int at, ColumnDescriptor column)
    {
        at = SkipWhitespace(at);
        if (at >= _json.Length || _json[at] != ',')
        {
            throw NotAField(at, column);
        }

        return at + 1;
    }

    /// <summary>A Field in any other shape, read by the general reader over the same bytes; the scanner moves past it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool ReadGeneral<TConverter, T>(int start, ColumnDescriptor column, out T value)
        where TConverter : IFieldConverter<TConverter, T>
    {
        var reader = new Utf8JsonReader(_json.Slice(start), isFinalBlock: true, state: default);
        bool hasValue = JsonFieldReader.TryRead<TConverter, T>(ref reader, column, out value);
        _position = start + (int)reader.BytesConsumed;
        return hasValue;
    }

    /// <summary>
    /// A JSON integer as the service writes it (<c>-?(0|[1-9][0-9]*)</c>, at most 18 digits so it fits a long)
    /// followed directly by the Field's <c>}</c>; <paramref name="end"/> is just past the brace.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryPlainInteger(ReadOnlySpan<byte> json, int at, out long value, out int end)
    {
        value = 0;
        end = 0;
        bool negative = (uint)at < (uint)json.Length && json[at] == '-';
        int first = negative ? at + 1 : at;
        int i = first;
        ulong magnitude = 0;
        while ((uint)i < (uint)json.Length)
        {
            uint digit = (uint)(json[i] - '0');
            if (digit > 9)
            {
                break;
            }

            magnitude = (magnitude * 10) + digit;
            i++;
        }

        int digits = i - first;
        if (digits is 0 or > 18 || (digits > 1 && json[first] == '0') || (uint)i >= (uint)json.Length || json[i] != '}')
        {
            return false;
        }

        value = negative ? -(long)magnitude : (long)magnitude;
        end = i + 1;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly int SkipWhitespace(int at)
    {
        while ((uint)at < (uint)_json.Length && _json[at] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            at++;
        }

        return at;
    }

    private readonly RowDecodeException NotAField(int at, ColumnDescriptor column)
    {
        var token = TokenAt(at);
        return token == JsonTokenType.EndArray
            ? new RowDecodeException(column, $"A record of {column.Table} ends before column \"{column.Name}\" (position {column.Position}).")
            : new RowDecodeException(column, $"Column \"{column.Name}\" of {column.Table}: expected a Field object, found {token}.");
    }

    /// <summary>What JSON token starts at <paramref name="at"/>, for messages (None at the end of the input or on a byte no token starts with).</summary>
    private readonly JsonTokenType TokenAt(int at)
    {
        at = SkipWhitespace(at);
        return at >= _json.Length ? JsonTokenType.None : _json[at] switch
        {
            (byte)'{' => JsonTokenType.StartObject,
            (byte)'}' => JsonTokenType.EndObject,
            (byte)'[' => JsonTokenType.StartArray,
            (byte)']' => JsonTokenType.EndArray,
            (byte)'"' => JsonTokenType.String,
            (byte)'t' => JsonTokenType.True,
            (byte)'f' => JsonTokenType.False,
            (byte)'n' => JsonTokenType.Null,
            (byte)'-' or (>= (byte)'0' and <= (byte)'9') => JsonTokenType.Number,
            _ => JsonTokenType.None,
        };
    }
}
