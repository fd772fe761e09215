namespace RedshiftTyped.Tool.Output;

/// <summary>
/// The table <see cref="SpectreTable"/> draws, written directly for the common case: every character printable ASCII
/// (one terminal cell each) and the table no wider than <see cref="SpectreTable.Width"/>, so no column is wrapped.
/// Byte for byte Spectre.Console's ASCII-border layout (TableResultWriterTests compares the two), without loading
/// Spectre.Console and its renderer, which were the largest part of a cold <c>redshift-typed sql</c>'s own start-up.
/// </summary>
internal static class PlainTable
{
    /// <summary>True when <see cref="Write"/> draws exactly what Spectre.Console would for these names and rows.</summary>
    public static bool CanWrite(IReadOnlyList<string> names, IReadOnlyList<string[]> rows)
    {
        if (names.Count == 0)
        {
            return false;
        }

        int[] widths = Widths(names, rows, out bool plain);
        if (!plain)
        {
            return false;
        }

        // Spectre's table: a border and one space either side of each cell; wider than the console, it wraps.
        int total = 1;
        foreach (int width in widths)
        {
            if (width == 0)
            {
                return false;
            }

            total += width + 3;
        }

        return total <= SpectreTable.Width;
    }

    /// <summary>Writes the table; call only when <see cref="CanWrite"/> said yes.</summary>
    public static void Write(TextWriter output, IReadOnlyList<string> names, IReadOnlyList<string[]> rows)
    {
        int[] widths = Widths(names, rows, out _);
        int inner = widths.Sum() + (3 * widths.Length) - 1;
        string edge = "+" + new string('-', inner) + "+";

        output.WriteLine(edge);
        WriteRow(output, names, widths);
        if (rows.Count > 0)
        {
            output.WriteLine("|" + string.Join('+', widths.Select(w => new string('-', w + 2))) + "|");
            foreach (string[] row in rows)
            {
                WriteRow(output, row, widths);
            }
        }

        output.WriteLine(edge);
    }

    private static void WriteRow(TextWriter output, IReadOnlyList<string> cells, int[] widths)
    {
        output.Write('|');
        for (int i = 0; i < widths.Length; i++)
        {
            output.Write(' ');
            output.Write(cells[i]);
            output.Write(new string(' ', widths[i] - cells[i].Length + 1));
            output.Write('|');
        }

        output.WriteLine();
    }

    private static int[] Widths(IReadOnlyList<string> names, IReadOnlyList<string[]> rows, out bool plain)
    {
        plain = true;
        int[] widths = new int[names.Count];
        for (int i = 0; i < names.Count; i++)
        {
            widths[i] = names[i].Length;
            plain &= IsPrintableAscii(names[i]);
        }

        foreach (string[] row in rows)
        {
            for (int i = 0; i < widths.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
                plain &= IsPrintableAscii(row[i]);
            }
        }

        return widths;
    }

    private static bool IsPrintableAscii(string text)
    {
        foreach (char c in text)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }
}
