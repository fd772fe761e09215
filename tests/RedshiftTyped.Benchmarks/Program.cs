using BenchmarkDotNet.Running;
using RedshiftTyped.Benchmarks.ColdStart;
using RedshiftTyped.Benchmarks.Decoding;
using RedshiftTyped.Benchmarks.Generator;
using RedshiftTyped.Benchmarks.Incremental;
using RedshiftTyped.Benchmarks.LocalServer;
using RedshiftTyped.Benchmarks.Streaming;
using RedshiftTyped.Benchmarks.TypedQueries;

// `dotnet run -c Release -- <mode>`. Quick modes run in this process, once, without BenchmarkDotNet:
//   --quick            the generator once (a first run includes JIT, as a real build does)
//   --quick-wide       the generator, and the generator plus the compile of its output, on a 1,600-column table
//   --quick-server     a 1,000,000-row result read from the local server (rows/s, CPU and bytes allocated per row), and a
//                      stored 2,000,000-row result's memory against its encoded size (LocalServer/compare-serving.sh: vs a base commit)
//   --quick-decode     the decode benchmarks, timed by thread CPU time (for a loaded machine)
//   --quick-unload [N] where an UNLOAD read of N rows (default 1M) spends its time: server UNLOAD, downloads, decoding, end to end
//   --transport-memory [N,N,…] the client's peak memory reading by UNLOAD and by 4 parallel chunks at N rows each (default 1M, 5M)
//   --quick-memory     the client's peak memory (whole process): select 1 and typed/untyped 100,000 rows (JIT, and Native AOT through
//                      tests/RedshiftTyped.AotReader, published once per input hash), chunked → Parquet at 200k and 400k
//   --memory [N,N,…]   the chunked → Parquet reads (library and tool) at N rows each (default 1M, 2M, 5M)
//   --quick-incremental a full snapshot and a cdc_with_deletes run of a 1,000,000-row table with 0.1 % changed, once each
//   --quick-cold-start cold processes of the shipped (ReadyToRun) tool and a JIT build: sql "select 1" and a 100,000-row
//                      snapshot, at most 3 rounds; --cold-start [ROUNDS] the full comparison (default 10 rounds);
//                      either with --also NAME=DIR, one more published build of the tool to run alongside
//   --profile-decode T the generated decoder on table T's page for 20 s, for a profiler to attach
//                      (DOTNET_PerfMapEnabled=1 perf record -p <pid>)
// Anything else goes to BenchmarkDotNet, e.g. `-- --filter '*DecodeBenchmarks*'`.
if (args.Contains("--quick-cold-start") || args.Contains("--cold-start"))
{
    return await ColdStartHarness.RunAsync(args);
}

if (args.Contains("--quick-server"))
{
    await QuickServingTiming.RunAsync();
    return 0;
}

if (Array.IndexOf(args, "--quick-unload") is int unload and >= 0)
{
    int rows = unload + 1 < args.Length && !args[unload + 1].StartsWith('-') ? int.Parse(args[unload + 1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
    await QuickUnloadTiming.RunAsync(rows);
    return 0;
}

if (Array.IndexOf(args, "--transport-memory-child") is int transportChild and >= 0)
{
    var a = args[(transportChild + 1)..];
    return await TransportMemoryHarness.RunChildAsync(a[0], a[1], a[2], a[3], int.Parse(a[4], System.Globalization.CultureInfo.InvariantCulture));
}

if (Array.IndexOf(args, "--transport-memory") is int transportMemory and >= 0)
{
    int[] sizes = transportMemory + 1 < args.Length && !args[transportMemory + 1].StartsWith('-')
        ? [.. args[transportMemory + 1].Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))]
        : [1_000_000, 5_000_000];
    return await TransportMemoryHarness.RunAsync(sizes);
}

if (Array.IndexOf(args, "--memory-child") is int child and >= 0)
{
    return await ClientMemoryHarness.RunChildAsync(args[child + 1], args[child + 2], int.Parse(args[child + 3], System.Globalization.CultureInfo.InvariantCulture));
}

if (args.Contains("--quick-memory") || args.Contains("--memory"))
{
    int at = Array.IndexOf(args, "--memory");
    int[] sizes = at >= 0 && at + 1 < args.Length && !args[at + 1].StartsWith('-')
        ? [.. args[at + 1].Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))]
        : at >= 0 ? [1_000_000, 2_000_000, 5_000_000] : [200_000, 400_000];
    return await ClientMemoryHarness.RunAsync(quick: at < 0, sizes);
}

if (args.Contains("--quick-incremental"))
{
    await QuickIncrementalTiming.RunAsync();
    return 0;
}

if (args.Contains("--quick-decode"))
{
    QuickDecodeTiming.Run();
    return 0;
}

if (Array.IndexOf(args, "--profile-decode") is int profile and >= 0)
{
    var bench = new DecodeBenchmarks { Page = Enum.Parse<DecodeBenchmarks.Table>(args[profile + 1]) };
    bench.Setup();
    var until = DateTime.UtcNow.AddSeconds(20);
    while (DateTime.UtcNow < until)
    {
        bench.GeneratedDecoder();
    }

    return 0;
}

if (args.Contains("--quick-wide"))
{
    QuickGeneratorTiming.RunWide();
    return 0;
}

if (args.Contains("--quick"))
{
    QuickGeneratorTiming.Run();
    return 0;
}

BenchmarkSwitcher.FromTypes(
[
    // The source generator: cold run, and after one snapshot edited.
    typeof(GeneratorBenchmarks),
    typeof(WideTableBenchmarks),

    // Decoding one GetStatementResult page: tokenizer floor, generated decoder, reflection mapper.
    typeof(DecodeBenchmarks),

    // The local server alone: rows/s it serves as JSON and CSV.
    typeof(ResultServingBenchmarks),

    // End to end through RedshiftClient against the local server: JSON vs CSV results, small-query latency.
    typeof(ResultFormatBenchmarks),
    typeof(SmallQueryLatencyBenchmarks),

    // Transports side by side with 50 ms per Data API call: JSON, CSV, chunks one at a time and 4 at once, UNLOAD (moto S3).
    typeof(TransportBenchmarks),

    // Streaming memory: a snapshot to Parquet at 1M and 5M rows, peak working set (server in its own process).
    typeof(StreamingMemoryBenchmarks),

    // "Top 5 events": a typed query against streaming the sales table and aggregating in the client (time, bytes).
    typeof(TopEventsBenchmarks),

    // A daily run of a 1,000,000-row table with 0.1 % changed: full snapshot vs cdc_with_deletes (time, bytes, rows).
    typeof(IncrementalRunBenchmarks),
]).Run(args);
return 0;
