using Parquet;
using Parquet.Schema;

namespace RedshiftTyped.TestSupport;

/// <summary>
/// One column of a Parquet row group as boxed values (null for NULL), whatever CLR type Parquet.Net gives it: what tests
/// and the soak use to compare files row by row without knowing their schema in advance.
/// </summary>
public static class ParquetColumnValues
{
    /// <summary>The <paramref name="rows"/> values of <paramref name="field"/>; <see cref="NotSupportedException"/> names a type not read here.</summary>
    public static async Task<object?[]> ReadAsync(ParquetRowGroupReader group, DataField field, int rows)
    {
        Type type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>))
        {
            var strings = new string?[rows];
            await group.ReadAsync(field, strings.AsMemory());
            return strings;
        }

        if (type == typeof(byte[]) || type == typeof(ReadOnlyMemory<byte>))
        {
            var bytes = new byte[]?[rows];
            await group.ReadAsync(field, bytes.AsMemory());
            return bytes;
        }

        return type switch
        {
            _ when type == typeof(bool) => await StructsAsync<bool>(group, field, rows),
            _ when type == typeof(sbyte) => await StructsAsync<sbyte>(group, field, rows),
            _ when type == typeof(short) => await StructsAsync<short>(group, field, rows),
            _ when type == typeof(int) => await StructsAsync<int>(group, field, rows),
            _ when type == typeof(long) => await StructsAsync<long>(group, field, rows),
            _ when type == typeof(float) => await StructsAsync<float>(group, field, rows),
            _ when type == typeof(double) => await StructsAsync<double>(group, field, rows),
            _ when type == typeof(decimal) => await StructsAsync<decimal>(group, field, rows),
            _ when type == typeof(DateTime) => await StructsAsync<DateTime>(group, field, rows),
            _ when type == typeof(DateOnly) => await StructsAsync<DateOnly>(group, field, rows),
            _ when type == typeof(TimeSpan) => await StructsAsync<TimeSpan>(group, field, rows),
            _ => throw new NotSupportedException($"column {field.Name} is {type.Name}, which ParquetColumnValues does not read"),
        };
    }

    private static async Task<object?[]> StructsAsync<T>(ParquetRowGroupReader group, DataField field, int rows) where T : struct
    {
        if (field.IsNullable)
        {
            var values = new T?[rows];
            await group.ReadAsync<T>(field, values.AsMemory());
            return [.. values.Select(v => (object?)v)];
        }

        var required = new T[rows];
        await group.ReadAsync<T>(field, required.AsMemory());
        return [.. required.Select(v => (object?)v)];
    }
}
