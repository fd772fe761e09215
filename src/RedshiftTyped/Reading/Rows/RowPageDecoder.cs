using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.DataApi.Serialization;
using RedshiftTyped.Typed;
using RedshiftTyped.Values;

namespace RedshiftTyped.Reading.Rows;

/// <summary>
/// Decodes the records of an untyped result into <see cref="RowPage"/>s, straight off the page's bytes (JSON) or CSV
/// fields, each value into its column's array unboxed. The values are those <see cref="RedshiftValueDecoder"/> gives
/// (it decodes every case but the common ones, which are read here without boxing: integers, floats, booleans,
/// numerics, and dates and timestamps in the forms the service prints). The columns come from the result's first
/// page (<see cref="Accept"/>) before any record. Pages may be decoded at once (chunks read ahead): each has its own
/// <see cref="RowPageBuilder"/>.
/// </summary>
internal sealed class RowPageDecoder
{
    private ColumnType[]? _types;

    /// <summary>The rows of the last page built: the arrays of the next page start at this size (pages are alike).</summary>
    private int _capacity = 16;

    /// <summary>The result's columns as the first page described them (empty until then).</summary>
    public IReadOnlyList<ColumnMetadata> Columns { get; private set; } = [];

    public bool HasColumns => _types is not null;

    /// <summary>Takes the columns from a page's ColumnMetadata; the first page that has them sets them.</summary>
    public void Accept(IReadOnlyList<ColumnMetadata>? columns)
    {
        if (_types is null && columns is { Count: > 0 })
        {
            Columns = columns;
            _types = [.. columns.Select(c => new ColumnType(RedshiftTypeNames.Parse(c.TypeName), c.Precision ?? 0, c.Name ?? c.Label ?? "?"))];
        }
    }

    /// <summary>A builder for one page; a page that holds records before the columns were sent is the endpoint's fault.</summary>
    /// <param name="json">Whether the page is JSON (errors are then a <see cref="JsonException"/>, else a <see cref="FormatException"/>).</param>
    public RowPageBuilder NewPage(bool json) => new(this, _types, _capacity, json);

    /// <summary>A builder for one page of <paramref name="rows"/> rows (known before decoding: the arrays are sized once).</summary>
    /// <param name="json">As for <see cref="NewPage(bool)"/>.</param>
    /// <param name="rows">The page's row count.</param>
    public RowPageBuilder NewPage(bool json, int rows) => new(this, _types, Math.Max(1, rows), json);

    internal void Built(int rows) => _capacity = Math.Max(16, rows);
}

/// <summary>A column's Redshift type, numeric precision and name (for messages).</summary>
internal readonly record struct ColumnType(RedshiftType Type, int Precision, string Name)
{
    /// <summary>The column that holds this type's values: unboxed for the value types, references for the rest.</summary>
    public RowColumn NewColumn(int capacity) => Type switch
    {
        RedshiftType.SmallInt => new ValueColumn<short>(capacity),
        RedshiftType.Integer => new ValueColumn<int>(capacity),
        RedshiftType.BigInt => new ValueColumn<long>(capacity),
        RedshiftType.Real => new ValueColumn<float>(capacity),
        RedshiftType.DoublePrecision => new ValueColumn<double>(capacity),
        RedshiftType.Numeric when Precision > RedshiftValueDecoder.MaxDecimalPrecision => new ValueColumn<System.Data.SqlTypes.SqlDecimal>(capacity),
        RedshiftType.Numeric => new ValueColumn<decimal>(capacity),
        RedshiftType.Boolean => new ValueColumn<bool>(capacity),
        RedshiftType.Date => new ValueColumn<DateOnly>(capacity),
        RedshiftType.Time => new ValueColumn<TimeOnly>(capacity),
        RedshiftType.TimeTz or RedshiftType.TimestampTz => new ValueColumn<DateTimeOffset>(capacity),
        RedshiftType.Timestamp => new ValueColumn<DateTime>(capacity),
        RedshiftType.IntervalDayToSecond => new ValueColumn<TimeSpan>(capacity),
        _ => new ReferenceColumn(capacity),
    };

    /// <summary>Whether a stringValue or CSV field of this type is the text itself (RedshiftValueDecoder.FromText returns it).</summary>
    public bool IsText => Type is RedshiftType.Unknown or RedshiftType.Char or RedshiftType.VarChar or RedshiftType.IntervalYearToMonth
        or RedshiftType.Super or RedshiftType.Geometry or RedshiftType.Geography or RedshiftType.HllSketch;
}

/// <summary>Collects one page's records into columns; <see cref="Build"/> ends the page.</summary>
internal sealed class RowPageBuilder : IPageCollector<RowPage>
{
    private static readonly FieldJsonConverter Converter = new();

    /// <summary>The longest stringValue the allocation-free paths read (a timestamptz with microseconds and an offset).</summary>
    private const int MaxPlainText = 40;

