using System.Security.Cryptography;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using RedshiftTyped.Export;

namespace RedshiftTyped.Tests.Export;

/// <summary>Arrow IPC and CSV exports, and what every format shares: checksums, atomic replacement, cancellation.</summary>
public sealed class ArrowCsvExportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rt-export-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<List<RecordBatch>> ReadAll(ArrowStreamReader reader)
    {
        var batches = new List<RecordBatch>();
        while (await reader.ReadNextRecordBatchAsync() is { } batch)
        {
            batches.Add(batch);
        }

        return batches;
    }

    [Theory]
    [InlineData(ExportFormat.ArrowStream)]
    [InlineData(ExportFormat.ArrowFile)]
    public async Task Arrow_ipc_reads_back_with_the_same_schema_values_and_nulls(ExportFormat format)
    {
        string path = Path.Combine(_dir, "t." + format.FileExtension());
        var result = await ExportSamples.Batches(2).WriteToFileAsync(path, ExportSamples.Schema, format);

        Assert.Equal(6, result.Rows);
        using var stream = File.OpenRead(path);
        using ArrowStreamReader reader = format == ExportFormat.ArrowFile ? new ArrowFileReader(stream) : new ArrowStreamReader(stream);
        var batches = await ReadAll(reader);
        Assert.Equal(2, batches.Count);
        Assert.Equal(ExportSamples.Schema.FieldsList.Select(f => (f.Name, ArrowTypeText.Describe(f.DataType), f.IsNullable)),
            reader.Schema.FieldsList.Select(f => (f.Name, ArrowTypeText.Describe(f.DataType), f.IsNullable)));
        var expected = ExportSamples.Batch(4);
        for (int column = 0; column < expected.ColumnCount; column++)
        {
            for (int row = 0; row < 3; row++)
            {
                Assert.Equal(Text(expected.Column(column), row), Text(batches[1].Column(column), row));
            }
        }

        Assert.Equal(ExportSamples.BigValue, ((Decimal128Array)batches[0].Column("big")).GetString(0));
        Assert.True(batches[0].Column("name").IsNull(1));
        if (format == ExportFormat.ArrowFile)
        {
            Assert.Equal(2, await ((ArrowFileReader)reader).RecordBatchCountAsync());
        }
    }

    [Theory]
    [InlineData(ExportFormat.ArrowStream)]
    [InlineData(ExportFormat.ArrowFile)]
    [InlineData(ExportFormat.Csv)]
    public async Task An_empty_table_still_has_its_schema(ExportFormat format)
    {
        string path = Path.Combine(_dir, "empty." + format.FileExtension());
        var result = await ExportSamples.Batches(0).WriteToFileAsync(path, ExportSamples.Schema, format);

        Assert.Equal(0, result.Rows);
        if (format == ExportFormat.Csv)
        {
            Assert.Equal("id,i16,i64,f32,f64,big,price,flag,day,at,ts,tstz,span,bytes,name\r\n", File.ReadAllText(path));
            return;
        }

        using var stream = File.OpenRead(path);
        using ArrowStreamReader reader = format == ExportFormat.ArrowFile ? new ArrowFileReader(stream) : new ArrowStreamReader(stream);
        Assert.Empty(await ReadAll(reader));
        Assert.Equal(ExportSamples.Schema.FieldsList.Select(f => f.Name), reader.Schema.FieldsList.Select(f => f.Name));
    }

    [Fact]
    public async Task Csv_is_rfc_4180_with_invariant_lossless_values_and_null_distinct_from_empty()
    {
        string path = Path.Combine(_dir, "t.csv");
        await ExportSamples.Batches(1).WriteToFileAsync(path, ExportSamples.Schema, ExportFormat.Csv);

        string[] lines = File.ReadAllText(path).Split("\r\n");
        Assert.Equal(5, lines.Length); // header, three rows, and the empty rest after the final CRLF
        Assert.Equal("", lines[4]);
        Assert.Equal(
            "1,-32768,9223372036854775807,1.5,0.1,1234567890123456789012345678.9012345678,12.50,true,2008-02-29,13:14:15.123456,"
            + "2008-01-05T14:00:00.123456,2008-01-05T14:00:00.000001Z,P1DT2H3M4.000005S,3q2+7w==,\"Grand \"\"Ole\"\" Opry, Nashville\"",
            lines[1]);
        Assert.Equal("2,,,,,,,,,,,,,,", lines[2]);
        Assert.Equal("3,32767,-1,NaN,-Infinity,-0.0000000001,-0.05,false,0001-01-01,00:00:00.000000,1969-12-31T23:59:59.000000,"
            + "1970-01-01T00:00:00.000000Z,-PT0.000001S,\"\",\"\"", lines[3]);
    }

    [Fact]
    public async Task Csv_quotes_line_breaks_and_header_names_that_need_it()
    {
        var schema = new Schema.Builder().Field(f => f.Name("a,b").DataType(Apache.Arrow.Types.StringType.Default)).Build();
        var batch = new RecordBatch(schema, [new StringArray.Builder().Append("line1\nline2").Append("cr\rhere").Append("plain").Build()], 3);
        string path = Path.Combine(_dir, "q.csv");

        await Once(batch).WriteToFileAsync(path, schema, ExportFormat.Csv);

        Assert.Equal("\"a,b\"\r\n\"line1\nline2\"\r\n\"cr\rhere\"\r\nplain\r\n", File.ReadAllText(path));
    }

    [Theory]
    [InlineData(ExportFormat.Parquet)]
    [InlineData(ExportFormat.ArrowStream)]
    [InlineData(ExportFormat.ArrowFile)]
    [InlineData(ExportFormat.Csv)]
    public async Task The_result_reports_the_files_size_and_sha256(ExportFormat format)
    {
        string path = Path.Combine(_dir, "t." + format.FileExtension());
        var result = await ExportSamples.Batches(2).WriteToFileAsync(path, ExportSamples.Schema, format);

        byte[] content = File.ReadAllBytes(path);
        Assert.Equal(Path.GetFullPath(path), result.Path);
        Assert.Equal(format, result.Format);
        Assert.Equal(content.LongLength, result.Bytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), result.Sha256);
        Assert.Equal([Path.GetFileName(path)], Directory.EnumerateFileSystemEntries(_dir).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData(ExportFormat.Parquet)]
    [InlineData(ExportFormat.ArrowStream)]
    [InlineData(ExportFormat.ArrowFile)]
    [InlineData(ExportFormat.Csv)]
    public async Task Cancelling_midway_leaves_no_file_and_no_temporary_file(ExportFormat format)
    {
        string path = Path.Combine(_dir, "sub", "t." + format.FileExtension());
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CancelAfterFirst(cancel).WriteToFileAsync(path, ExportSamples.Schema, format, cancel.Token));

        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_dir, "sub")));
    }

    [Theory]
    [InlineData(ExportFormat.Parquet)]
    [InlineData(ExportFormat.Csv)]
    public async Task A_failing_source_leaves_the_previous_file_untouched(ExportFormat format)
    {
        string path = Path.Combine(_dir, "t." + format.FileExtension());
        File.WriteAllText(path, "previous");

        var error = await Assert.ThrowsAsync<IOException>(() => FailAfterFirst().WriteToFileAsync(path, ExportSamples.Schema, format));

        Assert.Equal("the source broke", error.Message);
        Assert.Equal("previous", File.ReadAllText(path));
        Assert.Equal([Path.GetFileName(path)], Directory.EnumerateFileSystemEntries(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_batch_of_another_schema_is_refused_with_both_columns_named()
    {
        var other = new Schema.Builder().Field(f => f.Name("id").DataType(Apache.Arrow.Types.Int64Type.Default)).Build();
        await using var writer = RecordBatchFileWriter.Create(ExportFormat.Csv, Path.Combine(_dir, "t.csv"), other);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => writer.WriteAsync(ExportSamples.Batch()));

        Assert.Contains("15 columns", error.Message);
        await writer.DisposeAsync();
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir));
    }

    [Fact]
    public void A_type_no_redshift_column_maps_to_is_refused_up_front()
    {
        var schema = new Schema.Builder().Field(f => f.Name("u").DataType(Apache.Arrow.Types.UInt32Type.Default)).Build();

        var error = Assert.Throws<NotSupportedException>(() => RecordBatchFileWriter.Create(ExportFormat.Parquet, Path.Combine(_dir, "t.parquet"), schema));

        Assert.Contains("Column \"u\"", error.Message);
    }

    private static string? Text(IArrowArray array, int row) => array.IsNull(row) ? null : array switch
    {
        BinaryArray b => Convert.ToHexString(b.GetBytes(row)),
        Decimal128Array d => d.GetString(row),
        _ => array.GetType().GetMethod("GetValue")?.Invoke(array, [row])?.ToString() ?? ((StringArray)array).GetString(row),
    };

    private static async IAsyncEnumerable<RecordBatch> Once(RecordBatch batch)
    {
        await Task.Yield();
        yield return batch;
    }

    private static async IAsyncEnumerable<RecordBatch> CancelAfterFirst(CancellationTokenSource cancel)
    {
        yield return ExportSamples.Batch();
        await cancel.CancelAsync();
        yield return ExportSamples.Batch(4);
    }

    private static async IAsyncEnumerable<RecordBatch> FailAfterFirst()
    {
        yield return ExportSamples.Batch();
        await Task.Yield();
        throw new IOException("the source broke");
    }
}
