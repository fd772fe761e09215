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

    /// <summary>
    /// Walks up from the test assembly to the project folder. (Not [CallerFilePath]: CI builds map source paths
    /// to "/_/" for deterministic output, so compiled-in paths do not exist on disk.)
    /// </summary>
    private static string FindProjectDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RedshiftTyped.Generator.Tests.csproj")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("The RedshiftTyped.Generator.Tests project folder was not found above " + AppContext.BaseDirectory);
    }
}
