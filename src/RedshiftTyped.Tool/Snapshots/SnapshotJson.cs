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

    public static string Write(TableSnapshot table) => WriteDocument(json =>
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
            WriteColumn(json, column.Name, column.Ordinal, column.Type, column.TypeName, column.Length, column.Precision, column.Scale, column.Nullable, column.Override, json =>
            {
                WriteNullable(json, "default", column.Default);
                WriteNullable(json, "comment", column.Comment);
            });
        }

        json.WriteEndArray();
        json.WriteEndObject();
    });

    /// <summary>
    /// A snapshot document as every snapshot file is written: two-space indentation, LF line ends, unicode kept readable,
    /// a trailing newline; <paramref name="write"/> writes the members in their fixed order.
    /// </summary>
    internal static string WriteDocument(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(json);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>
    /// Reads a snapshot file. Every problem is a <see cref="SnapshotFormatException"/> naming the file, the line and
    /// column, and the member (<c>sales.json(14,7): $.columns[2].nullable: …</c>): invalid JSON, a member given twice, a
    /// column named twice, a missing member or one of the wrong type.
    /// </summary>
    public static TableSnapshot Read(string text, string path)
    {
        var (root, at) = Parse(text, path);
        if (root is not JsonObject table)
        {
            throw at.Error("$", "a snapshot must be a JSON object.");
        }

        int version = Required<int>(table, "$", "formatVersion", at);
        if (version != TableSnapshot.CurrentFormatVersion)
        {
            throw at.Error("$.formatVersion", $"formatVersion {version} is not supported (this tool reads {TableSnapshot.CurrentFormatVersion}); update redshift-typed or capture again.");
        }

        var columns = new List<ColumnSnapshot>();
        if (table["columns"] is not JsonArray array)
        {
            throw at.Error("$.columns", "\"columns\" must be an array of column objects.");
        }

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (node, index) in array.Select((n, i) => (n, i)))
        {
            string where = $"$.columns[{index}]";
            if (node is not JsonObject column)
            {
                throw at.Error(where, "each column must be an object.");
            }

            if (column["override"] is { } overrideNode && overrideNode is not JsonObject)
            {
                throw at.Error(where + ".override", "an override must be an object such as {\"clrType\":\"string\"}.");
            }

            string name = Required<string>(column, where, "name", at);
            if (!names.TryAdd(name, where))
            {
                throw at.Error(where + ".name",
                    $"the column \"{name}\" is listed twice (also {names[name]}, line {at.Line(names[name] + ".name")}); a table's column names are unique: remove one.");
            }

            columns.Add(new ColumnSnapshot
            {
                Name = name,
                Ordinal = Required<int>(column, where, "ordinal", at),
                Type = Required<string>(column, where, "type", at),
                TypeName = Required<string>(column, where, "typeName", at),
                Length = Optional<int?>(column, where, "length", at),
                Precision = Optional<int?>(column, where, "precision", at),
                Scale = Optional<int?>(column, where, "scale", at),
                Nullable = Required<bool>(column, where, "nullable", at),
                Default = Optional<string?>(column, where, "default", at),
                Comment = Optional<string?>(column, where, "comment", at),
                Override = (JsonObject?)column["override"]?.DeepClone(),
            });
        }

        return new TableSnapshot
        {
            FormatVersion = version,
            Database = Required<string>(table, "$", "database", at),
            Schema = Required<string>(table, "$", "schema", at),
            Name = Required<string>(table, "$", "name", at),
            Kind = Required<string>(table, "$", "kind", at),
            Comment = Optional<string?>(table, "$", "comment", at),
            DistStyle = Optional<string?>(table, "$", "distStyle", at),
            DistKey = Optional<string?>(table, "$", "distKey", at),
            SortKeys = Strings(table, "$", "sortKeys", at),
            PrimaryKey = Strings(table, "$", "primaryKey", at),
            RecordName = Optional<string?>(table, "$", "recordName", at),
            Columns = columns,
        };
    }

    /// <summary>
    /// Parses a snapshot file (table or query) and maps where each of its members is. Invalid JSON and a member given
    /// twice in one object are <see cref="SnapshotFormatException"/>s naming the file, line and column.
    /// </summary>
    internal static (JsonNode? Root, Locator At) Parse(string text, string path)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        try
        {
            var locations = JsonLocations.Map(utf8, out var duplicate);
            if (duplicate is not null)
            {
                throw new SnapshotFormatException(
                    $"{path}({duplicate.Line},{duplicate.Column}): {duplicate.Path}: the member is given twice in one object (first on line {duplicate.FirstLine}); " +
                    "keep one of them.");
            }

            var root = JsonNode.Parse(utf8, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return (root, new Locator(path, locations));
        }
        catch (JsonException ex)
        {
            throw new SnapshotFormatException($"{path}({ex.LineNumber + 1},{ex.BytePositionInLine + 1}): not valid JSON: {ex.Message} Fix the file, or delete it and run redshift-typed capture again.", ex);
        }
    }

    /// <summary>Turns a JSON path into a located error: <c>file(line,column): path: problem</c>.</summary>
    internal sealed class Locator(string file, JsonLocations locations)
    {
        public SnapshotFormatException Error(string jsonPath, string problem, Exception? inner = null)
            => new($"{file}{locations.At(jsonPath)}: {jsonPath}: {problem}", inner);

        /// <summary>The line of a JSON path (0 when it is not in the file).</summary>
        public int Line(string jsonPath) => locations.Line(jsonPath);
    }

    internal static T Required<T>(JsonObject obj, string owner, string member, Locator at)
    {
        if (obj[member] is null)
        {
            throw at.Error(owner, $"the required member \"{member}\" is missing.");
        }

        return Optional<T>(obj, owner, member, at)!;
    }

    internal static T? Optional<T>(JsonObject obj, string owner, string member, Locator at)
    {
        try
        {
            return obj[member] is { } node ? node.GetValue<T>() : default;
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            throw at.Error($"{owner}.{member}",
                $"\"{member}\" has the wrong type ({obj[member]!.GetValueKind()}); expected {typeof(T).Name.Replace("`1", "", StringComparison.Ordinal)}.", ex);
        }
    }

    private static IReadOnlyList<string> Strings(JsonObject obj, string owner, string member, Locator at)
    {
        if (obj[member] is null)
        {
            return [];
        }

        if (obj[member] is not JsonArray array || array.Any(n => n is null || n.GetValueKind() != JsonValueKind.String))
        {
            throw at.Error($"{owner}.{member}", $"\"{member}\" must be an array of column names.");
        }

        return array.Select(n => n!.GetValue<string>()).ToList();
    }

    /// <summary>
    /// One column object of a table or query snapshot, members in their fixed order: the shape both kinds share, then
    /// the kind's own members (<paramref name="writeOwnMembers"/>), then the hand-written override, kept verbatim.
    /// </summary>
    internal static void WriteColumn(
        Utf8JsonWriter json, string name, int ordinal, string type, string typeName, int? length, int? precision, int? scale, bool nullable,
        JsonObject? overrides, Action<Utf8JsonWriter> writeOwnMembers)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteNumber("ordinal", ordinal);
        json.WriteString("type", type);
        json.WriteString("typeName", typeName);
        WriteNullable(json, "length", length);
        WriteNullable(json, "precision", precision);
        WriteNullable(json, "scale", scale);
        json.WriteBoolean("nullable", nullable);
        writeOwnMembers(json);
        if (overrides is not null)
        {
            json.WritePropertyName("override");
            overrides.WriteTo(json);
        }

        json.WriteEndObject();
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
