using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using RedshiftTyped.Incremental.Deletes;

namespace RedshiftTyped.Incremental.Offsets;

/// <summary>
/// The JSON form of a <see cref="ChangeOffset"/>: a versioned object with a fixed member order, written and read by hand
/// (no reflection), values as <see cref="OffsetValues"/> writes them. The key index stores each bucket's keys (a single
/// column's values directly, a composite key as arrays) with the digest computed from them.
/// </summary>
internal static class ChangeOffsetJson
{
    public const string Format = "redshift-typed/change-offset";

    public static string Write(ChangeOffset offset)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteNumber("version", ChangeOffset.CurrentVersion);
            json.WriteString("table", offset.Table);
            json.WriteString("ingestion_type", IngestionTypeNames.Name(offset.IngestionType));
            json.WritePropertyName("cursor");
            WriteColumn(json, offset.CursorColumn);
            json.WriteStartArray("keys");
            foreach (var key in offset.KeyColumnList)
            {
                WriteColumn(json, key);
            }

            json.WriteEndArray();
            json.WriteString("last_run", offset.LastRun.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
            WritePosition(json, "high_water_mark", offset.HighWaterMark);
            WritePosition(json, "resume_after", offset.ResumeAfter);
            if (offset.Lookback is null && offset.Window.Count == 0)
            {
                json.WriteNull("lookback");
            }
            else
            {
                json.WriteStartObject("lookback");
                json.WriteString("window", offset.Lookback);
                json.WriteStartArray("emitted");
                foreach (var (key, cursor) in offset.Window.Entries)
                {
                    json.WriteStartArray();
                    OffsetValues.Write(json, cursor);
                    foreach (object? value in key)
                    {
                        OffsetValues.Write(json, value);
                    }

                    json.WriteEndArray();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            WriteIndex(json, offset.KeyIndex, offset.KeyColumnList.Count);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteColumn(Utf8JsonWriter json, OffsetColumn column)
    {
        json.WriteStartObject();
        json.WriteString("name", column.Name);
        json.WriteString("type", column.TypeName);
        json.WriteNumber("precision", column.Precision);
        json.WriteEndObject();
    }

    private static void WritePosition(Utf8JsonWriter json, string name, ChangePosition? position)
    {
        if (position is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        json.WritePropertyName("cursor");
        OffsetValues.Write(json, position.Cursor);
        json.WriteStartArray("key");
        foreach (object? value in position.Key)
        {
            OffsetValues.Write(json, value);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteIndex(Utf8JsonWriter json, KeyIndex? index, int keyColumns)
    {
        if (index is null)
        {
            json.WriteNull("key_index");
            return;
        }

        json.WriteStartObject("key_index");
        json.WriteNumber("buckets", index.Buckets);
        json.WriteNumber("bucket_rows", index.BucketRows);
        json.WriteNumber("rows", index.Rows);
        json.WriteStartArray("digests");
        foreach (var (number, bucket) in index.ByBucket)
        {
            json.WriteStartObject();
            json.WriteNumber("bucket", number);
            json.WriteNumber("rows", bucket.Rows);
            json.WriteString("sum", bucket.Sum.ToString(CultureInfo.InvariantCulture));
            json.WriteStartArray("keys");
            foreach (var key in bucket.Keys)
            {
                if (keyColumns == 1)
                {
                    OffsetValues.Write(json, key[0]);
                    continue;
                }

                json.WriteStartArray();
                foreach (object? value in key)
                {
                    OffsetValues.Write(json, value);
                }

                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static ChangeOffset Read(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw Invalid("$", $"not JSON ({ex.Message})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("$", "expected an object");
            }

            if (String(root, "format", "$") != Format)
            {
                throw Invalid("$.format", $"expected \"{Format}\"");
            }

            int version = Int32(root, "version", "$");
            if (version > ChangeOffset.CurrentVersion)
            {
                throw new FormatException(
                    $"The change offset is of format version {version}, written by a newer RedshiftTyped; this one reads version {ChangeOffset.CurrentVersion} " +
                    "and older. Upgrade RedshiftTyped, or start over without an offset (a full read).");
            }

            if (version < 1)
            {
                throw Invalid("$.version", $"{version} is not a version");
            }

            string table = String(root, "table", "$");
            string typeText = String(root, "ingestion_type", "$");
            if (!IngestionTypeNames.TryParse(typeText, out var ingestionType))
            {
                throw Invalid("$.ingestion_type", $"\"{typeText}\" is not append, cdc or cdc_with_deletes");
            }

            var cursor = Column(Member(root, "cursor", "$"), "$.cursor");
            var keysElement = Member(root, "keys", "$");
            if (keysElement.ValueKind != JsonValueKind.Array || keysElement.GetArrayLength() == 0)
            {
                throw Invalid("$.keys", "expected an array of key columns");
            }

            var keys = keysElement.EnumerateArray().Select((k, i) => Column(k, $"$.keys[{i}]")).ToList();
            string lastRunText = String(root, "last_run", "$");
            if (!DateTimeOffset.TryParseExact(lastRunText, "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var lastRun))
            {
                throw Invalid("$.last_run", $"\"{lastRunText}\" is not a UTC time such as 2024-05-01T10:00:00.000000Z");
            }

            var highWaterMark = Position(Member(root, "high_water_mark", "$"), "$.high_water_mark", cursor, keys);
            var resumeAfter = Position(Member(root, "resume_after", "$"), "$.resume_after", cursor, keys);
            string? lookback = null;
            var window = new LookbackWindow();
            var lookbackElement = Member(root, "lookback", "$");
            if (lookbackElement.ValueKind == JsonValueKind.Object)
            {
                var windowText = Member(lookbackElement, "window", "$.lookback");
                lookback = windowText.ValueKind == JsonValueKind.String ? windowText.GetString() : null;
                window = new LookbackWindow(Emitted(Member(lookbackElement, "emitted", "$.lookback"), cursor, keys));
            }
            else if (lookbackElement.ValueKind != JsonValueKind.Null)
            {
                throw Invalid("$.lookback", "expected an object or null");
            }

            var index = Index(Member(root, "key_index", "$"), keys);
            if (ingestionType == IngestionType.CdcWithDeletes && index is null && highWaterMark is not null)
            {
                throw Invalid("$.key_index", "a cdc_with_deletes offset needs its key index");
            }

            return new ChangeOffset(table, ingestionType, cursor, keys, lastRun, highWaterMark, resumeAfter, lookback, window, index, version);
        }
    }

    private static OffsetColumn Column(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, "expected a column object");
        }

        string name = String(element, "name", path);
        string type = String(element, "type", path);
        int precision = Int32(element, "precision", path);
        var column = new OffsetColumn(name, type, precision);
        if (!OffsetColumn.IsOrderable(column.Type))
        {
            throw Invalid(path + ".type", $"\"{type}\" is not a cursor or key type");
        }

        return column;
    }

    private static ChangePosition? Position(JsonElement element, string path, OffsetColumn cursor, IReadOnlyList<OffsetColumn> keys)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, "expected an object or null");
        }

        object cursorValue = OffsetValues.Read(Member(element, "cursor", path), cursor, path + ".cursor")
            ?? throw Invalid(path + ".cursor", "is null");
        return new ChangePosition(cursorValue, KeyValues(Member(element, "key", path), keys, path + ".key"));
    }

    private static object?[] KeyValues(JsonElement element, IReadOnlyList<OffsetColumn> keys, string path)
    {
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() != keys.Count)
        {
            throw Invalid(path, $"expected an array of {keys.Count} key value{(keys.Count == 1 ? "" : "s")}");
        }

        var values = new object?[keys.Count];
        int i = 0;
        foreach (var item in element.EnumerateArray())
        {
            values[i] = OffsetValues.Read(item, keys[i], $"{path}[{i}]");
            i++;
        }

        return values;
    }

    private static List<(object?[] Key, object Cursor)> Emitted(JsonElement element, OffsetColumn cursor, IReadOnlyList<OffsetColumn> keys)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw Invalid("$.lookback.emitted", "expected an array");
        }

        var entries = new List<(object?[], object)>();
        int i = 0;
        foreach (var item in element.EnumerateArray())
        {
            string path = $"$.lookback.emitted[{i++}]";
            if (item.ValueKind != JsonValueKind.Array || item.GetArrayLength() != keys.Count + 1)
            {
                throw Invalid(path, $"expected [cursor, {string.Join(", ", keys.Select(k => k.Name))}]");
            }

            var values = item.EnumerateArray().ToList();
            object cursorValue = OffsetValues.Read(values[0], cursor, path + "[0]") ?? throw Invalid(path + "[0]", "is null");
            var key = new object?[keys.Count];
            for (int k = 0; k < keys.Count; k++)
            {
                key[k] = OffsetValues.Read(values[k + 1], keys[k], $"{path}[{k + 1}]");
            }

            entries.Add((key, cursorValue));
        }

        return entries;
    }

    private static KeyIndex? Index(JsonElement element, IReadOnlyList<OffsetColumn> keys)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        const string path = "$.key_index";
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, "expected an object or null");
        }

