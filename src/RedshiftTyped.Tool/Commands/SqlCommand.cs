using System.CommandLine;
using RedshiftTyped.Execution;
using RedshiftTyped.Tool.Cli;
using RedshiftTyped.Tool.Output;

namespace RedshiftTyped.Tool.Commands;

/// <summary><c>redshift-typed sql "&lt;SQL&gt;" [--param name=value]... [--format table|json|csv]</c>: runs one statement and prints its result.</summary>
internal static class SqlCommand
{
    public static Command Create(ToolConsole console)
    {
        var flags = new ConnectionFlags();
        var sql = new Argument<string>("sql") { Description = "The SQL statement to run; write values as :name and pass them with --param." };
        var parameters = new Option<string[]>("--param", "-p")
        {
            Description = "A parameter as name=value (repeatable). Sent as a Data API parameter, never spliced into the SQL.",
            AllowMultipleArgumentsPerToken = false,
        };
        var format = new Option<string>("--format", "-f") { Description = "Output format.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        var resultFormat = new Option<string>("--result-format") { Description = "How the Data API returns the result: JSON or CSV.", DefaultValueFactory = _ => "JSON" };
        resultFormat.AcceptOnlyFromAmong("JSON", "CSV");

        var command = new Command("sql", "Run one SQL statement through the Data API and print its result.") { sql, parameters, format, resultFormat };
        flags.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console, async () =>
        {
            var options = flags.Read(parse);
            var statement = new SqlStatement(parse.GetValue(sql)!)
            {
                ResultFormat = parse.GetValue(resultFormat) == "CSV" ? DataApi.Model.ResultFormatString.CSV : DataApi.Model.ResultFormatString.JSON,
            };
            foreach (string pair in parse.GetValue(parameters) ?? [])
            {
                int equals = pair.IndexOf('=');
                if (equals <= 0)
                {
                    throw new UsageException($"--param \"{pair}\" is not name=value: write e.g. --param id=42 and :id in the SQL.");
                }

                statement.WithParameter(pair[..equals], pair[(equals + 1)..]);
            }

            using var client = console.CreateClient(options);
            var completed = await client.ExecuteAsync(statement, cancellationToken);
            var writer = ResultWriter.Create(parse.GetValue(format)!, console.Out);
            long rows = 0;
            bool begun = false;
            await foreach (var page in client.ReadPagesAsync(completed, cancellationToken))
            {
                if (!begun)
                {
                    writer.Begin(page.Columns);
                    begun = true;
                }

                foreach (var row in page.DecodeRows())
                {
                    writer.WriteRow(row);
                    rows++;
                }
            }

            writer.End(completed.HasResultSet ? rows : completed.ResultRows ?? 0, completed.HasResultSet);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
