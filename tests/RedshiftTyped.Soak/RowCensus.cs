using System.Security.Cryptography;
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

            string row = string.Join('\u001f', fields.Select(f => f ?? "\u2400"));
            census._rows[row] = census._rows.GetValueOrDefault(row) + 1;
            census.Count++;
        }

        return census;
    }

    /// <summary>A file compared by its bytes only (Parquet, Arrow).</summary>
    public static RowCensus OfFile(string path) => new() { FileHash = Hash(path) };

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
