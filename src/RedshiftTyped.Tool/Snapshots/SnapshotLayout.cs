using System.Text;

namespace RedshiftTyped.Tool.Snapshots;

/// <summary>
/// Where a table's snapshot lives: <c>&lt;dir&gt;/&lt;database&gt;/&lt;schema&gt;/&lt;table&gt;.json</c>, one file per table so that a
/// one-table change is a one-file diff. Names are made safe for every file system: anything but lower-case
/// ASCII letters, digits, <c>_</c> and <c>-</c> is percent-encoded (upper case too), so names that differ
/// only in case, or hold slashes, dots, quotes or unicode, still get distinct, portable file names.
/// The file's content, not its name, is the source of truth for the real name.
/// </summary>
public static class SnapshotLayout
{
    public static string PathFor(string root, string database, string schema, string table)
        => Path.Combine(root, Encode(database), Encode(schema), Encode(table) + ".json");

    public static string Encode(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (byte b in Encoding.UTF8.GetBytes(name))
        {
            char c = (char)b;
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-')
            {
                text.Append(c);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.Length == 0 ? "%" : text.ToString();
    }

    /// <summary>Every snapshot file under <paramref name="root"/>, in a stable order.</summary>
    public static IEnumerable<string> Files(string root)
        => Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories)
                .Where(f => !Path.GetFileName(f).StartsWith('.'))
                .Order(StringComparer.Ordinal)
            : [];
}
