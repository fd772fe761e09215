using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Execution;
using RedshiftTyped.Tests.Infrastructure;

namespace RedshiftTyped.Tests.Connection;

[Collection(EnvironmentCollection.Name)]
public sealed class CredentialAndTelemetryTests
{
    private const string Id = Aws.StatementId;

    private static RecordingHandler Finishing() => new((r, _) => r.Operation switch
    {
        "ExecuteStatement" => Aws.Ok(Aws.Submitted(Id)),
        "DescribeStatement" => Aws.Ok(Aws.Described(Id, "FINISHED", hasResultSet: false)),
        _ => Aws.Error(HttpStatusCode.BadRequest, "ValidationException", "unexpected"),
    });

    [Fact]
    public async Task Without_keys_the_default_credential_chain_signs_the_request()
    {
        var saved = new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_EC2_METADATA_DISABLED" }
            .ToDictionary(name => name, Environment.GetEnvironmentVariable);
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIACHAINEXAMPLE");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "chain-secret");
        Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", "chain-token");
        // Never let a test reach for an instance metadata service.
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        try
        {
            var handler = Finishing();
            using var client = TestClients.Create(handler, o => { o.AccessKeyId = null; o.SecretAccessKey = null; });

            await client.ExecuteAsync("select 1");

            var submit = handler.Calls("ExecuteStatement").Single();
            Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIACHAINEXAMPLE/", submit.Header("Authorization"));
            Assert.Equal("chain-token", submit.Header("X-Amz-Security-Token"));
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }

    [Fact]
    public async Task Db_user_and_a_workgroup_are_sent_as_modelled()
    {
        var handler = Finishing();
        using (var client = TestClients.Create(handler, o => o.DbUser = "etl_user"))
        {
            await client.ExecuteAsync("select 1");
        }

        var clusterCall = handler.Calls("ExecuteStatement").Single().Json;
        Assert.Equal("etl_user", (string?)clusterCall["DbUser"]);
        Assert.Equal("my-cluster", (string?)clusterCall["ClusterIdentifier"]);
        Assert.Null(clusterCall["WorkgroupName"]);

        var serverless = Finishing();
        using (var client = TestClients.Create(serverless, o => { o.ClusterIdentifier = null; o.WorkgroupName = "analytics"; }))
        {
            await client.ExecuteAsync("select 1");
        }

        var workgroupCall = serverless.Calls("ExecuteStatement").Single().Json;
        Assert.Equal("analytics", (string?)workgroupCall["WorkgroupName"]);
        Assert.Null(workgroupCall["ClusterIdentifier"]);
        Assert.Null(workgroupCall["DbUser"]);
    }

    [Fact]
    public async Task Logs_name_the_statement_but_never_a_secret_or_a_parameter_value()
    {
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        int calls = 0;
        var handler = new RecordingHandler((r, _) => r.Operation switch
        {
            "ExecuteStatement" when Interlocked.Increment(ref calls) == 1 => Aws.Throttled(),
            "ExecuteStatement" => Aws.Ok(Aws.Submitted(Id)),
            _ => Aws.Ok(Aws.Described(Id, "FINISHED", hasResultSet: false)),
        });
        using var client = new RedshiftClient(TestClients.Options(o => o.SessionToken = "TOKEN-VALUE-XYZ"), factory, handler);

        await client.ExecuteAsync(new SqlStatement("select :p").WithParameter("p", "PARAM-VALUE-XYZ"));

        string all = string.Join('\n', logs.Messages);
        Assert.Contains(Id, all);
        Assert.Contains("Retrying ExecuteStatement", all);
        Assert.DoesNotContain(TestClients.SecretKey, all);
        Assert.DoesNotContain("TOKEN-VALUE-XYZ", all);
        Assert.DoesNotContain("PARAM-VALUE-XYZ", all);
    }

    [Fact]
    public async Task Each_statement_opens_an_activity_with_its_id_and_status()
    {
        var stopped = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RedshiftTypedTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Add,
        };
        ActivitySource.AddActivityListener(listener);
        using var client = TestClients.Create(Finishing());

        await client.ExecuteAsync("select 1");

        var activity = Assert.Single(stopped, a => (string?)a.GetTagItem("redshift.statement_id") == Id);
        Assert.Equal("redshift.statement", activity.OperationName);
        Assert.Equal("FINISHED", activity.GetTagItem("redshift.status"));
        Assert.Equal("redshift", activity.GetTagItem("db.system"));
    }

    [Fact]
    public async Task Retries_are_bounded_in_time_as_well_as_count()
    {
        var handler = new RecordingHandler((_, _) => Aws.Throttled());
        using var client = TestClients.Create(handler, o =>
        {
            o.Retry.MaxRetries = 100;
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(50);
            o.Retry.MaxDelay = TimeSpan.FromMilliseconds(100);
            o.Retry.TotalTimeout = TimeSpan.FromMilliseconds(700);
        });
        var watch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => client.DataApi.ListSchemasAsync(client.WithTarget(new ListSchemasRequest())));

        Assert.InRange(watch.Elapsed.TotalSeconds, 0.5, 5);
        Assert.Contains("retry.total_timeout", ex.Message);
        Assert.InRange(handler.Requests.Count, 2, 60);
    }
}

internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(Messages);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => messages.Enqueue(formatter(state, exception) + (exception is null ? "" : " " + exception.Message));
    }
}
