using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using RedshiftTyped.Benchmarks.ColdStart;

namespace RedshiftTyped.Benchmarks.Streaming;

/// <summary>
/// The Native AOT reader (tests/RedshiftTyped.AotReader), published for this machine so the client-memory harness can run
/// it beside the JIT child. The publish treats every trim/AOT warning as an error (the project's settings), so a library
/// change that breaks AOT compatibility fails the harness, and with it test.sh's smoke step. A publish takes minutes
/// (ILC compiles the whole program), so it is kept in <c>.artifacts/aot-reader/&lt;hash of its inputs&gt;</c> and reused
/// while the runtime library, the generator, the reader and the build settings are unchanged.
/// </summary>
internal static class AotReaderBuild
{
    private const string Executable = "RedshiftTyped.AotReader";

    /// <summary>What a publish gave: the executable, or why there is none (the publish's errors).</summary>
    public sealed record Result(string? Path, string? Failure, TimeSpan Publish, bool Cached);

    /// <summary>The executable for these inputs, published first when no earlier publish of the same inputs is kept.</summary>
    public static async Task<Result> GetAsync()
    {
        string root = ToolBuilds.RepositoryRoot;
        string cache = System.IO.Path.Combine(root, ".artifacts", "aot-reader");
        string output = System.IO.Path.Combine(cache, InputHash(root));
        string executable = System.IO.Path.Combine(output, Executable);
        if (File.Exists(executable))
        {
            return new Result(executable, null, TimeSpan.Zero, Cached: true);
        }

        var clock = Stopwatch.StartNew();
        // Its own artifacts path: the publish never shares bin/obj with a build of the solution running beside it.
        var publish = new ProcessStartInfo("dotnet",
        [
            "publish", System.IO.Path.Combine(root, "tests", "RedshiftTyped.AotReader"), "--configuration", "Release",
            "--runtime", RuntimeInformation.RuntimeIdentifier, "--output", output + ".tmp",
            "--artifacts-path", System.IO.Path.Combine(cache, "build"), "--nologo", "-v", "quiet",
        ])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(publish) ?? throw new InvalidOperationException("Could not start dotnet publish.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        string log = await stdout + await stderr;
        clock.Stop();
        if (process.ExitCode != 0 || !File.Exists(System.IO.Path.Combine(output + ".tmp", Executable)))
        {
            // The errors, each once (MSBuild repeats them in its summary), without the project path that ends each line.
            var errors = log.Split('\n').Select(l => l.Trim()).Where(l => l.Contains(" error ", StringComparison.Ordinal))
                .Select(l => l.Contains(" [/", StringComparison.Ordinal) ? l[..l.LastIndexOf(" [/", StringComparison.Ordinal)] : l).Distinct().ToList();
            string why = errors.Count > 0 ? string.Join(Environment.NewLine, errors) : log.Trim();
            return new Result(null, $"dotnet publish of tests/RedshiftTyped.AotReader failed (exit {process.ExitCode}):{Environment.NewLine}{why}", clock.Elapsed, Cached: false);
        }

        // Whole or not at all: a publish stopped half-way never passes for a cached one.
        if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        Directory.Move(output + ".tmp", output);
        return new Result(executable, null, clock.Elapsed, Cached: false);
    }

    /// <summary>
    /// SHA-256 over what the executable is made of: the runtime library, the generator, the reader, the snapshot it
    /// compiles and the repository's build settings (paths and contents, bin/ and obj/ left out), and the SDK's runtime.
    /// </summary>
    private static string InputHash(string root)
    {
        string[] folders = ["src/RedshiftTyped", "generator/RedshiftTyped.Generator", "tests/RedshiftTyped.AotReader"];
        string[] files = ["schema-snapshots/tickit/public/sales.json", "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json"];
        var inputs = folders
            .SelectMany(f => Directory.EnumerateFiles(System.IO.Path.Combine(root, f), "*", SearchOption.AllDirectories))
            .Select(p => System.IO.Path.GetRelativePath(root, p).Replace('\\', '/'))
            .Where(p => !p.Split('/').Any(part => part is "bin" or "obj"))
            .Concat(files)
            .Order(StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(RuntimeInformation.FrameworkDescription + "\n" + RuntimeInformation.RuntimeIdentifier + "\n"));
        foreach (string path in inputs)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(path + "\n"));
            hash.AppendData(File.ReadAllBytes(System.IO.Path.Combine(root, path)));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
