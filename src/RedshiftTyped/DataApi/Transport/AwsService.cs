namespace RedshiftTyped.DataApi.Transport;

internal enum AwsServiceKind
{
    RedshiftData,
    SecretsManager,
}

/// <summary>What distinguishes one AWS JSON 1.1 service on the wire: its target prefix, signing name and endpoint.</summary>
internal sealed record AwsService(AwsServiceKind Kind, string TargetPrefix, string SigningName, string EndpointPrefix, string ApiVersion)
{
    public static readonly AwsService RedshiftData = new(AwsServiceKind.RedshiftData, "RedshiftData", "redshift-data", "redshift-data", "2019-12-20");
    public static readonly AwsService SecretsManager = new(AwsServiceKind.SecretsManager, "secretsmanager", "secretsmanager", "secretsmanager", "2017-10-17");

    /// <summary>
    /// The regional endpoint as the service's endpoint rules give it: <c>https://{prefix}[-fips].{region}.{dnsSuffix}</c>,
    /// where China regions use <c>amazonaws.com.cn</c>.
    /// </summary>
    public Uri RegionalEndpoint(string region, bool useFips)
    {
        string dnsSuffix = region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        string host = useFips ? $"{EndpointPrefix}-fips" : EndpointPrefix;
        return new Uri($"https://{host}.{region}.{dnsSuffix}/");
    }
}
