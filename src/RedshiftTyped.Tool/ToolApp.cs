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
        LocalCommand.Create(console),
    };

    public static Task<int> RunAsync(string[] args, ToolConsole console, CancellationToken cancellationToken = default)
    {
        var parse = CreateRoot(console).Parse(args);
        return parse.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error }, cancellationToken);
    }
}
