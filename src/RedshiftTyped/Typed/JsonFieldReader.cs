// Plumbing hidden from IntelliSense (EditorBrowsable(Never)) for generated code and the client; each method's name says
// what it reads, and the class summary how.
#pragma warning disable CS1591

using System.Data.SqlTypes;
using System.Runtime.CompilerServices;
using System.Text.Json;
using RedshiftTyped.DataApi.Model;

namespace RedshiftTyped.Typed;

/// <summary>
/// Reads Data API Field objects (<c>{"longValue":1}</c>, <c>{"stringValue":"…"}</c>, <c>{"isNull":true}</c>) into typed
/// values, for generated row decoders: each Read method reads the record's next Field off a
/// <see cref="JsonRecordScanner"/>, the Field's exact shapes by matching their bytes and any other shape with a
/// <see cref="Utf8JsonReader"/>. Unknown Field members are skipped, as AWS clients must.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class JsonFieldReader
{
    /// <summary>Moves past a record's <c>[</c>; anything else there is a <see cref="RowDecodeException"/>.</summary>
    public static void BeginRecord(ref JsonRecordScanner scanner, TableDescriptor table) => scanner.BeginRecord(table);

    /// <summary>Moves past the record's <c>]</c>; a record with more Fields than columns is a <see cref="RowDecodeException"/>.</summary>
    public static void EndRecord(ref JsonRecordScanner scanner, TableDescriptor table) => scanner.EndRecord(table);

    /// <summary>
    /// Checks the projection is of this table and moves past a record's <c>[</c>. A projection of another table is an
    /// <see cref="ArgumentException"/>.
    /// </summary>
    internal static void BeginRecord(ref JsonRecordScanner scanner, TableDescriptor table, ColumnProjection projection)
        => scanner.BeginRecord(table, projection);

    /// <summary>Moves past the record's <c>]</c>; a record with more Fields than projected columns is an error.</summary>
    internal static void EndRecord(ref JsonRecordScanner scanner, TableDescriptor table, ColumnProjection projection)
        => scanner.EndRecord(table, projection);

    public static short ReadInt16(ref JsonRecordScanner scanner, ColumnDescriptor column)
        => scanner.TryRead<Int16Converter, short>(column, out var value) ? value : throw DecodeErrors.UnexpectedNull(column);

    public static short? ReadInt16OrNull(ref JsonRecordScanner scanner, ColumnDescriptor column)
        => scanner.TryRead<Int16Converter, short>(column, out var value) ? value : null;

    public static int ReadInt32(ref JsonRecordScanner scanner, ColumnDescriptor column)
        => scanner.TryRead<Int32Converter, int>(column, out var value) ? value : throw DecodeErrors.UnexpectedNull(column);

    public static int? ReadInt32OrNull(ref JsonRecordScanner scanner, ColumnDescriptor column)
        => scanner.TryRead<Int32Converter, int>(column, out var value) ? value : null;

    public static long ReadInt64(ref JsonRecordScanner scanner, ColumnDescriptor column)
        => scanner.TryRead<Int64Converter, long>(column, out var value) ? value : throw DecodeErrors.UnexpectedNull(column);

    public static long? ReadInt64OrNull(ref JsonRecordScanner scanner, ColumnDescriptor column)
        => scanner.TryRead<Int64Converter, long>(column, out var value) ? value : null;

    public static float ReadSingle(ref JsonRecordScanner scanner, ColumnDescriptor column)
        => scanner.TryRead<SingleConverter, float>(column, out var value) ? value : throw DecodeErrors.UnexpectedNull(column);

    public static float? ReadSingleOrNull(ref JsonRecordScanner scanner, ColumnDescriptor column)
        => scanner.TryRead<SingleConverter, float>(column, out var value) ? value : null;

    public static double ReadDouble(ref JsonRecordScanner scanner, ColumnDescriptor column)
        => scanner.TryRead<DoubleConverter, double>(column, out var value) ? value : throw DecodeErrors.UnexpectedNull(column);

    public static double? ReadDoubleOrNull(ref JsonRecordScanner scanner, ColumnDescriptor column)
        => scanner.TryRead<DoubleConverter, double>(column, out var value) ? value : null;

    public static decimal ReadDecimal(ref JsonRecordScanner scanner, ColumnDescriptor column)
        => scanner.TryRead<DecimalConverter, decimal>(column, out var value) ? value : throw DecodeErrors.UnexpectedNull(column);

    public static decimal? ReadDecimalOrNull(ref JsonRecordScanner scanner, ColumnDescriptor column)
        => scanner.TryRead<DecimalConverter, decimal>(column, out var value) ? value : null;

    public static SqlDecimal ReadSqlDecimal(ref JsonRecordScanner scanner, ColumnDescriptor column)
        => scanner.TryRead<SqlDecimalConverter, SqlDecimal>(column, out var value) ? value : throw DecodeErrors.UnexpectedNull(column);

    public static SqlDecimal? ReadSqlDecimalOrNull(ref JsonRecordScanner scanner, ColumnDescriptor column)
        => scanner.TryRead<SqlDecimalConverter, SqlDecimal>(column, out var value) ? value : null;

    public static bool ReadBoolean(ref JsonRecordScanner scanner, ColumnDescriptor column)
        => scanner.TryRead<BooleanConverter, bool>(column, out var value) ? value : throw DecodeErrors.UnexpectedNull(column);

    public static bool? ReadBooleanOrNull(ref JsonRecordScanner scanner, ColumnDescriptor column)
        => scanner.TryRead<BooleanConverter, bool>(column, out var value) ? value : null;

    public static string ReadString(ref JsonRecordScanner scanner, ColumnDescriptor column)
        => scanner.TryRead<StringConverter, string>(column, out var value) ? value : throw DecodeErrors.UnexpectedNull(column);

    public static string? ReadStringOrNull(ref JsonRecordScanner scanner, ColumnDescriptor column)
        => scanner.TryRead<StringConverter, string>(column, out var value) ? value : null;

    public static DateOnly ReadDate(ref JsonRecordScanner scanner, ColumnDescriptor column)
        => scanner.TryRead<DateConverter, DateOnly>(column, out var value) ? value : throw DecodeErrors.UnexpectedNull(column);

    public static DateOnly? ReadDateOrNull(ref JsonRecordScanner scanner, ColumnDescriptor column)
        => scanner.TryRead<DateConverter, DateOnly>(column, out var value) ? value : null;

    public static TimeOnly ReadTime(ref JsonRecordScanner scanner, ColumnDescriptor column)
        => scanner.TryRead<TimeConverter, TimeOnly>(column, out var value) ? value : throw DecodeErrors.UnexpectedNull(column);

    public static TimeOnly? ReadTimeOrNull(ref JsonRecordScanner scanner, ColumnDescriptor column)
        => scanner.TryRead<TimeConverter, TimeOnly>(column, out var value) ? value : null;

    public static DateTimeOffset ReadTimeTz(ref JsonRecordScanner scanner, ColumnDescriptor column)
        => scanner.TryRead<TimeTzConverter, DateTimeOffset>(column, out var value) ? value : throw DecodeErrors.UnexpectedNull(column);

    public static DateTimeOffset? ReadTimeTzOrNull(ref JsonRecordScanner scanner, ColumnDescriptor column)
        => scanner.TryRead<TimeTzConverter, DateTimeOffset>(column, out var value) ? value : null;

    public static DateTime ReadTimestamp(ref JsonRecordScanner scanner, ColumnDescriptor column)
        => scanner.TryRead<TimestampConverter, DateTime>(column, out var value) ? value : throw DecodeErrors.UnexpectedNull(column);

    public static DateTime? ReadTimestampOrNull(ref JsonRecordScanner scanner, ColumnDescriptor column)
        => scanner.TryRead<TimestampConverter, DateTime>(column, out var value) ? value : null;

    public static DateTimeOffset ReadTimestampTz(ref JsonRecordScanner scanner, ColumnDescriptor column)
        => scanner.TryRead<TimestampTzConverter, DateTimeOffset>(column, out var value) ? value : throw DecodeErrors.UnexpectedNull(column);

    public static DateTimeOffset? ReadTimestampTzOrNull(ref JsonRecordScanner scanner, ColumnDescriptor column)
        => scanner.TryRead<TimestampTzConverter, DateTimeOffset>(column, out var value) ? value : null;

    public static TimeSpan ReadInterval(ref JsonRecordScanner scanner, ColumnDescriptor column)
        => scanner.TryRead<IntervalConverter, TimeSpan>(column, out var value) ? value : throw DecodeErrors.UnexpectedNull(column);

    public static TimeSpan? ReadIntervalOrNull(ref JsonRecordScanner scanner, ColumnDescriptor column)
        => scanner.TryRead<IntervalConverter, TimeSpan>(column, out var value) ? value : null;

    public static RedshiftSuper ReadSuper(ref JsonRecordScanner scanner, ColumnDescriptor column)
        => scanner.TryRead<SuperConverter, RedshiftSuper>(column, out var value) ? value : throw DecodeErrors.UnexpectedNull(column);

    public static RedshiftSuper? ReadSuperOrNull(ref JsonRecordScanner scanner, ColumnDescriptor column)
        => scanner.TryRead<SuperConverter, RedshiftSuper>(column, out var value) ? value : null;

    public static byte[] ReadVarByte(ref JsonRecordScanner scanner, ColumnDescriptor column)
        => scanner.TryRead<VarByteConverter, byte[]>(column, out var value) ? value : throw DecodeErrors.UnexpectedNull(column);

    public static byte[]? ReadVarByteOrNull(ref JsonRecordScanner scanner, ColumnDescriptor column)
        => scanner.TryRead<VarByteConverter, byte[]>(column, out var value) ? value : null;

    /// <summary>
    /// Reads one Field of any shape from the token before it to its EndObject: true with its value, false for NULL.
    /// The general path of <see cref="JsonRecordScanner"/>.
    /// </summary>
    internal static bool TryRead<TConverter, T>(ref Utf8JsonReader reader, ColumnDescriptor column, out T value)
        where TConverter : IFieldConverter<TConverter, T>
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw NotAField(reader.TokenType, column);
        }

        value = default!;
        bool hasValue = false;
        bool isNull = false;
        try
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var member = Member(ref reader);
                reader.Read();
                if (member is not FieldMember.IsNull and not FieldMember.Unknown && (hasValue || isNull))
                {
                    throw DecodeErrors.SeveralValues(column);
                }

                switch (member)
                {
                    case FieldMember.StringValue:
                        value = TConverter.FromString(ref reader, column);
                        hasValue = true;
                        break;
                    case FieldMember.LongValue:
                        value = TConverter.FromLong(reader.GetInt64(), column);
                        hasValue = true;
                        break;
                    case FieldMember.IsNull:
                        isNull = reader.TokenType == JsonTokenType.True;
                        if (isNull && hasValue)
                        {
                            throw DecodeErrors.SeveralValues(column);
                        }

                        break;
                    case FieldMember.DoubleValue:
                        value = TConverter.FromDouble(FieldJsonConverter.ReadDouble(ref reader), column);
                        hasValue = true;
                        break;
                    case FieldMember.BooleanValue:
                        value = TConverter.FromBoolean(reader.GetBoolean(), column);
                        hasValue = true;
                        break;
                    case FieldMember.BlobValue:
                        value = TConverter.FromBlob(ref reader, column);
                        hasValue = true;
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException)
        {
            // Utf8JsonReader's Get* on a value of another kind or outside its range (a longValue of 1e2 or of 20
            // digits, a lone surrogate in a string): the Field is malformed, and says so with its column.
            throw DecodeErrors.MalformedValue(column, ex);
        }

        if (isNull)
        {
            return false;
        }

        return hasValue ? true : throw DecodeErrors.EmptyField(column);
    }

    // Kept out of TryRead so the per-type copies of the hot loop stay small.
    private static RowDecodeException NotAField(JsonTokenType token, ColumnDescriptor column) => token == JsonTokenType.EndArray
        ? new RowDecodeException(column, $"A record of {column.Table} ends before column \"{column.Name}\" (position {column.Position}).")
        : new RowDecodeException(column, $"Column \"{column.Name}\" of {column.Table}: expected a Field object, found {token}.");

    /// <summary>
    /// Which Field member the reader's PropertyName is. Names are matched on their raw bytes, the first byte choosing
    /// the candidate, without the unescaping checks of ValueTextEquals; escaped names (or names split across buffers) are unescaped by
    /// ValueTextEquals instead.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FieldMember Member(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return MemberByValueTextEquals(ref reader);
        }

        // The first byte picks the one candidate; the whole name must still match.
        var name = reader.ValueSpan;
        return name.IsEmpty ? FieldMember.Unknown : name[0] switch
        {
            (byte)'s' when name.SequenceEqual("stringValue"u8) => FieldMember.StringValue,
            (byte)'l' when name.SequenceEqual("longValue"u8) => FieldMember.LongValue,
            (byte)'i' when name.SequenceEqual("isNull"u8) => FieldMember.IsNull,
            (byte)'b' when name.SequenceEqual("booleanValue"u8) => FieldMember.BooleanValue,
            (byte)'b' when name.SequenceEqual("blobValue"u8) => FieldMember.BlobValue,
            (byte)'d' when name.SequenceEqual("doubleValue"u8) => FieldMember.DoubleValue,
            _ => FieldMember.Unknown,
        };
    }

    private static FieldMember MemberByValueTextEquals(ref Utf8JsonReader reader)
        => reader.ValueTextEquals("stringValue"u8) ? FieldMember.StringValue
            : reader.ValueTextEquals("longValue"u8) ? FieldMember.LongValue
            : reader.ValueTextEquals("isNull"u8) ? FieldMember.IsNull
            : reader.ValueTextEquals("doubleValue"u8) ? FieldMember.DoubleValue
            : reader.ValueTextEquals("booleanValue"u8) ? FieldMember.BooleanValue
            : reader.ValueTextEquals("blobValue"u8) ? FieldMember.BlobValue
            : FieldMember.Unknown;

    private enum FieldMember
    {
        Unknown,
        StringValue,
        LongValue,
        IsNull,
        DoubleValue,
        BooleanValue,
        BlobValue,
    }
}
