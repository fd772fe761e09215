using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using RedshiftTyped.Benchmarks.LocalServer;
using RedshiftTyped.Benchmarks.Tickit;
using RedshiftTyped.Connection;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Export;
using RedshiftTyped.Local;
using RedshiftTyped.Reading;

namespace RedshiftTyped.Benchmarks.Streaming;

/// <summary>
/// The client's peak memory, whole process: each read runs in a child process of its own (this program with
/// <c>--memory-child</c>, or the <c>redshift-typed</c> tool itself) against a local server that runs in this process, so the
/// server's stored results are not counted. The peak is the kernel's maximum resident set of the child (<c>/usr/bin/time</c>'s
/// <c>%M</c>, from wait4's rusage), which a busy machine does not distort; allocated bytes come from the child's GC.
/// Cases: a typed 100,000-row <c>SnapshotAsync</c> of <c>sales</c> (JSON pages), the same untyped (<c>RedshiftRow</c>s, every
/// value read through the typed accessors; and through the object indexer, which boxes),
/// a typed chunked read to Parquet (<c>SnapshotBatchesAsync</c> → <c>WriteToFileAsync</c>, CSV pages, a million rows per
/// statement, or half the table when it is smaller), and <c>redshift-typed snapshot</c> of the same table to Parquet (untyped Arrow batches, chunked).
/// The typed and untyped reads (quick run), the floor (<c>select 1</c>, quick run) and the chunked read to Parquet (both runs)
/// also run in a Native AOT reader (<see cref="AotReaderBuild"/>) beside the JIT child, the process shape a memory-sensitive
/// user publishes; the two chunked reads must write the same file (SHA-256), or the run fails.
/// </summary>
internal static class ClientMemoryHarness
{
    private const string ChildMarker = "RT_MEMORY ";
    private const string FileMarker = "RT_FILE ";

