using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Parquet;
using Parquet.Schema;
using RedshiftTyped.Local.Engine;
using RedshiftTyped.Local.Statements;

namespace RedshiftTyped.Local.Catalog.External;

/// <summary>
/// Reads the rows of one external data file as values of the table's data columns (r_CREATE_EXTERNAL_TABLE.md):
/// <list type="bullet">
/// <item>Parquet: columns matched by name (case-insensitively); a column the file lacks is NULL.</item>
/// <item>Delimited text (ROW FORMAT DELIMITED, Hive's LazySimpleSerDe): fields split on the delimiter (default
/// <c>\001</c>), <c>\N</c> (or the table's 'serialization.null.format') is NULL, an empty field is NULL except in a
/// character column; missing trailing fields are NULL and extra fields are ignored.</item>
/// <item>OpenCSVSerde: RFC 4180-style quoting with the SerDe's separatorChar / quoteChar / escapeChar.</item>
/// <item>JsonSerDe: one JSON object per line, attributes matched to columns by name.</item>
/// </list>
/// 'skip.header.line.count' skips lines at the start of each text file; files ending in <c>.gz</c> are gunzipped.
/// A trailing carriage return is dropped from each line (files written on Windows).
/// </summary>
internal static class ExternalFileReader
{
    public static IEnumerable<object?[]> Read(ExternalTable table, string path, string shownPath)
        => table.Format == ExternalFormat.Parquet ? ReadParquet(table, path, shownPath) : ReadText(table, path, shownPath);