    private readonly RowPageDecoder _decoder;
    private readonly ColumnType[]? _types;
    private readonly RowColumn[] _columns;
    private readonly bool _json;
    private int _count;

    internal RowPageBuilder(RowPageDecoder decoder, ColumnType[]? types, int capacity, bool json)
    {
        _decoder = decoder;
        _types = types;
        _json = json;
        _columns = types is null ? [] : [.. types.Select(t => t.NewColumn(capacity))];
    }

    public int Count => _count;

    /// <summary>The page; its row count becomes the next page's starting size.</summary>
    public RowPage Build()
    {
        _decoder.Built(_count);
        return new RowPage(_columns, _count);
    }

    /// <summary>Reads one JSON record (a list of Field objects) off the scanner into the columns.</summary>
    public void Add(ref JsonRecordScanner scanner)
    {
        var types = Types();
        if (!scanner.TryBeginRecord())
        {
            throw new JsonException("A record must be an array of Field objects.");
        }

        int width = 0;
        while (scanner.TryNextRawField(out var bytes))
        {
            if (width < types.Length)
            {
                AppendJson(_columns[width], types[width], bytes);
            }

            width++;
        }

        scanner.TryEndRecord();
        if (width != types.Length)
        {
            // The answer's own shape is wrong (not the data): reported as the endpoint's fault.
            throw new JsonException($"A record has {width} fields but the result has {types.Length} columns.");
        }

        _count++;
    }

    /// <summary>Adds one record of Fields (a JSON page read by the Data API client) to the columns.</summary>
    public void Add(IReadOnlyList<Field> record)
    {
        var types = Types();
        CheckWidth(record.Count, types.Length);
        for (int i = 0; i < types.Length; i++)
        {
            AppendField(_columns[i], types[i], record[i]);
        }

        _count++;
    }

    /// <summary>Adds one CSV record (null for a NULL field) to the columns.</summary>
    public void Add(string?[] fields)
    {
        var types = Types();
        CheckWidth(fields.Length, types.Length);
        for (int i = 0; i < types.Length; i++)
        {
            if (fields[i] is { } text)
            {
                AppendText(_columns[i], types[i], text);
            }
            else
            {
                _columns[i].AppendNull();
            }
        }

        _count++;
    }

    private ColumnType[] Types() => _types ?? throw (_json
        ? new JsonException("A page holds records but the result's ColumnMetadata was never sent.")
        : new FormatException("A page holds records but the result's ColumnMetadata was never sent."));

    private void CheckWidth(int fields, int columns)
    {
        if (fields != columns)
        {
            string message = $"A record has {fields} fields but the result has {columns} columns.";
            throw _json ? new JsonException(message) : new FormatException(message);
        }
    }

    /// <summary>
    /// One Field's bytes: a plain <c>{"stringValue":"…"}</c> of a numeric, date or timestamp is parsed from its bytes;
    /// every other Field is read whole (as the Data API model reads it) and decoded by kind.
    /// </summary>
    private static void AppendJson(RowColumn column, ColumnType type, ReadOnlySpan<byte> field)
    {
        if (column is not ReferenceColumn && TryPlainString(field, out var utf8) && TryAppendUtf8(column, type, utf8))
        {
            return;
        }

        var reader = new Utf8JsonReader(field);
        reader.Read();
        AppendField(column, type, Converter.Read(ref reader, typeof(Field), RedshiftDataJsonContext.Default.Options));
    }

    /// <summary>Whether the Field is exactly <c>{"stringValue":"…"}</c> with no escapes, and its value's bytes.</summary>
    private static bool TryPlainString(ReadOnlySpan<byte> field, out ReadOnlySpan<byte> utf8)
    {
        utf8 = default;
        var reader = new Utf8JsonReader(field);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject
            || !reader.Read() || reader.TokenType != JsonTokenType.PropertyName || reader.ValueIsEscaped || !reader.ValueSpan.SequenceEqual("stringValue"u8)
            || !reader.Read() || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.ValueSpan.Length > MaxPlainText)
        {
            return false;
        }

        var value = reader.ValueSpan;
        if (!reader.Read() || reader.TokenType != JsonTokenType.EndObject)
        {
            return false;
        }

