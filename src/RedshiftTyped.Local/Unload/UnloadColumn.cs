using System.Data.Common;
using System.Globalization;
using System.Numerics;
using Parquet;
using Parquet.Data;
using Parquet.Schema;
using RedshiftTyped.Local.Engine;
using RedshiftTyped.Local.Statements;

namespace RedshiftTyped.Local.Unload;

/// <summary>
/// One result column as UNLOAD writes it to Parquet, buffered for one row group. The Parquet type per Redshift type
/// is docs/unload-parquet-types.md (AWS's UNLOAD pages where they say it, the Parquet format's rules where they do not):
/// SMALLINT/INTEGER INT32 (INT(16)/INT(32)), BIGINT INT64, REAL FLOAT, DOUBLE PRECISION DOUBLE, DECIMAL(p,s) DECIMAL on
/// INT32 (p ≤ 9), INT64 (p ≤ 18) or FIXED_LEN_BYTE_ARRAY, BOOLEAN, CHAR/VARCHAR STRING, DATE, TIME(micros),
/// TIMESTAMP(micros, not adjusted to UTC), TIMESTAMPTZ as TIMESTAMP(micros) in UTC ("only the timestamp values are
/// unloaded"), TIMETZ and SUPER as STRING in Redshift's text form. VARBYTE, GEOMETRY/GEOGRAPHY and HLLSKETCH cannot be
/// unloaded to Parquet (r_UNLOAD.md), nor intervals (no Parquet type is documented for them). Values arrive as the
/// engine gives them (CLR values on DuckDB, text on PostgreSQL) and go through <see cref="FieldEncoder"/> where Redshift's
/// text rules apply (CHAR padding, VARCHAR trailing blanks, SUPER's JSON form).
/// </summary>
internal abstract class UnloadColumn
{
    private UnloadColumn(DataField field, RsTypeInfo type)
    {
        Field = field;
        Type = type;
    }

    /// <summary>The Parquet field; every buffer of one column writes through the same instance (Parquet.Net matches by reference).</summary>
    public DataField Field { get; private set; }

    public RsTypeInfo Type { get; }

    /// <summary>Writes through <paramref name="template"/>'s field, the one the file's schema holds.</summary>
    public UnloadColumn SharingFieldOf(UnloadColumn template)
    {
        Field = template.Field;
        return this;
    }

    /// <summary>Bytes the buffered values take before encoding, roughly, for row-group and file sizes.</summary>
    public long BufferedBytes { get; protected set; }

    /// <summary>The bytes every value adds to <see cref="BufferedBytes"/>, or null when they vary (strings).</summary>
    public virtual int? FixedWidth => null;

    public abstract void Add(object? value);

    /// <summary>
    /// Adds the reader's current value: through the column's typed read when <see cref="UseTypedReads"/> found one
    /// (no boxing), otherwise as <see cref="IEngineConnection.ReadValue"/> gives it.
    /// </summary>
    public virtual void Read(DbDataReader reader, int ordinal, IEngineConnection connection, RsTypeInfo engineType)
        => Add(connection.ReadValue(reader, ordinal, engineType));

    /// <summary>Reads this column's values from DuckDB unboxed where <see cref="DuckDbTypedReads"/> has a read for the engine's type.</summary>
    public virtual void UseTypedReads(string engineTypeName)
    {
    }

    public abstract Task WriteAsync(ParquetRowGroupWriter rowGroup, CancellationToken cancellationToken);

    public abstract void Clear();

