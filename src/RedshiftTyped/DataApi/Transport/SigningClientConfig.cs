using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;

namespace RedshiftTyped.DataApi.Transport;

/// <summary>
/// The smallest <see cref="ClientConfig"/> that AWSSDK.Core's <c>AWS4Signer</c> and credential chain accept:
/// it names the signing service and region. Endpoint resolution is ours, so it is not supported here.
/// The signer reads only <see cref="ClientConfig.AuthenticationRegion"/>; the SDK's <see cref="Amazon.RegionEndpoint"/>
/// is set only for the default credential chain (<see cref="ForCredentialChain"/>), because building the SDK's region
/// table compiles regular expressions with Reflection.Emit, start-up work a call with explicit keys never needs.
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
    private readonly string _region;

    public SigningClientConfig(AwsService service, string region)
        : base(new DefaultConfigurationProvider(Defaults))
    {
        _service = service;
        _region = region;
        AuthenticationRegion = region;
        AuthenticationServiceName = service.SigningName;
    }

    /// <summary>
    /// This configuration with its <see cref="ClientConfig.RegionEndpoint"/> set, as the default credential chain reads
    /// it (regional STS for web identity and assumed roles, SSO). Called once, under the credential source's lock.
    /// </summary>
    public IClientConfig ForCredentialChain()
    {
        RegionEndpoint ??= Amazon.RegionEndpoint.GetBySystemName(_region);
        return this;
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
