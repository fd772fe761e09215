using System.Globalization;
using System.Text.Json;
using RedshiftTyped.Reading;

namespace RedshiftTyped.Tool.Export;

/// <summary>The pipeline specification cannot be used; the message names each JSON path at fault and the fix.</summary>
internal sealed class PipelineSpecException(string message) : Exception(message);

/// <summary>
/// Reads a pipeline specification strictly: an unknown key (a typo would otherwise be silently ignored) or a value
/// of the wrong type is an error naming its JSON path. Every problem is reported at once, so one run shows them all.
/// Table options may be strings or numbers (<c>"limit": "100"</c> or <c>100</c>), since the connector passes table
/// options as strings.
/// </summary>
internal static class PipelineSpecReader
{
    public static readonly string[] ScdTypes = ["SCD_TYPE_1", "SCD_TYPE_2", "APPEND_ONLY"];

    private static readonly string[] RootKeys = ["connection_name", "default_destination_catalog", "default_destination_schema", "objects"];
    private static readonly string[] TableKeys = ["source_table", "destination_catalog", "destination_schema", "destination_table", "table_configuration"];
    private static readonly string[] ConfigurationKeys = ["scd_type", "primary_keys", "limit", "where_clause", "chunk_rows", "transport"];

    /// <summary>The values of <c>transport</c> and <c>--transport</c>.</summary>
    public static readonly string[] Transports = ["dataapi", "unload", "auto"];

