using Parquet;
using Parquet.Schema;
using RedshiftTyped.Local.Engine;
using RedshiftTyped.Local.Statements;
using RedshiftTyped.Local.Unload;
using RedshiftTyped.TestSupport;

namespace RedshiftTyped.Local.Tests;

/// <summary>
/// UNLOAD's column buffers on their own: DuckDB values read unboxed (<see cref="DuckDbTypedReads"/>) give what the boxed
/// read gave, out-of-range timestamps still fall back to it, and a buffer reused for the next row group writes only that
/// row group's values.
/// </summary>
public sealed class UnloadColumnUnitTests
{
    [Fact]
    public void Typed_reads_apply_only_where_the_engine_type_and_the_reported_type_agree()
    {
        Assert.NotNull(DuckDbTypedReads.For<int>(new RsTypeInfo(RsType.Int4), "Integer"));
        Assert.NotNull(DuckDbTypedReads.For<decimal>(new RsTypeInfo(RsType.Numeric, Precision: 8, Scale: 2), "Decimal"));
        // A TINYINT reported as SMALLINT, a wide decimal selected as text: the boxed read, which converts them.
        Assert.Null(DuckDbTypedReads.For<short>(new RsTypeInfo(RsType.Int2), "TinyInt"));
        Assert.Null(DuckDbTypedReads.For<decimal>(new RsTypeInfo(RsType.Numeric, Precision: 38, Scale: 10), "Varchar"));
        Assert.Null(DuckDbTypedReads.For<DateTime>(new RsTypeInfo(RsType.Timestamp), "TimestampNs"));
    }

    [Fact]
    public async Task Typed_reads_of_duckdb_values_equal_the_boxed_reads_and_leave_years_past_9999_to_them()
    {
        await using var backend = new DuckDbBackend(":memory:");
        await backend.InitializeAsync(default);
        await using var connection = await backend.OpenAsync(default);
        using var command = connection.CreateCommand("""
            select cast(-32768 as smallint) as a, 2147483647 as b, cast(-9223372036854775808 as bigint) as c, cast(1.5 as real) as d,
                   cast(-0.000001 as double) as e, true as f, cast(-123456.78 as decimal(8,2)) as g, date '0001-01-01' as h,
                   timestamp '2024-06-12 14:30:45.123456' as i, timestamptz '2000-02-29 23:59:59.999999+00' as j, timestamp '10000-01-01 00:00:00' as k
            union all select null, null, null, null, null, null, null, null, null, null, null
            """, []);
        using var reader = command.ExecuteReader();
        var types = new[]
        {
            new RsTypeInfo(RsType.Int2), new RsTypeInfo(RsType.Int4), new RsTypeInfo(RsType.Int8), new RsTypeInfo(RsType.Float4),
            new RsTypeInfo(RsType.Float8), new RsTypeInfo(RsType.Bool), new RsTypeInfo(RsType.Numeric, Precision: 8, Scale: 2),
            new RsTypeInfo(RsType.Date), new RsTypeInfo(RsType.Timestamp), new RsTypeInfo(RsType.TimestampTz), new RsTypeInfo(RsType.Timestamp),
        };
        var typed = types.Select((t, i) => UnloadColumn.For($"c{i}", t)).ToArray();
        var boxed = types.Select((t, i) => UnloadColumn.For($"c{i}", t)).ToArray();
        for (int i = 0; i < types.Length; i++) typed[i].UseTypedReads(reader.GetDataTypeName(i));

        // Row 1, but for the year-10000 timestamp: its typed read declines, and the boxed read refuses it as before.
        Assert.True(reader.Read());
        for (int i = 0; i < types.Length - 1; i++)
        {
            typed[i].Read(reader, i, connection, types[i]);
            boxed[i].Add(connection.ReadValue(reader, i, types[i]));
        }

        var beyond = Assert.Throws<EngineFailure>(() => typed[^1].Read(reader, types.Length - 1, connection, types[^1]));
        Assert.Contains("outside the years 1 to 9999", beyond.Message);
        Assert.True(reader.Read());
        for (int i = 0; i < types.Length; i++)
        {
            typed[i].Read(reader, i, connection, types[i]);
            boxed[i].Add(connection.ReadValue(reader, i, types[i]));
        }

        for (int i = 0; i < types.Length - 1; i++)
        {
            Assert.Equal(await WrittenAsync(boxed[i], 2), await WrittenAsync(typed[i], 2));
        }

        Assert.Equal(new string?[] { null }, await WrittenAsync(typed[^1], 1));
        Assert.Equal(new string?[] { "-123456.78", null }, await WrittenAsync(typed[6], 2));
    }

    [Fact]
    public async Task A_buffer_reused_for_the_next_row_group_writes_only_that_row_groups_values()
    {
        var column = UnloadColumn.For("n", new RsTypeInfo(RsType.Numeric, Precision: 8, Scale: 2));
        for (int i = 0; i < 3000; i++) column.Add(i % 3 == 0 ? null : i + 0.25m);
        Assert.Equal(3000, (await WrittenAsync(column, 3000)).Length);
        column.Clear();
        Assert.Equal(0, column.BufferedBytes);
        column.Add(7.5m);
        column.Add(null);
        Assert.Equal(new string?[] { "7.50", null }, await WrittenAsync(column, 2));
    }

    /// <summary>The column's buffered values written as one row group of a Parquet file, and read back as text.</summary>
    private static async Task<string?[]> WrittenAsync(UnloadColumn column, int rows)
    {
        using var stream = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(column.Field), stream))
        {
            using var group = writer.CreateRowGroup();
            await column.WriteAsync(group, default);
        }

        stream.Position = 0;
        await using var reader = await ParquetReader.CreateAsync(stream);
        using var read = reader.OpenRowGroupReader(0);
        var field = reader.Schema.GetDataFields()[0];
        Assert.Equal(rows, read.RowCount);
        var values = await ParquetColumnValues.ReadAsync(read, field, rows);
        return [.. values.Select(v => v switch
        {
            null => null,
            decimal d => d.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
            DateTime t => t.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => v.ToString(),
        })];
    }
}
