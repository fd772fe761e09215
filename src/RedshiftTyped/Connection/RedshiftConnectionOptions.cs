using System.Text;
using Microsoft.Extensions.Configuration;

namespace RedshiftTyped.Connection;

/// <summary>
/// How to reach a Redshift cluster or Serverless workgroup through the Data API. The configuration keys are
/// the community connector's parameter names (<c>cluster_identifier</c>, <c>poll_interval</c>, ...), so a
/// connector's connection file loads unchanged. Secret values never appear in <see cref="ToString"/>.
/// </summary>
public sealed class RedshiftConnectionOptions
{
    /// <summary>The AWS region of the cluster or workgroup, e.g. <c>us-east-1</c>. Required.</summary>
    [ConfigurationKeyName("region")]
    public string? Region { get; set; }

    /// <summary>The database to connect to, e.g. <c>dev</c>. Required.</summary>
    [ConfigurationKeyName("database")]
    public string? Database { get; set; }

    /// <summary>A provisioned cluster's identifier. Exactly one of this and <see cref="WorkgroupName"/>.</summary>
    [ConfigurationKeyName("cluster_identifier")]
    public string? ClusterIdentifier { get; set; }

    /// <summary>A Redshift Serverless workgroup's name or ARN. Exactly one of this and <see cref="ClusterIdentifier"/>.</summary>
    [ConfigurationKeyName("workgroup_name")]
    public string? WorkgroupName { get; set; }

    /// <summary>An explicit access key id; without one the default credential chain (IAM role, profile, ...) is used.</summary>
    [ConfigurationKeyName("access_key_id")]
    public string? AccessKeyId { get; set; }

    /// <summary>The secret key that goes with <see cref="AccessKeyId"/>.</summary>
    [ConfigurationKeyName("secret_access_key")]
    public string? SecretAccessKey { get; set; }

    /// <summary>A session token for temporary access keys.</summary>
    [ConfigurationKeyName("session_token")]
    public string? SessionToken { get; set; }

    /// <summary>The database user for temporary credentials on a provisioned cluster.</summary>
    [ConfigurationKeyName("db_user")]
    public string? DbUser { get; set; }

    /// <summary>A Secrets Manager secret (name or ARN) holding the database username and password.</summary>
    [ConfigurationKeyName("secret_arn")]
    public string? SecretArn { get; set; }

    /// <summary>Comma-separated schemas to discover (e.g. <c>public,sales</c>); empty means every non-system schema.</summary>
    [ConfigurationKeyName("schema_filter")]
    public string? SchemaFilter { get; set; }

    /// <summary>
    /// The longest pause between two status polls, in seconds (the connector's fixed interval; default 2), from 0.01
    /// to 300. Polling starts near 50 ms and backs off to this.
    /// </summary>
    [ConfigurationKeyName("poll_interval")]
    public double PollInterval { get; set; } = DefaultPollInterval;

    /// <summary>Status polls before a statement is cancelled and reported as timed out (default 300).</summary>
    [ConfigurationKeyName("max_poll_attempts")]
    public int MaxPollAttempts { get; set; } = DefaultMaxPollAttempts;

    /// <summary>An explicit Data API endpoint URL, e.g. <c>http://127.0.0.1:8790</c> for the local server.</summary>
    [ConfigurationKeyName("endpoint")]
    public string? Endpoint { get; set; }

    /// <summary>
    /// An explicit S3 endpoint URL for the UNLOAD transport (e.g. <c>http://127.0.0.1:5000</c> for a local S3 such as
    /// moto or MinIO), addressed path-style; otherwise the region's S3 endpoint, virtual-hosted.
    /// </summary>
    [ConfigurationKeyName("s3_endpoint")]
    public string? S3Endpoint { get; set; }

    /// <summary>Use the FIPS endpoint of the region (ignored when <see cref="Endpoint"/> is set).</summary>
    [ConfigurationKeyName("use_fips")]
    public bool UseFips { get; set; }

    /// <summary>Use the Data API's WaitTimeSeconds long polling where the endpoint honours it (default true).</summary>
    [ConfigurationKeyName("long_polling")]
    public bool LongPolling { get; set; } = true;

    /// <summary>Check <see cref="SecretArn"/> once through Secrets Manager DescribeSecret before the first statement (default true).</summary>
    [ConfigurationKeyName("verify_secret")]
    public bool VerifySecret { get; set; } = true;

