using RedshiftTyped.Connection;
using RedshiftTyped.Tests.Infrastructure;

namespace RedshiftTyped.Tests.Connection;

/// <summary>Every validation rule, with the message a user sees; all fail before any call is made.</summary>
public sealed class OptionsValidationTests
{
    private static RedshiftConfigurationException Invalid(Action<RedshiftConnectionOptions> change)
    {
        var options = TestClients.Options(change);
        var handler = new RecordingHandler((_, _) => throw new InvalidOperationException("no call may be made"));
        var ex = Assert.Throws<RedshiftConfigurationException>(() => new RedshiftClient(options, httpHandler: handler));
        Assert.Empty(handler.Requests);
        return ex;
    }

    private static string Single(Action<RedshiftConnectionOptions> change) => Assert.Single(Invalid(change).Problems);

    [Fact]
    public void Valid_options_pass() => TestClients.Options().Validate();

    [Fact]
    public void Region_is_required() => Assert.StartsWith("region is required", Single(o => o.Region = null));

    [Fact]
    public void Region_must_look_like_a_region() => Assert.Contains("is not an AWS region name", Single(o => o.Region = "US East"));

    [Fact]
    public void Database_is_required() => Assert.StartsWith("database is required", Single(o => o.Database = " "));

    [Fact]
    public void A_cluster_or_a_workgroup_is_required()
        => Assert.StartsWith("Either cluster_identifier or workgroup_name required", Single(o => o.ClusterIdentifier = null));

    [Fact]
    public void Cluster_and_workgroup_together_are_refused()
        => Assert.StartsWith("cluster_identifier and workgroup_name were both given", Single(o => o.WorkgroupName = "my-workgroup"));

    [Fact]
    public void A_malformed_cluster_identifier_is_refused()
        => Assert.Contains("cluster_identifier \"My_Cluster\" is not valid", Single(o => o.ClusterIdentifier = "My_Cluster"));

    [Fact]
    public void A_malformed_workgroup_is_refused()
        => Assert.Contains("workgroup_name \"WG\" is not valid", Single(o => { o.ClusterIdentifier = null; o.WorkgroupName = "WG"; }));

    [Fact]
    public void A_workgroup_ARN_is_accepted()
    {
        TestClients.Options(o => { o.ClusterIdentifier = null; o.WorkgroupName = "arn:aws:redshift-serverless:us-east-1:123456789012:workgroup/0123abcd-0123-4567-89ab-0123456789ab"; }).Validate();
    }

    [Fact]
    public void Access_key_without_secret_is_refused()
        => Assert.StartsWith("access_key_id was given without secret_access_key", Single(o => o.SecretAccessKey = null));

    [Fact]
    public void Secret_without_access_key_is_refused()
        => Assert.StartsWith("secret_access_key was given without access_key_id", Single(o => o.AccessKeyId = null));

    [Fact]
    public void Session_token_needs_keys()
        => Assert.StartsWith("session_token applies only to temporary access keys",
            Single(o => { o.AccessKeyId = null; o.SecretAccessKey = null; o.SessionToken = "token"; }));

    [Fact]
    public void Db_user_needs_a_cluster()
        => Assert.StartsWith("db_user applies only to a provisioned cluster",
            Single(o => { o.ClusterIdentifier = null; o.WorkgroupName = "my-workgroup"; o.DbUser = "admin"; }));

    [Fact]
    public void Db_user_and_secret_arn_are_exclusive()
        => Assert.StartsWith("db_user and secret_arn were both given", Single(o => { o.DbUser = "admin"; o.SecretArn = "my-secret"; }));

