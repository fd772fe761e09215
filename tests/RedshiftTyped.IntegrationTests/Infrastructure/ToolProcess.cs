using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace RedshiftTyped.IntegrationTests.Infrastructure;

/// <summary>
/// The real <c>redshift-typed</c> executable in a process of its own (the one built beside the tests), with its output
/// captured as it comes, so tests can send it real signals and watch it react.
/// </summary>
internal sealed class ToolProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _err = new();

    private ToolProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(_out, e.Data);
        process.ErrorDataReceived += (_, e) => Append(_err, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public string Output => Read(_out);

    public string Error => Read(_err);

    /// <summary>
    /// Starts the tool. A shell that starts jobs without job control makes them ignore SIGINT, and a process inherits
    /// that; the tool is started through a small launcher that restores SIGINT's default first, as a terminal would have it.
    /// </summary>
    public static ToolProcess Start(params string[] args)
    {
        string tool = Path.Combine(AppContext.BaseDirectory, "redshift-typed");
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])");
        start.ArgumentList.Add(tool);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return new ToolProcess(Process.Start(start) ?? throw new InvalidOperationException($"could not start {tool}"));
    }

    /// <summary>Sends SIGINT, as Ctrl-C on a terminal does.</summary>
    public void Interrupt() => Signal(2);

    /// <summary>Sends SIGTERM, as a service manager does.</summary>
    public void Terminate() => Signal(15);

    private void Signal(int signal)
    {
        if (Kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastWin32Error()}");
        }
    }

    /// <summary>Waits for the process to exit; returns its exit code.</summary>
    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"redshift-typed did not exit within {timeout}. Output: {Output} Error: {Error}");
        }

        _process.WaitForExit(); // flushes the redirected streams
        return _process.ExitCode;
    }

    /// <summary>Waits until standard error holds <paramref name="text"/>.</summary>
    public async Task WaitForErrorAsync(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!Error.Contains(text, StringComparison.Ordinal))
        {
            if (clock.Elapsed > timeout || _process.HasExited)
            {
                throw new TimeoutException($"\"{text}\" did not appear on standard error. Error: {Error}");
            }

            await Task.Delay(50);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.Append(line).Append('\n');
        }
    }

    private static string Read(StringBuilder buffer)
    {
        lock (buffer)
        {
            return buffer.ToString();
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
