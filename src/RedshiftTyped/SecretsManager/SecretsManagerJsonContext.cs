using System.Text.Json.Serialization;
using RedshiftTyped.DataApi.Serialization;
using RedshiftTyped.SecretsManager.Model;

namespace RedshiftTyped.SecretsManager;

/// <summary>Source-generated JSON metadata for the Secrets Manager calls the client makes.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GetSecretValueRequest))]
[JsonSerializable(typeof(GetSecretValueResponse))]
[JsonSerializable(typeof(DescribeSecretRequest))]
[JsonSerializable(typeof(DescribeSecretResponse))]
[JsonSerializable(typeof(AwsErrorBody))]
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed partial class SecretsManagerJsonContext : JsonSerializerContext;