    [Fact]
    public void A_malformed_secret_ARN_is_refused()
        => Assert.Contains("is not a Secrets Manager ARN", Single(o => o.SecretArn = "arn:aws:s3:::bucket"));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(301)]
    [InlineData(1e-9)]
    [InlineData(0.009)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Poll_interval_must_be_in_range(double seconds)
    {
        string problem = Single(o => o.PollInterval = seconds);
        Assert.StartsWith("poll_interval", problem);
        Assert.Contains("from 0.01 to 300", problem);
        Assert.DoesNotContain("Infinity", problem);
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(300)]
    public void Poll_interval_bounds_are_accepted(double seconds)
    {
        var options = TestClients.Options();
        options.PollInterval = seconds;
        options.Validate();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1_000_001)]
    public void Max_poll_attempts_must_be_in_range(int attempts) => Assert.StartsWith("max_poll_attempts", Single(o => o.MaxPollAttempts = attempts));

    [Fact]
    public void Endpoint_must_be_an_http_url() => Assert.Contains("is not an absolute http or https URL", Single(o => o.Endpoint = "127.0.0.1:8790"));

    [Fact]
    public void Schema_filter_entries_must_not_be_empty() => Assert.Contains("has an empty entry", Single(o => o.SchemaFilter = "public,,sales"));

    [Fact]
    public void Retry_settings_must_be_in_range() => Assert.StartsWith("retry.max_retries", Single(o => o.Retry.MaxRetries = -1));

    [Fact]
    public void The_attempt_timeout_must_be_positive_and_longer_than_a_long_poll()
    {
        Assert.StartsWith("retry.attempt_timeout 00:00:00 must be positive", Single(o => o.Retry.AttemptTimeout = TimeSpan.Zero));
        Assert.StartsWith("retry.attempt_timeout 00:00:20 is too short for long polling", Single(o =>
        {
            o.LongPolling = true;
            o.Retry.AttemptTimeout = TimeSpan.FromSeconds(20);
        }));
        var noLongPolls = TestClients.Options(o => o.Retry.AttemptTimeout = TimeSpan.FromSeconds(5));
        noLongPolls.Validate();
    }

    [Fact]
    public void A_non_positive_attempt_timeout_says_how_to_write_infinite()
        => Assert.Contains("or \"-00:00:00.001\" (Timeout.InfiniteTimeSpan) for none", Single(o => o.Retry.AttemptTimeout = TimeSpan.FromSeconds(-5)));

    [Fact]
    public void Base_and_max_delay_out_of_order_name_both_values()
        => Assert.StartsWith("retry.base_delay 00:00:30 and retry.max_delay 00:00:20 must satisfy 0 <= base_delay <= max_delay: e.g.",
            Single(o =>
            {
                o.Retry.BaseDelay = TimeSpan.FromSeconds(30);
                o.Retry.MaxDelay = TimeSpan.FromSeconds(20);
            }));

    [Fact]
    public void The_attempt_timeout_is_at_most_what_HttpClient_takes_or_infinite()
    {
        // Past int.MaxValue ms, HttpClient.Timeout threw ArgumentOutOfRangeException from the client's constructor.
        Assert.Equal(
            "retry.attempt_timeout 30.00:00:00 is too long: give at most 24.20:31:23.6470000 (about 24.8 days, the longest HTTP timeout .NET takes), or \"-00:00:00.001\" (Timeout.InfiniteTimeSpan) for none.",
            Single(o => o.Retry.AttemptTimeout = TimeSpan.FromDays(30)));
        Assert.StartsWith("retry.attempt_timeout 10675199.02:48:05.4775807 is too long", Single(o => o.Retry.AttemptTimeout = TimeSpan.MaxValue));
        foreach (var accepted in new[] { TimeSpan.FromMilliseconds(int.MaxValue), Timeout.InfiniteTimeSpan })
        {
            var options = TestClients.Options(o => o.Retry.AttemptTimeout = accepted);
            options.Validate();
            using var client = new RedshiftClient(options);
        }
    }

    [Fact]
    public void The_total_timeout_is_at_most_what_a_timer_takes_or_infinite()
    {
        // Past uint.MaxValue - 1 ms, the call's budget timer threw on every call.
        Assert.Equal(
            "retry.total_timeout 60.00:00:00 is too long: give at most 49.17:02:47.2940000 (about 49.7 days, the longest a timer takes), or \"-00:00:00.001\" (Timeout.InfiniteTimeSpan) for no total bound.",
            Single(o => o.Retry.TotalTimeout = TimeSpan.FromDays(60)));
        Assert.StartsWith("retry.total_timeout 10675199.02:48:05.4775807 is too long", Single(o => o.Retry.TotalTimeout = TimeSpan.MaxValue));
        TestClients.Options(o => o.Retry.TotalTimeout = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0)).Validate();
        TestClients.Options(o => o.Retry.TotalTimeout = Timeout.InfiniteTimeSpan).Validate();
    }

    [Fact]
    public void A_total_timeout_that_is_not_positive_is_named_with_its_value_and_how_to_write_infinite()
    {
        Assert.Equal(
            "retry.total_timeout 00:00:00 must be positive (or infinite): give how long one call may take across its attempts, e.g. \"00:03:00\" (the default), or \"-00:00:00.001\" (Timeout.InfiniteTimeSpan) for no total bound.",
            Single(o => o.Retry.TotalTimeout = TimeSpan.Zero));
        Assert.StartsWith("retry.total_timeout -00:00:05 must be positive (or infinite): ", Single(o => o.Retry.TotalTimeout = TimeSpan.FromSeconds(-5)));
    }

    [Fact]
    public void Every_retry_message_has_a_row_in_the_READMEs_table()
    {
        var changes = new Action<RedshiftConnectionOptions>[]
        {
            o => o.Retry = null!,
            o => o.Retry.MaxRetries = 101,
            o => o.Retry.BaseDelay = TimeSpan.FromSeconds(-1),
            o => o.Retry.MaxDelay = TimeSpan.Zero,
            o => o.Retry.MaxDelay = TimeSpan.FromDays(60),
            o => o.Retry.TotalTimeout = TimeSpan.Zero,
            o => o.Retry.TotalTimeout = TimeSpan.FromDays(60),
            o => o.Retry.AttemptTimeout = TimeSpan.Zero,
            o => o.Retry.AttemptTimeout = TimeSpan.FromDays(30),
            o => { o.LongPolling = true; o.Retry.AttemptTimeout = TimeSpan.FromSeconds(20); },
        };
        foreach (var change in changes)
        {
            ReadmeMessageTable.AssertListed(Single(change));
        }
    }

    [Fact]
    public void Every_problem_is_listed_at_once()
    {
        var ex = Invalid(o => { o.Region = null; o.Database = null; o.ClusterIdentifier = null; });
        Assert.Equal(3, ex.Problems.Count);
        Assert.Contains("Either cluster_identifier or workgroup_name required", ex.Message);
    }

    [Fact]
    public void No_message_contains_a_secret_value()
    {
        var ex = Invalid(o => { o.AccessKeyId = null; o.SecretAccessKey = "TOPSECRETKEY"; o.SessionToken = "TOPSECRETTOKEN"; o.Region = null; });
        Assert.DoesNotContain("TOPSECRET", ex.Message);
    }

    [Fact]
    public void ToString_redacts_secrets_and_masks_the_access_key()
    {
        var options = TestClients.Options(o => o.SessionToken = "TOPSECRETTOKEN");
        string text = options.ToString();

        Assert.DoesNotContain(TestClients.SecretKey, text);
        Assert.DoesNotContain("TOPSECRETTOKEN", text);
        Assert.DoesNotContain(TestClients.AccessKey, text);
        Assert.Contains("secret_access_key = ***", text);
        Assert.Contains("access_key_id = ****MPLE", text);
        Assert.Contains("cluster_identifier = my-cluster", text);
        using var client = new RedshiftClient(options, httpHandler: new RecordingHandler((_, _) => throw new InvalidOperationException()));
        Assert.DoesNotContain(TestClients.SecretKey, client.ToString());
    }
}
