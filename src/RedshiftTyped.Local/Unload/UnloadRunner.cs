using System.Data.Common;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Parquet;
using Parquet.Schema;
using RedshiftTyped.Local.Catalog;
using RedshiftTyped.Local.Engine;
using RedshiftTyped.Local.Statements;

namespace RedshiftTyped.Local.Unload;

/// <summary>
/// Runs one UNLOAD … FORMAT AS PARQUET on the statement's connection: the query (planned like any SELECT) is read row
/// by row, cut into row groups of about 32 MB (as Redshift aims for, r_UNLOAD.md), and the row groups are dealt to the
/// slices in turn; each slice writes its own files (<c>&lt;prefix&gt;&lt;slice&gt;_part_&lt;nn&gt;.parquet</c>, a new part when MAXFILESIZE
/// is reached) and puts them to S3 while the next row groups are read. PARALLEL OFF writes one series of files in
/// order (<c>&lt;prefix&gt;000.parquet</c>, …). Then the manifest (<c>&lt;prefix&gt;manifest</c>), if asked for. Memory is a few
/// row groups; a file is built in a temporary file of the server's own, never in the engine.
/// </summary>
internal sealed class UnloadRunner(UnloadStatement unload, S3Target s3, int slices, ResultColumnTypes columns, bool typedReads)
{
    /// <summary>Redshift aims for row groups of 32 MB (r_UNLOAD.md); rows are also capped so a row group stays small in memory.</summary>
    private const long RowGroupBytes = 32L * 1024 * 1024;

    private const int RowGroupRows = 128 * 1024;

    private readonly List<ManifestEntry> _entries = [];

