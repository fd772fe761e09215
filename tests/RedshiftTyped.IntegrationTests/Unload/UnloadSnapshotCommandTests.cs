using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Parquet;
using Parquet.Data;
using Parquet.Schema;
using RedshiftTyped.Tool;
using RedshiftTyped.Tool.Cli;

namespace RedshiftTyped.IntegrationTests.Unload;

/// <summary>
/// <c>redshift-typed snapshot --transport unload</c> against the local server and moto's S3 server, on both backends:
/// the TICKIT pipeline's Parquet content (rows and an order-independent checksum of the values) is the same as with
/// <c>--transport dataapi</c>, whether the files are downloaded into <c>--out</c> or left in S3 (<c>--keep-in-s3</c>,
/// the manifest listing their URLs, rows and sizes).
/// </summary>
public abstract class UnloadSnapshotCommandTests(TestBackend backend) : IAsyncLifetime
{
    private static readonly string[] Tables = ["category", "date", "event", "listing", "sales", "users", "venue"];

    private readonly string _dir = Directory.CreateTempSubdirectory("rt-unload-snapshot-").FullName;
    private MotoS3 _s3 = null!;
    private TestServer _server = null!;
    private string _bucket = null!;

    public async Task InitializeAsync()
    {
        _s3 = await MotoS3.StartAsync();
        _bucket = await _s3.CreateBucketAsync("snapshot-tests");
        _server = await TestServer.StartAsync(backend, o =>
        {
            o.Sample = "tickit";
            o.S3Endpoint = _s3.Endpoint;
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _s3.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Unload_writes_the_same_parquet_content_as_the_data_api_downloaded_or_kept_in_s3()
    {
        var dataApi = await SnapshotAsync("dataapi", "--transport", "dataapi");
        var downloaded = await SnapshotAsync("unload", "--transport", "unload", "--s3-prefix", $"s3://{_bucket}/downloaded/");
        var kept = await SnapshotAsync("kept", "--transport", "unload", "--s3-prefix", $"s3://{_bucket}/kept/", "--keep-in-s3",
            "--iam-role", "arn:aws:iam::123456789012:role/unload");

        Assert.Contains("7 of 7 tables written", downloaded.Output);
        Assert.Contains("files in S3", kept.Output);
        Assert.Empty(await _s3.KeysAsync(_bucket, "downloaded/"));
        foreach (string table in Tables)
        {
            var expected = await FileContentAsync(Path.Combine(dataApi.Root, "main", "tickit", table + ".parquet"));
            Assert.True(expected.Rows > 0);
            Assert.Equal("dataapi", Entry(dataApi.Manifest, table).GetProperty("transport").GetString());

            var unloadEntry = Entry(downloaded.Manifest, table);
            Assert.Equal("unload", unloadEntry.GetProperty("transport").GetString());
            Assert.StartsWith("UNLOAD (", unloadEntry.GetProperty("sql").GetString(), StringComparison.Ordinal);
            Assert.Equal(expected, await FileContentAsync(Path.Combine(downloaded.Root, "main", "tickit", table + ".parquet")));

            // Left in S3: the manifest lists each file with its rows and bytes, and together they hold the same content.
            var keptEntry = Entry(kept.Manifest, table);
            Assert.Equal(JsonValueKind.Null, keptEntry.GetProperty("path").ValueKind);
            Assert.Equal(expected.Rows, keptEntry.GetProperty("rows").GetInt64());
            var files = keptEntry.GetProperty("s3_files").EnumerateArray().ToList();
            Assert.NotEmpty(files);
            var content = new ContentChecksum();
            foreach (var file in files)
            {
                string url = file.GetProperty("url").GetString()!;
                Assert.StartsWith($"s3://{_bucket}/kept/main/tickit/{table}/", url, StringComparison.Ordinal);
                string local = await DownloadAsync(url);
                Assert.Equal(file.GetProperty("bytes").GetInt64(), new FileInfo(local).Length);
                Assert.Equal(file.GetProperty("rows").GetInt64(), await content.AddFileAsync(local));
            }

            Assert.Equal(expected, content.Result());
        }

        Assert.False(Directory.Exists(Path.Combine(kept.Root, "main")), "--keep-in-s3 downloaded files");
    }

    [Fact]
    public async Task Unload_without_an_s3_prefix_or_keep_in_s3_without_unload_is_a_usage_error()
    {
        var noPrefix = await SnapshotAsync("no-prefix", "--transport", "unload");
        Assert.Equal(2, noPrefix.Exit);
        Assert.Contains("--transport unload needs --s3-prefix", noPrefix.Error);

        var keepOnly = await SnapshotAsync("keep-only", "--keep-in-s3");
        Assert.Equal(2, keepOnly.Exit);
        Assert.Contains("--keep-in-s3", keepOnly.Error);
    }

    private async Task<(int Exit, string Root, JsonElement Manifest, string Output, string Error)> SnapshotAsync(string name, params string[] args)
    {
        string spec = Path.Combine(_dir, "pipeline.json");
        string objects = string.Join(",", Tables.Select(t => "{\"table\": {\"source_table\": \"public." + t + "\"}}"));
        File.WriteAllText(spec, $$"""
            {
              "connection_name": "tickit_redshift",
              "default_destination_catalog": "main",
              "default_destination_schema": "tickit",
              "objects": [{{objects}}]
            }
            """);
        string root = Path.Combine(_dir, name);
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = await ToolApp.RunAsync(
            ["snapshot", "--pipeline", spec, "--out", root, "--endpoint", _server.Server.Endpoint.ToString(), "--poll-interval", "0.1",
                "--s3-endpoint", _s3.Endpoint, "--parallelism", "3", .. args],
            new ToolConsole(output, error));
        if (args.Length > 0 && exit == 0)
        {
            var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "manifest.json"))).RootElement;
            return (exit, root, manifest, output.ToString(), error.ToString());
        }

        Assert.True(exit != 0 || args.Length == 0, output + error.ToString());
        return (exit, root, default, output.ToString(), error.ToString());
    }

