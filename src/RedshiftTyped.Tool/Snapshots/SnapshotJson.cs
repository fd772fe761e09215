using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RedshiftTyped.Tool.Snapshots;

/// <summary>A snapshot file cannot be read; the message names the file, the place and the fix.</summary>
public sealed class SnapshotFormatException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Writes and reads snapshot files. Writing is deterministic: fixed member order, two-space indentation, LF line
/// ends, a trailing newline, unicode kept readable, nothing that varies between runs or machines.
/// </summary>
public static class SnapshotJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(TableSnapshot table)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteNumber("formatVersion", table.FormatVersion);
            json.WriteString("database", table.Database);
            json.WriteString("schema", table.Schema);
            json.WriteString("name", table.Name);
            json.WriteString("kind", table.Kind);
            WriteNullable(json, "comment", table.Comment);
            WriteNullable(json, "distStyle", table.DistStyle);
            WriteNullable(json, "distKey", table.DistKey);
            WriteStrings(json, "sortKeys", table.SortKeys);
            WriteStrings(json, "primaryKey", table.PrimaryKey);
            WriteNullable(json, "recordName", table.RecordName);
            json.WriteStartArray("columns");
            foreach (var column in table.Columns)
            {
                json.WriteStartObject();
                json.WriteString("name", column.Name);
                json.WriteNumber("ordinal", column.Ordinal);
                json.WriteString("type", column.Type);
                json.WriteString("typeName", column.TypeName);
                WriteNullable(json, "length", column.Length);
                WriteNullable(json, "precision", column.Precision);
                WriteNullable(json, "scale", column.Scale);
                json.WriteBoolean("nullable", column.Nullable);
                WriteNullable(json, "default", column.Default);
                WriteNullable(json, "comment", column.Comment);
                if (column.Override is { } overrides)
                {
                    json.WritePropertyName("override");
                    overrides.WriteTo(json);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    public static TableSnapshot Read(string text, string path)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new SnapshotFormatException($"{path}({ex.LineNumber + 1},{ex.BytePositionInLine + 1}): not valid JSON: {ex.Message} Fix the file, or delete it and run redshift-typed capture again.", ex);
        }

        if (root is not JsonObject table)
        {
            throw new SnapshotFormatException($"{path}: a snapshot must be a JSON object.");
        }

        int version = Required<int>(table, "formatVersion", path);
        if (version != TableSnapshot.CurrentFormatVersion)
        {
            throw new SnapshotFormatException($"{path}: formatVersion {version} is not supported (this tool reads {TableSnapshot.CurrentFormatVersion}); update redshift-typed or capture again.");
        }

        var columns = new List<ColumnSnapshot>();
        if (table["columns"] is not JsonArray array)
        {
            throw new SnapshotFormatException($"{path}: \"columns\" must be an array of column objects.");
        }

        foreach (var (node, index) in array.Select((n, i) => (n, i)))
        {
            string where = $"{path}: columns[{index}]";
            if (node is not JsonObject column)
            {
                throw new SnapshotFormatException($"{where} must be an object.");
            }

            if (column["override"] is { } overrideNode && overrideNode is not JsonObject)
            {
                throw new SnapshotFormatException($"{where}.override must be an object such as {{\"clrType\":\"string\"}}.");
            }

            columns.Add(new ColumnSnapshot
            {
                Name = Required<string>(column, "name", where),
                Ordinal = Required<int>(column, "ordinal", where),
                Type = Required<string>(column, "type", where),
                TypeName = Required<string>(column, "typeName", where),
                Length = Optional<int?>(column, "length", where),
                Precision = Optional<int?>(column, "precision", where),
                Scale = Optional<int?>(column, "scale", where),
                Nullable = Required<bool>(column, "nullable", where),
                Default = Optional<string?>(column, "default", where),
                Comment = Optional<string?>(column, "comment", where),
                Override = (JsonObject?)column["override"]?.DeepClone(),
            });
        }

        return new TableSnapshot
        {
            FormatVersion = version,
            Database = Required<string>(table, "database", path),
            Schema = Required<string>(table, "schema", path),
            Name = Required<string>(table, "name", path),
            Kind = Required<string>(table, "kind", path),
            Comment = Optional<string?>(table, "comment", path),
            DistStyle = Optional<string?>(table, "distStyle", path),
            DistKey = Optional<string?>(table, "distKey", path),
            SortKeys = Strings(table, "sortKeys", path),
            PrimaryKey = Strings(table, "primaryKey", path),
            RecordName = Optional<string?>(table, "recordName", path),
            Columns = columns,
        };
    }

    internal static T Required<T>(JsonObject obj, string member, string where)
    {
        if (obj[member] is null)
        {
            throw new SnapshotFormatException($"{where}: the required member \"{member}\" is missing.");
        }

        return Optional<T>(obj, member, where)!;
    }

    internal static T? Optional<T>(JsonObject obj, string member, string where)
    {
        try
        {
            return obj[member] is { } node ? node.GetValue<T>() : default;
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            throw new SnapshotFormatException($"{where}: \"{member}\" has the wrong type ({obj[member]!.GetValueKind()}); expected {typeof(T).Name.Replace("`1", "", StringComparison.Ordinal)}.", ex);
        }
    }

    private static IReadOnlyList<string> Strings(JsonObject obj, string member, string where)
    {
        if (obj[member] is null)
        {
            return [];
        }

        if (obj[member] is not JsonArray array || array.Any(n => n is null || n.GetValueKind() != JsonValueKind.String))
        {
            throw new SnapshotFormatException($"{where}: \"{member}\" must be an array of column names.");
        }

        return array.Select(n => n!.GetValue<string>()).ToList();
    }

    internal static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteString(name, value);
    }

    internal static void WriteNullable(Utf8JsonWriter json, string name, int? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteNumber(name, value.Value);
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (string value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
