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
            // Some AWS front ends have sent timestamps as strings of epoch seconds; accept both.
            JsonTokenType.String when double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) => parsed,
            // A JsonException (not a FormatException) so that the serializer adds the member's path to the message.
            JsonTokenType.String => throw new JsonException(
                $"expected epoch seconds such as 1598306924.632, found the string \"{Shorten(reader.GetString()!)}\""),
            _ => throw new JsonException($"expected epoch seconds such as 1598306924.632, found {reader.TokenType}"),
        };

        // DateTime holds years 1 to 9999: anything outside is not a timestamp the service sends.
        const double MaxSeconds = 253402300799, MinSeconds = -62135596800;
        return seconds is >= MinSeconds and <= MaxSeconds && double.IsFinite(seconds)
            ? DateTime.UnixEpoch.AddTicks((long)Math.Round(seconds * 1000) * TimeSpan.TicksPerMillisecond)
            : throw new JsonException($"epoch seconds {seconds.ToString(CultureInfo.InvariantCulture)} are outside the years 1 to 9999");
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        long millis = (utc - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMillisecond;
        writer.WriteNumberValue(millis / 1000m);
    }
}
