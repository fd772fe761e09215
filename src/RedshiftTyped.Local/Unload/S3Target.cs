using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using RedshiftTyped.Local.Statements;

namespace RedshiftTyped.Local.Unload;

/// <summary>
/// The S3-compatible endpoint UNLOAD writes to (<see cref="LocalServerOptions.S3Endpoint"/>), through AWSSDK.S3 with
/// path-style addressing. Its failures become statement errors in Redshift's <c>S3ServiceException</c> form.
/// </summary>
internal sealed class S3Target : IDisposable
{
    private readonly AmazonS3Client _client;
    private readonly Uri _endpoint;

    public S3Target(Uri endpoint, string region, string accessKeyId, string secretAccessKey)
    {
        _endpoint = endpoint;
        _client = new AmazonS3Client(new BasicAWSCredentials(accessKeyId, secretAccessKey), new AmazonS3Config
        {
            ServiceURL = endpoint.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = region,
            MaxErrorRetry = 4,
        });
    }

    /// <summary>The keys under the prefix (all of them; UNLOAD prefixes hold a run's files, not millions).</summary>
    public async Task<List<string>> ListAsync(S3Location location, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        string? token = null;
        do
        {
            var page = await Call(() => _client.ListObjectsV2Async(
                new ListObjectsV2Request { BucketName = location.Bucket, Prefix = location.Prefix, ContinuationToken = token }, cancellationToken)).ConfigureAwait(false);
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key));
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);
        return keys;
    }

    public Task PutFileAsync(string bucket, string key, string path, CancellationToken cancellationToken)
        => Call(() => _client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, FilePath = path }, cancellationToken));

    public Task PutTextAsync(string bucket, string key, string text, CancellationToken cancellationToken)
        => Call(() => _client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = text, ContentType = "application/json" }, cancellationToken));

    public Task DeleteAsync(string bucket, string key, CancellationToken cancellationToken)
        => Call(() => _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = key }, cancellationToken));

    private async Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (AmazonS3Exception ex)
        {
            throw new EngineFailure($"ERROR: S3ServiceException:{ex.Message},Status {(int)ex.StatusCode},Error {ex.ErrorCode}");
        }
        catch (Exception ex) when (ex is HttpRequestException or AmazonServiceException or AmazonClientException or IOException)
        {
            throw new EngineFailure($"ERROR: S3ServiceException:Could not reach the S3 endpoint {_endpoint}: {Innermost(ex).Message}");
        }
    }

    private static Exception Innermost(Exception ex) => ex.InnerException is { } inner ? Innermost(inner) : ex;

    public void Dispose() => _client.Dispose();
}