    /// <summary>
    /// <c>--quick-memory</c>: the floor (<c>select 1</c>) and 100,000 rows typed and untyped (JSON and CSV pages), JIT and (typed and untyped JSON)
    /// Native AOT, and the chunked Parquet reads at 200,000
    /// and 400,000 rows (library JIT and Native AOT, and the tool; two chunks each), in about a minute on a quiet machine (the
    /// first run on a tree publishes the AOT reader first: minutes). <c>--memory [rows,…]</c>: the chunked reads at the given
    /// sizes (default 1,000,000, 2,000,000 and 5,000,000), JIT and Native AOT.
    /// </summary>
    public static async Task<int> RunAsync(bool quick, IReadOnlyList<int> chunkedSizes)
    {
        if (!PeakMemoryChild.IsAvailable()) return 2;

        Console.WriteLine($"# client peak memory (whole process, kernel max RSS); load: {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine($"{"case",-34} {"rows",10} {"peak MB",9} {"alloc MB",9} {"alloc B/row",11} {"gen0/1/2",10} {"wall s",7} {"cpu s",7}");
        await using var local = await LocalClient.StartAsync();
        string endpoint = local.Server.Endpoint.ToString();
        int filled = 0;
        async Task FillAsync(int rows)
        {
            if (rows == filled) return;
            await local.Client.ExecuteAsync("drop table if exists public.sales");
            await local.Client.ExecuteAsync(SalesDdl);
            await local.Client.ExecuteAsync(string.Create(CultureInfo.InvariantCulture, $"""
                insert into public.sales
                select i, i % 50000 + 1, i % 49990 + 1, i % 49989 + 1, i % 8798 + 1, cast(i % 365 + 1827 as smallint), cast(i % 4 + 1 as smallint),
                       cast((i % 100000) / 100.0 + 20 as decimal(8,2)), cast((i % 100000) / 1000.0 + 3 as decimal(8,2)),
                       timestamp '2008-01-01 00:00:00' + (i % 31536000) * interval '1 second'
                from generate_series(1, {rows}) as g(i)
                """));
            filled = rows;
        }

        // The Native AOT reader first: a failed publish (an AOT/trim warning is an error) fails the run before any read.
        var aot = await AotReaderBuild.GetAsync();
        if (aot.Path is null)
        {
            Console.WriteLine($"Native AOT reader: {aot.Failure}");
            return 1;
        }

        Console.WriteLine(aot.Cached
            ? $"# Native AOT reader: {aot.Path} (kept from an earlier publish of the same inputs)"
            : string.Create(CultureInfo.InvariantCulture, $"# Native AOT reader: published in {aot.Publish.TotalSeconds:N0} s ({new FileInfo(aot.Path).Length / (1024.0 * 1024):N1} MB): {aot.Path}"));

        if (quick)
        {
            await FillAsync(100_000);
            await MeasureAsync("select 1 (the floor)", "baseline", endpoint, 1);
            await MeasureAsync("select 1 (the floor), Native AOT", "baseline", endpoint, 1, aot.Path);
            await MeasureAsync("typed SnapshotAsync (JSON)", "typed", endpoint, 100_000);
            await MeasureAsync("typed SnapshotAsync (JSON), AOT", "typed", endpoint, 100_000, aot.Path);
            await MeasureAsync("untyped SnapshotAsync (JSON), AOT", "untyped", endpoint, 100_000, aot.Path);
            // Parquet.Net's DataField for every column type it maps, under Native AOT (its MakeGenericType; AotReader's Program.cs).
            await MeasureAsync("Parquet.Net column types, AOT", "parquet-types", endpoint, 1, aot.Path);
            await MeasureAsync("untyped SnapshotAsync (JSON)", "untyped", endpoint, 100_000);
            await MeasureAsync("untyped, object indexer (JSON)", "untyped-indexer", endpoint, 100_000);
            await MeasureAsync("typed SnapshotAsync (CSV)", "typed-csv", endpoint, 100_000);
            await MeasureAsync("untyped SnapshotAsync (CSV)", "untyped-csv", endpoint, 100_000);
        }

        foreach (int rows in chunkedSizes)
        {
            await FillAsync(rows);
            string? jitFile = await MeasureAsync("typed chunked → Parquet", "typed-parquet", endpoint, rows);
            string? aotFile = await MeasureAsync("typed chunked → Parquet, AOT", "typed-parquet", endpoint, rows, aot.Path);
            if (jitFile is null || jitFile != aotFile)
            {
                // Parquet.Net's schema code is not trim/AOT-annotated (the reader's csproj): the same file is the proof it ran right.
                Console.WriteLine($"The Native AOT reader's Parquet file ({aotFile ?? "none"}) is not the JIT child's ({jitFile ?? "none"}): the export differs under Native AOT.");
                return 1;
            }

            await MeasureAsync("redshift-typed snapshot → Parquet", "cli", endpoint, rows);
        }

        return 0;
    }

    /// <summary><c>--memory-child CASE ENDPOINT ROWS</c>: one read, then a line of figures for the parent.</summary>
    public static async Task<int> RunChildAsync(string name, string endpoint, int rows)
    {
        using var client = new RedshiftClient(LocalServerDefaults.ApplyTo(new RedshiftConnectionOptions { Endpoint = endpoint, PollInterval = 0.05 }));
        var sales = TableReference.Parse("public.sales");
        long read = 0;
        switch (name)
        {
            case "typed":
            case "typed-csv":
                await foreach (var sale in client.SnapshotAsync(TickitDatabase.Public.Sales, new SnapshotOptions { ResultFormat = Format(name) }))
                {
                    read += sale.Qtysold > 0 ? 1 : 0;
                }

                break;
            case "untyped":
            case "untyped-csv":
                // Every value, through the typed accessors (as a demanding user reads them: no boxing).
                long checksum = 0;
                await foreach (var row in client.SnapshotAsync(sales, new SnapshotOptions { ResultFormat = Format(name) }))
                {
                    checksum += row.GetInt32(0) + row.GetInt32(1) + row.GetInt32(2) + row.GetInt32(3) + row.GetInt32(4) + row.GetInt16(5) + row.GetInt16(6);
                    checksum += (long)((row.IsNull(7) ? 0 : row.GetDecimal(7)) + (row.IsNull(8) ? 0 : row.GetDecimal(8)));
                    checksum += row.IsNull(9) ? 0 : row.GetDateTime(9).Ticks & 1;
                    read += checksum != 0 ? 1 : 0;
                }

                break;
            case "untyped-indexer":
                // Every value, through the object indexer (each boxed).
                await foreach (var row in client.SnapshotAsync(sales, new SnapshotOptions { ResultFormat = ResultFormatString.JSON }))
                {
                    int present = 0;
                    for (int i = 0; i < row.Count; i++) present += row[i] is null ? 0 : 1;
                    read += present > 0 ? 1 : 0;
                }

                break;
            case "baseline":
                // The floor: the runtime, the client and one small statement.
                await foreach (var row in client.QueryAsync("select 1"))
                {
                    read = rows;
                }

                break;
            case "typed-parquet":
                string output = Path.Combine(Path.GetTempPath(), $"rt-memory-{Environment.ProcessId}.parquet");
                try
                {
                    var options = new SnapshotOptions { ResultFormat = ResultFormatString.CSV, ChunkRows = ChunkRowsFor(rows) }.OrderBy("salesid");
                    var result = await HeapProbe.At(client.SnapshotBatchesAsync(TickitDatabase.Public.Sales, options), rows)
                        .WriteToFileAsync(output, TickitDatabase.Public.Sales.ArrowSchema, ExportFormat.Parquet);
                    read = result.Rows;
                    await using var file = File.OpenRead(output);
                    Console.WriteLine(FileMarker + Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(file)));
                }
                finally
                {
                    File.Delete(output);
                }

                break;
            default:
                Console.Error.WriteLine($"Unknown memory case '{name}': give typed, typed-csv, untyped, untyped-csv, untyped-indexer, baseline or typed-parquet.");
                return 2;
        }

        if (read != rows)
        {
            Console.Error.WriteLine($"Read {read} rows of {rows}.");
            return 1;
        }

        if (Environment.GetEnvironmentVariable("RT_MEMORY_STATUS") is not null)
        {
            var gc = GC.GetGCMemoryInfo();
            Console.Error.WriteLine($"GC committed {gc.TotalCommittedBytes} heap {gc.HeapSizeBytes} fragmented {gc.FragmentedBytes} promoted {gc.PromotedBytes} " +
                                    $"gen0 {gc.GenerationInfo[0].SizeAfterBytes} loh {gc.GenerationInfo[3].SizeAfterBytes} threads {System.Diagnostics.Process.GetCurrentProcess().Threads.Count}");
            Console.Error.WriteLine(File.ReadAllText("/proc/self/status"));
            Console.Error.WriteLine(File.ReadAllText("/proc/self/smaps_rollup"));
            File.Copy("/proc/self/smaps", Path.Combine(Path.GetTempPath(), $"rt-smaps-{name}.txt"), overwrite: true);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{ChildMarker}{GC.GetTotalAllocatedBytes(precise: true)} {GC.CollectionCount(0)} {GC.CollectionCount(1)} {GC.CollectionCount(2)}"));
        return 0;
    }

    private static ResultFormatString Format(string name) => name.EndsWith("-csv", StringComparison.Ordinal) ? ResultFormatString.CSV : ResultFormatString.JSON;

    /// <summary>
    /// One child's read and its figures; <paramref name="aotReader"/> runs the Native AOT reader instead of this program.
    /// Returns the SHA-256 of the file the child wrote (its <c>RT_FILE</c> line), or null.
    /// </summary>
    private static async Task<string?> MeasureAsync(string label, string name, string endpoint, int rows, string? aotReader = null)
    {
        string work = Path.Combine(Path.GetTempPath(), $"rt-memory-{Environment.ProcessId}-{name}");
        Directory.CreateDirectory(work);
        try
        {
            var arguments = new List<string>();
            if (name == "cli")
            {
                string pipeline = Path.Combine(work, "pipeline.json");
                await File.WriteAllTextAsync(pipeline, Pipeline(ChunkRowsFor(rows)));
                arguments.AddRange([Path.Combine(AppContext.BaseDirectory, "redshift-typed.dll"),
                    "snapshot", "--pipeline", pipeline, "--out", Path.Combine(work, "out"), "--endpoint", endpoint, "--poll-interval", "0.05"]);
            }
            else if (aotReader is not null)
            {
                arguments.AddRange([name, endpoint, rows.ToString(CultureInfo.InvariantCulture)]);
            }
            else
            {
                arguments.AddRange([typeof(ClientMemoryHarness).Assembly.Location, "--memory-child", name, endpoint, rows.ToString(CultureInfo.InvariantCulture)]);
            }

            var run = await PeakMemoryChild.RunAsync(label, arguments, program: aotReader ?? "dotnet");
            string output = run.Output;
            double peakMb = run.PeakMb;
            string? figures = output.Split('\n').FirstOrDefault(l => l.StartsWith(ChildMarker, StringComparison.Ordinal));
            string alloc = "-", perRow = "-", gcs = "-";
            if (figures is not null)
            {
                long[] f = [.. figures[ChildMarker.Length..].Trim().Split(' ').Select(s => long.Parse(s, CultureInfo.InvariantCulture))];
                alloc = (f[0] / (1024.0 * 1024)).ToString("N0", CultureInfo.InvariantCulture);
                perRow = ((double)f[0] / rows).ToString("N0", CultureInfo.InvariantCulture);
                gcs = $"{f[1]}/{f[2]}/{f[3]}";
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label,-34} {rows,10:N0} {peakMb,9:N1} {alloc,9} {perRow,11} {gcs,10} {run.Elapsed.TotalSeconds,7:N1} {run.CpuSeconds,7:N1}"));
            return output.Split('\n').FirstOrDefault(l => l.StartsWith(FileMarker, StringComparison.Ordinal))?[FileMarker.Length..].Trim();
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// A million rows a chunk (half the table below 2,000,000 rows, so every read has at least two statements);
    /// <c>RT_MEMORY_CHUNKS=N</c> cuts every size into N chunks instead, so that the chunks in flight at once
    /// (<see cref="SnapshotOptions.ChunkParallelism"/>, 4) are the same at every size.
    /// </summary>
    private static int ChunkRowsFor(int rows)
        => int.TryParse(Environment.GetEnvironmentVariable("RT_MEMORY_CHUNKS"), System.Globalization.CultureInfo.InvariantCulture, out int chunks) && chunks > 0
            ? Math.Max(1, (rows + chunks - 1) / chunks)
            : Math.Min(1_000_000, Math.Max(1, rows / 2));

    /// <summary>The tool's pipeline: the sales table, chunked by its key as the library case is.</summary>
    private static string Pipeline(int chunkRows) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["connection_name"] = "memory",
        ["default_destination_catalog"] = "main",
        ["default_destination_schema"] = "tickit",
        ["objects"] = new[]
        {
            new Dictionary<string, object>
            {
                ["table"] = new Dictionary<string, object>
                {
                    ["source_table"] = "public.sales",
                    ["table_configuration"] = new Dictionary<string, object> { ["primary_keys"] = new[] { "salesid" }, ["chunk_rows"] = chunkRows.ToString(CultureInfo.InvariantCulture) },
                },
            },
        },
    });

    private const string SalesDdl = """
        create table public.sales(
            salesid integer not null, listid integer not null distkey, sellerid integer not null, buyerid integer not null,
            eventid integer not null, dateid smallint not null sortkey, qtysold smallint not null,
            pricepaid decimal(8,2), commission decimal(8,2), saletime timestamp)
        """;
}

/// <summary>
/// <c>RT_MEMORY_GCDUMP=DIR</c>: at 90 % of the rows, the child's live heap after a full collection, and a
/// <c>dotnet-gcdump</c> of it into DIR (the tool from <c>RT_GCDUMP_TOOL</c>), to tell what of the peak grows with the table.
/// </summary>
internal static class HeapProbe
{
    public static async IAsyncEnumerable<Apache.Arrow.RecordBatch> At(IAsyncEnumerable<Apache.Arrow.RecordBatch> batches, int rows)
    {
        string? dir = Environment.GetEnvironmentVariable("RT_MEMORY_GCDUMP");
        long seen = 0;
        bool probed = dir is null;
        await foreach (var batch in batches)
        {
            seen += batch.Length;
            if (!probed && seen >= rows * 0.9)
            {
                probed = true;
                Console.Error.WriteLine($"RT_PROBE live after full GC at {seen} rows: {GC.GetTotalMemory(true)} bytes");
                using var dump = Process.Start(Environment.GetEnvironmentVariable("RT_GCDUMP_TOOL") ?? "dotnet-gcdump",
                    $"collect -p {Environment.ProcessId} -o {Path.Combine(dir!, $"rows-{rows}.gcdump")}")!;
                await dump.WaitForExitAsync();
            }

            yield return batch;
        }
    }
}
