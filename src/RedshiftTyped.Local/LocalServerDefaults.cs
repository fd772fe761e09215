using RedshiftTyped.Connection;

namespace RedshiftTyped.Local;

/// <summary>
/// What a local server answers to unless told otherwise, and connection options that reach it: one place for the
/// server's defaults and for every client (the tool, the sample, tests, benchmarks) that points at one.
/// </summary>
public static class LocalServerDefaults
{
    public const string Region = "us-east-1";

    public const string Database = "dev";

    /// <summary>Any cluster name is accepted; this is the one clients send.</summary>
    public const string ClusterIdentifier = "local";

    /// <summary>The key pair accepted when no credentials are configured (key and secret alike).</summary>
    public const string AccessKey = "local";

    /// <summary>
    /// Fills what <paramref name="options"/> leaves unset when its endpoint is on this machine (a local server): region,
    /// database, cluster and keys. Options for any other endpoint are left as they are.
    /// </summary>
    public static RedshiftConnectionOptions ApplyTo(RedshiftConnectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) || !endpoint.IsLoopback)
        {
            return options;
        }

        options.Region ??= Region;
        options.Database ??= Database;
        if (string.IsNullOrWhiteSpace(options.ClusterIdentifier) && string.IsNullOrWhiteSpace(options.WorkgroupName))
        {
            options.ClusterIdentifier = ClusterIdentifier;
        }

        if (string.IsNullOrEmpty(options.AccessKeyId) && string.IsNullOrEmpty(options.SecretAccessKey))
        {
            options.AccessKeyId = AccessKey;
            options.SecretAccessKey = AccessKey;
        }

        return options;
    }
}
