using RedshiftTyped.Local.Statements;

namespace RedshiftTyped.Local.Catalog.External;

/// <summary>
/// Where an external table's files are on this machine: <c>s3://bucket/prefix/</c> is read from
/// <c>DIR/bucket/prefix/</c>, DIR being the folder the server was given at start-up
/// (<see cref="LocalServerOptions.ExternalDataFolder"/>, <c>redshift-typed local --external-data DIR</c>). Nothing
/// outside that folder is ever read: a location that leads out of it (<c>..</c>, a link) is refused.
/// </summary>
internal sealed class ExternalLocation
{
    private const int MaxDepth = 64;
    private readonly string? _root;

    public ExternalLocation(string? folder)
    {
        _root = folder is null ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
    }

    /// <summary>The local folder (or file) an <c>s3://</c> location maps to; throws a one-line error when it cannot be read.</summary>
    public string Resolve(string location)
    {
        if (_root is null)
        {
            throw new EngineFailure(
                $"ERROR: external table location '{location}' cannot be read: the local server has no external data folder; start it with --external-data DIR (LocalServerOptions.ExternalDataFolder) to read s3://bucket/prefix/ from DIR/bucket/prefix/");
        }

        const string Scheme = "s3://";
        if (!location.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || location.Length <= Scheme.Length)
        {
            throw new EngineFailure($"ERROR: external table location '{location}' is not an s3://bucket/prefix/ location");
        }

        string key = location[Scheme.Length..];
        if (key.Contains('\\', StringComparison.Ordinal) || key.Split('/').Any(part => part is ".." or "."))
        {
            throw new EngineFailure($"ERROR: external table location '{location}' is outside the external data folder {_root}");
        }

        string path = Path.GetFullPath(Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar)));
        EnsureInside(location, path);
        return path;
    }

    /// <summary>Throws when <paramref name="path"/> (after following links) is not inside the folder.</summary>
    public void EnsureInside(string location, string path)
    {
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new EngineFailure($"ERROR: external table location '{location}' is outside the external data folder {_root}");
        }

        FileSystemInfo info = Directory.Exists(full) ? new DirectoryInfo(full) : new FileInfo(full);
        if (info.Exists && info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
        {
            EnsureInside(location, target.FullName);
        }
    }

    /// <summary>
    /// The data files under a location: every file in the folder and its subfolders, except hidden files and files
    /// whose name begins with a period or an underscore (r_CREATE_EXTERNAL_TABLE.md, LOCATION), in name order. A
    /// location that does not exist has no files.
    /// </summary>
    public IReadOnlyList<string> Files(string location)
    {
        string path = Resolve(location);
        if (File.Exists(path))
        {
            throw new EngineFailure($"ERROR: external table location '{location}' names a file; manifest locations are not supported by the local server (name the folder instead)");
        }

        if (!Directory.Exists(path))
        {
            return [];
        }

        var files = new List<string>();
        Collect(location, new DirectoryInfo(path), files, depth: 0);
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    private void Collect(string location, DirectoryInfo folder, List<string> files, int depth)
    {
        // A link to an enclosing folder would otherwise be followed forever.
        if (depth > MaxDepth)
        {
            throw new EngineFailure($"ERROR: external table location '{location}' has folders nested deeper than {MaxDepth} levels (a link loop?)");
        }

        foreach (var entry in folder.EnumerateFileSystemInfos())
        {
            if (entry.Name.StartsWith('.') || entry.Name.StartsWith('_') || (entry.Attributes & FileAttributes.Hidden) != 0)
            {
                continue;
            }

            EnsureInside(location, entry.FullName);
            if (entry is DirectoryInfo sub)
            {
                Collect(location, sub, files, depth + 1);
            }
            else
            {
                files.Add(entry.FullName);
            }
        }
    }
}
