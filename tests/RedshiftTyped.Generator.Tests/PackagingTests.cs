using System.Diagnostics;
using System.IO.Compression;
using RedshiftTyped.Generator.Tests.Infrastructure;
using RedshiftTyped.Local;

namespace RedshiftTyped.Generator.Tests;

/// <summary>
/// The RedshiftTyped package as a user gets it: packed into a local folder feed, restored by a throwaway project that
/// has only a schema-snapshots/ folder and a PackageReference, built, and run: it decodes a recorded page and reads
/// typed rows from the local Data API server over HTTP. Slow (pack + restore + build, about a minute).
/// </summary>
public sealed class PackagingTests
{
    private static readonly string RepositoryRoot = Path.GetFullPath(Path.Combine(SnapshotFiles.ProjectDirectory, "..", ".."));

    [Fact]
    [Trait("Category", "Packaging")]
    public async Task PackedPackageGeneratesAndDecodesInAFreshProject()
    {
        await using var server = await LocalDataApiServer.StartAsync(new LocalServerOptions { Sample = "tickit" });
        string work = Directory.CreateTempSubdirectory("redshift-typed-pack-").FullName;
        try
        {
            // A version no earlier run used, so no cached copy of an older build can stand in for this one.
            string version = "0.1.0-pkgtest." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
            string feed = Path.Combine(work, "feed");

            // Packed from a copy of the sources, so the test never rewrites the build output of the tree under test.
            string sources = CopySources(Path.Combine(work, "src"));
            Run(sources, "dotnet", "pack", "src/RedshiftTyped/RedshiftTyped.csproj", "-c", "Release", "-o", feed, $"-p:Version={version}", "--nologo");

            string package = Path.Combine(feed, $"RedshiftTyped.{version}.nupkg");
            AssertLayout(package);

            string app = Path.Combine(work, "app");
            WriteThrowawayProject(app, feed, version, Path.Combine(work, "packages"));
            Run(app, "dotnet", "build", "-c", "Release", "--nologo");
            string output = RunWith(app, new Dictionary<string, string> { ["REDSHIFT_TYPED_ENDPOINT"] = server.Endpoint.ToString() }, "dotnet", "run", "-c", "Release", "--no-build");

            Assert.Contains("sales 1: qty 4, paid 728.00, at 2008-02-18T02:36:48", output, StringComparison.Ordinal);
            // Typed rows from the server: the generated decoder over the client's CSV pages.
            Assert.Equal(["server sale 1:", "server sale 2:", "server sale 3:"],
                output.Split('\n').Where(l => l.StartsWith("server sale", StringComparison.Ordinal)).Select(l => l[..(l.IndexOf(':') + 1)]));
            Assert.Contains("select \"salesid\", \"listid\"", output, StringComparison.Ordinal);

            // The package's switch takes the generator out of the build: the generated types are gone.
            string disabled = Run(app, expectSuccess: false, "dotnet", "build", "-c", "Release", "--nologo", "--no-restore", "-p:DisableRedshiftTypedSourceGenerator=true");
            Assert.True(disabled.Contains("error CS0246: The type or namespace name 'PackagedApp'", StringComparison.Ordinal), disabled);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string CopySources(string destination)
    {
        foreach (string file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", ".editorconfig" })
        {
            Directory.CreateDirectory(destination);
            File.Copy(Path.Combine(RepositoryRoot, file), Path.Combine(destination, file));
        }

        foreach (string project in new[] { "src/RedshiftTyped", "generator/RedshiftTyped.Generator" })
        {
            string from = Path.Combine(RepositoryRoot, project);
            foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(from, file);
                string top = relative.Split(Path.DirectorySeparatorChar)[0];
                if (top is "bin" or "obj")
                {
                    continue;
                }

                string target = Path.Combine(destination, project, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        return destination;
    }

    private static void AssertLayout(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        var entries = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("lib/net10.0/RedshiftTyped.dll", entries);
        Assert.Contains("buildTransitive/RedshiftTyped.props", entries);
        Assert.Contains("buildTransitive/RedshiftTyped.targets", entries);
        Assert.Equal(["analyzers/dotnet/cs/RedshiftTyped.Generator.dll"], entries.Where(e => e.StartsWith("analyzers/", StringComparison.Ordinal)));
        Assert.DoesNotContain(entries, e => e.Contains("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Generator", StringComparison.Ordinal));

        using var nuspec = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        string manifest = nuspec.ReadToEnd();
        Assert.DoesNotContain("RedshiftTyped.Generator", manifest, StringComparison.Ordinal);
        Assert.Contains("Apache.Arrow", manifest, StringComparison.Ordinal);
    }

    private static void WriteThrowawayProject(string app, string feed, string version, string packages)
    {
        string snapshots = Path.Combine(app, "schema-snapshots", "tickit", "public");
        Directory.CreateDirectory(snapshots);
        File.Copy(Path.Combine(SnapshotFiles.ProjectDirectory, "Snapshots", "tickit", "public", "sales.json"), Path.Combine(snapshots, "sales.json"));

        // Isolated from the repository's Directory.Build.props / central package versions, as a user's project would be.
        File.WriteAllText(Path.Combine(app, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(app, "Directory.Packages.props"), "<Project />");
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{packages}" />
              </config>
              <fallbackPackageFolders>
                <add key="shared" value="{Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages")}" />
              </fallbackPackageFolders>
              <packageSources>
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
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
                <PackageReference Include="RedshiftTyped" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using System.Globalization;
            using System.Text;
            using PackagedApp.Tickit;
            using RedshiftTyped.Typed;

            var sales = TickitDatabase.Public.Sales;
            string page = "{\"Records\":[[{\"longValue\":1},{\"longValue\":1},{\"longValue\":36861},{\"longValue\":21191},{\"longValue\":7872},"
                + "{\"longValue\":1875},{\"longValue\":4},{\"stringValue\":\"728.00\"},{\"stringValue\":\"109.20\"},{\"stringValue\":\"2008-02-18 02:36:48\"}]]}";
            foreach (var row in DataApiRecords.ReadJsonPage(Encoding.UTF8.GetBytes(page), sales.Decoder))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sales {row.Salesid}: qty {row.Qtysold}, paid {row.Pricepaid}, at {row.Saletime:s}"));
            }

            Console.WriteLine($"select {sales.SelectList} from {sales.QualifiedName}");

            if (Environment.GetEnvironmentVariable("REDSHIFT_TYPED_ENDPOINT") is { } endpoint)
            {
                using var client = new RedshiftTyped.RedshiftClient(new RedshiftTyped.Connection.RedshiftConnectionOptions
                {
                    Region = "us-east-1", Database = "dev", ClusterIdentifier = "local",
                    AccessKeyId = "local", SecretAccessKey = "local", Endpoint = endpoint, PollInterval = 0.2,
                });
                var statement = new RedshiftTyped.Execution.SqlStatement($"select {sales.SelectList} from {sales.QualifiedName} order by salesid limit 3")
                {
                    ResultFormat = RedshiftTyped.DataApi.Model.ResultFormatString.CSV,
                };
                await foreach (var resultPage in client.QueryPagesAsync(statement))
                {
                    foreach (string chunk in resultPage.CsvRecords ?? [])
                    {
                        foreach (var fields in RedshiftTyped.Values.CsvRecordReader.Read(chunk))
                        {
                            var sale = sales.Decoder.DecodeCsv(fields);
                            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"server sale {sale.Salesid}: qty {sale.Qtysold}, paid {sale.Pricepaid}, at {sale.Saletime:s}"));
                        }
                    }
                }
            }
            """);
    }

    private static string Run(string directory, string file, params string[] arguments) => Run(directory, expectSuccess: true, file, arguments);

    private static string Run(string directory, bool expectSuccess, string file, params string[] arguments)
        => Run(directory, expectSuccess, [], file, arguments);

    private static string RunWith(string directory, Dictionary<string, string> environment, string file, params string[] arguments)
        => Run(directory, expectSuccess: true, environment, file, arguments);

    private static string Run(string directory, bool expectSuccess, Dictionary<string, string> environment, string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's MSBuild settings must not leak into the child builds.
        start.Environment.Remove("MSBuildSDKsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment.Remove("MSBuildExtensionsPath");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), $"{file} {string.Join(' ', arguments)} timed out");
        string output = stdout.Result + stderr.Result;
        Assert.True((process.ExitCode == 0) == expectSuccess, $"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{output}");
        return output;
    }
}
