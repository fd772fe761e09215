namespace RedshiftTyped.Reading;

/// <summary>
/// Where and how <see cref="SnapshotTransport.Unload"/> writes: every run writes under a folder of its own,
/// <c>&lt;S3Prefix&gt;&lt;run id&gt;/</c>, and deletes that folder (only that folder) once every row is read, unless
/// <see cref="KeepFiles"/>. The IAM role must let Redshift write there; the caller's own credentials (the client's
/// keys or default chain) read the files.
/// </summary>
/// <remarks>
/// Memory: a read keeps a row group's columns per download at a time, whatever the table's size, but Parquet.Net (6.1)
/// copies each Snappy page it decodes into large-object-heap arrays of changing sizes. Under the runtime's default GC
/// settings the holes they leave raised a process's peak once by about 100 MB (+36 to +47 % from 1M to 5M rows, no further
/// at 10M); a process that reads big tables this way should run with <c>System.GC.ConserveMemory</c> (e.g. 7, as the
/// <c>redshift-typed</c> tool does), which kept it within +3 to +11 % at 5M (median +5 %; docs/benchmarks.md §8, round 22). A library cannot
/// choose its host's GC settings.
/// </remarks>
public sealed class UnloadOptions
{
    /// <summary><c>s3://bucket/path/</c>: the folder the runs' folders go in (a trailing slash is added when missing).</summary>
    public string? S3Prefix { get; init; }

    /// <summary>The IAM role Redshift writes to S3 with: a role ARN, or <c>default</c> for the cluster's default role (the default).</summary>
    public string IamRole { get; init; } = "default";

    /// <summary>A KMS key id to encrypt the files with (UNLOAD's <c>KMS_KEY_ID … ENCRYPTED</c>); null for S3's default encryption.</summary>
    public string? KmsKeyId { get; init; }

    /// <summary>UNLOAD's MAXFILESIZE in MB (5 to 6,200); null for Redshift's default of 6.2 GB. Smaller files download in parallel sooner.</summary>
    public int? MaxFileSizeMb { get; init; }

    /// <summary>
    /// Files downloaded and decoded at once (default 4), each on a thread the read starts for it and ends with it (not the
    /// thread pool): 1 to 64.
    /// </summary>
    public int DownloadParallelism { get; init; } = 4;

    /// <summary>Leave the run's files in S3 after the read (the manifest lists them); default false: they are deleted.</summary>
    public bool KeepFiles { get; init; }

    /// <summary>
    /// Allow <see cref="S3Prefix"/> to hold objects already (default false: a prefix with objects is refused, so that a
    /// typo cannot point UNLOAD into a data folder). Only the run's own folder is ever deleted either way.
    /// </summary>
    public bool AllowNonEmptyPrefix { get; init; }

    /// <summary>The prefix as a bucket and a key prefix ending in <c>/</c>.</summary>
    internal (string Bucket, string Prefix) Location
    {
        get
        {
            string url = S3Prefix!;
            string rest = url["s3://".Length..];
            int slash = rest.IndexOf('/', StringComparison.Ordinal);
            string bucket = slash < 0 ? rest : rest[..slash];
            string prefix = slash < 0 ? "" : rest[(slash + 1)..];
            if (prefix.Length > 0 && !prefix.EndsWith('/')) prefix += "/";
            return (bucket, prefix);
        }
    }

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(S3Prefix) || !S3Prefix.StartsWith("s3://", StringComparison.Ordinal) || S3Prefix.Length <= "s3://".Length)
        {
            throw new ArgumentException(
                $"UnloadOptions.S3Prefix \"{S3Prefix}\" is not an S3 location: give s3://bucket/path/ (a folder UNLOAD may write its runs under).",
                nameof(S3Prefix));
        }

        var (bucket, _) = Location;
        if (bucket.Length is < 3 or > 63 || !bucket.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-'))
        {
            throw new ArgumentException($"UnloadOptions.S3Prefix \"{S3Prefix}\": \"{bucket}\" is not an S3 bucket name (3 to 63 lower-case letters, digits, dots, hyphens).", nameof(S3Prefix));
        }

        if (IamRole != "default" && !IamRole.StartsWith("arn:aws", StringComparison.Ordinal))
        {
            throw new ArgumentException($"UnloadOptions.IamRole \"{IamRole}\" is not an IAM role ARN (arn:aws:iam::<account>:role/<name>) or \"default\".", nameof(IamRole));
        }

        if (MaxFileSizeMb is < 5 or > 6200)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxFileSizeMb), MaxFileSizeMb, "MaxFileSizeMb must be 5 to 6,200 (UNLOAD's MAXFILESIZE bounds).");
        }

        if (DownloadParallelism is < 1 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(DownloadParallelism), DownloadParallelism, "DownloadParallelism must be 1 to 64 files at once.");
        }
    }
}
