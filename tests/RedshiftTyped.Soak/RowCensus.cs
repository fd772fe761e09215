using System.Collections;
using System.Globalization;
using System.Security.Cryptography;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Parquet;
using Parquet.Schema;
using RedshiftTyped.TestSupport;
using RedshiftTyped.Values;

namespace RedshiftTyped.Soak;

/// <summary>
/// The rows of one exported table as a multiset (each row's fields joined), so a run can be compared with the fault-free
/// one row by row: a row missing is lost, a row more often than in the fault-free run is duplicated.
/// </summary>
internal sealed class RowCensus
{
    private readonly Dictionary<string, int> _rows = new(StringComparer.Ordinal);

    public long Count { get; private set; }

    /// <summary>The SHA-256 of the file, as exported.</summary>
    public string FileHash { get; private init; } = "";

    /// <summary>Reads a CSV export (a header row, then RFC 4180 records).</summary>
    public static RowCensus OfCsv(string path)
    {
        string text = File.ReadAllText(path);
        var census = new RowCensus { FileHash = Hash(path) };
        bool header = true;
        foreach (var fields in CsvRecordReader.Read(text))
        {
            if (header)
            {
                header = false;
                continue;
            }

            census.Add(string.Join('\u001f', fields.Select(f => f ?? "\u2400")));
        }

        return census;
    }

    /// <summary>Reads a Parquet export row group by row group, column by column.</summary>
    public static async Task<RowCensus> OfParquetAsync(string path)
    {
        var census = new RowCensus { FileHash = Hash(path) };
        await using var reader = await ParquetReader.CreateAsync(path);
        var fields = reader.Schema.GetDataFields();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            int rows = checked((int)group.RowCount);
            var columns = new List<string[]>();
            foreach (var field in fields)
            {
                columns.Add([.. (await ParquetColumnValues.ReadAsync(group, field, rows)).Select(Text)]);
            }

            for (int r = 0; r < rows; r++)
            {
                census.Add(string.Join('\u001f', columns.Select(c => c[r])));
            }
        }

        return census;
    }

    /// <summary>Reads an Arrow IPC file export batch by batch (every Arrow array the export writes is a list of its values).</summary>
    public static RowCensus OfArrowFile(string path)
    {
        var census = new RowCensus { FileHash = Hash(path) };
        using var stream = File.OpenRead(path);
        using var reader = new ArrowFileReader(stream);
        while (reader.ReadNextRecordBatch() is { } batch)
        {
            using (batch)
            {
                var columns = Enumerable.Range(0, batch.ColumnCount)
                    .Select(i => ((IEnumerable)batch.Column(i)).Cast<object?>().Select(Text).ToArray()).ToList();
                for (int r = 0; r < batch.Length; r++)
                {
                    census.Add(string.Join('\u001f', columns.Select(c => c[r])));
                }
            }
        }

        return census;
    }

    private void Add(string row)
    {
        _rows[row] = _rows.GetValueOrDefault(row) + 1;
        Count++;
    }

    private static string Text(object? value) => value switch
    {
        null => "\u2400",
        byte[] bytes => Convert.ToHexString(bytes),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };


    /// <summary>Rows of <paramref name="expected"/> this census lacks, and rows it holds more often.</summary>
    public (long Lost, long Duplicated) Compare(RowCensus expected)
    {
        long lost = 0, duplicated = 0;
        foreach (var (row, count) in expected._rows)
        {
            int here = _rows.GetValueOrDefault(row);
            lost += Math.Max(0, count - here);
            duplicated += Math.Max(0, here - count);
        }

        foreach (var (row, count) in _rows)
        {
            if (!expected._rows.ContainsKey(row))
            {
                duplicated += count; // a row the fault-free run never had: as wrong as a repeated one
            }
        }

        return (lost, duplicated);
    }

    private static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }
}