        int buckets = Int32(element, "buckets", path) is var b && b >= 1 && b <= KeyIndex.MaxBuckets && (b & (b - 1)) == 0
            ? b : throw Invalid(path + ".buckets", "expected a power of two");
        int bucketRows = Int32(element, "bucket_rows", path) is var r && r >= 1 ? r : throw Invalid(path + ".bucket_rows", "expected a whole number above zero");
        var index = new KeyIndex(buckets, bucketRows);
        var digests = Member(element, "digests", path);
        if (digests.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(path + ".digests", "expected an array");
        }

        int i = 0;
        foreach (var entry in digests.EnumerateArray())
        {
            string at = $"{path}.digests[{i++}]";
            int number = Int32(entry, "bucket", at) is var n && n >= 0 && n < buckets ? n : throw Invalid(at + ".bucket", $"expected 0 to {buckets - 1}");
            long rows = Int32(entry, "rows", at);
            if (!BigInteger.TryParse(String(entry, "sum", at), NumberStyles.None, CultureInfo.InvariantCulture, out var sum))
            {
                throw Invalid(at + ".sum", "expected a whole number as text");
            }

            var bucket = new KeyBucket { Sum = sum };
            int k = 0;
            var keysElement = Member(entry, "keys", at);
            if (keysElement.ValueKind != JsonValueKind.Array)
            {
                throw Invalid(at + ".keys", "expected an array");
            }

            foreach (var key in keysElement.EnumerateArray())
            {
                string keyPath = $"{at}.keys[{k++}]";
                bucket.Keys.Add(keys.Count == 1 ? [OffsetValues.Read(key, keys[0], keyPath)] : KeyValues(key, keys, keyPath));
            }

            if (bucket.Rows != rows)
            {
                throw Invalid(at, $"holds {bucket.Rows} keys but says rows {rows}");
            }

            if (!index.ByBucket.TryAdd(number, bucket))
            {
                throw Invalid(at + ".bucket", $"bucket {number} is listed twice");
            }
        }

        return index;
    }

    private static JsonElement Member(JsonElement element, string name, string path)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            throw Invalid($"{path}.{name}", "missing");
        }

        return value;
    }

    private static int Int32(JsonElement element, string name, string path)
    {
        var value = Member(element, name, path);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int number)
            ? number
            : throw Invalid($"{path}.{name}", $"expected a whole number, found {value.ValueKind}");
    }

    private static string String(JsonElement element, string name, string path)
    {
        var value = Member(element, name, path);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Invalid($"{path}.{name}", $"expected a string, found {value.ValueKind}");
    }

    /// <summary>The one-line error for a malformed offset: where, what, and the fix.</summary>
    internal static FormatException Invalid(string path, string why)
        => new($"The change offset is not valid: {path}: {why}. Pass the text ChangeOffset.ToJson() wrote, unedited, or start over without an offset (a full read).");
}
