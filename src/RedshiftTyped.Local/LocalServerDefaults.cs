using RedshiftTyped.Connection;

namespace RedshiftTyped.Local;

/// <summary>
/// What a local server answers to unless told otherwise, and connection options that reach it: one place for the
/// server's defaults and for every client (the tool, the sample, tests, benchmarks) that points at one. The values
/// and <see cref="ApplyTo"/> live in the client library (a client applying them need not load this assembly).
/// </summary>
public static class LocalServerDefaults
{
    public const string Region = LocalEndpointDefaults.Region;

    public const string Database = LocalEndpointDefaults.Database;

    /// <summary>Any cluster name is accepted; this is the one clients send.</summary>
    public const string ClusterIdentifier = LocalEndpointDefaults.ClusterIdentifier;

    /// <summary>The key pair accepted when no credentials are configured (key and secret alike).</summary>
    public const string AccessKey = LocalEndpointDefaults.AccessKey;

    /// <summary>
    /// Fills what <paramref name="options"/> leaves unset when its endpoint is on this machine (a local server): region,
    /// database, cluster and keys. Options for any other endpoint are left as they are.
    /// </summary>
    public static RedshiftConnectionOptions ApplyTo(RedshiftConnectionOptions options) => LocalEndpointDefaults.ApplyTo(options);
}
