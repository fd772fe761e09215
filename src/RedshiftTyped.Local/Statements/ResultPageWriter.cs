using System.Text.Json;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.DataApi.Serialization;
using RedshiftTyped.Local.Engine;

namespace RedshiftTyped.Local.Statements;

/// <summary>
/// Writes GetStatementResult and GetStatementResultV2 pages straight from the stored Fields into the response
/// buffer, member for member as the model's serializer would, without building the response objects: these
/// are the server's hot path (the client benchmarks read millions of rows through it).
/// </summary>
internal static class ResultPageWriter
{
    private const int CsvSegmentChars = 64 * 1024;

    public static void WriteJsonPage(Utf8JsonWriter json, StoredResult result, PageRows rows, string? nextToken)
    {
        json.WriteStartObject();
        json.WriteStartArray("Records"u8);
        foreach (var row in rows)
        {
            json.WriteStartArray();
            foreach (var field in row)
            {
                WriteField(json, field);
            }

            json.WriteEndArray();
        }

        json.WriteEndArray();
        WriteCommon(json, result, nextToken);
        json.WriteEndObject();
    }

    /// <summary>RFC 4180 CSV, no header, <c>\n</c> line ends; NULL is an empty unquoted field, an empty string is <c>""</c>.</summary>
    public static void WriteCsvPage(Utf8JsonWriter json, StoredResult result, PageRows rows, string? nextToken)
    {
        json.WriteStartObject();
        json.WriteStartArray("Records"u8);
        var text = new System.Text.StringBuilder(CsvSegmentChars + 1024);
        foreach (var row in rows)
        {
            AppendCsvRow(text, row);
            if (text.Length >= CsvSegmentChars)
            {
                WriteCsvRecord(json, text);
            }
        }

        if (text.Length > 0)
        {
            WriteCsvRecord(json, text);
        }

        json.WriteEndArray();
        WriteCommon(json, result, nextToken);
        json.WriteString("ResultFormat"u8, "CSV"u8);
        json.WriteEndObject();
    }

    /// <summary>One QueryRecords entry, its CSVRecords string streamed from the builder's chunks.</summary>
    private static void WriteCsvRecord(Utf8JsonWriter json, System.Text.StringBuilder text)
    {
        json.WriteStartObject();
        json.WritePropertyName("CSVRecords"u8);
        foreach (var chunk in text.GetChunks())
        {
            json.WriteStringValueSegment(chunk.Span, isFinalSegment: false);
        }

        json.WriteStringValueSegment(ReadOnlySpan<char>.Empty, isFinalSegment: true);
        json.WriteEndObject();
        text.Clear();
    }

    private static void AppendCsvRow(System.Text.StringBuilder text, Field[] row)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        for (int i = 0; i < row.Length; i++)
        {
            if (i > 0) text.Append(',');
            var field = row[i];
            switch (field.Kind)
            {
                case FieldKind.Null:
                    break;
                case FieldKind.Long:
                    text.Append(invariant, $"{field.LongValue!.Value}");
                    break;
                case FieldKind.Double:
                    text.Append(invariant, $"{field.DoubleValue!.Value:R}");
                    break;
                case FieldKind.Boolean:
                    text.Append(field.BooleanValue!.Value ? 't' : 'f');
                    break;
                default:
                    AppendCsvText(text, FieldEncoder.CsvText(field) ?? string.Empty);
                    break;
            }
        }

        text.Append('\n');
    }

    private static void AppendCsvText(System.Text.StringBuilder text, string value)
    {
        if (value.Length == 0 || value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value[0] == ' ' || value[^1] == ' ')
        {
            text.Append('"');
            foreach (char c in value)
            {
                if (c == '"') text.Append('"');
                text.Append(c);
            }

            text.Append('"');
        }
        else
        {
            text.Append(value);
        }
    }

    private static void WriteCommon(Utf8JsonWriter json, StoredResult result, string? nextToken)
    {
        json.WriteStartArray("ColumnMetadata"u8);
        foreach (var column in result.Columns)
        {
            JsonSerializer.Serialize(json, column, RedshiftDataJsonContext.Default.ColumnMetadata);
        }

        json.WriteEndArray();
        json.WriteNumber("TotalNumRows"u8, result.RowCount);
        if (nextToken is not null)
        {
            json.WriteString("NextToken"u8, nextToken);
        }
    }

    private static void WriteField(Utf8JsonWriter json, Field field)
    {
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
