using RedshiftTyped;
using RedshiftTyped.Connection;
using RedshiftTyped.Local;
using RedshiftTyped.Reading;
using Tickit;

if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(SampleArguments.Help);
    return 0;
}

SampleArguments arguments;
try
{
    arguments = SampleArguments.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or RedshiftConfigurationException or FileNotFoundException)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

// Without connection options, start the local Data API server in this process, with the TICKIT data loaded.
await using var localServer = arguments.Connection is null
    ? await LocalDataApiServer.StartAsync(new LocalServerOptions { Sample = "tickit", Database = "tickit" })
    : null;
var connection = arguments.Connection ?? localServer!.ClientOptions();

using var client = new RedshiftClient(connection);
Console.WriteLine(localServer is null
    ? $"Reading TICKIT from {connection.Endpoint ?? connection.Region} ({connection.Database})."
    : $"Reading TICKIT from an embedded local server at {localServer.Endpoint}.");

try
{
    var answers = new TickitAnswers(client);
    await answers.PrintTopEventsAsync(year: 2008, count: 5);
    await answers.PrintRevenueByCategoryAsync();
    await answers.PrintBestSellersPerCategoryAsync(perCategory: 2);
    await new TickitExport(client).WriteAsync(arguments.OutputDirectory);
    return 0;
}
catch (SchemaDriftException drift)
{
    Console.Error.WriteLine(drift.Message);
    return 1;
}
