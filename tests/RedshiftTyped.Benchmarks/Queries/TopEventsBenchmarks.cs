using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using RedshiftTyped.Benchmarks.Queries;
using RedshiftTyped.Benchmarks.Tickit;
using RedshiftTyped.Local;
using RedshiftTyped.Reading;

namespace RedshiftTyped.Benchmarks.TypedQueries;

/// <summary>
/// "Top 5 events by tickets sold", answered two ways against the local server with TICKIT (DuckDB, in this process),
/// side by side: the typed query <c>queries/tickit/top_events.sql</c> (Redshift joins, groups, orders and limits; five
/// rows come back) against the way the sample answered it before typed queries — every <c>sales</c> row streamed as a
/// typed snapshot of (eventid, qtysold), summed in a dictionary, then the five events' names read with a filtered
/// snapshot of <c>event</c>. Both give the same five (eventid, tickets), checked in setup. Besides time and allocations,
/// the <c>HTTP bytes</c> column is what crossed the wire per answer: every Data API request and response body, counted
/// by the client's HTTP handler. In process, so the column can read what the handler counted.
/// </summary>
[Config(typeof(Config))]
public class TopEventsBenchmarks
{
    private const int Year = 2008;
    private const int Top = 5;

    private LocalDataApiServer _server = null!;
    private CountingHandler _http = null!;
    private RedshiftClient _client = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _server = await LocalDataApiServer.StartAsync(new LocalServerOptions { Sample = "tickit", Database = "tickit" });
        _http = new CountingHandler();
        _client = new RedshiftClient(_server.ClientOptions(), httpHandler: _http);

        var typed = await Measure(nameof(TypedQuery), TypedQuery);
        var streamed = await Measure(nameof(StreamAndAggregate), StreamAndAggregate);
        if (!typed.SequenceEqual(streamed))
        {
            throw new InvalidOperationException($"The two answers differ: {string.Join(", ", typed)} against {string.Join(", ", streamed)}.");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _client.Dispose();
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public async Task<List<(int EventId, long Tickets)>> StreamAndAggregate()
    {
        var ticketsByEvent = new Dictionary<int, long>();
        await foreach (var sale in _client.SnapshotAsync(TickitDatabase.Public.Sales, new SnapshotOptions { Columns = ["eventid", "qtysold"] }))
        {
            ticketsByEvent[sale.Eventid] = ticketsByEvent.GetValueOrDefault(sale.Eventid) + sale.Qtysold;
        }

        var top = ticketsByEvent.OrderByDescending(e => e.Value).ThenBy(e => e.Key).Take(Top).ToList();
        var names = new Dictionary<int, string?>();
        var onlyTop = new SnapshotOptions().Where(Tickit.Public.Event.RedshiftTable.Column.Eventid.In(top.Select(e => e.Key)));
        await foreach (var e in _client.SnapshotAsync(TickitDatabase.Public.Event, onlyTop))
        {
            names[e.Eventid] = e.Eventname;
        }

        return top.Where(e => names.ContainsKey(e.Key)).Select(e => (e.Key, e.Value)).ToList();
    }

    [Benchmark]
    public async Task<List<(int EventId, long Tickets)>> TypedQuery()
    {
        var top = new List<(int, long)>();
        await foreach (var e in _client.QueryAsync(TickitQueries.TopEvents, new(Year: Year, Top: Top)))
        {
            top.Add((e.Eventid, e.Tickets));
        }

        return top;
    }

    private async Task<List<(int EventId, long Tickets)>> Measure(string name, Func<Task<List<(int, long)>>> answer)
    {
        _http.Reset();
        var result = await answer();
        BytesColumn.Record(name, _http.Bytes);
        return result;
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default
                .WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1)
                .WithWarmupCount(2)
                .WithIterationCount(15)
                .WithInvocationCount(1)
                .WithUnrollFactor(1)
                .WithToolchain(InProcessEmitToolchain.Instance));
            AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default);
            AddColumn(new BytesColumn());
        }
    }
}

/// <summary>Counts the bytes of every request and response body that passes through it.</summary>
internal sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private long _bytes;

    public long Bytes => Interlocked.Read(ref _bytes);

    public void Reset() => Interlocked.Exchange(ref _bytes, 0);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is { } body)
        {
            await body.LoadIntoBufferAsync(cancellationToken);
            Interlocked.Add(ref _bytes, body.Headers.ContentLength ?? 0);
        }

        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        Interlocked.Add(ref _bytes, response.Content.Headers.ContentLength ?? 0);
        return response;
    }
}

/// <summary>The HTTP body bytes one answer moved, as measured in setup (the benchmark runs in process, so it is visible here).</summary>
internal sealed class BytesColumn : IColumn
{
    private static readonly Dictionary<string, long> Measured = [];

    public static void Record(string benchmark, long bytes)
    {
        lock (Measured)
        {
            Measured[benchmark] = bytes;
        }
    }

    public string Id => nameof(BytesColumn);

    public string ColumnName => "HTTP bytes";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Size;

    public string Legend => "Data API request and response bodies per answer (measured once in setup)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        lock (Measured)
        {
            return Measured.TryGetValue(benchmarkCase.Descriptor.WorkloadMethod.Name, out long bytes)
                ? bytes.ToString("N0", CultureInfo.InvariantCulture)
                : "?";
        }
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
