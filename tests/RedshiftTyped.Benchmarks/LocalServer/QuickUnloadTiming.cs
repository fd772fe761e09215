using System.Diagnostics;
using System.Globalization;
using RedshiftTyped.Benchmarks.Tickit;
using RedshiftTyped.Local;
using RedshiftTyped.Reading;
using RedshiftTyped.TestSupport;

namespace RedshiftTyped.Benchmarks.LocalServer;

/// <summary>
/// <c>--quick-unload [ROWS]</c>: where an UNLOAD read's time goes, phase by phase, on <see cref="TransportBenchmarks"/>'
/// table (default 1,000,000 rows; no added latency): the server's UNLOAD statement (DuckDB reading, Parquet writing per
/// slice, the PUTs to moto), the client's downloads alone, the client's decoding alone (the downloaded files, one
/// thread), and the whole read end to end. Each phase gives wall time, this process's CPU time (client and in-process
/// server) and moto's CPU time (from /proc): CPU seconds are what a loaded machine distorts least.
/// </summary>
internal static class QuickUnloadTiming
{
    private const string Role = "arn:aws:iam::123456789012:role/bench";

    public static async Task RunAsync(int rows)
    {
        await using var s3 = await MotoS3.StartAsync();
        string bucket = await s3.CreateBucketAsync("quick");
        await using var local = await LocalClient.StartAsync(new LocalServerOptions { S3Endpoint = s3.Endpoint, Slices = 4 }, o => o.S3Endpoint = s3.Endpoint);
        await TransportBenchmarks.FillAsync(local.Client, rows);
        var moto = s3.ProcessId;
        Console.WriteLine($"--quick-unload: {rows:N0} rows shaped like sales; 4 slices, MAXFILESIZE 5 MB; moto pid {moto?.ToString(CultureInfo.InvariantCulture) ?? "(external: its CPU is not counted)"}");

        // Warm-up: JIT of every path, on a small slice of the table.
        await ReadAsync(local, bucket, "warm", "salesid <= 20000");

        string prefix = $"phases-{Guid.NewGuid():N}/";
        await Phase("server: UNLOAD statement (query + Parquet + PUT)", moto, rows, () => local.Client.ExecuteAsync(
            $"UNLOAD ('select * from public.sales') TO 's3://{bucket}/{prefix}' IAM_ROLE '{Role}' FORMAT AS PARQUET MANIFEST VERBOSE MAXFILESIZE 5 MB"));

        var manifest = UnloadManifest.Parse(await local.Client.S3.ReadTextAsync(bucket, prefix + "manifest", default) ?? "", "manifest", "-");
        string folder = Directory.CreateTempSubdirectory("rt-quick-unload-").FullName;
        try
        {
            var paths = manifest.Entries.Select((e, i) => Path.Combine(folder, $"{i}.parquet")).ToArray();
            await Phase($"client: download {manifest.Entries.Count} files, 4 at once", moto, rows, () => Parallel.ForEachAsync(
                manifest.Entries.Select((e, i) => (e, i)), new ParallelOptions { MaxDegreeOfParallelism = 4 },
                async (f, ct) => await local.Client.S3.DownloadAsync(f.e.Bucket, f.e.Key, paths[f.i], ct)));
            Console.WriteLine($"  {manifest.Entries.Sum(e => e.ContentLength) / 1e6:F1} MB of Parquet");
            await Phase("client: Parquet.Net's column reads alone (no records), one thread", moto, rows, async () =>
            {
                foreach (string path in paths) await UnloadDecodeProbe.ReadColumnsAsync(path);
            });
            await Phase("client: decode the files into Sales records, one thread", moto, rows, async () =>
            {
                long decoded = 0;
                foreach (string path in paths) decoded += await UnloadDecodeProbe.DecodeFileAsync(path);
                if (decoded != rows) throw new InvalidOperationException($"decoded {decoded} rows, not {rows}");
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        await Phase("end to end: SnapshotAsync, Transport = Unload", moto, rows, () => ReadAsync(local, bucket, "e2e", null));
    }

    private static async Task ReadAsync(LocalClient local, string bucket, string stem, string? filter)
    {
        var options = new SnapshotOptions
        {
            Transport = SnapshotTransport.Unload,
            Unload = new UnloadOptions { S3Prefix = $"s3://{bucket}/{stem}-{Guid.NewGuid():N}/", IamRole = Role, MaxFileSizeMb = 5, DownloadParallelism = 4 },
        };
        if (filter is not null) options = options.Where(filter);
        await foreach (var _ in local.Client.SnapshotAsync(TickitDatabase.Public.Sales, options))
        {
        }
    }

    private static async Task Phase(string name, int? moto, int rows, Func<Task> run)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        double motoCpu = MotoCpu(moto);
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        var wall = Stopwatch.StartNew();
        await run();
        wall.Stop();
        process.Refresh();
        double self = (process.TotalProcessorTime - cpu).TotalSeconds;
        double motoUsed = MotoCpu(moto) - motoCpu;
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        Console.WriteLine($"{name}: {wall.Elapsed.TotalSeconds:F2} s wall, {self:F2} s CPU here, {motoUsed:F2} s CPU moto; "
            + $"{rows / wall.Elapsed.TotalSeconds:N0} rows/s; {allocated / (double)rows:F0} B allocated per row");
    }

    /// <summary>utime + stime of a process, in seconds (/proc/PID/stat fields 14 and 15, in clock ticks of 1/100 s).</summary>
    private static double MotoCpu(int? pid)
    {
        if (pid is null || !File.Exists($"/proc/{pid}/stat")) return 0;
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        double ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks / 100.0;
    }
}

/// <summary>The client's decoding of one downloaded UNLOAD file into <c>Sales</c> records, as the UNLOAD transport does it.</summary>
internal static class UnloadDecodeProbe
{
    private static readonly Parquet.ParquetOptions Options = new() { UseDateOnlyTypeForDates = true, UseBigDecimal = true };

    /// <summary>One pool for the files read one at a time, as one UNLOAD read has.</summary>
    private static readonly ColumnArrayPool Arrays = new(2);

    /// <summary>Parquet.Net's reading of every column of every row group into typed arrays, the floor of any decoding.</summary>
    public static async Task ReadColumnsAsync(string path)
    {
        var types = TickitDatabase.Public.Sales.Columns.Select(c => c.Type).ToArray();
        await using var reader = await Parquet.ParquetReader.CreateAsync(path, Options);
        var fields = reader.Schema.GetDataFields();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            (await ParquetColumns.ReadAsync(group, fields, types, Arrays, default)).Release();
        }
    }

    public static async Task<long> DecodeFileAsync(string path)
    {
        var table = TickitDatabase.Public.Sales;
        var types = table.Columns.Select(c => c.Type).ToArray();
        await using var reader = await Parquet.ParquetReader.CreateAsync(path, Options);
        var fields = reader.Schema.GetDataFields();
        long rows = 0;
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var batch = await ParquetColumns.ReadAsync(group, fields, types, Arrays, default);
            for (int r = 0; r < batch.RowCount; r++)
            {
                if (table.Decoder.DecodeColumns(batch, r).Qtysold > 0) rows++;
            }

            batch.Release();
        }

        return rows;
    }
}
