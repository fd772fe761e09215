using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using RedshiftTyped.Generator.Tests.Infrastructure;
using RedshiftTyped.Local;

namespace RedshiftTyped.Generator.Tests.Packaging;

/// <summary>
/// The packages as a team gets them from ./pack.sh's local feed: metadata (readme, licence, repository, a version from
/// git), symbols whose PDB resolves a source file through SourceLink ("go to definition" without a debugger), the tool
/// package per platform, and a throwaway project that restores RedshiftTyped from the feed, generates from a snapshot
/// and reads typed rows from the local Data API server over HTTP. Slow (pack + restore + build, minutes).
/// </summary>
public sealed class PackagingTests
{
    private const string RepositoryUrl = "https://github.com/redshift-typed/redshift-typed";

    [Fact]
    [Trait("Category", "Packaging")]
    public void Packages_carry_readme_licence_repository_symbols_and_a_version_from_git()
    {
        var feed = PackedFeed.Get();
        // MinVer: 0.1.0-alpha.0.HEIGHT before the first tag (a tag vX.Y.Z gives X.Y.Z); pack.sh marks uncommitted work.
        Assert.Matches(@"^\d+\.\d+\.\d+(-alpha\.0\.\d+)?(\.dirty\.\d{14}|-dirty\.\d{14})?$", feed.Version);
        if (feed.Version.Contains("-alpha.0.", StringComparison.Ordinal))
        {
            // The height is MinVer's count of commits from the root (height 0) along the shortest path: it grows with every
            // commit, and is at most the number of commits in the history.
            int commits = int.Parse(ProcessRunner.Run(PackedFeed.RepositoryRoot, "git", "rev-list", "--count", "HEAD").Trim(), System.Globalization.CultureInfo.InvariantCulture);
            int packedHeight = int.Parse(Regex.Match(feed.Version, @"-alpha\.0\.(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(packedHeight, 1, commits - 1);
        }

        foreach (string id in new[] { "RedshiftTyped", "RedshiftTyped.Local", "RedshiftTyped.Tool" })
        {
            using var zip = ZipFile.OpenRead(feed.Package(id));
            var metadata = Metadata(zip);
            Assert.Equal(feed.Version, (string?)Element(metadata, "version"));
            Assert.Equal("Apache-2.0", (string?)Element(metadata, "license"));
            Assert.Equal("expression", (string?)Element(metadata, "license")?.Attribute("type"));
            Assert.Equal("README.md", (string?)Element(metadata, "readme"));
            Assert.Contains(zip.Entries, e => e.FullName == "README.md");
            var repository = Element(metadata, "repository")!;
            Assert.Equal(RepositoryUrl, (string?)repository.Attribute("url"));
            Assert.Matches("^[0-9a-f]{40}$", (string?)repository.Attribute("commit") ?? "");
        }

        Assert.True(File.Exists(feed.Symbols("RedshiftTyped")), "RedshiftTyped's .snupkg");
        Assert.True(File.Exists(feed.Symbols("RedshiftTyped.Local")), "RedshiftTyped.Local's .snupkg");
    }

    [Fact]
    [Trait("Category", "Packaging")]
    public void The_runtime_package_holds_the_generator_and_its_build_files_only()
    {
        using var zip = ZipFile.OpenRead(PackedFeed.Get().Package("RedshiftTyped"));
        var entries = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("lib/net10.0/RedshiftTyped.dll", entries);
        Assert.Contains("lib/net10.0/RedshiftTyped.xml", entries);
        Assert.Contains("buildTransitive/RedshiftTyped.props", entries);
        Assert.Contains("buildTransitive/RedshiftTyped.targets", entries);
        Assert.Equal(["analyzers/dotnet/cs/RedshiftTyped.Generator.dll"], entries.Where(e => e.StartsWith("analyzers/", StringComparison.Ordinal)));
        Assert.DoesNotContain(entries, e => e.Contains("Microsoft.CodeAnalysis", StringComparison.Ordinal));

        string manifest = Metadata(zip).ToString();
        Assert.DoesNotContain("RedshiftTyped.Generator", manifest, StringComparison.Ordinal);
        Assert.Contains("Apache.Arrow", manifest, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Packaging")]
    public void The_pdb_resolves_a_source_file_through_sourcelink_to_the_built_commit()
    {
        var feed = PackedFeed.Get();
        using var zip = ZipFile.OpenRead(feed.Package("RedshiftTyped"));
        string commit = (string)Element(Metadata(zip), "repository")!.Attribute("commit")!;

        using var symbols = ZipFile.OpenRead(feed.Symbols("RedshiftTyped"));
        using var pdbStream = new MemoryStream();
        using (var entry = symbols.GetEntry("lib/net10.0/RedshiftTyped.pdb")!.Open())
        {
            entry.CopyTo(pdbStream);
        }

        pdbStream.Position = 0;
        using var provider = MetadataReaderProvider.FromPortablePdbStream(pdbStream);
        var pdb = provider.GetMetadataReader();

        // "Go to definition" on RedshiftClient: the PDB's document for it, mapped through the SourceLink map.
        var document = pdb.Documents.Select(pdb.GetDocument)
            .Single(d => pdb.GetString(d.Name).EndsWith("src/RedshiftTyped/RedshiftClient.cs", StringComparison.Ordinal));
        string path = pdb.GetString(document.Name);
        Assert.StartsWith("/_/", path, StringComparison.Ordinal);   // deterministic paths, not the build machine's

        var map = SourceLinkMap(pdb);
        var (prefix, urlPattern) = map.Single(m => path.StartsWith(m.Prefix, StringComparison.Ordinal));
        string url = urlPattern.Replace("*", path[prefix.Length..].Replace('\\', '/'), StringComparison.Ordinal);
        Assert.Equal($"https://raw.githubusercontent.com/redshift-typed/redshift-typed/{commit}/src/RedshiftTyped/RedshiftClient.cs", url);

        // The file at that URL is the commit's file: its SHA-256 is the checksum the PDB recorded for the source compiled.
        // (A pack of uncommitted work compiled the working file.)
        string relative = url[url.IndexOf(commit, StringComparison.Ordinal)..][(commit.Length + 1)..];
        byte[] source = feed.Version.Contains("dirty", StringComparison.Ordinal)
            ? File.ReadAllBytes(Path.Combine(PackedFeed.RepositoryRoot, relative))
            : GitShow(commit, relative);
        Assert.Equal(SHA256.HashData(source), pdb.GetBlobBytes(document.Hash));
    }

    [Fact]
    [Trait("Category", "Packaging")]
    public void The_tool_comes_as_a_pointer_package_and_one_package_per_platform_well_under_the_old_114_MB()
    {
        var feed = PackedFeed.Get();
        using var pointer = ZipFile.OpenRead(feed.Package("RedshiftTyped.Tool"));
        Assert.DoesNotContain(pointer.Entries, e => e.FullName.EndsWith(".dll", StringComparison.Ordinal));

        var platformPackages = Directory.EnumerateFiles(feed.Directory, $"RedshiftTyped.Tool.*.{feed.Version}.nupkg").ToList();
        Assert.NotEmpty(platformPackages);
        foreach (string package in platformPackages)
        {
            Assert.True(new FileInfo(package).Length < 40_000_000, $"{Path.GetFileName(package)} is {new FileInfo(package).Length:N0} bytes");
            using var zip = ZipFile.OpenRead(package);
            // Only its own platform's DuckDB.
            Assert.Single(zip.Entries, e => Regex.IsMatch(e.Name, @"^(lib)?duckdb\.(so|dylib|dll)$"));
        }
    }

    [Fact]
    [Trait("Category", "Packaging")]
    public void Each_platform_package_ships_the_runtime_settings_the_benchmarks_chose()
    {
        // Each is a measured choice (docs/benchmarks.md): tiered PGO off and no EventSources for cold start, invariant
        // globalization for memory, and GC ConserveMemory for UNLOAD reads' flat peak (round 22). A runtimeconfig that
        // lost one would still run, only slower or bigger, so nothing else would notice.
        var feed = PackedFeed.Get();
        foreach (string package in Directory.EnumerateFiles(feed.Directory, $"RedshiftTyped.Tool.*.{feed.Version}.nupkg"))
        {
            using var zip = ZipFile.OpenRead(package);
            var entry = zip.Entries.Single(e => e.Name == "redshift-typed.runtimeconfig.json");
            using var stream = entry.Open();
            using var config = JsonDocument.Parse(stream);
            var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
            Assert.Equal(7, properties.GetProperty("System.GC.ConserveMemory").GetInt32());
            Assert.False(properties.GetProperty("System.Runtime.TieredPGO").GetBoolean());
            Assert.True(properties.GetProperty("System.Globalization.Invariant").GetBoolean());
            Assert.False(properties.GetProperty("System.Diagnostics.Tracing.EventSource.IsSupported").GetBoolean());
        }
    }

    [Fact]
    [Trait("Category", "Packaging")]
    public async Task A_fresh_project_restores_the_package_from_the_feed_generates_and_reads_typed_rows()
    {
        var feed = PackedFeed.Get();
        await using var server = await LocalDataApiServer.StartAsync(new LocalServerOptions { Sample = "tickit" });
        string work = Directory.CreateTempSubdirectory("redshift-typed-consumer-").FullName;
        try
        {
            string app = Path.Combine(work, "app");
            WriteThrowawayProject(app, feed, Path.Combine(work, "packages"));
            ProcessRunner.Run(app, "dotnet", "build", "-c", "Release", "--nologo");
            string output = ProcessRunner.Run(app, true, new Dictionary<string, string> { ["REDSHIFT_TYPED_ENDPOINT"] = server.Endpoint.ToString() },
                "dotnet", "run", "-c", "Release", "--no-build");

            Assert.Contains("sales 1: qty 4, paid 728.00, at 2008-02-18T02:36:48", output, StringComparison.Ordinal);
            // Typed rows from the server through the client: ordered, limited, with a projection.
            Assert.Equal(["server sale 1:", "server sale 2:", "server sale 3:"],
                output.Split('\n').Where(l => l.StartsWith("server sale", StringComparison.Ordinal)).Select(l => l[..(l.IndexOf(':') + 1)]));
            Assert.Contains("priciest: ", output, StringComparison.Ordinal);

            // The package's switch takes the generator out of the build: the generated types are gone.
            string disabled = ProcessRunner.Run(app, false, new Dictionary<string, string>(), "dotnet", "build", "-c", "Release", "--nologo", "--no-restore",
                "-p:DisableRedshiftTypedSourceGenerator=true");
            Assert.True(disabled.Contains("error CS0246: The type or namespace name 'PackagedApp'", StringComparison.Ordinal), disabled);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static XElement Metadata(ZipArchive zip)
    {
        using var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        return Element(XDocument.Load(nuspec).Root!, "metadata")!;
    }

    /// <summary>A child by local name: nuspec files come in more than one schema namespace (tool packages use 2011/10).</summary>
    private static XElement? Element(XElement parent, string name) => parent.Elements().SingleOrDefault(e => e.Name.LocalName == name);

    private static List<(string Prefix, string Url)> SourceLinkMap(MetadataReader pdb)
    {
        var sourceLinkKind = new Guid("CC110556-A091-4D38-9FEC-25AB9A351A6A");
        var info = pdb.GetCustomDebugInformation(EntityHandle.ModuleDefinition).Select(pdb.GetCustomDebugInformation)
            .Single(c => pdb.GetGuid(c.Kind) == sourceLinkKind);
        using var json = JsonDocument.Parse(pdb.GetBlobBytes(info.Value));
        return [.. json.RootElement.GetProperty("documents").EnumerateObject().Select(p => (p.Name.TrimEnd('*'), p.Value.GetString()!))];
    }

    private static byte[] GitShow(string commit, string path)
    {
        var start = new System.Diagnostics.ProcessStartInfo("git", ["show", $"{commit}:{path}"])
        {
            WorkingDirectory = PackedFeed.RepositoryRoot,
            RedirectStandardOutput = true,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        using var bytes = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(bytes);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return bytes.ToArray();
    }

    private static void WriteThrowawayProject(string app, PackedFeed feed, string packages)
    {
        string snapshots = Path.Combine(app, "schema-snapshots", "tickit", "public");
        Directory.CreateDirectory(snapshots);
        File.Copy(Path.Combine(SnapshotFiles.ProjectDirectory, "Snapshots", "tickit", "public", "sales.json"), Path.Combine(snapshots, "sales.json"));

        // Isolated from the repository's Directory.Build.props / central package versions, as a user's project would be.
        File.WriteAllText(Path.Combine(app, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(app, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(app, "Directory.Packages.props"), "<Project />");
        File.WriteAllText(Path.Combine(app, "nuget.config"), feed.NuGetConfig(packages));
        File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <RootNamespace>PackagedApp</RootNamespace>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="RedshiftTyped" Version="{feed.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using System.Globalization;
            using System.Text;
            using PackagedApp.Tickit;
            using PackagedApp.Tickit.Public;
            using RedshiftTyped;
            using RedshiftTyped.Connection;
            using RedshiftTyped.DataApi.Model;
            using RedshiftTyped.Reading;
            using RedshiftTyped.Typed;

            var sales = TickitDatabase.Public.Sales;
            string page = "{\"Records\":[[{\"longValue\":1},{\"longValue\":1},{\"longValue\":36861},{\"longValue\":21191},{\"longValue\":7872},"
                + "{\"longValue\":1875},{\"longValue\":4},{\"stringValue\":\"728.00\"},{\"stringValue\":\"109.20\"},{\"stringValue\":\"2008-02-18 02:36:48\"}]]}";
            foreach (var row in DataApiRecords.ReadJsonPage(Encoding.UTF8.GetBytes(page), sales.Decoder))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sales {row.Salesid}: qty {row.Qtysold}, paid {row.Pricepaid}, at {row.Saletime:s}"));
            }

            if (Environment.GetEnvironmentVariable("REDSHIFT_TYPED_ENDPOINT") is { } endpoint)
            {
                using var client = new RedshiftClient(new RedshiftConnectionOptions
                {
                    Region = "us-east-1", Database = "dev", ClusterIdentifier = "local",
                    AccessKeyId = "local", SecretAccessKey = "local", Endpoint = endpoint, PollInterval = 0.2,
                });
                var firstThree = new SnapshotOptions { Limit = 3, ResultFormat = ResultFormatString.CSV }.OrderBy(Sales.RedshiftTable.Column.Salesid);
                await foreach (var sale in client.SnapshotAsync(sales, firstThree))
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"server sale {sale.Salesid}: qty {sale.Qtysold}, paid {sale.Pricepaid}, at {sale.Saletime:s}"));
                }

                var top = new SnapshotOptions { Limit = 1 }.OrderBy(Sales.RedshiftTable.Column.Pricepaid.Descending()).Where(Sales.RedshiftTable.Column.Pricepaid.IsNotNull());
                await foreach (var (id, price) in client.SnapshotAsync(sales.Select(Sales.RedshiftTable.Column.Salesid, Sales.RedshiftTable.Column.Pricepaid), top))
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"priciest: sale {id} at {price}"));
                }
            }
            """);
    }
}
