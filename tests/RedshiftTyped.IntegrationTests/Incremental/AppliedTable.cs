using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using RedshiftTyped.Execution;
using RedshiftTyped.Incremental;

namespace RedshiftTyped.IntegrationTests.Incremental;

/// <summary>
/// The loader's side of an incremental pipeline, as a test sees it: a table's rows by key, each as text, with change
/// files (Arrow IPC streams written by <c>redshift-typed snapshot --format arrow</c>) applied by key in file order, and
/// the count and checksum to compare with a fresh full read.
/// </summary>
internal sealed class AppliedTable(string key)
{
    private readonly SortedDictionary<string, string> _rows = new(StringComparer.Ordinal);

    public int Count => _rows.Count;

    /// <summary>SHA-256 of every row's text in key order.</summary>
    public string Checksum => Hash(_rows.Values);

    /// <summary>Applies one change file: upserts replace the row of their key, deletes remove it; returns (upserts, deletes).</summary>
    public async Task<(int Upserts, int Deletes)> ApplyAsync(string path)
    {
        int upserts = 0, deletes = 0;
        await using var stream = File.OpenRead(path);
        using var reader = new ArrowStreamReader(stream);
        while (await reader.ReadNextRecordBatchAsync() is { } batch)
        {
            using (batch)
            {
                var schema = batch.Schema;
                int changeType = schema.GetFieldIndex(ChangeColumnNames.ChangeType);
                int keyAt = schema.GetFieldIndex(key);
                var tableColumns = Enumerable.Range(0, schema.FieldsList.Count).Where(i => !schema.FieldsList[i].Name.StartsWith("_change_", StringComparison.Ordinal)).ToList();
                for (int row = 0; row < batch.Length; row++)
                {
                    string id = Text(batch.Column(keyAt), row) ?? throw new InvalidOperationException($"{path}: a change without a key");
                    if (changeType >= 0 && Text(batch.Column(changeType), row) == ChangeColumnNames.Delete)
                    {
                        _rows.Remove(id);
                        deletes++;
                        continue;
                    }

                    _rows[id] = string.Join("|", tableColumns.Select(c => Text(batch.Column(c), row) ?? "NULL"));
                    upserts++;
                }
            }
        }

        return (upserts, deletes);
    }

    /// <summary>A fresh full read of the table (a plain SELECT) as (count, checksum), in the same row text.</summary>
    public static async Task<(int Count, string Checksum)> FullReadAsync(RedshiftClient client, string table, string key, IReadOnlyList<string> columns)
    {
        var rows = new SortedDictionary<string, string>(StringComparer.Ordinal);
        string sql = $"SELECT {string.Join(", ", columns)} FROM {table}";
        await foreach (var row in client.QueryAsync(new SqlStatement(sql)))
        {
            var values = Enumerable.Range(0, columns.Count).Select(i => row[i] is { } v ? Convert.ToString(v, CultureInfo.InvariantCulture) : "NULL").ToList();
            rows.Add(values[columns.ToList().IndexOf(key)]!, string.Join("|", values));
        }

        return (rows.Count, Hash(rows.Values));
    }

    /// <summary>The rows that differ from a full read's, for a failure message.</summary>
    public static async Task<string> DiffAsync(AppliedTable applied, RedshiftClient client, string table, string key, IReadOnlyList<string> columns)
    {
        var expected = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await foreach (var row in client.QueryAsync(new SqlStatement($"SELECT {string.Join(", ", columns)} FROM {table}")))
        {
            var values = Enumerable.Range(0, columns.Count).Select(i => row[i] is { } v ? Convert.ToString(v, CultureInfo.InvariantCulture) : "NULL").ToList();
            expected.Add(values[columns.ToList().IndexOf(key)]!, string.Join("|", values));
        }

        var lines = new List<string>();
        foreach (var (id, text) in expected.Where(e => !applied._rows.TryGetValue(e.Key, out var got) || got != e.Value))
        {
            lines.Add($"  table {text}, applied {applied._rows.GetValueOrDefault(id) ?? "(missing)"}");
        }

        lines.AddRange(applied._rows.Where(a => !expected.ContainsKey(a.Key)).Select(a => $"  applied {a.Value}, not in the table (a delete was lost)"));
        return string.Join("\n", lines.Take(20));
    }

    private static string Hash(IEnumerable<string> rows)
        => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", rows))));

    private static string? Text(IArrowArray array, int row) => array switch
    {
        Int16Array a => a.GetValue(row)?.ToString(CultureInfo.InvariantCulture),
        Int32Array a => a.GetValue(row)?.ToString(CultureInfo.InvariantCulture),
        Int64Array a => a.GetValue(row)?.ToString(CultureInfo.InvariantCulture),
        StringArray a => a.IsNull(row) ? null : a.GetString(row),
        TimestampArray a => a.IsNull(row) ? null : a.GetTimestamp(row)!.Value.ToString("O", CultureInfo.InvariantCulture),
        _ => throw new NotSupportedException($"{array.Data.DataType.Name} columns are not read by this test"),
    };
}
