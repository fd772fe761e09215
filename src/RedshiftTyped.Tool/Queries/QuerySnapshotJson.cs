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
    public static string Write(QuerySnapshot query) => SnapshotJson.WriteDocument(json =>
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
            SnapshotJson.WriteColumn(json, column.Name, column.Ordinal, column.Type, column.TypeName, column.Length, column.Precision, column.Scale, column.Nullable, column.Override,
                json => json.WriteNumber("reportedNullable", column.ReportedNullable));
        }

        json.WriteEndArray();
        json.WriteEndObject();
    });

    /// <summary>
    /// Reads a query snapshot; anything capture could not have written is a <see cref="SnapshotFormatException"/> naming
    /// the file, the line and column, and the member (<c>top_events.json(9,19): $.columns[1].nullable: …</c>), as for
    /// table snapshots: invalid JSON, a member given twice, a missing member or one of the wrong type.
    /// </summary>
    public static QuerySnapshot Read(string text, string path)
    {
        var (root, at) = SnapshotJson.Parse(text, path);
        if (root is not JsonObject query)
        {
            throw at.Error("$", "a query snapshot must be a JSON object.");
        }

        int version = Required<int>(query, "$", "formatVersion", at);
        if (version != QuerySnapshot.CurrentFormatVersion)
        {
            throw at.Error("$.formatVersion", $"formatVersion {version} is not supported (this tool reads {QuerySnapshot.CurrentFormatVersion}); update redshift-typed or capture again.");
        }

        string kind = Required<string>(query, "$", "kind", at);
        if (kind != QuerySnapshot.QueryKind)
        {
            throw at.Error("$.kind", $"\"kind\" is \"{kind}\"; a query snapshot has \"kind\": \"query\". Table snapshots belong in the schema snapshot directory.");
        }

        var parameters = new List<QueryParameterSnapshot>();
        if (query["parameters"] is JsonArray parameterArray)
        {
            foreach (var (node, index) in parameterArray.Select((n, i) => (n, i)))
            {
                string where = $"$.parameters[{index}]";
                if (node is not JsonObject parameter)
                {
                    throw at.Error(where, "each parameter must be an object.");
                }

                parameters.Add(new QueryParameterSnapshot(
                    Required<string>(parameter, where, "name", at), Required<string>(parameter, where, "type", at), Required<bool>(parameter, where, "nullable", at)));
            }
        }
        else if (query["parameters"] is not null)
        {
            throw at.Error("$.parameters", "\"parameters\" must be an array.");
        }

        if (query["columns"] is not JsonArray array)
        {
            throw at.Error("$.columns", "\"columns\" must be an array of column objects.");
        }

        var columns = new List<QueryColumnSnapshot>();
        foreach (var (node, index) in array.Select((n, i) => (n, i)))
        {
            string where = $"$.columns[{index}]";
            if (node is not JsonObject column)
            {
                throw at.Error(where, "each column must be an object.");
            }

            if (column["override"] is { } overrideNode && overrideNode is not JsonObject)
            {
                throw at.Error(where + ".override", "an override must be an object such as {\"nullable\":false}.");
            }

            columns.Add(new QueryColumnSnapshot
            {
                Name = Required<string>(column, where, "name", at),
                Ordinal = Required<int>(column, where, "ordinal", at),
                Type = Required<string>(column, where, "type", at),
                TypeName = Required<string>(column, where, "typeName", at),
                Length = Optional<int?>(column, where, "length", at),
                Precision = Optional<int?>(column, where, "precision", at),
                Scale = Optional<int?>(column, where, "scale", at),
                Nullable = Required<bool>(column, where, "nullable", at),
                ReportedNullable = Optional<int?>(column, where, "reportedNullable", at) ?? 2,
                Override = (JsonObject?)column["override"]?.DeepClone(),
            });
        }

        return new QuerySnapshot
        {
            FormatVersion = version,
            File = Required<string>(query, "$", "file", at),
            Database = Required<string>(query, "$", "database", at),
            Sha256 = Required<string>(query, "$", "sha256", at),
            Comment = Optional<string?>(query, "$", "comment", at),
            Parameters = parameters,
            Columns = columns,
        };
    }

    private static T Required<T>(JsonObject obj, string owner, string member, SnapshotJson.Locator at) => SnapshotJson.Required<T>(obj, owner, member, at);

    private static T? Optional<T>(JsonObject obj, string owner, string member, SnapshotJson.Locator at) => SnapshotJson.Optional<T>(obj, owner, member, at);

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value) => SnapshotJson.WriteNullable(json, name, value);

    private static void WriteNullable(Utf8JsonWriter json, string name, int? value) => SnapshotJson.WriteNullable(json, name, value);
}
