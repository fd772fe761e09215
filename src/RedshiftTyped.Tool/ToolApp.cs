using System.CommandLine;
using RedshiftTyped.Tool.Cli;
using RedshiftTyped.Tool.Commands;

namespace RedshiftTyped.Tool;

/// <summary>The <c>redshift-typed</c> command line: one subcommand per job.</summary>
internal static class ToolApp
{
    public static RootCommand CreateRoot(ToolConsole console) => new("redshift-typed: typed access to Amazon Redshift through the Data API.")
    {
        SqlCommand.Create(console),
        CaptureCommand.Create(console),
        CheckCommand.Create(console),
        SnapshotCommand.Create(console),
        LocalCommand.Create(console),
    };

    /// <summary>Runs the command line with the process's signal handling: the first signal's notice suits the command.</summary>
    public static Task<int> RunAsync(string[] args, ToolConsole console, TerminationSignals signals)
    {
        // One parse serves both: building and parsing the command tree is start-up work every cold process pays.
        var parse = CreateRoot(console).Parse(args);
        if (parse.CommandResult.Command.Name == LocalCommand.Name)
        {
            signals.FirstSignalNotice = LocalCommand.StoppingNotice;
        }

        return RunAsync(parse, console, signals.Token);
    }

    public static Task<int> RunAsync(string[] args, ToolConsole console, CancellationToken cancellationToken = default)
        => RunAsync(CreateRoot(console).Parse(args), console, cancellationToken);

    private static Task<int> RunAsync(ParseResult parse, ToolConsole console, CancellationToken cancellationToken)
    {
        if (parse.Errors.Count > 0)
        {
            // System.CommandLine exits 1 on a parse error; the tool keeps 1 for failed work and 2 for a wrong command line.
            bool selfExplanatory = true;
            foreach (var error in ParseErrorOrder.InCommandLineOrder(parse))
            {
                string? number = NumberFlagError.Describe(error);
                selfExplanatory &= number is not null;
                console.Error.WriteLine($"error: {Output.TerminalText.Escape(number ?? error.Message)}");
            }

            if (selfExplanatory)
            {
                // A numeric flag's bad value: the line says the flag and the form it takes; usage would add nothing.
                return Task.FromResult(ExitCodes.Usage);
            }

            string command = parse.CommandResult.Command is RootCommand ? "redshift-typed" : $"redshift-typed {parse.CommandResult.Command.Name}";
            console.Error.WriteLine($"Run '{command} --help' for usage.");
            return Task.FromResult(ExitCodes.Usage);
        }

        // The tool owns Ctrl-C and SIGTERM (TerminationSignals, registered by Program): System.CommandLine's handling
        // would kill the process two seconds after the signal, before a statement being submitted could be cancelled.
        // Exceptions are CommandRunner's to report as one line; none reaches System.CommandLine's handler.
        return parse.InvokeAsync(
            new InvocationConfiguration
            {
                Output = console.Out,
                Error = console.Error,
                ProcessTerminationTimeout = null,
                EnableDefaultExceptionHandler = false,
            },
            cancellationToken);
    }
}
