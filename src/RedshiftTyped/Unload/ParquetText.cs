using System.Globalization;
using System.Numerics;
using Parquet;
using Parquet.Data;
using Parquet.Schema;
using RedshiftTyped.Values;

namespace RedshiftTyped.Reading;

/// <summary>
/// One column of a row group of an UNLOAD file, as the text the Data API's CSV results carry for the value, so that the
/// same decoders (generated <c>DecodeCsv</c>, <see cref="RedshiftValueDecoder.FromText"/>) give the same .NET and Arrow
/// values whichever transport read the row. Accepts each Parquet type docs/unload-parquet-types.md lists for the Redshift
/// type (and the other reasonable ones: DECIMAL on any physical type, TIMESTAMP in any unit, INT96): ints and floats
/// invariantly (<c>R</c>), decimals exactly, booleans <c>t</c>/<c>f</c>, dates <c>yyyy-MM-dd</c>, times and timestamps with
/// microseconds (<c>+00</c> for TIMESTAMPTZ, whose Parquet values are UTC), strings as they are, VARBYTE (unloaded as
/// <c>to_hex</c> text, or bytes) as base64.
/// </summary>
internal static class ParquetText
{
    public static async Task<string?[]> ReadColumnAsync(ParquetRowGroupReader group, DataField field, RedshiftType target, int rows,
        CancellationToken cancellationToken)
    {
        Type type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        var inv = CultureInfo.InvariantCulture;
        return type switch
        {
            _ when type == typeof(short) => await Values<short>(group, field, rows, v => v.ToString(inv), cancellationToken).ConfigureAwait(false),
            // TIME(MILLIS) is an INT32 and TIME(MICROS) an INT64 of the unit since midnight; Parquet.Net hands both over as numbers.
            _ when type == typeof(int) && target == RedshiftType.Time => await Values<int>(group, field, rows, v => Time(v * TimeSpan.TicksPerMillisecond), cancellationToken).ConfigureAwait(false),
            _ when type == typeof(long) && target == RedshiftType.Time => await Values<long>(group, field, rows, v => Time(v * 10), cancellationToken).ConfigureAwait(false),
            _ when type == typeof(int) => await Values<int>(group, field, rows, v => v.ToString(inv), cancellationToken).ConfigureAwait(false),
            _ when type == typeof(long) => await Values<long>(group, field, rows, v => v.ToString(inv), cancellationToken).ConfigureAwait(false),
            _ when type == typeof(sbyte) => await Values<sbyte>(group, field, rows, v => v.ToString(inv), cancellationToken).ConfigureAwait(false),
            _ when type == typeof(float) => await Values<float>(group, field, rows, v => v.ToString("R", inv), cancellationToken).ConfigureAwait(false),
            _ when type == typeof(double) => await Values<double>(group, field, rows, v => v.ToString("R", inv), cancellationToken).ConfigureAwait(false),
            _ when type == typeof(bool) => await Values<bool>(group, field, rows, v => v ? "t" : "f", cancellationToken).ConfigureAwait(false),
            _ when type == typeof(decimal) => await Values<decimal>(group, field, rows, v => v.ToString(inv), cancellationToken).ConfigureAwait(false),
            _ when type == typeof(BigDecimal) => await Values<BigDecimal>(group, field, rows, Wide, cancellationToken).ConfigureAwait(false),
            _ when type == typeof(DateOnly) => await Values<DateOnly>(group, field, rows, v => v.ToString("yyyy-MM-dd", inv), cancellationToken).ConfigureAwait(false),
            _ when type == typeof(TimeSpan) => await Values<TimeSpan>(group, field, rows, v => Time(v.Ticks), cancellationToken).ConfigureAwait(false),
            _ when type == typeof(TimeOnly) => await Values<TimeOnly>(group, field, rows, v => Time(v.Ticks), cancellationToken).ConfigureAwait(false),
            _ when type == typeof(DateTime) => await Values<DateTime>(group, field, rows, v => Timestamp(v, target), cancellationToken).ConfigureAwait(false),
            _ when type == typeof(string) || type == typeof(ReadOnlyMemory<char>) => Strings(await ReadStrings(group, field, rows).ConfigureAwait(false), target),
            _ when type == typeof(byte[]) || type == typeof(ReadOnlyMemory<byte>) => await ReadBytes(group, field, rows).ConfigureAwait(false),
            _ => throw new NotSupportedException($"UNLOAD file column \"{field.Name}\" has the Parquet type {type.Name}, which is not a type UNLOAD writes for {target}."),
        };
    }

    private static async Task<string?[]> Values<T>(ParquetRowGroupReader group, DataField field, int rows, Func<T, string> text,
        CancellationToken cancellationToken) where T : struct
    {
        var texts = new string?[rows];
        if (field.IsNullable)
        {
            var values = new T?[rows];
            await group.ReadAsync<T>(field, values.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < rows; i++) texts[i] = values[i] is { } v ? text(v) : null;
        }
        else
        {
            var values = new T[rows];
            await group.ReadAsync<T>(field, values.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < rows; i++) texts[i] = text(values[i]);
        }

        return texts;
    }

    private static async Task<string?[]> ReadStrings(ParquetRowGroupReader group, DataField field, int rows)
    {
        var values = new string?[rows];
        await group.ReadAsync(field, values.AsMemory()!).ConfigureAwait(false);
        return values;
    }

    private static async Task<string?[]> ReadBytes(ParquetRowGroupReader group, DataField field, int rows)
    {
        var values = new byte[]?[rows];
        await group.ReadAsync(field, values.AsMemory()!).ConfigureAwait(false);
        return values.Select(b => b is null ? null : Convert.ToBase64String(b)).ToArray();
    }

    /// <summary>VARBYTE travels as <c>to_hex</c> text (UNLOAD cannot write VARBYTE to Parquet); the decoders take base64.</summary>
    private static string?[] Strings(string?[] values, RedshiftType target)
    {
        if (target == RedshiftType.VarByte)
        {
            for (int i = 0; i < values.Length; i++)
            {
                if (values[i] is { } hex) values[i] = Convert.ToBase64String(Convert.FromHexString(hex));
            }
        }

        return values;
    }

    private static string Wide(BigDecimal value)
    {
        var unscaled = BigInteger.Abs(value.UnscaledValue).ToString(CultureInfo.InvariantCulture).PadLeft(value.Scale + 1, '0');
        string sign = value.UnscaledValue.Sign < 0 ? "-" : "";
        return value.Scale == 0 ? sign + unscaled : sign + unscaled[..^value.Scale] + "." + unscaled[^value.Scale..];
    }

    private static string Time(long ticks)
        => new DateTime(ticks % TimeSpan.TicksPerDay).ToString("HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    private static string Timestamp(DateTime value, RedshiftType target)
    {
        if (target == RedshiftType.Date)
        {
            return value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        if (target == RedshiftType.TimestampTz)
        {
            var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
            return utc.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "+00";
        }

        return value.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
    }
}
