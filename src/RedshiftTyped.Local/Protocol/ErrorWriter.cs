using System.Text.Json;

namespace RedshiftTyped.Local.Protocol;

/// <summary>Writes an AWS JSON 1.1 error body: <c>{"__type":"X","message":"..."}</c> plus the shape's members.</summary>
internal static class ErrorWriter
{
    public static byte[] Body(ServiceError error)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = MinimalJsonEncoder.Instance }))
        {
            json.WriteStartObject();
            json.WriteString("__type", error.Type);
            json.WriteString("message", error.Message);
            if (error.ResourceId is not null)
            {
                json.WriteString("ResourceId", error.ResourceId);
            }

            if (error.StatementId is not null)
            {
                json.WriteString("StatementId", error.StatementId);
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