    /// <summary>Checks the destination (refusing a non-empty one, or cleaning it with CLEANPATH) before anything runs.</summary>
    public static async Task PrepareDestinationAsync(UnloadStatement unload, S3Target s3, CancellationToken cancellationToken)
    {
        var existing = await s3.ListAsync(unload.Target, cancellationToken).ConfigureAwait(false);
        if (existing.Count == 0 || unload.AllowOverwrite)
        {
            return;
        }

        if (unload.CleanPath)
        {
            foreach (string key in existing)
            {
                await s3.DeleteAsync(unload.Target.Bucket, key, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        // Redshift's own words for this case.
        throw new EngineFailure(
            "ERROR: Specified unload destination on S3 is not empty. Consider using a different bucket / prefix, manually removing the target files in S3, or using the ALLOWOVERWRITE option.");
    }

    /// <summary>Reads every row of <paramref name="reader"/> into Parquet files on S3; returns the rows written.</summary>
    public async Task<long> RunAsync(IEngineConnection connection, DbDataReader reader, CancellationToken cancellationToken)
    {
        int count = reader.FieldCount;
        var names = columns.Names;
        var template = Enumerable.Range(0, count).Select(i => UnloadColumn.For(names[i], columns.ReportTypes[i])).ToArray();
        string[]? engineTypeNames = typedReads ? [.. Enumerable.Range(0, count).Select(reader.GetDataTypeName)] : null;
        UnloadColumn[] NewBuffer()
        {
            var buffer = Enumerable.Range(0, count).Select(i => UnloadColumn.For(names[i], columns.ReportTypes[i]).SharingFieldOf(template[i])).ToArray();
            for (int i = 0; engineTypeNames is not null && i < count; i++) buffer[i].UseTypedReads(engineTypeNames[i]);
            return buffer;
        }

        var schema = new ParquetSchema(template.Select(c => (Field)c.Field).ToArray());
        int writers = unload.Parallel ? Math.Max(1, slices) : 1;

        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var free = Channel.CreateUnbounded<UnloadColumn[]>();
        for (int i = 0; i < writers + 1; i++) free.Writer.TryWrite(NewBuffer());
        var queues = Enumerable.Range(0, writers).Select(_ => Channel.CreateBounded<(UnloadColumn[] Group, int Rows)>(1)).ToArray();
        var slicesWriting = Enumerable.Range(0, writers)
            .Select(slice => Task.Run(() => WriteSliceAsync(slice, schema, queues[slice].Reader, free.Writer, failed.Token), CancellationToken.None))
            .ToArray();

        long total = 0;
        int next = 0;
        try
        {
            var bound = new RowGroupBound(template, RowGroupBytes, RowGroupRows);
            var group = await free.Reader.ReadAsync(failed.Token).ConfigureAwait(false);
            int rows = 0;
            while (reader.Read())
            {
                failed.Token.ThrowIfCancellationRequested();
                for (int i = 0; i < count; i++)
                {
                    group[i].Read(reader, i, connection, columns.EngineTypes[i]);
                }

                rows++;
                total++;
                if (bound.IsFull(group, rows))
                {
                    await queues[next].Writer.WriteAsync((group, rows), failed.Token).ConfigureAwait(false);
                    next = (next + 1) % writers;
                    group = await free.Reader.ReadAsync(failed.Token).ConfigureAwait(false);
                    rows = 0;
                }
            }

            if (rows > 0 || total == 0)
            {
                // With no rows at all, the first slice still writes one file: the schema, and no row group.
                await queues[next].Writer.WriteAsync((group, rows), failed.Token).ConfigureAwait(false);
            }
        }
        catch
        {
            await failed.CancelAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            foreach (var queue in queues) queue.Writer.TryComplete();
            try
            {
                await Task.WhenAll(slicesWriting).ConfigureAwait(false);
            }
            catch when (failed.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // The read failed first; its error is the one to report.
            }
        }

        if (unload.Manifest)
        {
            await s3.PutTextAsync(unload.Target.Bucket, unload.Target.Prefix + "manifest", Manifest(total), cancellationToken).ConfigureAwait(false);
        }

        return total;
    }

    private async Task WriteSliceAsync(int slice, ParquetSchema schema, ChannelReader<(UnloadColumn[] Group, int Rows)> groups,
        ChannelWriter<UnloadColumn[]> free, CancellationToken cancellationToken)
    {
        SliceFile? file = null;
        int part = 0;
        try
        {
            await foreach (var (group, rows) in groups.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                file ??= await SliceFile.CreateAsync(schema, Key(slice, part++), cancellationToken).ConfigureAwait(false);
                if (rows > 0)
                {
                    using (var rowGroup = file.Writer.CreateRowGroup())
                    {
                        foreach (var column in group)
                        {
                            await column.WriteAsync(rowGroup, cancellationToken).ConfigureAwait(false);
                        }
                    }

                    file.Rows += rows;
                }

                foreach (var column in group) column.Clear();
                free.TryWrite(group);
                // MAXFILESIZE is approximate, as on Redshift: a file is closed once it reaches the size less a row group.
                if (file.Length >= unload.MaxFileSize - RowGroupBytes)
                {
                    await PutAsync(file, cancellationToken).ConfigureAwait(false);
                    file = null;
                }
            }

            if (file is not null)
            {
                await PutAsync(file, cancellationToken).ConfigureAwait(false);
                file = null;
            }
        }
        finally
        {
            file?.Discard();
        }
    }

    private async Task PutAsync(SliceFile file, CancellationToken cancellationToken)
    {
        long size = await file.CloseAsync().ConfigureAwait(false);
        try
        {
            await s3.PutFileAsync(unload.Target.Bucket, file.Key, file.Path, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            file.Discard();
        }

        lock (_entries)
        {
            _entries.Add(new ManifestEntry(unload.Target.UrlOf(file.Key), size, file.Rows));
        }
    }

    private string Key(int slice, int part)
    {
        string extension = unload.Extension is { Length: > 0 } e ? "." + e.TrimStart('.') : ".parquet";
        string name = unload.Parallel ? $"{slice:D4}_part_{part:D2}" : $"{part:D3}";
        return unload.Target.Prefix + name + extension;
    }

    /// <summary>
    /// The manifest (r_UNLOAD.md, MANIFEST [VERBOSE]; the example in r_UNLOAD_command_examples.md): entries with url and
    /// content_length, and with VERBOSE each file's record_count, the schema, the totals and the author.
    /// </summary>
    private string Manifest(long total)
    {
        var entries = _entries.OrderBy(e => e.Url, StringComparer.Ordinal).ToList();
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("entries");
            foreach (var entry in entries)
            {
                json.WriteStartObject();
                json.WriteString("url", entry.Url);
                json.WriteStartObject("meta");
                json.WriteNumber("content_length", entry.Size);
                if (unload.Verbose) json.WriteNumber("record_count", entry.Rows);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (unload.Verbose)
            {
                json.WriteStartObject("schema");
                json.WriteStartArray("elements");
                for (int i = 0; i < columns.Names.Count; i++)
                {
                    var type = columns.ReportTypes[i];
                    json.WriteStartObject();
                    json.WriteString("name", columns.Names[i]);
                    json.WriteStartObject("type");
                    json.WriteString("base", BaseName(type));
                    int[] dimensions = type.Type switch
                    {
                        RsType.Varchar or RsType.Bpchar => [type.Length ?? 256],
                        RsType.Numeric => [type.Precision ?? 18, type.Scale ?? 0],
                        _ => [],
                    };
                    if (dimensions.Length > 0)
                    {
                        json.WriteStartArray("dimensions");
                        foreach (int d in dimensions) json.WriteNumberValue(d);
                        json.WriteEndArray();
                    }

                    json.WriteEndObject();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteStartObject("meta");
                json.WriteNumber("content_length", entries.Sum(e => e.Size));
                json.WriteNumber("record_count", total);
                json.WriteEndObject();
                json.WriteStartObject("author");
                json.WriteString("name", "Amazon Redshift");
                json.WriteString("version", "1.0.0");
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string BaseName(RsTypeInfo type) => type.Type switch
    {
        RsType.Int2 => "smallint",
        RsType.Int4 => "integer",
        RsType.Int8 => "bigint",
        RsType.Float4 => "real",
        RsType.Float8 => "double precision",
        RsType.Numeric => "numeric",
        RsType.Bool => "boolean",
        RsType.Bpchar => "character",
        RsType.Varchar => "character varying",
        RsType.Date => "date",
        RsType.Time => "time without time zone",
        RsType.TimeTz => "time with time zone",
        RsType.Timestamp => "timestamp without time zone",
        RsType.TimestampTz => "timestamp with time zone",
        _ => type.TypeName,
    };

    private sealed record ManifestEntry(string Url, long Size, long Rows);

    /// <summary>One Parquet file being written, in a temporary file of the server's own.</summary>
    private sealed class SliceFile
    {
        private readonly FileStream _stream;

        private SliceFile(string key, string path, FileStream stream, ParquetWriter writer)
        {
            Key = key;
            Path = path;
            _stream = stream;
            Writer = writer;
        }

        public string Key { get; }

        public string Path { get; }

        public ParquetWriter Writer { get; }

        public long Rows { get; set; }

        public long Length => _stream.Length;

        public static async Task<SliceFile> CreateAsync(ParquetSchema schema, string key, CancellationToken cancellationToken)
        {
            string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"rt-unload-{Guid.NewGuid():N}.parquet");
            var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
            // Redshift compresses each row group with SNAPPY (r_UNLOAD.md).
            var writer = await ParquetWriter.CreateAsync(schema, stream, new ParquetOptions { CompressionMethod = CompressionMethod.Snappy },
                cancellationToken: cancellationToken).ConfigureAwait(false);
            return new SliceFile(key, path, stream, writer);
        }

        public async Task<long> CloseAsync()
        {
            await Writer.DisposeAsync().ConfigureAwait(false);
            long length = _stream.Length;
            await _stream.DisposeAsync().ConfigureAwait(false);
            return length;
        }

        public void Discard()
        {
            _stream.Dispose();
            try
            {
                File.Delete(Path);
            }
            catch (IOException)
            {
                // A temporary file; the OS cleans its temp folder.
            }
        }
    }
}
