namespace RedshiftTyped.Connection;

/// <summary>
/// What a local Data API server (RedshiftTyped.Local) answers to unless told otherwise, and how client options that
/// point at one are completed. Here, in the client library, so that a client filling them in (the tool's every
/// command) does not load the server's assembly; <c>RedshiftTyped.Local.LocalServerDefaults</c> is the public face
/// of the same values.
/// </summary>
internal static class LocalEndpointDefaults
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