    private static JsonElement Entry(JsonElement manifest, string table)
        => manifest.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("source").GetString() == "public." + table);

    private async Task<string> DownloadAsync(string url)
    {
        string rest = url["s3://".Length..];
        int slash = rest.IndexOf('/', StringComparison.Ordinal);
        string path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".parquet");
        using var s3 = _s3.Client();
        using var response = await s3.GetObjectAsync(rest[..slash], rest[(slash + 1)..]);
        await using var file = File.Create(path);
        await response.ResponseStream.CopyToAsync(file);
        return path;
    }

    private static async Task<(long Rows, string Hash)> FileContentAsync(string path)
    {
        var content = new ContentChecksum();
        await content.AddFileAsync(path);
        return content.Result();
    }

    /// <summary>Rows of Parquet files as canonical text, whatever Parquet type carried each value; hashed order-independently.</summary>
    private sealed class ContentChecksum
    {
        private readonly List<string> _rows = [];

        public async Task<long> AddFileAsync(string path)
        {
            await using var reader = await ParquetReader.CreateAsync(path, new ParquetOptions { UseDateOnlyTypeForDates = true });
            var fields = reader.Schema.GetDataFields();
            long rows = 0;
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var columns = new List<string[]>();
                foreach (var field in fields)
                {
                    columns.Add([.. (await ParquetColumnValues.ReadAsync(group, field, checked((int)group.RowCount))).Select(Canonical)]);
                }

                for (int r = 0; r < group.RowCount; r++)
                {
                    _rows.Add(string.Join('\u001f', columns.Select(c => c[r])));
                }

                rows += group.RowCount;
            }

            return rows;
        }

        public (long Rows, string Hash) Result()
        {
            _rows.Sort(StringComparer.Ordinal);
            return (_rows.Count, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', _rows)))));
        }

        private static string Canonical(object? value) => value switch
        {
            null => "\u2400",
            decimal d => d.ToString("G29", CultureInfo.InvariantCulture),
            DateTime dt => dt.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
            DateTimeOffset dto => dto.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            float f => f.ToString("R", CultureInfo.InvariantCulture),
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            byte[] bytes => Convert.ToBase64String(bytes),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString()!,
        };
    }
}

public sealed class DuckDbUnloadSnapshotCommandTests() : UnloadSnapshotCommandTests(TestBackend.DuckDb);

public sealed class PostgresUnloadSnapshotCommandTests() : UnloadSnapshotCommandTests(TestBackend.Postgres);
