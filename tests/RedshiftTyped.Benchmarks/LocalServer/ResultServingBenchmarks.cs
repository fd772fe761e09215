using System.Globalization;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using RedshiftTyped.Local;
using RedshiftTyped.Local.Security;

namespace RedshiftTyped.Benchmarks.LocalServer;

/// <summary>
/// Rows per second the local server serves through GetStatementResult (JSON) and GetStatementResultV2 (CSV) for
/// a 1,000,000-row, 8-column result on DuckDB, read page by page over HTTP by a minimal signed client that only
/// reads the bytes and the NextToken (so the figure is the server's, not a client's JSON decoding). The memory
/// diagnoser's allocations are process-wide, i.e. the server's plus that thin client's, per 1M rows.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ResultServingBenchmarks
{
    public const int Rows = 1_000_000;

    private static readonly string Sql = RowsSql(Rows);

    /// <summary>The benchmark's 8-column statement for <paramref name="rows"/> rows.</summary>
    public static string RowsSql(int rows) => $"""
        select i as id, i * 3 as qty, 'name ' || i as name, cast(i as decimal(12,2)) / 7 as price,
               i % 2 = 0 as flag, timestamp '2024-01-01 00:00:00' + to_seconds(i) as ts, i / 3.0 as ratio, date '2024-01-01' + cast(i % 365 as integer) as day
        from range({rows}) as t(i)
        """;

    private LocalDataApiServer _server = null!;
    private HttpClient _http = null!;
    private string _jsonId = null!;
    private string _csvId = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        await StartAsync();
        _jsonId = await ExecuteAsync("JSON");
        _csvId = await ExecuteAsync("CSV");
    }

    /// <summary>Starts the server and the thin client only (the quick mode runs its statements itself).</summary>
    public async Task StartAsync(LocalServerOptions? options = null)
    {
        _server = await LocalDataApiServer.StartAsync(options ?? new LocalServerOptions());
        _http = new HttpClient { BaseAddress = _server.Endpoint };
    }

    public LocalDataApiServer Server => _server;

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public Task<long> GetStatementResult() => ReadAllAsync("GetStatementResult", _jsonId);

    [Benchmark(OperationsPerInvoke = Rows)]
    public Task<long> GetStatementResultV2() => ReadAllAsync("GetStatementResultV2", _csvId);

    private Task<string> ExecuteAsync(string format) => ExecuteAsync(Sql, format);

    /// <summary>Runs <paramref name="sql"/> with ResultFormat <paramref name="format"/> until FINISHED; returns its Id.</summary>
    public async Task<string> ExecuteAsync(string sql, string format)
    {
        string body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["Sql"] = sql, ["ClusterIdentifier"] = "bench", ["Database"] = "dev", ["ResultFormat"] = format, ["WaitTimeSeconds"] = 30,
        });
        using var document = JsonDocument.Parse((await PostAsync("ExecuteStatement", body)).ToArray());
        string id = document.RootElement.GetProperty("Id").GetString()!;
        for (int i = 0; i < 60; i++)
        {
            using var described = JsonDocument.Parse((await PostAsync("DescribeStatement", $$"""{"Id":"{{id}}","WaitTimeSeconds":30}""")).ToArray());
            string status = described.RootElement.GetProperty("Status").GetString()!;
            if (status == "FINISHED") return id;
            if (status is "FAILED" or "ABORTED") throw new InvalidOperationException(described.RootElement.ToString());
        }

        throw new TimeoutException("The benchmark statement did not finish.");
    }

    /// <summary>Follows NextToken to the end; returns the bytes served.</summary>
    public async Task<long> ReadAllAsync(string operation, string id)
    {
        long bytes = 0;
        string? token = null;
        do
        {
            string body = token is null ? $$"""{"Id":"{{id}}"}""" : $$"""{"Id":"{{id}}","NextToken":"{{token}}"}""";
            var page = await PostAsync(operation, body);
            bytes += page.Length;
            token = NextToken(page.Span);
        }
        while (token is not null);

        return bytes;
    }

    /// <summary>
    /// The page's NextToken, found from the end (the server writes it last) rather than by tokenizing the page, so the
    /// figure stays the server's: the raw bytes <c>"NextToken":"</c> cannot occur inside a JSON string, whose quotes are escaped.
    /// </summary>
    private static string? NextToken(ReadOnlySpan<byte> page)
    {
        int at = page.LastIndexOf("\"NextToken\":\""u8);
        if (at < 0) return null;
        var value = page[(at + 13)..];
        return Encoding.UTF8.GetString(value[..value.IndexOf((byte)'"')]);
    }

    // Pages are read into one reused buffer, so the thin client adds next to nothing to the allocation figure.
    private byte[] _page = new byte[4 * 1024 * 1024];

    private async Task<ReadOnlyMemory<byte>> PostAsync(string operation, string body)
    {
        byte[] payload = Encoding.UTF8.GetBytes(body);
        string target = "RedshiftData." + operation;
        string amzDate = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        string host = $"{_server.Endpoint.Host}:{_server.Endpoint.Port}";
        var headers = new List<KeyValuePair<string, string>>
        {
            new("content-type", "application/x-amz-json-1.1"), new("host", host), new("x-amz-date", amzDate), new("x-amz-target", target),
        };
        string[] signed = ["content-type", "host", "x-amz-date", "x-amz-target"];
        string signature = SigV4Verifier.ComputeSignature(new SigV4Request("POST", "/", "", headers, payload), signed, "local", amzDate, amzDate[..8], "us-east-1", "redshift-data");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new ByteArrayContent(payload) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-amz-json-1.1");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential=local/{amzDate[..8]}/us-east-1/redshift-data/aws4_request, SignedHeaders={string.Join(';', signed)}, Signature={signature}");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        int length = 0, read;
        while ((read = await stream.ReadAsync(_page.AsMemory(length))) > 0)
        {
            length += read;
            if (length == _page.Length) Array.Resize(ref _page, _page.Length * 2);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{operation}: {(int)response.StatusCode} {Encoding.UTF8.GetString(_page, 0, length)}");
        }

        return _page.AsMemory(0, length);
    }
}
