using RedshiftTyped.DataApi.Model;
using Spectre.Console;

namespace RedshiftTyped.Tool.Output;

/// <summary>
/// A table for people. A table needs every row to size its columns, so it shows at most
/// <see cref="MaxRows"/> rows and says how to get the rest (csv or json stream without a limit).
/// </summary>
internal sealed class TableResultWriter(TextWriter output) : ResultWriter
{
    public const int MaxRows = 1000;

    private readonly List<string[]> _rows = [];
    private string[] _names = [];

    public override void Begin(IReadOnlyList<ColumnMetadata> columns) => _names = columns.Select(ColumnName).ToArray();

    public override void WriteRow(object?[] row)
    {
        if (_rows.Count < MaxRows)
        {
            _rows.Add(row.Select(v => Text(v) ?? "NULL").ToArray());
        }
    }

    public override void End(long rows, bool hadResultSet)
    {
        if (!hadResultSet)
        {
            output.WriteLine(rows == 1 ? "OK, 1 row affected." : $"OK, {rows} rows affected.");
            return;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 240;
        var table = new Table().Border(TableBorder.Ascii);
        foreach (string name in _names)
        {
            table.AddColumn(new TableColumn(Markup.Escape(name)));
        }

        foreach (var row in _rows)
        {
            table.AddRow(row.Select(cell => new Text(cell)).ToArray());
        }

        console.Write(table);
        output.WriteLine(rows > _rows.Count
            ? $"({rows} rows; the first {_rows.Count} shown — use --format csv or json for all of them)"
            : rows == 1 ? "(1 row)" : $"({rows} rows)");
    }
}
