// Plumbing hidden from IntelliSense (EditorBrowsable(Never)) for generated code and the client; each method's name says
// what it reads, and the class summary how.
#pragma warning disable CS1591

using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using RedshiftTyped.Connection;

namespace RedshiftTyped.DataApi.Transport;

/// <summary>
/// Where signing keys come from: the explicit access keys of the options, or AWSSDK.Core's default
/// credential chain (environment, shared profile, SSO, web identity, ECS, EC2 instance profile).
/// The chain's credentials refresh themselves, so one instance serves the client's lifetime.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed class AwsCredentialSource
{
    private readonly AWSCredentials? _explicit;
    private readonly SemaphoreSlim _resolveLock = new(1, 1);
    private AWSCredentials? _resolved;

    private AwsCredentialSource(AWSCredentials? explicitCredentials) => _explicit = explicitCredentials;

    /// <summary>True when the keys come from the options rather than the default chain.</summary>
    public bool IsExplicit => _explicit is not null;

    public static AwsCredentialSource FromOptions(RedshiftConnectionOptions options)
    {
        if (string.IsNullOrEmpty(options.AccessKeyId))
        {
            return new AwsCredentialSource(null);
        }

        AWSCredentials credentials = string.IsNullOrEmpty(options.SessionToken)
            ? new BasicAWSCredentials(options.AccessKeyId, options.SecretAccessKey)
            : new SessionAWSCredentials(options.AccessKeyId, options.SecretAccessKey, options.SessionToken);
        return new AwsCredentialSource(credentials);
    }

    /// <summary>Uses the given SDK credentials (for callers that already hold an <see cref="AWSCredentials"/>).</summary>
    public static AwsCredentialSource FromCredentials(AWSCredentials credentials)
        => new(credentials ?? throw new ArgumentNullException(nameof(credentials)));

    internal async ValueTask<ImmutableCredentials> GetAsync(SigningClientConfig config, CancellationToken cancellationToken)
    {
        var source = _explicit ?? _resolved ?? await ResolveDefaultChainAsync(config, cancellationToken).ConfigureAwait(false);
        return await source.GetCredentialsAsync().ConfigureAwait(false);
    }

    private async Task<AWSCredentials> ResolveDefaultChainAsync(SigningClientConfig config, CancellationToken cancellationToken)
    {
        await _resolveLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_resolved is not null)
            {
                return _resolved;
            }

            try
            {
                _resolved = await new DefaultAWSCredentialsIdentityResolver()
                    .ResolveIdentityAsync(config.ForCredentialChain(), cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonClientException ex)
            {
                throw new RedshiftConfigurationException(
                    "No AWS credentials were found. Set access_key_id and secret_access_key, or configure the default " +
                    "credential chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE with a shared profile or SSO " +
                    "login, a web identity token, or an ECS/EC2 instance role).", ex);
            }

            return _resolved;
        }
        finally
        {
            _resolveLock.Release();
        }
    }
}
