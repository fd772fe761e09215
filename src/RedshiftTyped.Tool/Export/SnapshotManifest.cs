using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using RedshiftTyped.Export;
using RedshiftTyped.Incremental;
using RedshiftTyped.Incremental.Offsets;

namespace RedshiftTyped.Tool.Export;

/// <summary>
/// <c>manifest.json</c>: what a snapshot run wrote, for the loader that picks the files up and for people checking
/// a run. Keys are written in a fixed order (snake_case, as in the pipeline spec), tables in the spec's order.
/// </summary>
internal static class SnapshotManifest
{
    public const string FileName = "manifest.json";

    /// <summary>The tool's version, as packed (without the commit suffix the SDK appends).</summary>
    public static string ToolVersion { get; } = (typeof(SnapshotManifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(SnapshotManifest).Assembly.GetName().Version?.ToString() ?? "unknown").Split('+')[0];

    public static string Render(PipelineSpec spec, ExportFormat format, DateTimeOffset started, TimeSpan duration, IReadOnlyList<TableOutcome> outcomes,
        string? statePath = null)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            json.WriteStartObject();
            json.WriteString("tool", "redshift-typed");
            json.WriteString("tool_version", ToolVersion);
            json.WriteString("connection_name", spec.ConnectionName);
            json.WriteString("format", FormatName(format));
            json.WriteString("started", Timestamp(started));
            json.WriteNumber("duration_seconds", Seconds(duration));
            json.WriteString("state", statePath);
            json.WriteStartObject("totals");
            json.WriteNumber("tables", outcomes.Count);
            json.WriteNumber("ok", outcomes.Count(o => o.Ok));
            json.WriteNumber("failed", outcomes.Count(o => !o.Ok));
            json.WriteNumber("rows", outcomes.Sum(o => o.Rows ?? 0));
            json.WriteNumber("bytes", outcomes.Sum(o => o.Result?.Bytes ?? 0));
            json.WriteEndObject();
            json.WriteStartArray("tables");
            foreach (var outcome in outcomes)
            {
                WriteTable(json, outcome, format);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length) + "\n";
    }

    /// <summary>The --format name of a format.</summary>
    public static string FormatName(ExportFormat format) => format switch
    {
        ExportFormat.Parquet => "parquet",
        ExportFormat.ArrowStream => "arrow",
        ExportFormat.ArrowFile => "arrow-file",
        _ => "csv",
    };

    private static void WriteTable(Utf8JsonWriter json, TableOutcome outcome, ExportFormat format)
    {
        var table = outcome.Table;
        json.WriteStartObject();
        json.WriteString("source", table.Source.ToString());
        json.WriteStartObject("destination");
        json.WriteString("catalog", table.Destination.Catalog);
        json.WriteString("schema", table.Destination.Schema);
        json.WriteString("table", table.Destination.Table);
        json.WriteEndObject();
        json.WriteString("status", outcome.Ok ? "ok" : "failed");
        json.WriteString("error", outcome.Error);
        json.WriteString("format", FormatName(format));
        json.WriteString("transport", outcome.Transport);
        json.WriteString("path", outcome.Ok && outcome.S3Files is null ? outcome.RelativePath : null);
        WriteNumber(json, "rows", outcome.Rows);
        WriteNumber(json, "bytes", outcome.Result?.Bytes);
        json.WriteString("sha256", outcome.Result?.Sha256);
        if (outcome.S3Files is { } files)
        {
            // --keep-in-s3: the files stay where UNLOAD wrote them (always Parquet), for a loader that ingests them there.
            json.WriteStartArray("s3_files");
            foreach (var file in files)
            {
                json.WriteStartObject();
                json.WriteString("url", file.Url);
                json.WriteNumber("rows", file.Rows);
                json.WriteNumber("bytes", file.Bytes);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }
        json.WriteString("scd_type", table.ScdType);
        json.WriteStartArray("primary_keys");
        foreach (string key in table.PrimaryKeys)
        {
            json.WriteStringValue(key);
        }

        json.WriteEndArray();
        WriteNumber(json, "limit", table.Limit);
        json.WriteString("where_clause", table.WhereClause);
        WriteNumber(json, "chunk_rows", table.ChunkRows);
        json.WriteString("ingestion_type", table.IngestionTypeName);
        json.WriteString("cursor_field", table.Incremental?.CursorField);
        json.WriteString("lookback", table.Incremental?.Lookback?.ToString());
        if (outcome.Changes is { } changes)
        {
            WriteOffset(json, "start_offset", changes.Start);
            WriteOffset(json, "end_offset", changes.End);
            json.WriteStartObject("changes");
            json.WriteNumber("upserts", changes.Upserts);
            json.WriteNumber("deletes", changes.Deletes);
            json.WriteNumber("skipped_by_lookback", changes.Skipped);
            json.WriteNumber("keys_fetched_for_deletes", changes.KeysFetched);
            json.WriteNumber("digest_buckets_fetched", changes.BucketsFetched);
            json.WriteEndObject();
        }
        json.WriteStartArray("statement_ids");
        foreach (string id in outcome.StatementIds)
        {
            json.WriteStringValue(id);
        }

        json.WriteEndArray();
        json.WriteString("sql", outcome.Sql);
        json.WriteString("started", Timestamp(outcome.Started));
        json.WriteNumber("duration_seconds", Seconds(outcome.Duration));
        json.WriteStartArray("columns");
        foreach (var column in outcome.Columns)
        {
            json.WriteStartObject();
            json.WriteString("name", column.Name);
            json.WriteString("redshift_type", column.RedshiftType);
            json.WriteString("arrow_type", column.ArrowType);
            json.WriteBoolean("nullable", column.Nullable);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>
    /// An offset as the manifest shows it: the run that took it and its high-water mark (cursor, key), without the
    /// lookback rows and key index the state keeps. Null: before the first run (start) or not committed (end).
    /// </summary>
    private static void WriteOffset(Utf8JsonWriter json, string name, ChangeOffset? offset)
    {
        if (offset is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        json.WriteString("last_run", offset.LastRun.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        foreach (var (member, position) in new[] { ("high_water_mark", offset.HighWaterMark), ("resume_after", offset.ResumeAfter) })
        {
            if (position is null)
            {
                json.WriteNull(member);
                continue;
            }

            json.WriteStartObject(member);
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

        if (offset.IndexedKeys is { } keys)
        {
            json.WriteNumber("indexed_keys", keys);
        }

        json.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static double Seconds(TimeSpan duration) => Math.Round(duration.TotalSeconds, 3);
}
