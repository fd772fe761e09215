using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;

namespace RedshiftTyped.TestSupport;

/// <summary>
/// moto's S3 server (<c>moto_server</c>, Python's moto package), the independent S3 implementation UNLOAD is tested
/// against: the one test.sh started (REDSHIFT_TYPED_TEST_S3, an endpoint URL), or one started here on a free loopback
/// port and stopped on dispose. A machine without moto_server fails the tests that need it, loudly: never a skip.
/// </summary>
public sealed class MotoS3 : IAsyncDisposable
{
    /// <summary>The environment variable test.sh sets to the endpoint of the moto_server it started.</summary>
    public const string EnvironmentVariable = "REDSHIFT_TYPED_TEST_S3";

    private readonly Process? _process;

    private MotoS3(string endpoint, Process? process)
    {
        Endpoint = endpoint;
        _process = process;
    }

    /// <summary>The process id of the moto_server started here (null for the one test.sh started), for its CPU time.</summary>
    public int? ProcessId => _process?.Id;

    /// <summary>http://127.0.0.1:PORT</summary>
    public string Endpoint { get; }

    public static async Task<MotoS3> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } given)
        {
            return new MotoS3(given.TrimEnd('/'), null);
        }

        int port = FreePort();
        Process process;
        try
        {
            process = Process.Start(new ProcessStartInfo("moto_server", ["-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException(
                "moto_server is not on PATH: the UNLOAD tests need moto's S3 server (pip install 'moto[server]'), or set " +
                $"{EnvironmentVariable} to the URL of a running one.", ex);
        }

        // Drain its logs so that a full pipe never blocks it.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var moto = new MotoS3($"http://127.0.0.1:{port}", process);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(moto.Endpoint + "/moto-api/");
                return moto;
            }
            catch (Exception) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(200);
            }
            catch (Exception ex)
            {
                await moto.DisposeAsync();
                throw new InvalidOperationException($"moto_server did not answer on {moto.Endpoint} (exited: {process.HasExited}).", ex);
            }
        }
    }

    /// <summary>An S3 client for this server (path-style, any keys).</summary>
    public AmazonS3Client Client() => new(new BasicAWSCredentials("local", "local"),
        new AmazonS3Config { ServiceURL = Endpoint, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });

    /// <summary>Creates a bucket of a fresh name and returns the name.</summary>
    public async Task<string> CreateBucketAsync(string stem)
    {
        string bucket = $"{stem}-{Guid.NewGuid():N}"[..Math.Min(stem.Length + 13, 63)];
        using var s3 = Client();
        await s3.PutBucketAsync(bucket);
        return bucket;
    }

    /// <summary>The keys under a prefix.</summary>
    public async Task<List<string>> KeysAsync(string bucket, string prefix = "")
    {
        using var s3 = Client();
        var page = await s3.ListObjectsV2Async(new Amazon.S3.Model.ListObjectsV2Request { BucketName = bucket, Prefix = prefix });
        return (page.S3Objects ?? []).Select(o => o.Key).ToList();
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        return ValueTask.CompletedTask;
    }
}
