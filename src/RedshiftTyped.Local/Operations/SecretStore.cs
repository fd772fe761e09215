using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RedshiftTyped.Local.Protocol;
using RedshiftTyped.SecretsManager.Model;

namespace RedshiftTyped.Local.Operations;

/// <summary>A configured secret with the ARN and version id it is served under.</summary>
internal sealed record LocalSecret(string Name, string Arn, string VersionId, string SecretString, DateTime CreatedDate);

/// <summary>The server's Secrets Manager: configured secrets, found by name or ARN. Secret values are never logged.</summary>
internal sealed class SecretStore
{
    private readonly Dictionary<string, LocalSecret> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LocalSecret> _byArn = new(StringComparer.Ordinal);

    public SecretStore(IDictionary<string, string> secrets, string region, DateTime now)
    {
        foreach (var (name, value) in secrets)
        {
            // Secret ARNs end in the name, a dash and six characters; derived from the name so they are stable.
            string suffix = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..6];
            string arn = $"arn:aws:secretsmanager:{region}:123456789012:secret:{name}-{suffix}";
            var secret = new LocalSecret(name, arn, Guid.CreateVersion7().ToString(), value, now);
            _byName[name] = secret;
            _byArn[arn] = secret;
        }
    }

    public LocalSecret? Find(string id) => _byName.GetValueOrDefault(id) ?? _byArn.GetValueOrDefault(id);

    private LocalSecret Require(string? id)
    {
        if (id is null) throw ServiceError.Required("secretId");
        if (id.Length is < 1 or > 2048) throw ServiceError.Constraint("secretId", id, "Member must have length between 1 and 2048");
        return Find(id) ?? throw new ServiceError("ResourceNotFoundException", 400, "Secrets Manager can't find the specified secret.");
    }

    public GetSecretValueResponse GetSecretValue(GetSecretValueRequest request)
    {
        var secret = Require(request.SecretId);
        if (request.VersionId is not null && request.VersionId != secret.VersionId)
        {
            throw new ServiceError("ResourceNotFoundException", 400, "Secrets Manager can't find the specified secret value for VersionId: " + request.VersionId);
        }

        if (request.VersionStage is not null && request.VersionStage != "AWSCURRENT")
        {
            throw new ServiceError("ResourceNotFoundException", 400, "Secrets Manager can't find the specified secret value for staging label: " + request.VersionStage);
        }

        return new GetSecretValueResponse
        {
            ARN = secret.Arn,
            Name = secret.Name,
            VersionId = secret.VersionId,
            SecretString = secret.SecretString,
            VersionStages = ["AWSCURRENT"],
            CreatedDate = secret.CreatedDate,
        };
    }

    public DescribeSecretResponse DescribeSecret(DescribeSecretRequest request)
    {
        var secret = Require(request.SecretId);
        return new DescribeSecretResponse
        {
            ARN = secret.Arn,
            Name = secret.Name,
            RotationEnabled = false,
            LastChangedDate = secret.CreatedDate,
            CreatedDate = secret.CreatedDate,
            VersionIdsToStages = new Dictionary<string, List<string>> { [secret.VersionId] = ["AWSCURRENT"] },
        };
    }

    /// <summary>The Data API's check of a SecretArn: the secret must exist and hold a username and a password.</summary>
    public void CheckDatabaseSecret(string secretArn)
    {
        var secret = Find(secretArn) ?? throw ServiceError.NotFound("Secrets Manager can't find the specified secret.", secretArn);
        try
        {
            using var document = JsonDocument.Parse(secret.SecretString);
            bool has(string key) => document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0;
            if (has("username") && has("password")) return;
        }
        catch (JsonException)
        {
            // Not JSON: treated as a secret without the keys.
        }

        throw ServiceError.Validation("username and password in secret cannot be empty");
    }
}
