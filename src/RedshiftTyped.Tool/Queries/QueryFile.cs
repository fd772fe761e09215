using RedshiftTyped.Queries.Syntax;

namespace RedshiftTyped.Tool.Queries;

/// <summary>A query file on disk: where it is, its path below the queries folder (the key), and its text read.</summary>
internal sealed record QueryFile(string Path, string Key, QuerySource Source)
{
    /// <summary><c>queries/tickit/top_events.sql:7</c>: the file and the line of an offset, as messages name them.</summary>
    public string Where(int offset) => $"{Path}:{Source.LineOf(offset)}";

    /// <summary>Every <c>*.sql</c> under <paramref name="root"/> (hidden files and folders skipped), ordered by key.</summary>
    public static IReadOnlyList<QueryFile> ReadAll(string root)
    {
        if (!Directory.Exists(root))
        {
            return [];
        }

        return Directory.EnumerateFiles(root, "*.sql", SearchOption.AllDirectories)
            .Select(path => (Path: path, Key: System.IO.Path.GetRelativePath(root, path).Replace('\\', '/')))
            .Where(file => !file.Key.Split('/').Any(part => part.StartsWith('.')))
            .OrderBy(file => file.Key, StringComparer.Ordinal)
            .Select(file => new QueryFile(file.Path, file.Key, QuerySource.Parse(File.ReadAllText(file.Path))))
            .ToList();
    }
}
