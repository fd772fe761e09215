using System.Diagnostics;
using System.Runtime.InteropServices;

namespace RedshiftTyped.Benchmarks.ColdStart;

/// <summary>What one child process took: wall-clock time, CPU time (user + system, every thread), exit code and output.</summary>
internal sealed record ChildRun(TimeSpan Wall, TimeSpan Cpu, int ExitCode, string Output, string Error);

/// <summary>
/// Runs a child process to its end and measures it. CPU time is the kernel's account of the child
/// (<c>getrusage(RUSAGE_CHILDREN)</c> before and after, which counts a child once it is reaped, as
/// <see cref="Process.WaitForExitAsync(CancellationToken)"/> does): unlike wall time, other processes on a busy machine
/// barely change it. Children are run one at a time, so the difference is this child's alone.
/// </summary>
internal static class ChildProcessTimer
{
    public static async Task<ChildRun> RunAsync(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment,
        TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // A user's shell: none of the REDSHIFT_TYPED_* variables test.sh exports for its own tests (the tool would read them).
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("REDSHIFT_TYPED_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        TimeSpan cpuBefore = ChildrenCpu();
        var wall = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish in {timeout.TotalSeconds:F0} s.");
        }

        wall.Stop();
        return new ChildRun(wall.Elapsed, ChildrenCpu() - cpuBefore, process.ExitCode, await output, await error);
    }

    /// <summary>User + system time of every reaped child of this process so far.</summary>
    private static TimeSpan ChildrenCpu()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The cold-start harness reads children's CPU time through Linux's getrusage.");
        }

        if (getrusage(RusageChildren, out var usage) != 0)
        {
            throw new InvalidOperationException($"getrusage failed (errno {Marshal.GetLastPInvokeError()}).");
        }

        long microseconds = (usage.UserSeconds + usage.SystemSeconds) * 1_000_000 + usage.UserMicroseconds + usage.SystemMicroseconds;
        return TimeSpan.FromMicroseconds(microseconds);
    }

    private const int RusageChildren = -1;

    [DllImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static extern int getrusage(int who, out Rusage usage);

    /// <summary>The two <c>timeval</c>s at the head of Linux's <c>struct rusage</c> (64-bit), then the 14 longs that follow.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
#pragma warning disable CS0169, IDE0051 // the rest of the structure: written by the kernel, never read here
        private long _maxrss, _ixrss, _idrss, _isrss, _minflt, _majflt, _nswap, _inblock, _oublock, _msgsnd, _msgrcv, _nsignals, _nvcsw, _nivcsw;
#pragma warning restore CS0169, IDE0051
    }
}
