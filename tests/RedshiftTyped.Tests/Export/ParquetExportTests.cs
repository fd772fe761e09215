using Apache.Arrow;
using Apache.Arrow.Ipc;
using Parquet;
using Parquet.Data;
using Parquet.Schema;
using RedshiftTyped.Export;

namespace RedshiftTyped.Tests.Export;

/// <summary>Parquet exports read back with Parquet.Net: logical types, precision and scale, the UTC flag, values, nulls.</summary>
public sealed class ParquetExportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rt-export-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<(ExportResult Result, ParquetReader Reader)> WriteAndOpen(int batches)
    {
        string path = Path.Combine(_dir, "t.parquet");
        var result = await ExportSamples.Batches(batches).WriteToFileAsync(path, ExportSamples.Schema, ExportFormat.Parquet);
        var reader = await ParquetReader.CreateAsync(path, new ParquetOptions { UseBigDecimal = true, UseDateOnlyTypeForDates = true });
        return (result, reader);
    }

    private static DataField Field(ParquetReader reader, string name) => reader.Schema.DataFields.Single(f => f.Name == name);

    [Fact]
    public async Task The_parquet_schema_carries_each_columns_logical_type_and_nullability()
    {
        var (_, reader) = await WriteAndOpen(1);
        await using var _ = reader;
        Parquet.Meta.SchemaElement Element(string name) => Field(reader, name).SchemaElement!;

        Assert.Equal(Parquet.Meta.FieldRepetitionType.REQUIRED, Element("id").RepetitionType);
        Assert.Equal(Parquet.Meta.FieldRepetitionType.OPTIONAL, Element("i16").RepetitionType);
        Assert.Equal(16, Element("i16").LogicalType!.INTEGER!.BitWidth);
        Assert.Equal(32, Element("id").LogicalType?.INTEGER?.BitWidth ?? 32);
        Assert.Equal(Parquet.Meta.Type.INT64, Element("i64").Type);
        Assert.Equal(Parquet.Meta.Type.FLOAT, Element("f32").Type);
        Assert.Equal(Parquet.Meta.Type.DOUBLE, Element("f64").Type);
        Assert.Equal((38, 10), (Element("big").LogicalType!.DECIMAL!.Precision, Element("big").LogicalType!.DECIMAL!.Scale));
        Assert.Equal((8, 2), (Element("price").LogicalType!.DECIMAL!.Precision, Element("price").LogicalType!.DECIMAL!.Scale));
        Assert.Equal(Parquet.Meta.Type.BOOLEAN, Element("flag").Type);
        Assert.NotNull(Element("day").LogicalType!.DATE);
        Assert.NotNull(Element("at").LogicalType!.TIME!.Unit.MICROS);
        Assert.False(Element("ts").LogicalType!.TIMESTAMP!.IsAdjustedToUTC);
        Assert.NotNull(Element("ts").LogicalType!.TIMESTAMP!.Unit.MICROS);
        Assert.True(Element("tstz").LogicalType!.TIMESTAMP!.IsAdjustedToUTC);
        Assert.NotNull(Element("tstz").LogicalType!.TIMESTAMP!.Unit.MICROS);
        Assert.Equal(Parquet.Meta.Type.INT64, Element("span").Type);
        Assert.Equal(Parquet.Meta.Type.BYTE_ARRAY, Element("bytes").Type);
        Assert.Null(Element("bytes").LogicalType?.STRING);
        Assert.Null(Element("bytes").ConvertedType);
        Assert.NotNull(Element("name").LogicalType!.STRING);
    }

    [Fact]
    public async Task Values_and_nulls_read_back_exactly()
    {
        var (result, reader) = await WriteAndOpen(1);
        await using var _ = reader;
        Assert.Equal(3, result.Rows);
        using var group = reader.OpenRowGroupReader(0);
        Assert.Equal(3, group.RowCount);

        async Task<T?[]> Read<T>(string name) where T : struct
        {
            var values = new T?[3];
            await group.ReadAsync<T>(Field(reader, name), values.AsMemory());
            return values;
        }

        var ids = new int[3];
        await group.ReadAsync<int>(Field(reader, "id"), ids.AsMemory());
        Assert.Equal([1, 2, 3], ids);
        Assert.Equal([(short)-32768, null, (short)32767], await Read<short>("i16"));
        Assert.Equal([long.MaxValue, null, -1L], await Read<long>("i64"));
        Assert.Equal([1.5f, null, float.NaN], await Read<float>("f32"));
        Assert.Equal([0.1, null, double.NegativeInfinity], await Read<double>("f64"));
        var big = await Read<BigDecimal>("big");
        Assert.Equal(ExportSamples.BigValue, big[0]!.Value.ToString());
        Assert.Null(big[1]);
        Assert.Equal(-1, (int)big[2]!.Value.UnscaledValue);
        var price = await Read<BigDecimal>("price");
        Assert.Equal((1250, 2), ((int)price[0]!.Value.UnscaledValue, price[0]!.Value.Scale));
        Assert.Equal(-5, (int)price[2]!.Value.UnscaledValue);
        Assert.Equal([true, null, false], await Read<bool>("flag"));
        Assert.Equal([new DateOnly(2008, 2, 29), null, new DateOnly(1, 1, 1)], await Read<DateOnly>("day"));
        Assert.Equal([47_655_123_456L, null, 0L], await Read<long>("at"));
        var ts = await Read<DateTime>("ts");
        Assert.Equal(new DateTime(2008, 1, 5, 14, 0, 0, 123, 456), ts[0]!.Value);
        Assert.Null(ts[1]);
        Assert.Equal(new DateTime(1969, 12, 31, 23, 59, 59), ts[2]!.Value);
        var tstz = await Read<DateTime>("tstz");
        Assert.Equal(new DateTime(2008, 1, 5, 14, 0, 0, 0, 1, DateTimeKind.Utc), tstz[0]!.Value.ToUniversalTime());
        Assert.Equal([93_784_000_005L, null, -1L], await Read<long>("span"));
        var bytes = new byte[]?[3];
        await group.ReadAsync(Field(reader, "bytes"), bytes.AsMemory());
        Assert.Equal([0xde, 0xad, 0xbe, 0xef], bytes[0]);
        Assert.Null(bytes[1]);
        Assert.Empty(bytes[2]!);
        var names = new string?[3];
        await group.ReadAsync(Field(reader, "name"), names.AsMemory());
        Assert.Equal(new string?[] { "Grand \"Ole\" Opry, Nashville", null, "" }, names.AsEnumerable());
    }

    [Fact]
    public async Task Batches_are_gathered_into_one_row_group_and_the_arrow_schema_is_embedded()
    {
        var (result, reader) = await WriteAndOpen(3);
        await using var _ = reader;

        Assert.Equal(9, result.Rows);
        Assert.Equal(1, reader.RowGroupCount);
        Assert.Equal(9, reader.RowGroups.Sum(g => g.RowCount));
        Assert.StartsWith("duration[us]", reader.CustomMetadata["redshift_typed.column.span"]);

        // ARROW:schema is an encapsulated IPC schema message: Arrow's reader parses it back to the same schema.
        using var stream = new MemoryStream(Convert.FromBase64String(reader.CustomMetadata["ARROW:schema"]));
        using var arrow = new ArrowStreamReader(stream);
        Assert.Equal(ExportSamples.Schema.FieldsList.Select(f => (f.Name, ArrowTypeText.Describe(f.DataType), f.IsNullable)),
            arrow.Schema.FieldsList.Select(f => (f.Name, ArrowTypeText.Describe(f.DataType), f.IsNullable)));
    }

    [Fact]
    public async Task An_empty_table_gives_a_valid_file_with_the_schema_and_no_rows()
    {
        string path = Path.Combine(_dir, "empty.parquet");
        var result = await ExportSamples.Batches(0).WriteToFileAsync(path, ExportSamples.Schema, ExportFormat.Parquet);

        Assert.Equal(0, result.Rows);
        await using var reader = await ParquetReader.CreateAsync(path);
        Assert.Equal(ExportSamples.Schema.FieldsList.Select(f => f.Name), reader.Schema.DataFields.Select(f => f.Name));
        Assert.Equal(0, reader.RowGroups.Sum(g => g.RowCount));
        Assert.True(((DateTimeDataField)Field(reader, "tstz")).IsAdjustedToUTC);
    }

    [Fact]
    public async Task A_null_in_a_field_declared_not_nullable_is_refused_with_the_column_named()
    {
        var schema = new Schema.Builder().Field(f => f.Name("id").DataType(Apache.Arrow.Types.Int32Type.Default).Nullable(false)).Build();
        var batch = new RecordBatch(schema, [new Int32Array.Builder().Append(1).AppendNull().Build()], 2);
        string path = Path.Combine(_dir, "bad.parquet");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Once(batch).WriteToFileAsync(path, schema, ExportFormat.Parquet));

        Assert.Contains("\"id\"", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir));
    }

    [Theory]
    [InlineData(4, new long[] { 4, 4, 4, 3 })]   // row groups end inside batches
    [InlineData(3, new long[] { 3, 3, 3, 3, 3 })] // one per batch, as before
    [InlineData(1000, new long[] { 15 })]
    public async Task Row_groups_hold_the_bounded_row_count_and_the_same_values_whatever_the_size(int rows, long[] expected)
    {
        string path = Path.Combine(_dir, $"g{rows}.parquet");
        await using (var writer = new ParquetRecordBatchWriter(path, ExportSamples.Schema, new ParquetRowGroupSize(rows, 1L << 30)))
        {
            await foreach (var batch in ExportSamples.Batches(5))
            {
                using (batch) await writer.WriteAsync(batch);
            }

            await writer.CompleteAsync();
        }

        await using var reader = await ParquetReader.CreateAsync(path, new ParquetOptions { UseBigDecimal = true, UseDateOnlyTypeForDates = true });
        Assert.Equal(expected, reader.RowGroups.Select(g => g.RowCount));
        var all = new List<string>();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            foreach (var field in reader.Schema.DataFields.Where(f => f.Name is "id" or "big" or "bytes" or "name"))
            {
                all.AddRange((await ReadBoxed(group, field, (int)group.RowCount)).Select(v => $"{field.Name}:{v switch { byte[] b => Convert.ToHexString(b), null => "null", _ => v.ToString() }}"));
            }
        }

        // The values of four columns (ints, 38-digit decimals, binary, strings): the same whatever the row-group size.
        Assert.Equal(15 * 4, all.Count);
        Assert.Equal(Enumerable.Range(1, 15).Select(i => $"id:{i}"), all.Where(v => v.StartsWith("id:", StringComparison.Ordinal)));
        Assert.Equal(5, all.Count(v => v == "name:Grand \"Ole\" Opry, Nashville"));
        Assert.Equal(5, all.Count(v => v == $"big:{ExportSamples.BigValue}"));
        Assert.Equal(5, all.Count(v => v == "bytes:DEADBEEF"));
        Assert.Equal(5 * 3, all.Count(v => v.EndsWith(":null", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Wide_rows_end_a_row_group_at_the_byte_bound()
    {
        var schema = new Schema.Builder().Field(f => f.Name("s").DataType(Apache.Arrow.Types.StringType.Default).Nullable(false)).Build();
        string wide = new('x', 1000); // 2,000 bytes held per row (UTF-16) plus its offset
        var builder = new StringArray.Builder();
        for (int i = 0; i < 300; i++) builder.Append(wide);
        string path = Path.Combine(_dir, "wide.parquet");
        await using (var writer = new ParquetRecordBatchWriter(path, schema, new ParquetRowGroupSize(1_000_000, 100_000)))
        {
            using var batch = new RecordBatch(schema, [builder.Build()], 300);
            await writer.WriteAsync(batch);
            await writer.CompleteAsync();
        }

        await using var reader = await ParquetReader.CreateAsync(path);
        Assert.Equal(300, reader.RowGroups.Sum(g => g.RowCount));
        Assert.All(reader.RowGroups.SkipLast(1), g => Assert.InRange(g.RowCount, 40, 51)); // ≈ 100,000 / 2,004 bytes per row
    }

    [Fact]
    public async Task A_wide_row_after_narrow_ones_ends_the_row_group_at_the_byte_bound_not_a_batch_later()
    {
        // Found by the attack pass: a one-row slice of a null string sized the next slice from ≈ 8 bytes per row, so a
        // whole batch of 20,000-character strings went into one row group of 120 MB against a 16 MiB bound.
        var schema = new Schema.Builder().Field(f => f.Name("s").DataType(Apache.Arrow.Types.StringType.Default).Nullable(true)).Build();
        string wide = new('x', 1000); // 2,000 bytes held per row (UTF-16)
        var narrow = new StringArray.Builder().AppendNull().Build();
        var builder = new StringArray.Builder();
        for (int i = 0; i < 300; i++) builder.Append(wide);
        string path = Path.Combine(_dir, "narrow-then-wide.parquet");
        await using (var writer = new ParquetRecordBatchWriter(path, schema, new ParquetRowGroupSize(1_000_000, 100_000)))
        {
            using (var first = new RecordBatch(schema, [narrow], 1)) await writer.WriteAsync(first);
            using (var second = new RecordBatch(schema, [builder.Build()], 300)) await writer.WriteAsync(second);
            await writer.CompleteAsync();
        }

        await using var reader = await ParquetReader.CreateAsync(path);
        Assert.Equal(301, reader.RowGroups.Sum(g => g.RowCount));
        // 100,000 bytes hold 49 rows of 2,008 bytes with the 50th reaching the bound: no row group is more than one row over.
        Assert.All(reader.RowGroups, g => Assert.InRange(g.RowCount, 1, 51));
        Assert.True(reader.RowGroupCount >= 6, $"{reader.RowGroupCount} row groups for 300 rows of 2,000 bytes under a 100,000-byte bound");
    }

    [Fact]
    public async Task Fixed_width_rows_end_a_row_group_at_the_byte_bound()
    {
        var schema = new Schema.Builder().Field(f => f.Name("v").DataType(Apache.Arrow.Types.Int64Type.Default).Nullable(false)).Build();
        var builder = new Int64Array.Builder();
        for (int i = 0; i < 1000; i++) builder.Append(i);
        string path = Path.Combine(_dir, "fixed.parquet");
        await using (var writer = new ParquetRecordBatchWriter(path, schema, new ParquetRowGroupSize(1_000_000, 800)))
        {
            using var batch = new RecordBatch(schema, [builder.Build()], 1000);
            await writer.WriteAsync(batch);
            await writer.CompleteAsync();
        }

        await using var reader = await ParquetReader.CreateAsync(path);
        Assert.Equal(Enumerable.Repeat(100L, 10), reader.RowGroups.Select(g => g.RowCount)); // 800 bytes / 8 bytes per row
    }

    private static async Task<object?[]> ReadBoxed(ParquetRowGroupReader group, DataField field, int rows)
    {
        if (field.ClrType == typeof(BigDecimal))
        {
            var values = new BigDecimal?[rows];
            await group.ReadAsync<BigDecimal>(field, values.AsMemory());
            return [.. values.Select(v => (object?)v)];
        }

        if (field.ClrType == typeof(int))
        {
            var ids = new int[rows];
            await group.ReadAsync<int>(field, ids.AsMemory());
            return [.. ids.Select(v => (object?)v)];
        }

        if (field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>))
        {
            var strings = new string?[rows];
            await group.ReadAsync(field, strings.AsMemory());
            return strings;
        }

        var bytes = new byte[]?[rows];
        await group.ReadAsync(field, bytes.AsMemory());
        return bytes;
    }

    private static async IAsyncEnumerable<RecordBatch> Once(RecordBatch batch)
    {
        await Task.Yield();
        yield return batch;
    }
}