    public static PipelineSpec ReadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new PipelineSpecException($"pipeline file \"{path}\" does not exist; pass the pipeline specification with --pipeline FILE.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PipelineSpecException($"pipeline file \"{path}\" could not be read: {ex.Message}");
        }

        return Read(text, Path.GetFileName(path));
    }

    public static PipelineSpec Read(string json, string name = "pipeline.json")
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new PipelineSpecException($"{name} is not valid JSON: {ex.Message}");
        }

        using (document)
        {
            var errors = new List<string>();
            var spec = new Parser(errors).Root(document.RootElement);
            if (errors.Count > 0)
            {
                throw new PipelineSpecException(errors.Count == 1
                    ? $"{name}: {errors[0]}"
                    : $"{name} has {errors.Count} problems:\n  " + string.Join("\n  ", errors));
            }

            return spec!;
        }
    }

    private sealed class Parser(List<string> errors)
    {
        public PipelineSpec? Root(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors.Add($"$: expected an object with {Join(RootKeys)}, found {Describe(root)}.");
                return null;
            }

            var keys = Keys(root, "$", RootKeys);
            string? connection = OptionalString(keys, "connection_name", "$");
            string? catalog = OptionalName(keys, "default_destination_catalog", "$");
            string? schema = OptionalName(keys, "default_destination_schema", "$");
            var tables = new List<PipelineTable>();
            if (!keys.TryGetValue("objects", out var objects))
            {
                errors.Add("$.objects: missing; list the tables to snapshot, e.g. \"objects\": [{\"table\": {\"source_table\": \"public.sales\"}}].");
            }
            else if (objects.ValueKind != JsonValueKind.Array)
            {
                errors.Add($"$.objects: expected an array of {{\"table\": {{...}}}} objects, found {Describe(objects)}.");
            }
            else if (objects.GetArrayLength() == 0)
            {
                errors.Add("$.objects: is empty; list at least one table.");
            }
            else
            {
                int index = 0;
                foreach (var item in objects.EnumerateArray())
                {
                    if (Object(item, $"$.objects[{index}]", catalog, schema) is { } table)
                    {
                        tables.Add(table);
                    }

                    index++;
                }
            }

            // Databricks names are case-insensitive: Sales and sales are the same table there.
            var duplicates = tables.GroupBy(t => t.Destination.ToString(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1);
            foreach (var group in duplicates)
            {
                errors.Add($"{string.Join(" and ", group.Select(t => t.JsonPath))}: both land in {group.Key}; give each a distinct destination_table.");
            }

            return new PipelineSpec(connection, tables);
        }

        private PipelineTable? Object(JsonElement item, string path, string? defaultCatalog, string? defaultSchema)
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add($"{path}: expected {{\"table\": {{...}}}}, found {Describe(item)}.");
                return null;
            }

            var names = item.EnumerateObject().Select(p => p.Name).ToList();
            if (names.Contains("schema") || names.Contains("report"))
            {
                errors.Add($"{path}: only table objects can be snapshotted; list each table as {{\"table\": {{\"source_table\": \"schema.table\"}}}}.");
                return null;
            }

            var keys = Keys(item, path, ["table"]);
            if (!keys.TryGetValue("table", out var table))
            {
                errors.Add($"{path}.table: missing; write {{\"table\": {{\"source_table\": \"schema.table\"}}}}.");
                return null;
            }

            return Table(table, path + ".table", defaultCatalog, defaultSchema);
        }

        private PipelineTable? Table(JsonElement table, string path, string? defaultCatalog, string? defaultSchema)
        {
            if (table.ValueKind != JsonValueKind.Object)
            {
                errors.Add($"{path}: expected an object with source_table, found {Describe(table)}.");
                return null;
            }

            int before = errors.Count;
            var keys = Keys(table, path, TableKeys);
            string? sourceText = OptionalString(keys, "source_table", path);
            TableReference? source = null;
            if (sourceText is null)
            {
                if (!keys.ContainsKey("source_table"))
                {
                    errors.Add($"{path}.source_table: missing; name the Redshift table, e.g. \"public.sales\" or \"sales\".");
                }
            }
            else
            {
                try
                {
                    source = TableReference.Parse(sourceText);
                }
                catch (FormatException ex)
                {
                    errors.Add($"{path}.source_table: {ex.Message}");
                }
            }

            string? catalog = OptionalName(keys, "destination_catalog", path) ?? defaultCatalog;
            string? schema = OptionalName(keys, "destination_schema", path) ?? defaultSchema;
            string? name = OptionalName(keys, "destination_table", path) ?? source?.Name;
            if (catalog is null)
            {
                errors.Add($"{path}.destination_catalog: missing, and the spec has no default_destination_catalog; set one of them.");
            }

            if (schema is null)
            {
                errors.Add($"{path}.destination_schema: missing, and the spec has no default_destination_schema; set one of them.");
            }

            var (scd, keysList, limit, where, chunkRows, transport) = Configuration(keys, path);
            return errors.Count > before || source is null || catalog is null || schema is null || name is null
                ? null
                : new PipelineTable(path, sourceText!, source, new DestinationTable(catalog, schema, name), scd, keysList, limit, where, chunkRows, transport);
        }

        private (string Scd, IReadOnlyList<string> PrimaryKeys, int? Limit, string? Where, int? ChunkRows, string? Transport) Configuration(Dictionary<string, JsonElement> tableKeys, string tablePath)
        {
            string path = tablePath + ".table_configuration";
            if (!tableKeys.TryGetValue("table_configuration", out var configuration) || configuration.ValueKind == JsonValueKind.Null)
            {
                return ("SCD_TYPE_1", [], null, null, null, null);
            }

            if (configuration.ValueKind != JsonValueKind.Object)
            {
                errors.Add($"{path}: expected an object with {Join(ConfigurationKeys)}, found {Describe(configuration)}.");
                return ("SCD_TYPE_1", [], null, null, null, null);
            }

            var keys = Keys(configuration, path, ConfigurationKeys);
            string scd = "SCD_TYPE_1";
            if (OptionalString(keys, "scd_type", path) is { } scdText)
            {
                scd = scdText.Trim().ToUpperInvariant();
                if (!ScdTypes.Contains(scd))
                {
                    errors.Add($"{path}.scd_type: \"{scdText}\" is not a known SCD type; use one of {string.Join(", ", ScdTypes)}.");
                }
            }

            var primaryKeys = PrimaryKeys(keys, path);
            int? limit = WholeNumber(keys, "limit", path, minimum: 0);
            int? chunkRows = WholeNumber(keys, "chunk_rows", path, minimum: 1);
            if (chunkRows is not null && primaryKeys.Count == 0)
            {
                errors.Add($"{path}.chunk_rows: needs primary_keys (unique, non-null columns) to split the table on; add them.");
            }

            if (limit is > 0 && primaryKeys.Count == 0)
            {
                // Redshift returns unordered rows in no fixed order: a limit without keys would be a different sample each run.
                errors.Add($"{path}.limit: needs primary_keys to order the rows, or the sample differs from run to run; add primary_keys (columns that identify a row), or remove limit.");
            }

            if (chunkRows is not null && limit is not null)
            {
                errors.Add($"{path}.chunk_rows: cannot be combined with limit (a limited read is one statement); remove one of them.");
            }

            string? transport = OptionalString(keys, "transport", path)?.Trim().ToLowerInvariant();
            if (transport is not null && !Transports.Contains(transport))
            {
                errors.Add($"{path}.transport: \"{transport}\" is not a transport; use one of {string.Join(", ", Transports)}.");
                transport = null;
            }

            if (transport == "unload" && chunkRows is not null)
            {
                errors.Add($"{path}.chunk_rows: splits Data API reads under the result cap, which UNLOAD does not have; remove chunk_rows or the transport.");
            }

            return (scd, primaryKeys, limit, Where(keys, path), chunkRows, transport);
        }

        private List<string> PrimaryKeys(Dictionary<string, JsonElement> keys, string path)
        {
            if (!keys.TryGetValue("primary_keys", out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return [];
            }

            var columns = new List<string>();
            if (value.ValueKind == JsonValueKind.String)
            {
                // The connector passes table options as strings: "salesid, listid".
                columns.AddRange(value.GetString()!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
            }
            else if (value.ValueKind == JsonValueKind.Array)
            {
                int index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(item.GetString()))
                    {
                        columns.Add(item.GetString()!.Trim());
                    }
                    else
                    {
                        errors.Add($"{path}.primary_keys[{index}]: expected a column name, found {Describe(item)}.");
                    }

                    index++;
                }
            }
            else
            {
                errors.Add($"{path}.primary_keys: expected an array of column names such as [\"salesid\"], found {Describe(value)}.");
                return columns;
            }

            if (columns.Count == 0)
            {
                errors.Add($"{path}.primary_keys: is empty; name the key columns, or remove primary_keys.");
            }

            foreach (string duplicate in columns.GroupBy(c => c, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
            {
                errors.Add($"{path}.primary_keys: \"{duplicate}\" is listed twice.");
            }

            return columns;
        }

        /// <summary>A whole-number table option given as a number or a string (<c>100</c> or <c>"100"</c>).</summary>
        private int? WholeNumber(Dictionary<string, JsonElement> keys, string key, string path, int minimum)
        {
            if (!keys.TryGetValue(key, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            bool ok = value.ValueKind switch
            {
                JsonValueKind.Number => value.TryGetInt32(out int _),
                JsonValueKind.String => int.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out int _),
                _ => false,
            };
            int number = !ok ? -1 : value.ValueKind == JsonValueKind.Number ? value.GetInt32() : int.Parse(value.GetString()!, CultureInfo.InvariantCulture);
            if (number < minimum)
            {
                errors.Add($"{path}.{key}: expected a whole number of rows from {minimum} to {int.MaxValue} (100 or \"100\"), found {Describe(value)}.");
                return null;
            }

            return number;
        }

        private string? Where(Dictionary<string, JsonElement> keys, string path)
        {
            string? where = OptionalString(keys, "where_clause", path);
            if (where is not null && string.IsNullOrWhiteSpace(where))
            {
                errors.Add($"{path}.where_clause: is empty; write a condition such as \"qtysold > 1\", or remove where_clause.");
                return null;
            }

            return where;
        }

        /// <summary>The object's members by name; unknown and repeated keys are errors.</summary>
        private Dictionary<string, JsonElement> Keys(JsonElement element, string path, string[] known)
        {
            var keys = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                if (!known.Contains(property.Name))
                {
                    string? near = known.FirstOrDefault(k => Distance(Fold(k), Fold(property.Name)) <= 2);
                    errors.Add($"{path}.{property.Name}: unknown key{(near is null ? "" : $" (did you mean {near}?)")}; the keys here are {Join(known)}.");
                }
                else if (!keys.TryAdd(property.Name, property.Value))
                {
                    errors.Add($"{path}.{property.Name}: given twice; keep one.");
                }
            }

            return keys;
        }

        private string? OptionalString(Dictionary<string, JsonElement> keys, string key, string path)
        {
            if (!keys.TryGetValue(key, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                errors.Add($"{path}.{key}: expected a string, found {Describe(value)}.");
                return null;
            }

            return value.GetString();
        }

        /// <summary>A destination name: a non-empty string without path separators (it becomes a directory or file name).</summary>
        private string? OptionalName(Dictionary<string, JsonElement> keys, string key, string path)
        {
            string? name = OptionalString(keys, key, path);
            if (name is not null && string.IsNullOrWhiteSpace(name))
            {
                errors.Add($"{path}.{key}: is empty; give a name, or remove the key to use the default.");
                return null;
            }

            return name;
        }

        private static string Describe(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => JsonSerializer.Serialize(value.GetString()),
            JsonValueKind.Number => "the number " + value.GetRawText(),
            JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            JsonValueKind.Null => "null",
            JsonValueKind.Array => "an array",
            _ => "an object",
        };

        private static string Fold(string key) => key.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();

        /// <summary>Edit distance, to suggest the key a typo meant.</summary>
        private static int Distance(string a, string b)
        {
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (int j = 0; j <= b.Length; j++) previous[j] = j;
            for (int i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (int j = 1; j <= b.Length; j++)
                {
                    current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                }

                (previous, current) = (current, previous);
            }

            return previous[b.Length];
        }

        private static string Join(string[] keys) => string.Join(", ", keys);
    }
}
