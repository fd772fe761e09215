using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using RedshiftTyped.Generator.Tests.Infrastructure;

namespace RedshiftTyped.Generator.Tests.Queries;

/// <summary>Query files and query snapshots for generator tests, as the targets and the capture tool would hand them over.</summary>
internal static class QueryInputs
{
    /// <summary>The sample's queries and their committed snapshots (the repository's queries/ and query-snapshots/), with the TICKIT tables.</summary>
    public static IReadOnlyList<(string Path, string Text)> Sample()
    {
        string root = Path.GetFullPath(Path.Combine(SnapshotFiles.ProjectDirectory, "..", ".."));
        var files = new List<(string Path, string Text)>();
        foreach (var (folder, virtualRoot, pattern) in new[] { ("queries", "/queries/", "*.sql"), ("query-snapshots", "/query-snapshots/", "*.json") })
        {
            string directory = Path.Combine(root, folder);
            files.AddRange(Directory.EnumerateFiles(directory, pattern, SearchOption.AllDirectories)
                .Select(path => (virtualRoot + Path.GetRelativePath(directory, path).Replace('\\', '/'), File.ReadAllText(path))));
        }

        files.AddRange(SnapshotFiles.Load("tickit"));
        return files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
    }

    /// <summary>The hash capture records: SHA-256 of the text with \n line ends, lower-case hex.</summary>
    public static string Sha(string sql)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.Replace("\r\n", "\n", StringComparison.Ordinal))));

    /// <summary>A query snapshot of <paramref name="file"/> whose hash matches <paramref name="sql"/>.</summary>
    public static string Snapshot(string file, string sql, params string[] columns) => SnapshotWithHash(file, Sha(sql), columns);

    public static string SnapshotWithHash(string file, string sha256, params string[] columns) => $$"""
        {
          "formatVersion": 1,
          "kind": "query",
          "file": "{{file}}",
          "database": "dev",
          "sha256": "{{sha256}}",
          "comment": null,
          "parameters": [],
          "columns": [
            {{string.Join(",\n    ", columns)}}
          ]
        }
        """;

    /// <summary>A result column as capture writes it.</summary>
    public static string Column(string name, int ordinal, string type, string typeName, bool nullable = true, string extra = "")
        => string.Create(CultureInfo.InvariantCulture,
            $$"""{"name": "{{name}}", "ordinal": {{ordinal}}, "type": "{{type}}", "typeName": "{{typeName}}", "length": null, "precision": null, "scale": null, "nullable": {{(nullable ? "true" : "false")}}, "reportedNullable": {{(nullable ? 1 : 0)}}{{extra}}}""");

    /// <summary>A query file with its snapshot (one int column named <c>n</c> unless columns are given).</summary>
    public static (string Path, string Text)[] Pair(string file, string sql, params string[] columns)
        => [("/queries/" + file, sql), ("/query-snapshots/" + Path.ChangeExtension(file, ".json"), Snapshot(file, sql, columns.Length > 0 ? columns : [Column("n", 1, "integer", "int4")]))];
}
