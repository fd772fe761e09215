using RedshiftTyped.DataApi.Model;

namespace RedshiftTyped.Tool.Output;

/// <summary>
/// A table for people. A table needs every row to size its columns, so it shows at most
/// <see cref="MaxRows"/> rows and says how to get the rest (csv or json stream without a limit). Control characters
/// in names and values are shown escaped (<see cref="TerminalText"/>), never sent to the terminal.
/// </summary>
internal sealed class TableResultWriter(TextWriter output) : ResultWriter
{
    public const int MaxRows = 1000;

    private readonly List<string[]> _rows = [];
    private string[] _names = [];

    public override void Begin(IReadOnlyList<ColumnMetadata> columns) => _names = columns.Select((column, i) => TerminalText.Escape(ColumnName(column, i))).ToArray();

    public override void WriteRow(object?[] row)
    {
        if (_rows.Count < MaxRows)
        {
            _rows.Add(row.Select(v => Text(v) is { } text ? TerminalText.Escape(text) : "NULL").ToArray());
        }
    }

    public override void End(long rows, bool hadResultSet)
    {
        if (!hadResultSet)
        {
            output.WriteLine(rows == 1 ? "OK, 1 row affected." : $"OK, {rows} rows affected.");
            return;
        }

        if (PlainTable.CanWrite(_names, _rows))
        {
            PlainTable.Write(output, _names, _rows);
        }
        else
        {
            SpectreTable.Write(output, _names, _rows);
        }

        output.WriteLine(rows > _rows.Count
            ? $"({rows} rows; the first {_rows.Count} shown — use --format csv or json for all of them)"
            : rows == 1 ? "(1 row)" : $"({rows} rows)");
    }
}
