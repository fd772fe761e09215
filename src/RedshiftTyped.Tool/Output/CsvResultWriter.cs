using RedshiftTyped.DataApi.Model;

namespace RedshiftTyped.Tool.Output;

/// <summary>RFC 4180 CSV with a header row; NULL is an empty unquoted field, an empty string is <c>""</c>.</summary>
internal sealed class CsvResultWriter(TextWriter output) : ResultWriter
{
    public override void Begin(IReadOnlyList<ColumnMetadata> columns)
        => output.WriteLine(string.Join(',', columns.Select((c, i) => Quote(ColumnName(c, i)))));

    public override void WriteRow(object?[] row)
        => output.WriteLine(string.Join(',', row.Select(v => Text(v) is { } text ? Quote(text) : string.Empty)));

    public override void End(long rows, bool hadResultSet) => output.Flush();

    private static string Quote(string text)
        => text.Length == 0 || text.IndexOfAny([',', '"', '\n', '\r']) >= 0 || text != text.Trim()
            ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;
}
