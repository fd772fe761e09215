using System.Diagnostics;
using System.IO.Compression;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;

namespace RedshiftTyped.Benchmarks.ColdStart;

/// <summary>
/// One build of the <c>redshift-typed</c> tool to start cold: a folder holding <c>redshift-typed.dll</c> and its
/// dependencies, run as <c>dotnet redshift-typed.dll …</c> (what the installed tool's launcher runs), with extra
/// environment variables (a runtime setting overridden, say).
/// </summary>
internal sealed record ToolBuild(string Name, string Directory, IReadOnlyDictionary<string, string> Environment)
{
    public string Assembly => Path.Combine(Directory, "redshift-typed.dll");

    /// <summary>How many of the folder's managed assemblies carry ReadyToRun code, of how many.</summary>
    public (int ReadyToRun, int Managed) ReadyToRunAssemblies()
    {
        int r2r = 0, managed = 0;
        foreach (string dll in System.IO.Directory.EnumerateFiles(Directory, "*.dll"))
        {
            using var pe = new PEReader(File.OpenRead(dll));
            if (pe.PEHeaders.CorHeader is not { } cor)
            {
                continue;
            }

            managed++;
            if (cor.ManagedNativeHeaderDirectory.Size > 0)
            {
                r2r++;
            }
        }

        return (r2r, managed);
    }
}

/// <summary>
/// Finds the two builds compared: the tool as shipped (the RedshiftTyped.Tool.&lt;rid&gt; package, ReadyToRun, unpacked
/// from a pack feed) and the same code as a plain JIT build (the tool's assemblies this benchmark project was built
/// with). The feed is <c>REDSHIFT_TYPED_FEED</c> (test.sh's), else <c>artifacts/feed</c> (./pack.sh's default); when
/// neither holds a tool package, the tool is packed for this machine into <c>artifacts/cold-start-feed</c> first.
/// </summary>
internal static class ToolBuilds
{
    public static ToolBuild Jit() => new("JIT", AppContext.BaseDirectory, new Dictionary<string, string>());

    public static async Task<ToolBuild> ShippedAsync(string workDirectory)
    {
        string rid = RuntimeInformation.RuntimeIdentifier;
        string package = FindPackage(rid) ?? await PackAsync(rid);
        Console.WriteLine($"cold-start: shipped build from {package}");
        string target = Path.Combine(workDirectory, "shipped");
        using (var zip = ZipFile.OpenRead(package))
        {
            // A RID-specific tool package holds the published tool under tools/<tfm>/<rid>/.
            string prefix = zip.Entries.Select(e => e.FullName)
                .FirstOrDefault(n => n.StartsWith("tools/", StringComparison.Ordinal) && n.EndsWith("/redshift-typed.dll", StringComparison.Ordinal))
                ?.Replace("redshift-typed.dll", "", StringComparison.Ordinal)
                ?? throw new InvalidOperationException($"{package} holds no tools/*/redshift-typed.dll.");
            foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith(prefix, StringComparison.Ordinal) && e.Name.Length > 0))
            {
                string path = Path.Combine(target, entry.FullName[prefix.Length..]);
                System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                entry.ExtractToFile(path, overwrite: true);
            }
        }

        return new ToolBuild("R2R", target, new Dictionary<string, string>());
    }

    private static string? FindPackage(string rid)
    {
        string? version = Environment.GetEnvironmentVariable("REDSHIFT_TYPED_FEED_VERSION");
        var feeds = new[] { Environment.GetEnvironmentVariable("REDSHIFT_TYPED_FEED"), Path.Combine(RepositoryRoot, "artifacts", "feed"), ColdStartFeed }
            .Where(f => !string.IsNullOrEmpty(f) && System.IO.Directory.Exists(f));
        foreach (string feed in feeds!)
        {
            string pattern = version is null ? $"RedshiftTyped.Tool.{rid}.*.nupkg" : $"RedshiftTyped.Tool.{rid}.{version}.nupkg";
            // The newest pack in the feed, when it holds several versions.
            if (System.IO.Directory.EnumerateFiles(feed!, pattern).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault() is { } package)
            {
                return package;
            }
        }

        return null;
    }

    private static string ColdStartFeed => Path.Combine(RepositoryRoot, "artifacts", "cold-start-feed");

    /// <summary>Packs the tool for this machine as pack.sh does (Release, with this machine's RID), into a feed of its own.</summary>
    private static async Task<string> PackAsync(string rid)
    {
        Console.WriteLine($"cold-start: no RedshiftTyped.Tool.{rid} package in REDSHIFT_TYPED_FEED or artifacts/feed; packing one into {ColdStartFeed} (minutes)");
        var pack = new ProcessStartInfo("dotnet",
        [
            "pack", Path.Combine(RepositoryRoot, "src", "RedshiftTyped.Tool"), "--configuration", "Release", "--output", ColdStartFeed,
            "--artifacts-path", Path.Combine(RepositoryRoot, ".artifacts", "cold-start"), "--nologo", "-v", "quiet", $"-p:RedshiftTypedToolRids={rid}",
        ]);
        using var process = Process.Start(pack) ?? throw new InvalidOperationException("Could not start dotnet pack.");
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet pack of the tool failed (exit {process.ExitCode}); run ./pack.sh to see why.");
        }

        return FindPackage(rid) ?? throw new InvalidOperationException($"dotnet pack left no RedshiftTyped.Tool.{rid} package in {ColdStartFeed}.");
    }

    /// <summary>The folder holding RedshiftTyped.sln, above this benchmark's build output.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "RedshiftTyped.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException($"No RedshiftTyped.sln above {AppContext.BaseDirectory}.");
        }
    }
}
