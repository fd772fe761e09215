using System.CommandLine;
using RedshiftTyped.Connection;

namespace RedshiftTyped.Tool.Cli;

/// <summary>
/// The connection flags every command takes, named after the connector's parameters. Sources are layered:
/// the <c>--connection</c> file, then <c>REDSHIFT_TYPED_*</c> environment variables, then flags (flags win).
/// An endpoint on this machine (the local server) fills in the local server's defaults for whatever is unset.
/// </summary>
internal sealed class ConnectionFlags
{
    public Option<FileInfo?> Connection { get; } = new("--connection") { Description = "JSON file of connection parameters (region, database, cluster_identifier or workgroup_name, ...)." };
    public Option<string?> Region { get; } = new("--region") { Description = "AWS region, e.g. us-east-1." };
    public Option<string?> Database { get; } = new("--database") { Description = "Database name, e.g. dev." };
    public Option<string?> ClusterIdentifier { get; } = new("--cluster-identifier") { Description = "Provisioned cluster identifier." };
    public Option<string?> WorkgroupName { get; } = new("--workgroup-name") { Description = "Redshift Serverless workgroup name or ARN." };
    public Option<string?> AccessKeyId { get; } = new("--access-key-id") { Description = "Access key id (otherwise the default AWS credential chain)." };
    public Option<string?> SecretAccessKey { get; } = new("--secret-access-key") { Description = "Secret access key (prefer the environment or a profile)." };
    public Option<string?> SessionToken { get; } = new("--session-token") { Description = "Session token for temporary keys." };
    public Option<string?> DbUser { get; } = new("--db-user") { Description = "Database user for temporary credentials (clusters only)." };
    public Option<string?> SecretArn { get; } = new("--secret-arn") { Description = "Secrets Manager secret holding the database username and password." };
    public Option<string?> Endpoint { get; } = new("--endpoint") { Description = "Data API endpoint URL, e.g. http://127.0.0.1:8790 for the local server." };
    public Option<double?> PollInterval { get; } = new("--poll-interval") { Description = "Longest pause between status polls, in seconds: 0.01 to 300 (default 2)." };
    public Option<int?> MaxPollAttempts { get; } = new("--max-poll-attempts") { Description = "Status polls before the statement is cancelled: 1 to 1000000 (default 300)." };

    public ConnectionFlags()
    {
        // The connection options' own ranges, checked while parsing so that the message quotes the flag and the value typed.
        NumberFlagError.Bound(PollInterval, ConnectionOptionsValidator.MinPollInterval, ConnectionOptionsValidator.MaxPollInterval, "seconds");
        NumberFlagError.Bound(MaxPollAttempts, ConnectionOptionsValidator.MinPollAttempts, ConnectionOptionsValidator.MaxPollAttempts);
    }

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Connection, Region, Database, ClusterIdentifier, WorkgroupName, AccessKeyId, SecretAccessKey,
                     SessionToken, DbUser, SecretArn, Endpoint, PollInterval, MaxPollAttempts })
        {
            command.Add(option);
        }
    }

    /// <summary>Builds the options from file, environment and flags. Throws <see cref="RedshiftConfigurationException"/> when they cannot work.</summary>
    public RedshiftConnectionOptions Read(ParseResult parse)
    {
        var options = parse.GetValue(Connection) is { } file
            ? RedshiftConnectionOptionsLoader.FromJsonFile(file.FullName)
            : new RedshiftConnectionOptions();
        options = RedshiftConnectionOptionsLoader.FromEnvironment(options);

        Set(parse, Region, v => options.Region = v);
        Set(parse, Database, v => options.Database = v);
        Set(parse, ClusterIdentifier, v => options.ClusterIdentifier = v);
        Set(parse, WorkgroupName, v => options.WorkgroupName = v);
        Set(parse, AccessKeyId, v => options.AccessKeyId = v);
        Set(parse, SecretAccessKey, v => options.SecretAccessKey = v);
        Set(parse, SessionToken, v => options.SessionToken = v);
        Set(parse, DbUser, v => options.DbUser = v);
        Set(parse, SecretArn, v => options.SecretArn = v);
        Set(parse, Endpoint, v => options.Endpoint = v);
        if (parse.GetValue(PollInterval) is { } interval)
        {
            options.PollInterval = interval;
        }

        if (parse.GetValue(MaxPollAttempts) is { } attempts)
        {
            options.MaxPollAttempts = attempts;
        }

        // The client library's own (LocalServerDefaults, their public face, would load the local server's assembly).
        LocalEndpointDefaults.ApplyTo(options);
        options.Validate();
        return options;
    }

    private static void Set(ParseResult parse, Option<string?> option, Action<string> apply)
    {
        if (parse.GetValue(option) is { Length: > 0 } value)
        {
            apply(value);
        }
    }
}
