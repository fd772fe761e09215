using RedshiftTyped.Connection;
using RedshiftTyped.Tests.Infrastructure;

namespace RedshiftTyped.Tests.Connection;

/// <summary>
/// retry.base_delay and retry.max_delay are bounded by what a retry's wait takes: Polly waits with
/// <c>Task.Delay(delay, timeProvider, token)</c>, which refuses more than <see cref="uint.MaxValue"/> - 1 ms (49.17:02:47.294).
/// Unbounded, a longer delay was accepted and threw ArgumentOutOfRangeException on the call's first retry. Checked at the
/// bound and one tick over, from a connection file and from environment variables, as a user writes them.
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class RetryDelayBoundTests : IDisposable
{
    private const string Bound = "49.17:02:47.294";
    private const string OneTickOver = "49.17:02:47.2940001";

    private readonly string _dir = Directory.CreateTempSubdirectory("rt-retry-delay-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string TooLong(string key, string value, string example)
        => $"retry.{key} {value} is too long: give 00:00:00 to 49.17:02:47.2940000 (about 49.7 days, the longest delay a timer takes), e.g. \"{example}\" (the default).";

    private RedshiftConnectionOptions FromFile(string baseDelay, string maxDelay)
    {
        string path = Path.Combine(_dir, $"conn-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, $$$"""
            {"region": "us-east-1", "database": "dev", "cluster_identifier": "c",
             "retry": {"base_delay": "{{{baseDelay}}}", "max_delay": "{{{maxDelay}}}"}}
            """);
        return RedshiftConnectionOptionsLoader.FromJsonFile(path);
    }

    private static RedshiftConnectionOptions FromEnvironment(string baseDelay, string maxDelay)
    {
        Environment.SetEnvironmentVariable("REDSHIFT_TYPED_RETRY__BASE_DELAY", baseDelay);
        Environment.SetEnvironmentVariable("REDSHIFT_TYPED_RETRY__MAX_DELAY", maxDelay);
        try
        {
            return RedshiftConnectionOptionsLoader.FromEnvironment(new RedshiftConnectionOptions { Region = "us-east-1", Database = "dev", ClusterIdentifier = "c" });
        }
        finally
        {
            Environment.SetEnvironmentVariable("REDSHIFT_TYPED_RETRY__BASE_DELAY", null);
            Environment.SetEnvironmentVariable("REDSHIFT_TYPED_RETRY__MAX_DELAY", null);
        }
    }

    public static TheoryData<string> Sources => new() { "file", "environment" };

    private RedshiftConnectionOptions Load(string source, string baseDelay, string maxDelay)
        => source == "file" ? FromFile(baseDelay, maxDelay) : FromEnvironment(baseDelay, maxDelay);

    [Theory]
    [MemberData(nameof(Sources))]
    public void Both_delays_at_the_bound_are_accepted(string source)
    {
        var options = Load(source, Bound, Bound);

        Assert.Equal(ConnectionOptionsValidator.MaxRetryDelay, options.Retry.BaseDelay);
        Assert.Equal(ConnectionOptionsValidator.MaxRetryDelay, options.Retry.MaxDelay);
        options.Validate();
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void A_max_delay_one_tick_over_the_bound_is_refused_naming_the_value_and_the_range(string source)
    {
        var ex = Assert.Throws<RedshiftConfigurationException>(() => Load(source, "00:00:00.100", OneTickOver).Validate());

        Assert.Equal(TooLong("max_delay", OneTickOver, "00:00:20"), Assert.Single(ex.Problems));
        ReadmeMessageTable.AssertListed(ex.Problems[0]);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void A_base_delay_one_tick_over_the_bound_is_refused_naming_the_value_and_the_range(string source)
    {
        // max_delay is over as well (base_delay may not exceed it): each names its own value.
        var ex = Assert.Throws<RedshiftConfigurationException>(() => Load(source, OneTickOver, OneTickOver).Validate());

        Assert.Equal([TooLong("base_delay", OneTickOver, "00:00:00.100"), TooLong("max_delay", OneTickOver, "00:00:20")], ex.Problems);
        ReadmeMessageTable.AssertListed(ex.Problems[0]);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void Twenty_four_hours_written_without_days_is_refused_not_read_as_24_days(string source)
    {
        // TimeSpan.Parse reads "24:00:00" as 24 days; a day is "1.00:00:00".
        var ex = Assert.Throws<RedshiftConfigurationException>(() => Load(source, "00:00:00.100", "24:00:00"));

        string problem = Assert.Single(ex.Problems);
        Assert.Contains("max_delay", problem, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(" is the string \"24:00:00\"; expected a duration string \"[d.]hh:mm:ss[.fff]\" (hours 0-23", problem);
        Assert.Contains("\"1.00:00:00\" for a day", problem);
        Assert.Equal(TimeSpan.FromHours(23), Load(source, "00:00:00.100", "23:00:00").Retry.MaxDelay);
    }

    [Fact]
    public void A_delay_of_years_is_refused_before_any_call()
    {
        var ex = Assert.Throws<RedshiftConfigurationException>(() => TestClients.Options(o => o.Retry.BaseDelay = o.Retry.MaxDelay = TimeSpan.FromDays(400)).Validate());

        Assert.Equal([TooLong("base_delay", "400.00:00:00", "00:00:00.100"), TooLong("max_delay", "400.00:00:00", "00:00:20")], ex.Problems);
    }
}
