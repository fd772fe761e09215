using Spectre.Console;

namespace RedshiftTyped.Tool.Output;

/// <summary>
/// A table drawn by Spectre.Console (ASCII border, no colour, <see cref="Width"/> columns wide): it measures wide
/// characters and wraps columns that do not fit. Only referenced when <see cref="PlainTable"/> cannot draw the
/// table, so a process printing a small plain result never loads Spectre.Console.
/// </summary>
internal static class SpectreTable
{
    /// <summary>The width the table is drawn for, in terminal cells: output often goes to a file or pipe, so not the console's.</summary>
    public const int Width = 240;

    public static void Write(TextWriter output, IReadOnlyList<string> names, IReadOnlyList<string[]> rows)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = Width;
        var table = new Table().Border(TableBorder.Ascii);
        foreach (string name in names)
        {
            table.AddColumn(new TableColumn(Markup.Escape(name)));
        }

        foreach (var row in rows)
        {
            table.AddRow(row.Select(cell => new Text(cell)).ToArray());
        }

        console.Write(table);
    }
}