    /// <summary>Retries of throttled and transient calls.</summary>
    [ConfigurationKeyName("retry")]
    public RedshiftRetryOptions Retry { get; set; } = new();

    /// <summary>The default longest pause between status polls: 2 seconds, as the connector uses.</summary>
    public const double DefaultPollInterval = 2;
    /// <summary>The default number of polls before a statement is cancelled as timed out: 300.</summary>
    public const int DefaultMaxPollAttempts = 300;

    /// <summary>The schemas of <see cref="SchemaFilter"/>, trimmed, empty entries dropped.</summary>
    public IReadOnlyList<string> SchemaFilterList =>
        string.IsNullOrWhiteSpace(SchemaFilter)
            ? []
            : SchemaFilter.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The longest pause between polls.</summary>
    public TimeSpan PollIntervalTimeSpan => TimeSpan.FromSeconds(PollInterval);

    /// <summary>Throws <see cref="RedshiftConfigurationException"/> listing every problem, before any call is made.</summary>
    public void Validate() => ConnectionOptionsValidator.ThrowIfInvalid(this);

    /// <summary>A copy, so that a caller's later changes do not reach a running client.</summary>
    public RedshiftConnectionOptions Clone()
    {
        var copy = (RedshiftConnectionOptions)MemberwiseClone();
        copy.Retry = Retry.Clone();
        return copy;
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder("RedshiftConnectionOptions { ");
        Append(text, "region", Region);
        Append(text, "database", Database);
        Append(text, "cluster_identifier", ClusterIdentifier);
        Append(text, "workgroup_name", WorkgroupName);
        Append(text, "access_key_id", MaskAccessKey(AccessKeyId));
        Append(text, "secret_access_key", Redact(SecretAccessKey));
        Append(text, "session_token", Redact(SessionToken));
        Append(text, "db_user", DbUser);
        Append(text, "s3_endpoint", S3Endpoint);
        Append(text, "secret_arn", SecretArn);
        Append(text, "schema_filter", SchemaFilter);
        Append(text, "endpoint", Endpoint);
        text.Append(System.Globalization.CultureInfo.InvariantCulture,
            $"poll_interval = {PollInterval}, max_poll_attempts = {MaxPollAttempts} }}");
        return text.ToString();
    }

    private static void Append(StringBuilder text, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            text.Append(key).Append(" = ").Append(value).Append(", ");
        }
    }

    private static string? Redact(string? secret) => string.IsNullOrEmpty(secret) ? null : "***";

    /// <summary>Access key ids identify an account's key; show only the last four characters, as the AWS console does.</summary>
    internal static string? MaskAccessKey(string? accessKeyId) => accessKeyId switch
    {
        null or "" => null,
        { Length: > 8 } => "****" + accessKeyId[^4..],
        _ => "****",
    };
}

/// <summary>How throttled and transiently failed calls are retried.</summary>
public sealed class RedshiftRetryOptions
{
    /// <summary>Retries after the first attempt (default 8; 0 turns retries off).</summary>
    [ConfigurationKeyName("max_retries")]
    public int MaxRetries { get; set; } = 8;

    /// <summary>The first backoff ceiling; each retry doubles it (default 100 ms).</summary>
    [ConfigurationKeyName("base_delay")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The largest backoff ceiling (default 20 s).</summary>
    [ConfigurationKeyName("max_delay")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The most one call may take across all its attempts (default 3 minutes).</summary>
    [ConfigurationKeyName("total_timeout")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// The HTTP timeout of one attempt: how long one request may wait for its whole answer before it fails and is
    /// retried (default 90 seconds; <see cref="Timeout.InfiniteTimeSpan"/> for none). It follows the AWS SDK for
    /// .NET's <c>ClientConfig.Timeout</c>. Long polling holds a DescribeStatement up to 30 seconds, so with
    /// <c>long_polling</c> on it must be longer than that. A call that times out on every attempt is a
    /// <see cref="TimeoutException"/> naming this option.
    /// </summary>
    [ConfigurationKeyName("attempt_timeout")]
    public TimeSpan AttemptTimeout { get; set; } = DefaultAttemptTimeout;

    /// <summary>The default <see cref="AttemptTimeout"/>: 90 seconds, room for a 30-second long poll on a slow link.</summary>
    internal static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(90);

    /// <summary>A copy of these options.</summary>
    public RedshiftRetryOptions Clone() => (RedshiftRetryOptions)MemberwiseClone();
}
