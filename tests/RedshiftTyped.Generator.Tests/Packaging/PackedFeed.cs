using RedshiftTyped.Generator.Tests.Infrastructure;

namespace RedshiftTyped.Generator.Tests.Packaging;

/// <summary>
/// The packages as ./pack.sh builds them into a local feed: the feed test.sh packed (REDSHIFT_TYPED_FEED, with the
/// version in REDSHIFT_TYPED_FEED_VERSION), or one packed once per test run into a temporary folder.
/// </summary>
internal sealed record PackedFeed(string Directory, string Version)
{
    private static readonly Lazy<PackedFeed> Shared = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public static readonly string RepositoryRoot = Path.GetFullPath(Path.Combine(SnapshotFiles.ProjectDirectory, "..", ".."));

    public static PackedFeed Get() => Shared.Value;

    public string Package(string id) => Path.Combine(Directory, $"{id}.{Version}.nupkg");

    public string Symbols(string id) => Path.Combine(Directory, $"{id}.{Version}.snupkg");

    /// <summary>
    /// A nuget.config for a throwaway project: the feed first, packages restored into their own folder (so no cached
    /// copy of another build can stand in), with the machine's package cache as a fallback for the dependencies.
    /// </summary>
    public string NuGetConfig(string packagesFolder) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <config>
            <add key="globalPackagesFolder" value="{packagesFolder}" />
          </config>
          <fallbackPackageFolders>
            <add key="machine" value="{Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages")}" />
          </fallbackPackageFolders>
          <packageSources>
            <add key="redshift-typed-local" value="{Directory}" />
          </packageSources>
        </configuration>
        """;

    private static PackedFeed Create()
    {
        if (Environment.GetEnvironmentVariable("REDSHIFT_TYPED_FEED") is { Length: > 0 } feed
            && Environment.GetEnvironmentVariable("REDSHIFT_TYPED_FEED_VERSION") is { Length: > 0 } version)
        {
            return new PackedFeed(feed, version);
        }

        string directory = System.IO.Directory.CreateTempSubdirectory("redshift-typed-feed-").FullName;
        string output = ProcessRunner.Run(RepositoryRoot, "bash", "pack.sh", "--feed", directory);
        // pack.sh prints the version alone on its last line of standard output.
        string packed = output.Split('\n').Select(l => l.Trim())
            .Last(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$"));
        return new PackedFeed(directory, packed);
    }
}
