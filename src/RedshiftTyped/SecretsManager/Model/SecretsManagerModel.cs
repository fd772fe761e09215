// The Data API and Secrets Manager shapes, one to one with AWS's model (botocore): each member is documented there
// (docs.aws.amazon.com/redshift-data/latest/APIReference); XML docs here would repeat it.
#pragma warning disable CS1591

// Mirrors the secretsmanager service model (botocore's data/secretsmanager/2017-10-17/service-2.json), member for member, so that a move to the
// official AWS SDK package is mechanical. Member names on the wire are exactly as modelled.
using System.Text.Json.Serialization;
using RedshiftTyped.DataApi.Serialization;

namespace RedshiftTyped.SecretsManager.Model;

public sealed partial class DescribeSecretRequest
{
    [JsonPropertyName("SecretId")]
    public string? SecretId { get; set; }
}

public sealed partial class DescribeSecretResponse
{
    [JsonPropertyName("ARN")]
    public string? ARN { get; set; }

    [JsonPropertyName("Name")]
    public string? Name { get; set; }

    [JsonPropertyName("Type")]
    public string? Type { get; set; }

    [JsonPropertyName("Description")]
    public string? Description { get; set; }

    [JsonPropertyName("KmsKeyId")]
    public string? KmsKeyId { get; set; }

    [JsonPropertyName("RotationEnabled")]
    public bool? RotationEnabled { get; set; }

    [JsonPropertyName("RotationLambdaARN")]
    public string? RotationLambdaARN { get; set; }

    [JsonPropertyName("RotationRules")]
    public RotationRulesType? RotationRules { get; set; }

    [JsonPropertyName("ExternalSecretRotationMetadata")]
    public List<ExternalSecretRotationMetadataItem>? ExternalSecretRotationMetadata { get; set; }

    [JsonPropertyName("ExternalSecretRotationRoleArn")]
    public string? ExternalSecretRotationRoleArn { get; set; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    [JsonPropertyName("LastRotatedDate")]
    public DateTime? LastRotatedDate { get; set; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    [JsonPropertyName("LastChangedDate")]
    public DateTime? LastChangedDate { get; set; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    [JsonPropertyName("LastAccessedDate")]
    public DateTime? LastAccessedDate { get; set; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    [JsonPropertyName("DeletedDate")]
    public DateTime? DeletedDate { get; set; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    [JsonPropertyName("NextRotationDate")]
    public DateTime? NextRotationDate { get; set; }

    [JsonPropertyName("Tags")]
    public List<Tag>? Tags { get; set; }

    [JsonPropertyName("VersionIdsToStages")]
    public Dictionary<string, List<string>>? VersionIdsToStages { get; set; }

    [JsonPropertyName("OwningService")]
    public string? OwningService { get; set; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    [JsonPropertyName("CreatedDate")]
    public DateTime? CreatedDate { get; set; }

    [JsonPropertyName("PrimaryRegion")]
    public string? PrimaryRegion { get; set; }

    [JsonPropertyName("ReplicationStatus")]
    public List<ReplicationStatusType>? ReplicationStatus { get; set; }
}

public sealed partial class GetSecretValueRequest
{
    [JsonPropertyName("SecretId")]
    public string? SecretId { get; set; }

    [JsonPropertyName("VersionId")]
    public string? VersionId { get; set; }

    [JsonPropertyName("VersionStage")]
    public string? VersionStage { get; set; }
}

public sealed partial class GetSecretValueResponse
{
    [JsonPropertyName("ARN")]
    public string? ARN { get; set; }

    [JsonPropertyName("Name")]
    public string? Name { get; set; }

    [JsonPropertyName("VersionId")]
    public string? VersionId { get; set; }

    [JsonPropertyName("SecretBinary")]
    public byte[]? SecretBinary { get; set; }

    [JsonPropertyName("SecretString")]
    public string? SecretString { get; set; }

    [JsonPropertyName("VersionStages")]
    public List<string>? VersionStages { get; set; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    [JsonPropertyName("CreatedDate")]
    public DateTime? CreatedDate { get; set; }
}

public sealed partial class RotationRulesType
{
    [JsonPropertyName("AutomaticallyAfterDays")]
    public long? AutomaticallyAfterDays { get; set; }

    [JsonPropertyName("Duration")]
    public string? Duration { get; set; }

    [JsonPropertyName("ScheduleExpression")]
    public string? ScheduleExpression { get; set; }
}

public sealed partial class ExternalSecretRotationMetadataItem
{
    [JsonPropertyName("Key")]
    public string? Key { get; set; }

    [JsonPropertyName("Value")]
    public string? Value { get; set; }
}

public sealed partial class Tag
{
    [JsonPropertyName("Key")]
    public string? Key { get; set; }

    [JsonPropertyName("Value")]
    public string? Value { get; set; }
}

public sealed partial class ReplicationStatusType
{
    [JsonPropertyName("Region")]
    public string? Region { get; set; }

    [JsonPropertyName("KmsKeyId")]
    public string? KmsKeyId { get; set; }

    [JsonPropertyName("Status")]
    public string? Status { get; set; }

    [JsonPropertyName("StatusMessage")]
    public string? StatusMessage { get; set; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    [JsonPropertyName("LastAccessedDate")]
    public DateTime? LastAccessedDate { get; set; }
}
