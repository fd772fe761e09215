// Plumbing hidden from IntelliSense (EditorBrowsable(Never)) for generated code and the client; each method's name says
// what it reads, and the class summary how.
#pragma warning disable CS1591

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedshiftTyped.DataApi.Serialization;

/// <summary>
/// AWS JSON protocols send timestamps as epoch seconds with a fraction (<c>1598306924.632</c>).
/// Kept to the millisecond, as the service sends it.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed class EpochSecondsConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        double seconds = reader.TokenType switch
        {
            JsonTokenType.Number => reader.GetDouble(),
            // Some AWS front ends have sent timestamps as strings; accept both.
            JsonTokenType.String => double.Parse(reader.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture),
            _ => throw new JsonException($"Expected epoch seconds, found {reader.TokenType}."),
        };
        return DateTime.UnixEpoch.AddTicks((long)Math.Round(seconds * 1000) * TimeSpan.TicksPerMillisecond);
    }

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        long millis = (utc - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMillisecond;
        writer.WriteNumberValue(millis / 1000m);
    }
}
