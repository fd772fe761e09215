using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace RedshiftTyped.Generator.Tests.Packaging;

/// <summary>
/// The README is true: its walkthrough's shell blocks run in order, as written, in an empty folder against the packed
/// packages and a local Data API server (only the port 8790 is changed, to a free one); then every <c>csharp</c> block of
/// the README compiles in the project the walkthrough made, against the snapshots it captured. New blocks are covered
/// as they are added.
/// </summary>
/// <remarks>
/// How a C# block is compiled: a block declaring types (the generated record) goes in a namespace of its own; a block
/// of statements becomes the body of an async method. A block that declares its own <c>client</c> stands alone with its
/// own <c>using</c> lines; one that does not continues the blocks before it (their <c>using</c> lines, and a
/// <c>client</c>), as a reader would paste it after them.
/// </remarks>
public sealed partial class ReadmeTests
{
    private static readonly string ReadmePath = Path.Combine(PackedFeed.RepositoryRoot, "README.md");

    [Fact]
    [Trait("Category", "Packaging")]
    public void The_walkthrough_runs_and_every_csharp_block_compiles_against_what_it_captured()
    {
        var feed = PackedFeed.Get();
        string readme = File.ReadAllText(ReadmePath);
        string work = Directory.CreateTempSubdirectory("redshift-typed-readme-").FullName;
        try
        {
            // The user's machine: the feed as a package source (pack.sh's instructions), nothing else from the repository.
            File.WriteAllText(Path.Combine(work, "nuget.config"), feed.NuGetConfig(Path.Combine(work, "packages")));
            File.WriteAllText(Path.Combine(work, "Directory.Build.props"), "<Project />");
            File.WriteAllText(Path.Combine(work, "Directory.Build.targets"), "<Project />");
            File.WriteAllText(Path.Combine(work, "Directory.Packages.props"), "<Project />");

            int port = FreePort();
            var blocks = WalkthroughShellBlocks(readme);
            Assert.True(blocks.Count >= 3, "the walkthrough's shell blocks were not found");
            string script = WalkthroughScript(blocks, port);
            File.WriteAllText(Path.Combine(work, "walkthrough.sh"), script);
            // A fresh user's .dotnet folder: the CLI caches where a local tool's command is per package version, and a
            // cache entry left by an earlier run (its packages folder deleted since) would stand in for this install.
            var user = new Dictionary<string, string>
            {
                ["DOTNET_CLI_HOME"] = Path.Combine(work, "home"),
                ["DOTNET_NOLOGO"] = "1",
                ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            };
            string output = ProcessRunner.Run(work, true, user, "bash", "walkthrough.sh");

            // The names the README shows are the names the user gets.
            string app = Path.Combine(work, "MyApp");
            Assert.True(File.Exists(Path.Combine(app, "schema-snapshots", "tickit", "public", "sales.json")), output);
            Assert.Contains("sales.json", output, StringComparison.Ordinal);

            // Every C# block, compiled in that project (with the local server package the in-process example needs).
            var sources = CSharpSources(readme);
            Assert.True(sources.Count >= 5, "the README's C# blocks were not found");
            foreach (var (name, text) in sources)
            {
                File.WriteAllText(Path.Combine(app, name), text);
            }

            ProcessRunner.Run(app, true, user, "dotnet", "add", "package", "RedshiftTyped.Local", "--version", feed.Version);
            string build = ProcessRunner.Run(app, true, user, "dotnet", "build", "--nologo");
            Assert.Contains("Build succeeded", build, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public void Blocks_are_wrapped_by_kind()
    {
        var sources = CSharpSources("""
            ```csharp
            public sealed partial record Shown { public int Id { get; init; } }
            ```
            ```csharp
            using System.Text;
            using var client = new Client();
            ```
            ```csharp
            using System.IO;
            await client.RunAsync();
            ```
            """);

        Assert.Contains("namespace Readme.Block1;", sources[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("RunAsync(", sources[0].Text, StringComparison.Ordinal);
        Assert.Contains("public static async Task RunAsync()", sources[1].Text, StringComparison.Ordinal);
        Assert.StartsWith("using System.Text;", sources[1].Text, StringComparison.Ordinal);
        // A block without its own client continues: earlier usings, and a client parameter.
        Assert.Contains("using System.Text;\nusing System.IO;", sources[2].Text, StringComparison.Ordinal);
        Assert.Contains("RunAsync(global::RedshiftTyped.RedshiftClient client)", sources[2].Text, StringComparison.Ordinal);
    }

    /// <summary>The <c>sh</c> blocks between the walkthrough's heading and the next second-level heading.</summary>
    private static List<string> WalkthroughShellBlocks(string readme)
    {
        int start = readme.IndexOf("## Capture, generate, read: a walkthrough", StringComparison.Ordinal);
        Assert.True(start >= 0, "README has no walkthrough heading");
        int end = readme.IndexOf("\n## ", start + 3, StringComparison.Ordinal);
        string section = readme[start..(end < 0 ? readme.Length : end)];
        return [.. FencedBlock().Matches(section).Where(m => m.Groups[1].Value is "sh" or "bash").Select(m => m.Groups[2].Value)];
    }

    /// <summary>
    /// The blocks as one bash script, stopping at the first failure; the port is the test's; a server started in the
    /// background (a line ending in <c>&amp;</c>) is waited for, as a reader waits for "Listening on", and stopped at the end.
    /// </summary>
    private static string WalkthroughScript(List<string> blocks, int port)
    {
        var script = new StringBuilder("set -euo pipefail\ntrap 'kill $(jobs -p) 2>/dev/null || true' EXIT\n");
        foreach (string block in blocks)
        {
            foreach (string raw in block.Split('\n'))
            {
                string line = raw.Replace("8790", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
                script.Append(line).Append('\n');
                if (Regex.IsMatch(line, @"&\s*(#.*)?$"))
                {
                    script.Append($"for _ in $(seq 1 240); do (exec 3<>/dev/tcp/127.0.0.1/{port}) 2>/dev/null && break; sleep 0.5; done\n");
                }
            }
        }

        return script.ToString();
    }

    /// <summary>Every <c>csharp</c> block of the text as a source file, wrapped by kind (see the class remarks).</summary>
    internal static List<(string Name, string Text)> CSharpSources(string markdown)
    {
        var sources = new List<(string, string)>();
        var earlierUsings = new List<string>();
        int number = 0;
        foreach (Match block in FencedBlock().Matches(markdown))
        {
            if (block.Groups[1].Value is not ("csharp" or "cs" or "c#"))
            {
                continue;
            }

            number++;
            var lines = block.Groups[2].Value.Split('\n');
            var usings = lines.TakeWhile(l => UsingDirective().IsMatch(l) || string.IsNullOrWhiteSpace(l) || l.TrimStart().StartsWith("//", StringComparison.Ordinal))
                .Where(l => UsingDirective().IsMatch(l)).Select(l => l.Trim()).ToList();
            string body = string.Join('\n', lines.SkipWhile(l => UsingDirective().IsMatch(l) || string.IsNullOrWhiteSpace(l)));
            bool declaration = Regex.IsMatch(body.TrimStart(), @"^(\[|public |internal |namespace |sealed |partial |record |class )");
            bool standalone = declaration || Regex.IsMatch(body, @"\b(var|RedshiftClient)\s+client\b");

            var fileUsings = standalone ? usings : [.. earlierUsings.Concat(usings).Distinct(StringComparer.Ordinal)];
            var text = new StringBuilder();
            foreach (string directive in fileUsings)
            {
                text.Append(directive).Append('\n');
            }

            text.Append($"\nnamespace Readme.Block{number};\n\n");
            if (declaration)
            {
                text.Append(body).Append('\n');
            }
            else
            {
                text.Append("internal static class Snippet\n{\n")
                    .Append(standalone ? "    public static async Task RunAsync()\n" : "    public static async Task RunAsync(global::RedshiftTyped.RedshiftClient client)\n")
                    .Append("    {\n").Append(body).Append("\n        await Task.CompletedTask;\n    }\n}\n");
            }

            earlierUsings.AddRange(usings);
            sources.Add(($"ReadmeBlock{number}.cs", text.ToString()));
        }

        return sources;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"^```([\w#+-]*)[^\n]*\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedBlock();

    [GeneratedRegex(@"^\s*using\s+(static\s+)?[\w.]+(\s*=\s*[\w.<>]+)?\s*;")]
    private static partial Regex UsingDirective();
}
