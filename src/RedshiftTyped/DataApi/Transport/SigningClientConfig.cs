using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;

namespace RedshiftTyped.DataApi.Transport;

/// <summary>
/// The smallest <see cref="ClientConfig"/> that AWSSDK.Core's <c>AWS4Signer</c> and credential chain accept:
/// it names the signing service and region. Endpoint resolution is ours, so it is not supported here.
/// </summary>
internal sealed class SigningClientConfig : ClientConfig
{
    private static readonly IDefaultConfiguration[] Defaults =
    [
        new DefaultConfiguration
        {
            Name = DefaultConfigurationMode.Standard,
            RetryMode = RequestRetryMode.Standard,
            S3UsEast1RegionalEndpoint = S3UsEast1RegionalEndpointValue.Regional,
        },
    ];

    private readonly AwsService _service;

    public SigningClientConfig(AwsService service, string region)
        : base(new DefaultConfigurationProvider(Defaults))
    {
        _service = service;
        AuthenticationRegion = region;
        AuthenticationServiceName = service.SigningName;
        RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(region);
    }

    public override string ServiceVersion => _service.ApiVersion;

    public override string UserAgent => UserAgentHeader.Value;

    public override string RegionEndpointServiceName => _service.EndpointPrefix;

    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters)
        => throw new NotSupportedException("RedshiftTyped resolves endpoints itself.");
}

internal static class UserAgentHeader
{
    public static readonly string Value =
        $"redshift-typed/{typeof(UserAgentHeader).Assembly.GetName().Version?.ToString(3) ?? "0"} dotnet/{Environment.Version}";
}