    /// <summary>The column's Parquet writer; fails, naming the column and the rule, for a type UNLOAD cannot write to Parquet.</summary>
    public static UnloadColumn For(string name, RsTypeInfo type) => type.Type switch
    {
        RsType.Int2 => new Values<short>(new DataField<short>(name, true), type, 2, v => v switch
        {
            short s => s,
            string t => short.Parse(t, CultureInfo.InvariantCulture),
            _ => Convert.ToInt16(v, CultureInfo.InvariantCulture),
        }),
        RsType.Int4 => new Values<int>(new DataField<int>(name, true), type, 4, v => v switch
        {
            int i => i,
            string t => int.Parse(t, CultureInfo.InvariantCulture),
            _ => Convert.ToInt32(v, CultureInfo.InvariantCulture),
        }),
        RsType.Int8 => new Values<long>(new DataField<long>(name, true), type, 8, v => v switch
        {
            long l => l,
            string t => long.Parse(t, CultureInfo.InvariantCulture),
            _ => Convert.ToInt64(v, CultureInfo.InvariantCulture),
        }),
        RsType.Float4 => new Values<float>(new DataField<float>(name, true), type, 4, v => (float)FieldEncoder.Encode(type, v).DoubleValue!.Value),
        RsType.Float8 => new Values<double>(new DataField<double>(name, true), type, 8, v => v is double d ? d : FieldEncoder.Encode(type, v).DoubleValue!.Value),
        RsType.Bool => new Values<bool>(new DataField<bool>(name, true), type, 1, v => v is bool b ? b : FieldEncoder.Encode(type, v).BooleanValue!.Value),
        RsType.Numeric when (type.Precision ?? 18) <= 28 => new Values<decimal>(
            new DecimalDataField(name, type.Precision ?? 18, type.Scale ?? 0, forceByteArrayEncoding: false, isNullable: true), type, 16,
            v => v is decimal m ? m : decimal.Parse(FieldEncoder.Encode(type, v).StringValue!, NumberStyles.Float, CultureInfo.InvariantCulture)),
        RsType.Numeric => new Values<BigDecimal>(new BigDecimalDataField(name, type.Precision ?? 38, type.Scale ?? 0, isNullable: true), type, 16,
            v => WideDecimal(FieldEncoder.Encode(type, v).StringValue!, type)),
        RsType.Bpchar or RsType.Varchar or RsType.TimeTz or RsType.Super => new Strings(name, type),
        RsType.Date => new Values<DateOnly>(new DataField<DateOnly>(name, true), type, 4, v => v switch
        {
            DateOnly d => d,
            DateTime dt => DateOnly.FromDateTime(dt),
            _ => DateOnly.ParseExact(Text(type, v), "yyyy-MM-dd", CultureInfo.InvariantCulture),
        }),
        RsType.Time => new Values<long>(new TimeDataField(name, TimeUnitPrecision.Micros, isNullable: true), type, 8, v => v switch
        {
            TimeOnly t => t.Ticks / 10,
            TimeSpan s => s.Ticks / 10,
            _ => TimeOnly.Parse(Text(type, v), CultureInfo.InvariantCulture).Ticks / 10,
        }),
        RsType.Timestamp => new Values<DateTime>(
            new DateTimeDataField(name, DateTimeFormat.Timestamp, isAdjustedToUTC: false, DateTimeTimeUnit.Micros, isNullable: true), type, 8,
            v => DateTime.SpecifyKind(v is DateTime dt ? dt : ParseTimestamp(Text(type, v)), DateTimeKind.Unspecified)),
        RsType.TimestampTz => new Values<DateTime>(
            new DateTimeDataField(name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, DateTimeTimeUnit.Micros, isNullable: true), type, 8,
            v => v switch
            {
                DateTimeOffset o => o.UtcDateTime,
                DateTime dt => DateTime.SpecifyKind(dt.Kind == DateTimeKind.Local ? dt.ToUniversalTime() : dt, DateTimeKind.Utc),
                _ => DateTime.SpecifyKind(ParseTimestamp(StripUtcOffset(Text(type, v))), DateTimeKind.Utc),
            }),
        RsType.Varbyte or RsType.Geometry or RsType.HllSketch => throw new EngineFailure(
            $"ERROR: column \"{name}\" is {type.TypeName.ToUpperInvariant()}, which UNLOAD writes only to text or CSV files, not PARQUET " +
            $"(r_UNLOAD.md, \"Unloading a column of the {type.TypeName.ToUpperInvariant()} data type\"); select it converted, e.g. to_hex(\"{name}\")"),
        _ => throw new EngineFailure(
            $"ERROR: column \"{name}\" is {type.TypeName.ToUpperInvariant()}: no Parquet type is documented for it, so UNLOAD to PARQUET of it is not supported by the local server; select it as text"),
    };

