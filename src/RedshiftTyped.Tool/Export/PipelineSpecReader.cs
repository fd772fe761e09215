using System.Globalization;
using System.Text.Json;
using RedshiftTyped.Incremental;
using RedshiftTyped.Reading;
using RedshiftTyped.Naming;

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

    /// <summary>The default ingestion type: the whole table, every run.</summary>
    public const string Snapshot = "snapshot";

    /// <summary>The connector framework's ingestion types, as a spec spells them.</summary>
    public static readonly string[] IngestionTypes = [Snapshot, "append", "cdc", "cdc_with_deletes"];

    private static readonly string[] RootKeys = ["connection_name", "default_destination_catalog", "default_destination_schema", "objects"];
    private static readonly string[] TableKeys = ["source_table", "destination_catalog", "destination_schema", "destination_table", "table_configuration"];
    private static readonly string[] ConfigurationKeys = ["scd_type", "primary_keys", "limit", "where_clause", "chunk_rows", "transport", "ingestion_type", "cursor_field", "lookback"];

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

            var (scd, keysList, limit, where, chunkRows, transport, incremental) = Configuration(keys, path);
            return errors.Count > before || source is null || catalog is null || schema is null || name is null
                ? null
                : new PipelineTable(path, sourceText!, source, new DestinationTable(catalog, schema, name), scd, keysList, limit, where, chunkRows, transport, incremental);
        }

        private (string Scd, IReadOnlyList<string> PrimaryKeys, int? Limit, string? Where, int? ChunkRows, string? Transport, IncrementalSettings? Incremental) Configuration(
            Dictionary<string, JsonElement> tableKeys, string tablePath)
        {
            string path = tablePath + ".table_configuration";
            if (!tableKeys.TryGetValue("table_configuration", out var configuration) || configuration.ValueKind == JsonValueKind.Null)
            {
                return ("SCD_TYPE_1", [], null, null, null, null, null);
            }

            if (configuration.ValueKind != JsonValueKind.Object)
            {
                errors.Add($"{path}: expected an object with {Join(ConfigurationKeys)}, found {Describe(configuration)}.");
                return ("SCD_TYPE_1", [], null, null, null, null, null);
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

            var incremental = Incremental(keys, path, scd, primaryKeys, limit);
            if (incremental is not null && transport is "unload" or "auto")
            {
                // A change read resumes from an offset inside the cursor order and, for cdc_with_deletes, joins digest and
                // key statements with it, all paged through the Data API; UNLOAD writes one SELECT's rows to S3 unordered.
                errors.Add($"{path}.transport: {transport} cannot read ingestion_type {IngestionTypeNames.Name(incremental.Type)}, which reads only the changes " +
                           "through the Data API; remove transport (or set it to dataapi), or use ingestion_type snapshot.");
            }

            return (scd, primaryKeys, limit, Where(keys, path), chunkRows, transport, incremental);
        }

        /// <summary>
        /// <c>ingestion_type</c> with what it needs: a cursor_field (and primary_keys) for the incremental types, an
        /// optional lookback that is a window; nothing incremental for a snapshot. Whether the cursor is a column of the
        /// table, of an orderable type, is checked against the table when the run reads it.
        /// </summary>
        private IncrementalSettings? Incremental(Dictionary<string, JsonElement> keys, string path, string scd, List<string> primaryKeys, int? limit)
        {
            string typeName = Snapshot;
            if (OptionalString(keys, "ingestion_type", path) is { } typeText)
            {
                typeName = typeText.Trim().ToLowerInvariant();
                if (!IngestionTypes.Contains(typeName))
                {
                    errors.Add($"{path}.ingestion_type: \"{typeText}\" is not an ingestion type; use one of {string.Join(", ", IngestionTypes)}.");
                    return null;
                }
            }

            string? cursor = OptionalString(keys, "cursor_field", path);
            if (cursor is not null && string.IsNullOrWhiteSpace(cursor))
            {
                errors.Add($"{path}.cursor_field: is empty; name the column whose value grows with every insert and update (e.g. \"updated_at\").");
                return null;
            }

            bool hasLookback = keys.TryGetValue("lookback", out var lookbackValue) && lookbackValue.ValueKind != JsonValueKind.Null;
            if (typeName == Snapshot)
            {
                if (cursor is not null)
                {
                    errors.Add($"{path}.cursor_field: a snapshot reads the whole table and uses no cursor; set ingestion_type to append, cdc or cdc_with_deletes, or remove cursor_field.");
                }

                if (hasLookback)
                {
                    errors.Add($"{path}.lookback: a snapshot reads the whole table and looks back at nothing; set ingestion_type to append, cdc or cdc_with_deletes, or remove lookback.");
                }

                return null;
            }

            IngestionTypeNames.TryParse(typeName, out var type);
            int before = errors.Count;
            if (cursor is null)
            {
                errors.Add($"{path}.cursor_field: missing; {typeName} reads the rows changed since the last run, ordered by a column whose value grows with " +
                           "every insert and update; add cursor_field (e.g. \"updated_at\").");
            }

            if (primaryKeys.Count == 0 && !keys.ContainsKey("primary_keys"))
            {
                errors.Add(type == IngestionType.Append
                    ? $"{path}.primary_keys: missing; append orders rows with equal {cursor ?? "cursor"} values by the primary keys, so a run resumes exactly between them; add primary_keys (columns that identify a row)."
                    : $"{path}.primary_keys: missing; {typeName} emits upserts{(type == IngestionType.CdcWithDeletes ? " and deletes" : "")} keyed by the primary keys; add primary_keys (columns that identify a row).");
            }

            if (limit is not null)
            {
                errors.Add($"{path}.limit: cannot be combined with ingestion_type {typeName}: an incremental run reads every change after the last run; remove limit.");
            }

            if (type != IngestionType.Append && scd == "APPEND_ONLY")
            {
                errors.Add($"{path}.scd_type: APPEND_ONLY keeps every row as written, but {typeName} emits upserts{(type == IngestionType.CdcWithDeletes ? " and deletes" : "")} to apply by key; " +
                           "use SCD_TYPE_1 or SCD_TYPE_2, or ingestion_type append.");
            }

            CursorLookback? lookback = null;
            if (hasLookback)
            {
                string? text = lookbackValue.ValueKind switch
                {
                    JsonValueKind.String => lookbackValue.GetString(),
                    JsonValueKind.Number => lookbackValue.GetRawText(),
                    _ => null,
                };
                if (text is null)
                {
                    errors.Add($"{path}.lookback: expected a window such as \"2 hours\" or 1000, found {Describe(lookbackValue)}.");
                }
                else if (!CursorLookback.TryParse(text, out var parsed, out string? why))
                {
                    errors.Add($"{path}.lookback: {why}");
                }
                else
                {
                    lookback = parsed;
                }
            }

            return errors.Count > before || cursor is null ? null : new IncrementalSettings(type, cursor.Trim(), lookback);
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

            try
            {
                // The same check the read applies, here so that a bad clause stops the run before anything is read.
                _ = where is null ? null : SnapshotFilter.Sql(where);
            }
            catch (ArgumentException ex)
            {
                errors.Add($"{path}.where_clause: {ex.Message}");
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
                    errors.Add($"{path}.{property.Name}: unknown key{NearestNames.DidYouMean(property.Name, known)}; the keys here are {Join(known)}.");
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

        private static string Join(string[] keys) => string.Join(", ", keys);
    }
}
