using RedshiftTyped.Tool;
using RedshiftTyped.Tool.Cli;

using var signals = TerminationSignals.Register(ToolConsole.Standard.Error);
return await ToolApp.RunAsync(args, ToolConsole.Standard, signals);
