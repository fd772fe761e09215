using System.Diagnostics;
using System.Globalization;

namespace RedshiftTyped.Benchmarks.Streaming;

/// <summary>
/// Runs one child process (<c>dotnet</c>, or a Native AOT executable) under <c>/usr/bin/time</c> and reads back its peak resident set: the kernel's
/// maximum RSS from wait4's rusage (<c>%M</c>), which a busy machine does not distort. Shared by the memory harnesses
/// (<see cref="ClientMemoryHarness"/>, <see cref="LocalServer.TransportMemoryHarness"/>), whose children print their own
/// figures on standard output.
/// </summary>
internal static class PeakMemoryChild
{
    private const string MaxRssMarker = "RT_MAXRSS_KB=";
    private const string CpuMarker = "RT_CPU_S=";

    /// <summary>
    /// What a finished child printed, its peak resident set, how long it ran, and the CPU time it used (user + system,
    /// seconds: unlike the wall time, a busy machine barely changes it).
    /// </summary>
    public sealed record Run(string Output, double PeakMb, TimeSpan Elapsed, double CpuSeconds);

    /// <summary>Whether <c>/usr/bin/time</c> is here; if not, says which Debian package gives it (the harness then exits 2).</summary>
    public static bool IsAvailable()
    {
        if (File.Exists("/usr/bin/time")) return true;
        Console.Error.WriteLine("The memory harness reads each child's peak resident set through /usr/bin/time (Debian package 'time'); install it.");
        return false;
    }

    /// <summary>
    /// Runs <c>&lt;program&gt; &lt;arguments&gt;</c> (<c>dotnet</c> unless given: a native executable runs itself) to its end.
    /// A child that fails, or whose peak the time tool did not report, is an <see cref="InvalidOperationException"/>
    /// carrying everything the child wrote.
    /// </summary>
    public static async Task<Run> RunAsync(string label, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null,
        string program = "dotnet")
    {
        var start = new ProcessStartInfo("/usr/bin/time") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in (string[])["-f", CpuMarker + "%U %S\n" + MaxRssMarker + "%M", program, .. arguments])
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        using var child = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + label);
        var stdout = child.StandardOutput.ReadToEndAsync();
        var stderr = child.StandardError.ReadToEndAsync();
        await child.WaitForExitAsync();
        clock.Stop();
        string output = await stdout, errors = await stderr;
        string? rss = errors.Split('\n').LastOrDefault(l => l.StartsWith(MaxRssMarker, StringComparison.Ordinal));
        if (child.ExitCode != 0 || rss is null)
        {
            throw new InvalidOperationException($"{label} failed ({child.ExitCode}): {errors}{output}");
        }

        string? cpu = errors.Split('\n').LastOrDefault(l => l.StartsWith(CpuMarker, StringComparison.Ordinal));
        double cpuSeconds = cpu is null ? double.NaN : cpu[CpuMarker.Length..].Trim().Split(' ').Sum(s => double.Parse(s, CultureInfo.InvariantCulture));
        return new Run(output, long.Parse(rss[MaxRssMarker.Length..], CultureInfo.InvariantCulture) / 1024.0, clock.Elapsed, cpuSeconds);
    }
}
