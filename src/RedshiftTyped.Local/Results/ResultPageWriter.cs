using System.Text.Json;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.DataApi.Serialization;

namespace RedshiftTyped.Local.Results;

/// <summary>
/// Writes GetStatementResult and GetStatementResultV2 responses around a stored page: the page's bytes are already the
/// <c>Records</c> value (see <see cref="ResultBuilder"/>), so serving a page is a copy, member for member as the model's
/// serializer would write the response.
/// </summary>
internal static class ResultPageWriter
{
    public static void WriteJsonPage(Utf8JsonWriter json, StoredResult.Lease lease, int page, string? nextToken)
    {
        json.WriteStartObject();
        json.WritePropertyName("Records"u8);
        lease.WritePage(page, json);
        WriteCommon(json, lease.Result, nextToken);
        json.WriteEndObject();
    }

    public static void WriteCsvPage(Utf8JsonWriter json, StoredResult.Lease lease, int page, string? nextToken)
    {
        json.WriteStartObject();
        json.WritePropertyName("Records"u8);
        lease.WritePage(page, json);
        WriteCommon(json, lease.Result, nextToken);
        json.WriteString("ResultFormat"u8, "CSV"u8);
        json.WriteEndObject();
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
}
