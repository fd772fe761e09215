// Plumbing hidden from IntelliSense (EditorBrowsable(Never)) for generated code and the client; each method's name says
// what it reads, and the class summary how.
#pragma warning disable CS1591

using System.Text.Json.Serialization;

namespace RedshiftTyped.DataApi.Serialization;

/// <summary>
/// The body of an AWS JSON 1.1 error. The service may spell the message <c>message</c> or <c>Message</c>
/// (clients must accept both), so both are mapped and the first one present wins.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed class AwsErrorBody
{
    [JsonPropertyName("__type")]
    public string? Type { get; set; }

    [JsonPropertyName("message")]
    public string? LowerMessage { get; set; }

    [JsonPropertyName("Message")]
    public string? Message { get; set; }

    [JsonPropertyName("code")]
    public string? Code { get; set; }

    [JsonPropertyName("StatementId")]
    public string? StatementId { get; set; }

    [JsonPropertyName("ResourceId")]
    public string? ResourceId { get; set; }

    /// <summary>The message, whichever spelling carried it.</summary>
    [JsonIgnore]
    public string? EffectiveMessage => Message ?? LowerMessage;
}
