using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using RedshiftTyped.Connection;
using RedshiftTyped.Execution;

namespace RedshiftTyped.Reading;

/// <summary>
/// The client's S3 access for the UNLOAD transport: AWSSDK.S3 with the client's keys (or AWSSDK.Core's default chain),
/// its region, and <c>s3_endpoint</c> path-style when given. AWSSDK.S3 retries throttling, 5xx answers and dropped
/// connections itself (up to the client's max_retries).
/// </summary>
internal sealed class S3Files : IDisposable
{
    private readonly AmazonS3Client _s3;

    public S3Files(RedshiftConnectionOptions options)
    {
        var config = new AmazonS3Config { MaxErrorRetry = Math.Max(options.Retry.MaxRetries, 1) };
        if (!string.IsNullOrWhiteSpace(options.S3Endpoint))
        {
            config.ServiceURL = options.S3Endpoint;
            config.ForcePathStyle = true;
            config.AuthenticationRegion = options.Region;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        }

        _s3 = string.IsNullOrEmpty(options.AccessKeyId)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(string.IsNullOrEmpty(options.SessionToken)
                ? new BasicAWSCredentials(options.AccessKeyId, options.SecretAccessKey)
                : new SessionAWSCredentials(options.AccessKeyId, options.SecretAccessKey, options.SessionToken), config);
    }

    public async Task<List<string>> ListAsync(string bucket, string prefix, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        string? token = null;
        do
        {
            var page = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = prefix, ContinuationToken = token }, cancellationToken)
                .ConfigureAwait(false);
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key));
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);
        return keys;
    }

    /// <summary>The object's text; null when it does not exist.</summary>
    public async Task<string?> ReadTextAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _s3.GetObjectAsync(bucket, key, cancellationToken).ConfigureAwait(false);
            using var reader = new StreamReader(response.ResponseStream);
            return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Downloads an object to a file, streamed; false when it does not exist.</summary>
    public async Task<bool> DownloadAsync(string bucket, string key, string path, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _s3.GetObjectAsync(bucket, key, cancellationToken).ConfigureAwait(false);
            await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            await response.ResponseStream.CopyToAsync(file, 1 << 16, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public Task DeleteAsync(string bucket, string key, CancellationToken cancellationToken)
        => _s3.DeleteObjectAsync(bucket, key, cancellationToken);

    public void Dispose() => _s3.Dispose();
}

/// <summary>UNLOAD's manifest (MANIFEST VERBOSE, r_UNLOAD_command_examples.md): each file's URL, bytes and rows, and the totals.</summary>
internal sealed record UnloadManifest(IReadOnlyList<UnloadManifest.Entry> Entries, long? TotalRows)
{
    public sealed record Entry(string Url, string Bucket, string Key, long ContentLength, long? RecordCount);

    public static UnloadManifest Parse(string json, string manifestUrl, string statementId)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            var entries = new List<Entry>();
            foreach (var entry in document.RootElement.GetProperty("entries").EnumerateArray())
            {
                string url = entry.GetProperty("url").GetString()!;
                var meta = entry.GetProperty("meta");
                long length = meta.GetProperty("content_length").GetInt64();
                long? rows = meta.TryGetProperty("record_count", out var count) ? count.GetInt64() : null;
                string rest = url.StartsWith("s3://", StringComparison.Ordinal) ? url[5..] : url;
                int slash = rest.IndexOf('/', StringComparison.Ordinal);
                entries.Add(new Entry(url, rest[..slash], rest[(slash + 1)..], length, rows));
            }

            long? total = document.RootElement.TryGetProperty("meta", out var totals) && totals.TryGetProperty("record_count", out var all)
                ? all.GetInt64()
                : null;
            return new UnloadManifest(entries, total);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or ArgumentOutOfRangeException)
        {
            throw new ResultIntegrityException($"The UNLOAD manifest {manifestUrl} is not the manifest UNLOAD writes ({ex.Message})", statementId);
        }
    }
}
