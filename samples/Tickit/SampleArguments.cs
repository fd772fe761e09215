using Microsoft.Extensions.Configuration;
using RedshiftTyped.Connection;
using RedshiftTyped.Local;

namespace Tickit;

/// <summary>
/// The sample's command line: <c>--out DIR</c>, and either nothing (an embedded local server with the TICKIT data),
/// <c>--endpoint URL</c> (a running local server), <c>--connection conn.json</c>, or the connector's parameters
/// themselves (<c>--region us-east-1 --workgroup_name wg --database dev --secret_arn arn:…</c>).
/// </summary>
internal sealed class SampleArguments
{
    private SampleArguments(string outputDirectory, RedshiftConnectionOptions? connection)
    {
        OutputDirectory = outputDirectory;
        Connection = connection;
    }

    public string OutputDirectory { get; }

    /// <summary>Where to connect; null to start the embedded local server.</summary>
    public RedshiftConnectionOptions? Connection { get; }

    public static SampleArguments Parse(string[] args)
    {
        string output = "out";
        string? connectionFile = null;
        var parameters = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected --name value pairs, got \"{args[i]}\". Try --help.");
            }

            string name = args[i][2..].Replace('-', '_');
            string value = args[++i];
            switch (name)
            {
                case "out": output = value; break;
                case "connection": connectionFile = value; break;
                default: parameters[name] = value; break;
            }
        }

        RedshiftConnectionOptions? connection = null;
        if (connectionFile is not null)
        {
            connection = RedshiftConnectionOptionsLoader.FromJsonFile(connectionFile);
        }

        if (parameters.Count > 0)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(parameters).Build();
            connection = RedshiftConnectionOptionsLoader.FromConfiguration(configuration, connection);
        }

        // An endpoint on this machine is a local server: its defaults fill what is unset, as in redshift-typed.
        return new SampleArguments(output, connection is null ? null : LocalServerDefaults.ApplyTo(connection));
    }

    public const string Help = """
        TICKIT sample: typed queries of Redshift's sample database, and Parquet files of a table and of a query.

          dotnet run --project samples/Tickit                          embedded local server with the TICKIT data
          dotnet run --project samples/Tickit -- --endpoint http://127.0.0.1:8790
                                                                       a running `redshift-typed local --sample tickit`
          dotnet run --project samples/Tickit -- --region us-east-1 --workgroup_name my-wg --database dev
                                                                       a real workgroup, credentials from the default chain
          dotnet run --project samples/Tickit -- --connection conn.json   connector parameters from a file

        Any connector parameter can be given as --name value (region, database, cluster_identifier, workgroup_name,
        access_key_id, secret_access_key, session_token, db_user, secret_arn, poll_interval, max_poll_attempts).
        --out DIR chooses where the Parquet files go (default ./out).
        """;
}
