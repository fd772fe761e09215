using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RedshiftTyped.Connection;
using RedshiftTyped.Tests.Infrastructure;

namespace RedshiftTyped.Tests.Connection;

[Collection(EnvironmentCollection.Name)]
public sealed class OptionsLoadingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rt-options-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string json)
    {
        string path = Path.Combine(_dir, $"conn-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void A_misspelt_key_is_named_with_the_closest_known_keys_and_no_binder_internals()
    {
        string path = Write("""{ "regoin": "us-east-1", "database": "dev", "cluster-identifier": "c", "retry": { "max_retires": 2 } }""");

        var error = Assert.Throws<RedshiftConfigurationException>(() => RedshiftConnectionOptionsLoader.FromJsonFile(path));

        Assert.StartsWith(
            $"connection file \"{path}\" has unknown keys: \"cluster-identifier\" (did you mean cluster_identifier?); \"regoin\" (did you mean region?); " +
            "\"retry.max_retires\" (did you mean max_retries?). Known keys: region, database, cluster_identifier,", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ErrorOnUnknownConfiguration", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("RedshiftTyped.Connection", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_key_near_nothing_is_named_without_a_guess()
    {
        string path = Write("""{ "region": "us-east-1", "database": "dev", "cluster_identifier": "c", "colour": "blue" }""");

        var error = Assert.Throws<RedshiftConfigurationException>(() => RedshiftConnectionOptionsLoader.FromJsonFile(path));

        Assert.StartsWith($"connection file \"{path}\" has an unknown key: \"colour\". Known keys: region,", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_connector_connection_file_loads_with_its_parameter_names()
    {
        string path = Write("""
            {
              "region": "eu-west-1", "database": "analytics", "workgroup_name": "etl",
              "access_key_id": "AKIAEXAMPLE12345", "secret_access_key": "s3cr3t", "session_token": "tok",
              "secret_arn": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-a1b2c3",
              "schema_filter": "public, sales", "poll_interval": 0.5, "max_poll_attempts": 50,
              "endpoint": "http://127.0.0.1:8790", "retry": { "max_retries": 2, "base_delay": "00:00:00.050", "attempt_timeout": "00:02:00" }
            }
            """);

        var o = RedshiftConnectionOptionsLoader.FromJsonFile(path);

        Assert.Equal("eu-west-1", o.Region);
        Assert.Equal("analytics", o.Database);
        Assert.Equal("etl", o.WorkgroupName);
        Assert.Equal("AKIAEXAMPLE12345", o.AccessKeyId);
        Assert.Equal("s3cr3t", o.SecretAccessKey);
        Assert.Equal("tok", o.SessionToken);
        Assert.Equal(["public", "sales"], o.SchemaFilterList);
        Assert.Equal(0.5, o.PollInterval);
        Assert.Equal(50, o.MaxPollAttempts);
        Assert.Equal(2, o.Retry.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(50), o.Retry.BaseDelay);
        Assert.Equal(TimeSpan.FromMinutes(2), o.Retry.AttemptTimeout);
        o.Validate();
    }

    [Fact]
    public void A_misspelt_option_is_an_error_that_names_it()
    {
        string path = Write("{\"region\":\"us-east-1\",\"database\":\"dev\",\"clusterIdentifier\":\"x\"}");

        var ex = Assert.Throws<RedshiftConfigurationException>(() => RedshiftConnectionOptionsLoader.FromJsonFile(path));

        Assert.Contains("clusterIdentifier", ex.Message);
        Assert.Contains("cluster_identifier", ex.Message);
    }

    [Fact]
    public void Malformed_JSON_is_an_error_that_names_the_file()
    {
        string path = Write("{\"region\": \"us-east-1\", ");

        var ex = Assert.Throws<RedshiftConfigurationException>(() => RedshiftConnectionOptionsLoader.FromJsonFile(path));

        Assert.Contains(path, ex.Message);
        Assert.Contains("not valid JSON", ex.Message);
    }

    [Fact]
    public void A_missing_file_is_an_error_that_says_what_it_should_hold()
    {
        var ex = Assert.Throws<RedshiftConfigurationException>(() => RedshiftConnectionOptionsLoader.FromJsonFile(Path.Combine(_dir, "nope.json")));
        Assert.Contains("does not exist", ex.Message);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_an_error()
    {
        string path = Write("{\"max_poll_attempts\":\"many\"}");
        var ex = Assert.Throws<RedshiftConfigurationException>(() => RedshiftConnectionOptionsLoader.FromJsonFile(path));
        Assert.Contains("many", ex.Message);
    }

    [Fact]
    public void Environment_variables_overlay_the_options()
    {
        Environment.SetEnvironmentVariable("REDSHIFT_TYPED_CLUSTER_IDENTIFIER", "env-cluster");
        Environment.SetEnvironmentVariable("REDSHIFT_TYPED_MAX_POLL_ATTEMPTS", "12");
        try
        {
            var o = RedshiftConnectionOptionsLoader.FromEnvironment(new RedshiftConnectionOptions { Region = "us-east-1", Database = "dev" });
            Assert.Equal("env-cluster", o.ClusterIdentifier);
            Assert.Equal(12, o.MaxPollAttempts);
            Assert.Equal("dev", o.Database);
        }
        finally
        {
            Environment.SetEnvironmentVariable("REDSHIFT_TYPED_CLUSTER_IDENTIFIER", null);
            Environment.SetEnvironmentVariable("REDSHIFT_TYPED_MAX_POLL_ATTEMPTS", null);
        }
    }

    [Fact]
    public void A_variable_whose_prefix_is_in_lower_case_still_overlays_the_options()
    {
        // The binder is skipped when no variable has the prefix; the check must match it as the configuration provider
        // does, ignoring case.
        Environment.SetEnvironmentVariable("redshift_typed_database", "lower");
        try
        {
            var o = RedshiftConnectionOptionsLoader.FromEnvironment(new RedshiftConnectionOptions { Region = "us-east-1", Database = "dev" });
            Assert.Equal("lower", o.Database);
        }
        finally
        {
            Environment.SetEnvironmentVariable("redshift_typed_database", null);
        }
    }

    [Fact]
    public void A_configuration_section_binds_and_registers_a_client()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Redshift:region"] = "us-east-1",
            ["Redshift:database"] = "dev",
            ["Redshift:cluster_identifier"] = "prod",
            ["Redshift:poll_interval"] = "1",
        }).Build();
        using var provider = new ServiceCollection().AddRedshiftTyped(configuration.GetSection("Redshift")).BuildServiceProvider();

        var client = provider.GetRequiredService<RedshiftClient>();

        Assert.Equal("prod", client.Options.ClusterIdentifier);
        Assert.Equal(1, client.Options.PollInterval);
        Assert.Same(client, provider.GetRequiredService<RedshiftClient>());
    }

    [Fact]
    public void Invalid_options_registered_in_a_host_fail_validation_with_the_same_messages()
    {
        using var provider = new ServiceCollection().AddRedshiftTyped(o => { o.Region = "us-east-1"; o.Database = "dev"; }).BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RedshiftConnectionOptions>>().Value);

        Assert.Contains("Either cluster_identifier or workgroup_name required", ex.Message);
    }
}
