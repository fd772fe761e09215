using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using RedshiftTyped.Tool.Snapshots;

namespace RedshiftTyped.Tool.Queries;

/// <summary>
/// Writes and reads query snapshot files, deterministically as table snapshots are (fixed member order, two-space
/// indentation, LF, a trailing newline, nothing that varies between runs or machines).
/// </summary>
public static class QuerySnapshotJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(QuerySnapshot query)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteNumber("formatVersion", query.FormatVersion);
            json.WriteString("kind", QuerySnapshot.QueryKind);
            json.WriteString("file", query.File);
            json.WriteString("database", query.Database);
            json.WriteString("sha256", query.Sha256);
            WriteNullable(json, "comment", query.Comment);
            json.WriteStartArray("parameters");
            foreach (var parameter in query.Parameters)
            {
                json.WriteStartObject();
                json.WriteString("name", parameter.Name);
                json.WriteString("type", parameter.Type);
                json.WriteBoolean("nullable", parameter.Nullable);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("columns");
            foreach (var column in query.Columns)
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
                json.WriteNumber("reportedNullable", column.ReportedNullable);
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

    /// <summary>Reads a query snapshot; anything capture could not have written is a <see cref="SnapshotFormatException"/> naming the file.</summary>
    public static QuerySnapshot Read(string text, string path)
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

        if (root is not JsonObject query)
        {
            throw new SnapshotFormatException($"{path}: a query snapshot must be a JSON object.");
        }

        int version = Required<int>(query, "formatVersion", path);
        if (version != QuerySnapshot.CurrentFormatVersion)
        {
            throw new SnapshotFormatException($"{path}: formatVersion {version} is not supported (this tool reads {QuerySnapshot.CurrentFormatVersion}); update redshift-typed or capture again.");
        }

        string kind = Required<string>(query, "kind", path);
        if (kind != QuerySnapshot.QueryKind)
        {
            throw new SnapshotFormatException($"{path}: \"kind\" is \"{kind}\"; a query snapshot has \"kind\": \"query\". Table snapshots belong in the schema snapshot directory.");
        }

        var parameters = new List<QueryParameterSnapshot>();
        if (query["parameters"] is JsonArray parameterArray)
        {
            foreach (var (node, index) in parameterArray.Select((n, i) => (n, i)))
            {
                string where = $"{path}: parameters[{index}]";
                if (node is not JsonObject parameter)
                {
                    throw new SnapshotFormatException($"{where} must be an object.");
                }

                parameters.Add(new QueryParameterSnapshot(
                    Required<string>(parameter, "name", where), Required<string>(parameter, "type", where), Required<bool>(parameter, "nullable", where)));
            }
        }
        else if (query["parameters"] is not null)
        {
            throw new SnapshotFormatException($"{path}: \"parameters\" must be an array.");
        }

        if (query["columns"] is not JsonArray array)
        {
            throw new SnapshotFormatException($"{path}: \"columns\" must be an array of column objects.");
        }

        var columns = new List<QueryColumnSnapshot>();
        foreach (var (node, index) in array.Select((n, i) => (n, i)))
        {
            string where = $"{path}: columns[{index}]";
            if (node is not JsonObject column)
            {
                throw new SnapshotFormatException($"{where} must be an object.");
            }

            if (column["override"] is { } overrideNode && overrideNode is not JsonObject)
            {
                throw new SnapshotFormatException($"{where}.override must be an object such as {{\"nullable\":false}}.");
            }

            columns.Add(new QueryColumnSnapshot
            {
                Name = Required<string>(column, "name", where),
                Ordinal = Required<int>(column, "ordinal", where),
                Type = Required<string>(column, "type", where),
                TypeName = Required<string>(column, "typeName", where),
                Length = Optional<int?>(column, "length", where),
                Precision = Optional<int?>(column, "precision", where),
                Scale = Optional<int?>(column, "scale", where),
                Nullable = Required<bool>(column, "nullable", where),
                ReportedNullable = Optional<int?>(column, "reportedNullable", where) ?? 2,
                Override = (JsonObject?)column["override"]?.DeepClone(),
            });
        }

        return new QuerySnapshot
        {
            FormatVersion = version,
            File = Required<string>(query, "file", path),
            Database = Required<string>(query, "database", path),
            Sha256 = Required<string>(query, "sha256", path),
            Comment = Optional<string?>(query, "comment", path),
            Parameters = parameters,
            Columns = columns,
        };
    }

    private static T Required<T>(JsonObject obj, string member, string where) => SnapshotJson.Required<T>(obj, member, where);

    private static T? Optional<T>(JsonObject obj, string member, string where) => SnapshotJson.Optional<T>(obj, member, where);

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value) => SnapshotJson.WriteNullable(json, name, value);

    private static void WriteNullable(Utf8JsonWriter json, string name, int? value) => SnapshotJson.WriteNullable(json, name, value);
}
