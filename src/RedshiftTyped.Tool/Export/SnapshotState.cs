using System.Text;
using System.Text.Json;
using RedshiftTyped.Incremental;

namespace RedshiftTyped.Tool.Export;

/// <summary>The state file cannot be used; the message names the file, what is wrong and the fix.</summary>
internal sealed class SnapshotStateException(string message) : Exception(message);

/// <summary>
/// <c>state.json</c> (<c>--state FILE</c>): per destination table, the offset its last successful incremental run ended
/// at (<see cref="ChangeOffset.ToJson"/>, stored as is). A table's offset is committed only after its output file is
/// complete, and the whole file is rewritten atomically each time, so a run that dies or is cancelled leaves the
/// previous offsets: the rerun repeats work but never skips a row.
/// </summary>
internal sealed class SnapshotState
{
    public const string FileName = "state.json";
    public const string Format = "redshift-typed/snapshot-state";
    public const int Version = 1;

    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, string> _offsets;

    private SnapshotState(string path, SortedDictionary<string, string> offsets)
    {
        Path = path;
        _offsets = offsets;
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>The state at <paramref name="path"/>; empty (every incremental table starts with a full read) when there is no file yet.</summary>
    public static SnapshotState Load(string path)
    {
        var offsets = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return new SnapshotState(path, offsets);
        }

        string fix = $"restore it, or delete it to start every incremental table over with a full read";
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String
                || format.GetString() != Format)
            {
                throw new SnapshotStateException($"state file \"{path}\" is not a redshift-typed snapshot state (no \"format\": \"{Format}\"): {fix}.");
            }

            if (!root.TryGetProperty("version", out var version) || !version.TryGetInt32(out int number) || number > Version)
            {
                throw new SnapshotStateException($"state file \"{path}\" is of a version this redshift-typed does not read: upgrade redshift-typed, or {fix}.");
            }

            if (!root.TryGetProperty("tables", out var tables) || tables.ValueKind != JsonValueKind.Object)
            {
                throw new SnapshotStateException($"state file \"{path}\" has no \"tables\" object: {fix}.");
            }

            foreach (var table in tables.EnumerateObject())
            {
                try
                {
                    ChangeOffset.Parse(table.Value.GetRawText());
                }
                catch (FormatException ex)
                {
                    throw new SnapshotStateException($"state file \"{path}\": table {table.Name}: {ex.Message}");
                }

                offsets[table.Name] = table.Value.GetRawText();
            }
        }
        catch (JsonException ex)
        {
            throw new SnapshotStateException($"state file \"{path}\" is not valid JSON ({ex.Message}): {fix}.");
        }

        return new SnapshotState(path, offsets);
    }

    /// <summary>The key a destination's offset is stored under: <c>catalog.schema.table</c>.</summary>
    public static string Key(DestinationTable destination) => destination.ToString();

    /// <summary>The offset the destination's last successful run ended at, or null for a first run.</summary>
    public ChangeOffset? Offset(DestinationTable destination)
    {
        lock (_gate)
        {
            return _offsets.TryGetValue(Key(destination), out string? json) ? ChangeOffset.Parse(json) : null;
        }
    }

    /// <summary>Records the destination's new offset and rewrites the file atomically; call only once the table's file is complete.</summary>
    public void Commit(DestinationTable destination, ChangeOffset offset)
    {
        lock (_gate)
        {
            _offsets[Key(destination)] = offset.ToJson();
            Snapshots.SnapshotStore.WriteAtomically(Path, Render());
        }
    }

    private string Render()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteNumber("version", Version);
            json.WriteStartObject("tables");
            foreach (var (table, offset) in _offsets)
            {
                json.WritePropertyName(table);
                json.WriteRawValue(offset, skipInputValidation: true);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length) + "\n";
    }
}
