// Plumbing hidden from IntelliSense (EditorBrowsable(Never)) for generated code and the client; each method's name says
// what it reads, and the class summary how.
#pragma warning disable CS1591

using System.Data.SqlTypes;
using System.Runtime.CompilerServices;
using System.Text.Json;
using RedshiftTyped.DataApi.Model;

namespace RedshiftTyped.Typed;

/// <summary>
/// Reads Data API Field objects (<c>{"longValue":1}</c>, <c>{"stringValue":"…"}</c>, <c>{"isNull":true}</c>) straight
/// off a <see cref="Utf8JsonReader"/> into typed values, for generated row decoders. Each Read method moves the reader
/// from the token before the Field to the Field's EndObject. Unknown Field members are skipped, as AWS clients must.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class JsonFieldReader
{
    /// <summary>Checks the reader is on a record's StartArray.</summary>
    public static void BeginRecord(ref Utf8JsonReader reader, TableDescriptor table)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw DecodeErrors.Shape(table, $"starts with {reader.TokenType} instead of an array of Fields");
        }
    }

    /// <summary>Moves onto the record's EndArray; a record with more Fields than columns is an error.</summary>
    public static void EndRecord(ref Utf8JsonReader reader, TableDescriptor table)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
        {
            throw DecodeErrors.Shape(table, "has more Fields than columns");
        }
    }

    /// <summary>
    /// Checks the projection is of this table and the reader is on a record's StartArray. A projection of another
    /// table is an <see cref="ArgumentException"/>.
    /// </summary>
    internal static void BeginRecord(ref Utf8JsonReader reader, TableDescriptor table, ColumnProjection projection)
    {
        DecodeErrors.CheckProjection(table, projection);
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw DecodeErrors.Shape(projection, $"starts with {reader.TokenType} instead of an array of Fields");
        }
    }

    /// <summary>Moves onto the record's EndArray; a record with more Fields than projected columns is an error.</summary>
    internal static void EndRecord(ref Utf8JsonReader reader, TableDescriptor table, ColumnProjection projection)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
        {
            throw DecodeErrors.Shape(projection, "has more Fields than selected columns");
        }
    }

    public static short ReadInt16(ref Utf8JsonReader reader, ColumnDescriptor column)
        => TryRead<Int16Converter, short>(ref reader, column, out var value) ? value : throw DecodeErrors.UnexpectedNull(column);

    public static short? ReadInt16OrNull(ref Utf8JsonReader reader, ColumnDescriptor column)
        => TryRead<Int16Converter, short>(ref reader, column, out var value) ? value : null;

    public static int ReadInt32(ref Utf8JsonReader reader, ColumnDescriptor column)
        => TryRead<Int32Converter, int>(ref reader, column, out var value) ? value : throw DecodeErrors.UnexpectedNull(column);

    public static int? ReadInt32OrNull(ref Utf8JsonReader reader, ColumnDescriptor column)
        => TryRead<Int32Converter, int>(ref reader, column, out var value) ? value : null;

    public static long ReadInt64(ref Utf8JsonReader reader, ColumnDescriptor column)
        => TryRead<Int64Converter, long>(ref reader, column, out var value) ? value : throw DecodeErrors.UnexpectedNull(column);

    public static long? ReadInt64OrNull(ref Utf8JsonReader reader, ColumnDescriptor column)
        => TryRead<Int64Converter, long>(ref reader, column, out var value) ? value : null;

    public static float ReadSingle(ref Utf8JsonReader reader, ColumnDescriptor column)
        => TryRead<SingleConverter, float>(ref reader, column, out var value) ? value : throw DecodeErrors.UnexpectedNull(column);

    public static float? ReadSingleOrNull(ref Utf8JsonReader reader, ColumnDescriptor column)
        => TryRead<SingleConverter, float>(ref reader, column, out var value) ? value : null;

    public static double ReadDouble(ref Utf8JsonReader reader, ColumnDescriptor column)
        => TryRead<DoubleConverter, double>(ref reader, column, out var value) ? value : throw DecodeErrors.UnexpectedNull(column);

    public static double? ReadDoubleOrNull(ref Utf8JsonReader reader, ColumnDescriptor column)
        => TryRead<DoubleConverter, double>(ref reader, column, out var value) ? value : null;

    public static decimal ReadDecimal(ref Utf8JsonReader reader, ColumnDescriptor column)
        => TryRead<DecimalConverter, decimal>(ref reader, column, out var value) ? value : throw DecodeErrors.UnexpectedNull(column);

    public static decimal? ReadDecimalOrNull(ref Utf8JsonReader reader, ColumnDescriptor column)
        => TryRead<DecimalConverter, decimal>(ref reader, column, out var value) ? value : null;

    public static SqlDecimal ReadSqlDecimal(ref Utf8JsonReader reader, ColumnDescriptor column)
        => TryRead<SqlDecimalConverter, SqlDecimal>(ref reader, column, out var value) ? value : throw DecodeErrors.UnexpectedNull(column);

    public static SqlDecimal? ReadSqlDecimalOrNull(ref Utf8JsonReader reader, ColumnDescriptor column)
        => TryRead<SqlDecimalConverter, SqlDecimal>(ref reader, column, out var value) ? value : null;

    public static bool ReadBoolean(ref Utf8JsonReader reader, ColumnDescriptor column)
        => TryRead<BooleanConverter, bool>(ref reader, column, out var value) ? value : throw DecodeErrors.UnexpectedNull(column);

    public static bool? ReadBooleanOrNull(ref Utf8JsonReader reader, ColumnDescriptor column)
        => TryRead<BooleanConverter, bool>(ref reader, column, out var value) ? value : null;

    public static string ReadString(ref Utf8JsonReader reader, ColumnDescriptor column)
        => TryRead<StringConverter, string>(ref reader, column, out var value) ? value : throw DecodeErrors.UnexpectedNull(column);

    public static string? ReadStringOrNull(ref Utf8JsonReader reader, ColumnDescriptor column)
        => TryRead<StringConverter, string>(ref reader, column, out var value) ? value : null;

    public static DateOnly ReadDate(ref Utf8JsonReader reader, ColumnDescriptor column)
        => TryRead<DateConverter, DateOnly>(ref reader, column, out var value) ? value : throw DecodeErrors.UnexpectedNull(column);

    public static DateOnly? ReadDateOrNull(ref Utf8JsonReader reader, ColumnDescriptor column)
        => TryRead<DateConverter, DateOnly>(ref reader, column, out var value) ? value : null;

    public static TimeOnly ReadTime(ref Utf8JsonReader reader, ColumnDescriptor column)
        => TryRead<TimeConverter, TimeOnly>(ref reader, column, out var value) ? value : throw DecodeErrors.UnexpectedNull(column);

    public static TimeOnly? ReadTimeOrNull(ref Utf8JsonReader reader, ColumnDescriptor column)
        => TryRead<TimeConverter, TimeOnly>(ref reader, column, out var value) ? value : null;

    public static DateTimeOffset ReadTimeTz(ref Utf8JsonReader reader, ColumnDescriptor column)
        => TryRead<TimeTzConverter, DateTimeOffset>(ref reader, column, out var value) ? value : throw DecodeErrors.UnexpectedNull(column);

    public static DateTimeOffset? ReadTimeTzOrNull(ref Utf8JsonReader reader, ColumnDescriptor column)
        => TryRead<TimeTzConverter, DateTimeOffset>(ref reader, column, out var value) ? value : null;

    public static DateTime ReadTimestamp(ref Utf8JsonReader reader, ColumnDescriptor column)
        => TryRead<TimestampConverter, DateTime>(ref reader, column, out var value) ? value : throw DecodeErrors.UnexpectedNull(column);

    public static DateTime? ReadTimestampOrNull(ref Utf8JsonReader reader, ColumnDescriptor column)
        => TryRead<TimestampConverter, DateTime>(ref reader, column, out var value) ? value : null;

    public static DateTimeOffset ReadTimestampTz(ref Utf8JsonReader reader, ColumnDescriptor column)
        => TryRead<TimestampTzConverter, DateTimeOffset>(ref reader, column, out var value) ? value : throw DecodeErrors.UnexpectedNull(column);

    public static DateTimeOffset? ReadTimestampTzOrNull(ref Utf8JsonReader reader, ColumnDescriptor column)
        => TryRead<TimestampTzConverter, DateTimeOffset>(ref reader, column, out var value) ? value : null;

    public static TimeSpan ReadInterval(ref Utf8JsonReader reader, ColumnDescriptor column)
        => TryRead<IntervalConverter, TimeSpan>(ref reader, column, out var value) ? value : throw DecodeErrors.UnexpectedNull(column);

    public static TimeSpan? ReadIntervalOrNull(ref Utf8JsonReader reader, ColumnDescriptor column)
        => TryRead<IntervalConverter, TimeSpan>(ref reader, column, out var value) ? value : null;

    public static RedshiftSuper ReadSuper(ref Utf8JsonReader reader, ColumnDescriptor column)
        => TryRead<SuperConverter, RedshiftSuper>(ref reader, column, out var value) ? value : throw DecodeErrors.UnexpectedNull(column);

    public static RedshiftSuper? ReadSuperOrNull(ref Utf8JsonReader reader, ColumnDescriptor column)
        => TryRead<SuperConverter, RedshiftSuper>(ref reader, column, out var value) ? value : null;

    public static byte[] ReadVarByte(ref Utf8JsonReader reader, ColumnDescriptor column)
        => TryRead<VarByteConverter, byte[]>(ref reader, column, out var value) ? value : throw DecodeErrors.UnexpectedNull(column);

    public static byte[]? ReadVarByteOrNull(ref Utf8JsonReader reader, ColumnDescriptor column)
        => TryRead<VarByteConverter, byte[]>(ref reader, column, out var value) ? value : null;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryRead<TConverter, T>(ref Utf8JsonReader reader, ColumnDescriptor column, out T value)
        where TConverter : IFieldConverter<TConverter, T>
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw NotAField(reader.TokenType, column);
        }

        value = default!;
        bool hasValue = false;
        bool isNull = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var member = Member(ref reader);
            reader.Read();
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
