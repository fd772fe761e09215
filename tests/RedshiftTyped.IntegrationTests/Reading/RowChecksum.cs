using System.Data.SqlTypes;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using RedshiftTyped.Typed;
using RedshiftTyped.Values;

namespace RedshiftTyped.IntegrationTests.Reading;

/// <summary>
/// Count and order-independent checksum of a table's rows, each value brought to one canonical text whichever way it
/// was read (typed record, untyped row, or the text `redshift-typed sql` prints), so two reads can be compared.
/// </summary>
internal sealed class RowChecksum
{
    private readonly List<string> _rows = [];

    public int Count => _rows.Count;

    public void Add(IEnumerable<object?> values) => _rows.Add(string.Join('\u001f', values.Select(Canonical)));

    /// <summary>A row of text as the tool prints it, read back by the column types.</summary>
    public void AddText(IReadOnlyList<ColumnDescriptor> columns, string?[] fields)
        => Add(fields.Select((text, i) => text is null ? null : RedshiftValueDecoder.FromText(text, columns[i].Type, columns[i].Precision ?? 0, columns[i].Name)));

    /// <summary>The canonical rows, sorted: compared when checksums differ, the assertion shows which value did.</summary>
    public IReadOnlyList<string> SortedRows()
    {
        _rows.Sort(StringComparer.Ordinal);
        return _rows;
    }

    public string Hash()
    {
        _rows.Sort(StringComparer.Ordinal);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', _rows))));
    }

    private static string Canonical(object? value) => value switch
    {
        null => "\u2400",
        decimal d => d.ToString("G29", CultureInfo.InvariantCulture),
        // The same number whichever way it was read: a wide numeric's trailing zeros (4.5120000 read as SqlDecimal) are not digits of it.
        SqlDecimal s => s.ToString() is var text && text.Contains('.', StringComparison.Ordinal) ? text.TrimEnd('0').TrimEnd('.') : text,
        DateTime dt => dt.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        DateTimeOffset dto => dto.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToBase64String(bytes),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };
}