    private static string Text(RsTypeInfo type, object value) => FieldEncoder.Encode(type, value).StringValue!;

    private static string StripUtcOffset(string text) => text.EndsWith("+00", StringComparison.Ordinal) ? text[..^3] : text;

    private static DateTime ParseTimestamp(string text)
    {
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            throw new EngineFailure($"ERROR: the timestamp {text} is outside the years 1 to 9999 that UNLOAD to PARQUET writes here");
        }

        return value;
    }

    private static BigDecimal WideDecimal(string text, RsTypeInfo type)
    {
        int scale = type.Scale ?? 0;
        bool negative = text.StartsWith('-');
        string digits = negative ? text[1..] : text;
        int point = digits.IndexOf('.', StringComparison.Ordinal);
        string whole = point < 0 ? digits : digits[..point];
        string fraction = point < 0 ? "" : digits[(point + 1)..];
        fraction = fraction.Length >= scale ? fraction[..scale] : fraction.PadRight(scale, '0');
        var unscaled = BigInteger.Parse(whole + fraction, CultureInfo.InvariantCulture);
        return new BigDecimal(negative ? -unscaled : unscaled, type.Precision ?? 38, scale);
    }

    private sealed class Values<T>(DataField field, RsTypeInfo type, int width, Func<object, T> convert) : UnloadColumn(field, type)
        where T : struct
    {
        // A plain array (not a List) so a row group is written from it as it is, without a copy.
        private T?[] _values = new T?[1024];
        private int _count;
        private TypedRead<T>? _typed;

        public override int? FixedWidth => width;

        public override void Add(object? value) => Append(value is null or DBNull ? null : convert(value));

        public override void UseTypedReads(string engineTypeName) => _typed = DuckDbTypedReads.For<T>(Type, engineTypeName);

        public override void Read(DbDataReader reader, int ordinal, IEngineConnection connection, RsTypeInfo engineType)
        {
            if (_typed is not null)
            {
                if (reader.IsDBNull(ordinal))
                {
                    Append(null);
                    return;
                }

                if (_typed(reader, ordinal, out T value))
                {
                    Append(value);
                    return;
                }
            }

            Add(connection.ReadValue(reader, ordinal, engineType));
        }

        private void Append(T? value)
        {
            if (_count == _values.Length) Array.Resize(ref _values, _values.Length * 2);
            _values[_count++] = value;
            BufferedBytes += width;
        }

        public override Task WriteAsync(ParquetRowGroupWriter rowGroup, CancellationToken cancellationToken)
            => rowGroup.WriteAsync<T>(Field, (ReadOnlyMemory<T?>)_values.AsMemory(0, _count), null, null, cancellationToken);

        public override void Clear()
        {
            _count = 0;
            BufferedBytes = 0;
        }
    }

    private sealed class Strings(string name, RsTypeInfo type) : UnloadColumn(new DataField<string>(name, true), type)
    {
        private readonly List<string?> _values = [];

        public override void Add(object? value)
        {
            string? text = value is null or DBNull ? null : FieldEncoder.Encode(Type, value).StringValue;
            _values.Add(text);
            BufferedBytes += 4 + (text?.Length ?? 0);
        }

        public override Task WriteAsync(ParquetRowGroupWriter rowGroup, CancellationToken cancellationToken)
            => rowGroup.WriteAsync(Field, _values.ToArray()!);

        public override void Clear()
        {
            _values.Clear();
            BufferedBytes = 0;
        }
    }
}
