using RedshiftTyped.DataApi.Transport;
using RedshiftTyped.SecretsManager.Model;

namespace RedshiftTyped.SecretsManager;

/// <summary>The two Secrets Manager calls the client makes, named as in the AWS SDK's <c>IAmazonSecretsManager</c>.</summary>
public sealed class SecretsManagerClient
{
    private static readonly SecretsManagerJsonContext Json = SecretsManagerJsonContext.Default;
    private readonly AwsJsonTransport _transport;

    internal SecretsManagerClient(AwsJsonTransport transport) => _transport = transport;

    /// <summary>Calls <c>secretsmanager.DescribeSecret</c>: the secret's metadata, never its value.</summary>
    public Task<DescribeSecretResponse> DescribeSecretAsync(DescribeSecretRequest request, CancellationToken cancellationToken = default)
        => _transport.InvokeAsync("DescribeSecret", request, Json.DescribeSecretRequest, Json.DescribeSecretResponse, cancellationToken);

    /// <summary>Calls <c>secretsmanager.GetSecretValue</c>. The value is the caller's to protect: never log it.</summary>
    public Task<GetSecretValueResponse> GetSecretValueAsync(GetSecretValueRequest request, CancellationToken cancellationToken = default)
        => _transport.InvokeAsync("GetSecretValue", request, Json.GetSecretValueRequest, Json.GetSecretValueResponse, cancellationToken);
}
