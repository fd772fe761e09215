using System.Diagnostics;

namespace RedshiftTyped.Generator.Tests.Packaging;

/// <summary>Runs a command to completion and returns its output; a wrong exit code fails the test with the output.</summary>
internal static class ProcessRunner
{
    public static string Run(string directory, string file, params string[] arguments)
        => Run(directory, expectSuccess: true, new Dictionary<string, string>(), file, arguments);

    public static string Run(string directory, bool expectSuccess, IReadOnlyDictionary<string, string> environment, string file, params string[] arguments)
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
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(15)), $"{file} {string.Join(' ', arguments)} timed out");
        string output = stdout.Result + stderr.Result;
        Assert.True((process.ExitCode == 0) == expectSuccess, $"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{output}");
        return output;
    }
}