    private static IEnumerable<object?[]> ReadText(ExternalTable table, string path, string shownPath)
    {
        var properties = table.Properties;
        int skip = properties.TryGetValue("skip.header.line.count", out string? header) && int.TryParse(header, out int lines) ? lines : 0;
        string nullText = properties.GetValueOrDefault("serialization.null.format") ?? "\\N";
        using var stream = Open(path, shownPath);
        using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (lineNumber <= skip || (line.Length == 0 && reader.Peek() < 0))
            {
                continue;
            }

            if (line.EndsWith('\r'))
            {
                line = line[..^1];
            }

            var row = new object?[table.Columns.Count];
            switch (table.Format)
            {
                case ExternalFormat.Json:
                    ReadJson(table, line, row, shownPath, lineNumber);
                    break;
                default:
                    IReadOnlyList<string> fields = table.Format == ExternalFormat.OpenCsv ? SplitCsv(line, table) : line.Split(table.Delimiter);
                    for (int i = 0; i < row.Length && i < fields.Count; i++)
                    {
                        string field = fields[i];
                        var type = table.Columns[i].Type;
                        bool isText = type.Type is RsType.Varchar or RsType.Bpchar;
                        row[i] = field == nullText || (field.Length == 0 && !isText)
                            ? null
                            : Convert(field, table.Columns[i], shownPath, lineNumber);
                    }

                    break;
            }

            yield return row;
        }
    }

    private static void ReadJson(ExternalTable table, string line, object?[] row, string shownPath, int lineNumber)
    {
        if (line.Trim().Length == 0)
        {
            return;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            throw new EngineFailure($"ERROR: cannot read {shownPath} line {lineNumber}: not a JSON object ({ex.Message.Split('.')[0]})");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new EngineFailure($"ERROR: cannot read {shownPath} line {lineNumber}: not a JSON object");
            }

            for (int i = 0; i < row.Length; i++)
            {
                var column = table.Columns[i];
                string key = table.SerdeProperties.GetValueOrDefault("mapping." + column.Name) ?? column.Name;
                var property = document.RootElement.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase));
                if (property.Value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
                {
                    continue;
                }

                string text = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                row[i] = Convert(text, column, shownPath, lineNumber);
            }
        }
    }

    private static List<string> SplitCsv(string line, ExternalTable table)
    {
        char separator = table.SerdeProperties.TryGetValue("separatorChar", out string? s) && s.Length > 0 ? s[0] : ',';
        char quote = table.SerdeProperties.TryGetValue("quoteChar", out string? q) && q.Length > 0 ? q[0] : '"';
        char escape = table.SerdeProperties.TryGetValue("escapeChar", out string? e) && e.Length > 0 ? e[0] : '\\';
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (c == escape && escape != quote && i + 1 < line.Length)
            {
                field.Append(line[++i]);
            }
            else if (c == quote)
            {
                if (quoted && i + 1 < line.Length && line[i + 1] == quote)
                {
                    field.Append(quote);
                    i++;
                }
                else
                {
                    quoted = !quoted;
                }
            }
            else if (c == separator && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    private static IEnumerable<object?[]> ReadParquet(ExternalTable table, string path, string shownPath)
    {
        ParquetReader reader;
        try
        {
            reader = ParquetReader.CreateAsync(path, new ParquetOptions { UseDateOnlyTypeForDates = true }).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or NotSupportedException or ArgumentException)
        {
            throw new EngineFailure($"ERROR: cannot read {shownPath} as Parquet: {ex.Message}");
        }

        try
        {
            var fields = table.Columns
                .Select(c => reader.Schema.DataFields.FirstOrDefault(f => string.Equals(f.Name, c.Name, StringComparison.OrdinalIgnoreCase)))
                .ToList();
            for (int group = 0; group < reader.RowGroupCount; group++)
            {
                using var rowGroup = reader.OpenRowGroupReader(group);
                int rows = checked((int)rowGroup.RowCount);
                var columns = new object?[table.Columns.Count][];
                for (int c = 0; c < columns.Length; c++)
                {
                    columns[c] = fields[c] is { } field ? ReadColumn(rowGroup, field, rows, shownPath) : new object?[rows];
                }

                for (int r = 0; r < rows; r++)
                {
                    var row = new object?[columns.Length];
                    for (int c = 0; c < columns.Length; c++)
                    {
                        object? value = columns[c][r];
                        try
                        {
                            row[c] = ExternalValues.FromParquet(value, table.Columns[c].Type);
                        }
                        catch (Exception ex) when (ex is FormatException or OverflowException or InvalidCastException)
                        {
                            throw new EngineFailure($"ERROR: cannot read {shownPath} row {r + 1}: column {table.Columns[c].Name} ({table.Columns[c].Type.TypeName}): {ex.Message}");
                        }
                    }

                    yield return row;
                }
            }
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static object?[] ReadColumn(ParquetRowGroupReader group, DataField field, int rows, string shownPath)
    {
        if (field.IsArray)
        {
            throw new EngineFailure($"ERROR: cannot read {shownPath}: column {field.Name} is a nested Parquet type, which the local server does not read");
        }

        Type type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        return type switch
        {
            _ when type == typeof(bool) => Values<bool>(group, field, rows),
            _ when type == typeof(byte) => Values<byte>(group, field, rows),
            _ when type == typeof(sbyte) => Values<sbyte>(group, field, rows),
            _ when type == typeof(short) => Values<short>(group, field, rows),
            _ when type == typeof(ushort) => Values<ushort>(group, field, rows),
            _ when type == typeof(int) => Values<int>(group, field, rows),
            _ when type == typeof(uint) => Values<uint>(group, field, rows),
            _ when type == typeof(long) => Values<long>(group, field, rows),
            _ when type == typeof(ulong) => Values<ulong>(group, field, rows),
            _ when type == typeof(float) => Values<float>(group, field, rows),
            _ when type == typeof(double) => Values<double>(group, field, rows),
            _ when type == typeof(decimal) => Values<decimal>(group, field, rows),
            _ when type == typeof(DateTime) => Values<DateTime>(group, field, rows),
            _ when type == typeof(DateOnly) => Values<DateOnly>(group, field, rows),
            _ when type == typeof(string) || type == typeof(ReadOnlyMemory<char>) => References(rows, buffer => group.ReadAsync(field, buffer.AsMemory()).GetAwaiter().GetResult(), new string?[rows]),
            _ when type == typeof(byte[]) || type == typeof(ReadOnlyMemory<byte>) => References(rows, buffer => group.ReadAsync(field, buffer.AsMemory()).GetAwaiter().GetResult(), new byte[]?[rows]),
            _ => throw new EngineFailure($"ERROR: cannot read {shownPath}: column {field.Name} has Parquet type {type.Name}, which the local server does not read"),
        };
    }

    private static object?[] Values<T>(ParquetRowGroupReader group, DataField field, int rows) where T : struct
    {
        var values = new object?[rows];
        if (field.IsNullable)
        {
            var read = new T?[rows];
            group.ReadAsync<T>(field, read.AsMemory()).GetAwaiter().GetResult();
            for (int i = 0; i < rows; i++) values[i] = read[i];
        }
        else
        {
            var read = new T[rows];
            group.ReadAsync<T>(field, read.AsMemory()).GetAwaiter().GetResult();
            for (int i = 0; i < rows; i++) values[i] = read[i];
        }

        return values;
    }

    private static object?[] References<T>(int rows, Action<T?[]> read, T?[] buffer) where T : class
    {
        read(buffer);
        var values = new object?[rows];
        Array.Copy(buffer, values, rows);
        return values;
    }

    private static object? Convert(string text, CatalogColumn column, string shownPath, int lineNumber)
    {
        try
        {
            return ExternalValues.FromText(text, column.Type);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            throw new EngineFailure($"ERROR: cannot read {shownPath} line {lineNumber}: column {column.Name} ({column.Type.TypeName}): {ex.Message}");
        }
    }

    private static Stream Open(string path, string shownPath)
    {
        var file = File.OpenRead(path);
        string extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".gz" => new GZipStream(file, CompressionMode.Decompress),
            ".bz2" or ".snappy" or ".lzo" or ".zst" or ".deflate" => Refuse(file, shownPath, extension),
            _ => file,
        };
    }

    private static Stream Refuse(FileStream file, string shownPath, string extension)
    {
        file.Dispose();
        throw new EngineFailure($"ERROR: cannot read {shownPath}: {extension} compression is not supported by the local server (gzip is)");
    }
}
