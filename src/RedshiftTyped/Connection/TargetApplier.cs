using RedshiftTyped.DataApi.Errors;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.SecretsManager;
using RedshiftTyped.SecretsManager.Model;

namespace RedshiftTyped.Connection;

/// <summary>
/// Fills every request's cluster or workgroup, database and database credentials from the options, and checks
/// a secret_arn once through Secrets Manager DescribeSecret, so that a wrong ARN or a missing permission fails
/// with a clear message before any SQL runs.
/// </summary>
internal sealed class TargetApplier(RedshiftConnectionOptions options, SecretsManagerClient secrets)
{
    private readonly SemaphoreSlim _verifyLock = new(1, 1);
    private volatile bool _secretVerified = string.IsNullOrWhiteSpace(options.SecretArn) || !options.VerifySecret;

    public void Apply(ITargetedRequest request)
    {
        request.ClusterIdentifier ??= NullIfBlank(options.ClusterIdentifier);
        request.WorkgroupName ??= NullIfBlank(options.WorkgroupName);
        request.Database ??= options.Database;
        request.DbUser ??= NullIfBlank(options.DbUser);
        request.SecretArn ??= NullIfBlank(options.SecretArn);
    }

    public async ValueTask EnsureSecretVerifiedAsync(CancellationToken cancellationToken)
    {
        if (_secretVerified)
        {
            return;
        }

        await _verifyLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_secretVerified)
            {
                return;
            }

            try
            {
                await secrets.DescribeSecretAsync(new DescribeSecretRequest { SecretId = options.SecretArn }, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (SecretsManagerException ex) when (ex.ErrorCode == "ResourceNotFoundException")
            {
                throw new RedshiftConfigurationException(
                    $"secret_arn \"{options.SecretArn}\" was not found by Secrets Manager in {options.Region}: check the secret's name or ARN and the region.", ex);
            }
            catch (SecretsManagerException ex) when (ex.ErrorCode is "AccessDeniedException" or "AccessDenied")
            {
                throw new RedshiftConfigurationException(
                    $"The caller may not read secret_arn \"{options.SecretArn}\" ({ex.Message}): grant secretsmanager:DescribeSecret and " +
                    "secretsmanager:GetSecretValue on it, or set verify_secret to false to skip this check.", ex);
            }
            catch (AwsServiceException ex) when (ex.ErrorCode is "UnrecognizedClientException" or "InvalidSignatureException"
                or "InvalidClientTokenId" or "SignatureDoesNotMatch" or "ExpiredTokenException")
            {
                throw new RedshiftConfigurationException(
                    $"AWS rejected the credentials ({ex.ErrorCode}: {ex.Message}): check access_key_id, secret_access_key and session_token, or the default credential chain.", ex);
            }

            _secretVerified = true;
        }
        finally
        {
            _verifyLock.Release();
        }
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
