using System.Runtime.CompilerServices;

namespace RedshiftTyped.Generator.Tests.Infrastructure;

/// <summary>Locates the test project's source folders (snapshots and approved files live next to the tests).</summary>
internal static class SnapshotFiles
{
    public static string ProjectDirectory { get; } = FindProjectDirectory();

    /// <summary>Every snapshot under Snapshots/&lt;folder&gt;, as (virtual path, text), ordered by path.</summary>
    public static IReadOnlyList<(string Path, string Text)> Load(string folder)
    {
        string root = Path.Combine(ProjectDirectory, "Snapshots", folder);
        return Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories)
            .Select(path => ("/snapshots/" + Path.GetRelativePath(Path.Combine(ProjectDirectory, "Snapshots"), path).Replace('\\', '/'), File.ReadAllText(path)))
            .OrderBy(file => file.Item1, StringComparer.Ordinal)
            .ToList();
    }

    private static string FindProjectDirectory([CallerFilePath] string thisFile = "")
        => Path.GetDirectoryName(Path.GetDirectoryName(thisFile))!;
}
