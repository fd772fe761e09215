using System.Text;

namespace RedshiftTyped.Generator.Tests.Infrastructure;

/// <summary>
/// Compares text with a committed approved file under Approved/. A difference fails with a line diff; with
/// REDSHIFT_TYPED_ACCEPT=1 the approved file is rewritten instead (then review the change in git).
/// </summary>
internal static class Approvals
{
    public const string AcceptVariable = "REDSHIFT_TYPED_ACCEPT";

    public static bool Accepting => Environment.GetEnvironmentVariable(AcceptVariable) is "1" or "true";

    /// <summary>Checks a set of files at once, so added and removed outputs are caught too.</summary>
    public static void VerifyFolder(string folder, IReadOnlyList<(string Name, string Text)> files)
    {
        string directory = Path.Combine(SnapshotFiles.ProjectDirectory, "Approved", folder);
        var expectedNames = files.Select(f => f.Name + ".txt").ToHashSet(StringComparer.Ordinal);
        var failures = new List<string>();
        if (Accepting)
        {
            Directory.CreateDirectory(directory);
            foreach (string stale in Directory.EnumerateFiles(directory).Where(p => !expectedNames.Contains(Path.GetFileName(p))))
            {
                File.Delete(stale);
            }
        }

        var existing = Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory).Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal)!
            : [];
        foreach (string? unexpected in existing.Where(name => !expectedNames.Contains(name!)).Order(StringComparer.Ordinal))
        {
            failures.Add($"Approved/{folder}/{unexpected} is no longer generated.");
        }

        foreach (var (name, text) in files)
        {
            string path = Path.Combine(directory, name + ".txt");
            string actual = Normalise(text);
            if (Accepting)
            {
                File.WriteAllText(path, actual, new UTF8Encoding(false));
                continue;
            }

            if (!File.Exists(path))
            {
                failures.Add($"Approved/{folder}/{name}.txt does not exist; run with {AcceptVariable}=1 to create it.");
                continue;
            }

            string expected = Normalise(File.ReadAllText(path));
            if (expected != actual)
            {
                failures.Add($"Approved/{folder}/{name}.txt differs (- approved, + generated):\n{LineDiff.Unified(expected, actual)}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures) + $"\n\nIf the change is intended, rerun with {AcceptVariable}=1 and review the diff.");
    }

    private static string Normalise(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}

/// <summary>A small LCS line diff, enough to show what changed in a generated file.</summary>
internal static class LineDiff
{
    public static string Unified(string expected, string actual, int context = 2)
    {
        string[] a = expected.Split('\n');
        string[] b = actual.Split('\n');
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (int i = a.Length - 1; i >= 0; i--)
        {
            for (int j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var lines = new List<(char Tag, string Text, int Line)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                lines.Add((' ', a[x], x + 1));
                x++;
                y++;
            }
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                lines.Add(('+', b[y], y + 1));
                y++;
            }
            else
            {
                lines.Add(('-', a[x], x + 1));
                x++;
            }
        }

        var output = new StringBuilder();
        int lastPrinted = -1;
        for (int i = 0; i < lines.Count; i++)
        {
            bool near = false;
            for (int k = Math.Max(0, i - context); k <= Math.Min(lines.Count - 1, i + context) && !near; k++)
            {
                near = lines[k].Tag != ' ';
            }

            if (!near)
            {
                continue;
            }

            if (lastPrinted >= 0 && i > lastPrinted + 1)
            {
                output.AppendLine("  ...");
            }

            output.Append(lines[i].Tag).Append(' ').Append(lines[i].Line.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(4)).Append(": ").AppendLine(lines[i].Text);
            lastPrinted = i;
        }

        return output.ToString();
    }
}
