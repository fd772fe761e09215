using RedshiftTyped.Tool;
using RedshiftTyped.Tool.Cli;

return await ToolApp.RunAsync(args, ToolConsole.Standard);
