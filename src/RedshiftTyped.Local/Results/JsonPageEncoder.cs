using RedshiftTyped.DataApi.Model;

namespace RedshiftTyped.Local.Results;

/// <summary>
/// GetStatementResult's <c>Records</c>: an array of rows, each an array of Field objects (<c>{"longValue":1}</c>,
/// <c>{"isNull":true}</c>, ...), written by <see cref="System.Text.Json.Utf8JsonWriter"/> as the model's serializer would.
/// A row's size is its array's bytes, <c>[</c> to <c>]</c>.
/// </summary>
internal sealed class JsonPageEncoder : PageEncoder
{
    public override int WriteRow(ReadOnlySpan<Field> row)
    {
        long start = Position;
        bool separated = start > 1; // past the page's "[": the writer puts a comma first
        Json.WriteStartArray();
        foreach (var field in row)
        {
            WriteField(field);
        }

        Json.WriteEndArray();
        return (int)(Position - start) - (separated ? 1 : 0);
    }

    private void WriteField(Field field)
    {
        var json = Json;
        json.WriteStartObject();
        switch (field.Kind)
        {
            case FieldKind.Null: json.WriteBoolean("isNull"u8, true); break;
            case FieldKind.Boolean: json.WriteBoolean("booleanValue"u8, field.BooleanValue!.Value); break;
            case FieldKind.Long: json.WriteNumber("longValue"u8, field.LongValue!.Value); break;
            case FieldKind.Double:
                double value = field.DoubleValue!.Value;
                if (double.IsFinite(value)) json.WriteNumber("doubleValue"u8, value);
                else json.WriteString("doubleValue"u8, double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
                break;
            case FieldKind.String: json.WriteString("stringValue"u8, field.StringValue); break;
            case FieldKind.Blob: json.WriteBase64String("blobValue"u8, field.BlobValue); break;
        }

        json.WriteEndObject();
    }
}