        utf8 = value;
        return true;
    }

    /// <summary>
    /// The forms of a value the allocation-free parsers read exactly as RedshiftTextParser does (plain numerics of up to 19
    /// digits; <c>YYYY-MM-DD</c>; timestamps to the microsecond, UTC for timestamptz); false for any other text, which then
    /// takes RedshiftValueDecoder's path (and its errors).
    /// </summary>
    private static bool TryAppendUtf8(RowColumn column, ColumnType type, ReadOnlySpan<byte> utf8)
    {
        switch (column)
        {
            case ValueColumn<decimal> decimals when DecimalText.TryParsePlain(utf8, out decimal number):
                decimals.Append(number);
                return true;
            case ValueColumn<DateTime> timestamps when IsMicroseconds(utf8) && Utf8Temporal.TryParseTimestamp(utf8, out var timestamp):
                timestamps.Append(timestamp);
                return true;
            case ValueColumn<DateOnly> dates when Utf8Temporal.TryParseDate(utf8, out var date):
                dates.Append(date);
                return true;
            case ValueColumn<DateTimeOffset> instants when type.Type == RedshiftType.TimestampTz && IsMicroseconds(WithoutUtcSuffix(utf8))
                                                         && Utf8Temporal.TryParseTimestampUtc(utf8, out var instant):
                instants.Append(instant);
                return true;
            default:
                return false;
        }
    }

    /// <summary>RedshiftTextParser reads six fractional digits at most; longer forms take its path (and its error).</summary>
    private static bool IsMicroseconds(ReadOnlySpan<byte> timestamp) => timestamp.Length <= 26;

    /// <summary>The timestamp without the UTC offset Utf8Temporal.TryParseTimestampUtc accepts (<c>+00</c>, <c>+00:00</c>; never <c>Z</c>).</summary>
    private static ReadOnlySpan<byte> WithoutUtcSuffix(ReadOnlySpan<byte> text)
        => text.EndsWith("+00:00"u8) ? text[..^6] : text.EndsWith("+00"u8) ? text[..^3] : text;

    /// <summary>A Field, decoded by kind: the common pairs of kind and column without boxing, the rest by RedshiftValueDecoder.</summary>
    private static void AppendField(RowColumn column, ColumnType type, Field field)
    {
        switch (field.Kind)
        {
            case FieldKind.Null:
                column.AppendNull();
                return;
            case FieldKind.Long:
                long number = field.LongValue!.Value;
                switch (column)
                {
                    case ValueColumn<int> ints:
                        ints.Append(checked((int)number));
                        return;
                    case ValueColumn<long> longs:
                        longs.Append(number);
                        return;
                    case ValueColumn<short> shorts:
                        shorts.Append(checked((short)number));
                        return;
                    case ValueColumn<decimal> decimals:
                        decimals.Append(number);
                        return;
                    case ValueColumn<double> doubles:
                        doubles.Append(number);
                        return;
                    case ValueColumn<float> floats:
                        floats.Append(number);
                        return;
                }

                break;
            case FieldKind.Double when column is ValueColumn<double> doubles:
                doubles.Append(field.DoubleValue!.Value);
                return;
            case FieldKind.Double when column is ValueColumn<float> floats:
                floats.Append((float)field.DoubleValue!.Value);
                return;
            case FieldKind.Boolean when column is ValueColumn<bool> booleans:
                booleans.Append(field.BooleanValue!.Value);
                return;
            case FieldKind.String when type.IsText:
                column.AppendBoxed(field.StringValue);
                return;
        }

        column.AppendBoxed(RedshiftValueDecoder.Decode(field, type.Type, type.Precision, type.Name));
    }

    /// <summary>A value as text (a CSV field): integers, numerics, dates and timestamps without boxing, the rest by RedshiftValueDecoder.</summary>
    private static void AppendText(RowColumn column, ColumnType type, string text)
    {
        const NumberStyles Integer = NumberStyles.AllowLeadingSign;
        var invariant = CultureInfo.InvariantCulture;
        switch (column)
        {
            case ReferenceColumn when type.IsText:
                column.AppendBoxed(text);
                return;
            case ValueColumn<int> ints when CanonicalText.IsInteger(text) && int.TryParse(text, Integer, invariant, out int i):
                ints.Append(i);
                return;
            case ValueColumn<long> longs when CanonicalText.IsInteger(text) && long.TryParse(text, Integer, invariant, out long l):
                longs.Append(l);
                return;
            case ValueColumn<short> shorts when CanonicalText.IsInteger(text) && short.TryParse(text, Integer, invariant, out short s):
                shorts.Append(s);
                return;
            case ValueColumn<double> doubles when CanonicalText.IsFloat(text) && double.TryParse(text, NumberStyles.Float, invariant, out double x):
                doubles.Append(x);
                return;
            case ValueColumn<float> floats when CanonicalText.IsFloat(text) && float.TryParse(text, NumberStyles.Float, invariant, out float f):
                floats.Append(f);
                return;
            case ValueColumn<decimal> decimals when DecimalText.TryParsePlain(text.AsSpan(), out decimal d):
                decimals.Append(d);
                return;
            case ValueColumn<DateTime> or ValueColumn<DateOnly> or ValueColumn<DateTimeOffset> when text.Length <= MaxPlainText:
                Span<byte> utf8 = stackalloc byte[MaxPlainText];
                if (Ascii.FromUtf16(text, utf8, out int written) == OperationStatus.Done && TryAppendUtf8(column, type, utf8[..written]))
                {
                    return;
                }

                break;
        }

        column.AppendBoxed(RedshiftValueDecoder.FromText(text, type.Type, type.Precision, type.Name));
    }
}
