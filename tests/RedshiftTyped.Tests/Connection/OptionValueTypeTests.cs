using Microsoft.Extensions.Configuration;
using RedshiftTyped.Connection;
using RedshiftTyped.Tests.Infrastructure;
using RedshiftTyped.Tool;
using RedshiftTyped.Tool.Cli;

namespace RedshiftTyped.Tests.Connection;

/// <summary>
/// Every option rejects a value of the wrong JSON type with the key, the type given and the type expected: the
/// configuration binder flattens JSON, so <c>"schema_filter": ["x"]</c> used to bind nothing and capture every schema.
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class OptionValueTypeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rt-option-types-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string members)
    {
        string path = Path.Combine(_dir, $"conn-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, $$"""{"region": "us-east-1", "database": "dev", "cluster_identifier": "c", {{members}}}""");
        return path;
    }

    [Theory]
    [InlineData("\"schema_filter\": [\"x\"]", "schema_filter is an array; expected a string of comma-separated schemas, e.g. \"public,sales\"")]
    [InlineData("\"endpoint\": {\"url\": \"http://127.0.0.1\"}", "endpoint is an object; expected a string")]
    [InlineData("\"db_user\": 42", "db_user is the number 42; expected a string")]
    [InlineData("\"workgroup_name\": true", "workgroup_name is the boolean true; expected a string")]
    [InlineData("\"poll_interval\": \"fast\"", "poll_interval is the string \"fast\"; expected a number")]
    [InlineData("\"poll_interval\": [2]", "poll_interval is an array; expected a number")]
    [InlineData("\"max_poll_attempts\": 1.5", "max_poll_attempts is the number 1.5; expected a whole number")]
    [InlineData("\"use_fips\": \"yes\"", "use_fips is the string \"yes\"; expected true or false")]
    [InlineData("\"long_polling\": 1", "long_polling is the number 1; expected true or false")]
    [InlineData("\"retry\": 3", "retry is the number 3; expected an object")]
    [InlineData("\"retry\": {\"max_retries\": \"many\"}", "retry.max_retries is the string \"many\"; expected a whole number")]
    // 100 would bind as 100 days: a duration must say hours, minutes and seconds.
    [InlineData("\"retry\": {\"base_delay\": 100}", "retry.base_delay is the number 100; expected a duration string")]
    [InlineData("\"retry\": {\"total_timeout\": \"100\"}", "retry.total_timeout is the string \"100\"; expected a duration string")]
    public void A_value_of_the_wrong_type_names_the_key_the_type_given_and_the_type_expected(string member, string expected)
    {
        string path = Write(member);

        var ex = Assert.Throws<RedshiftConfigurationException>(() => RedshiftConnectionOptionsLoader.FromJsonFile(path));

        Assert.Contains(expected, ex.Message);
        Assert.Contains(Path.GetFileName(path), ex.Message);
    }

    [Fact]
    public void Every_wrong_value_is_reported_at_once()
    {
        string path = Write("\"schema_filter\": [\"x\"], \"poll_interval\": {}, \"retry\": {\"max_delay\": 20}");

        var ex = Assert.Throws<RedshiftConfigurationException>(() => RedshiftConnectionOptionsLoader.FromJsonFile(path));

        Assert.Equal(3, ex.Problems.Count);
    }

    [Fact]
    public void A_credential_of_the_wrong_type_is_named_without_its_value()
    {
        string path = Write("\"access_key_id\": \"AKIA1234\", \"secret_access_key\": 98765432123456789");

        var ex = Assert.Throws<RedshiftConfigurationException>(() => RedshiftConnectionOptionsLoader.FromJsonFile(path));

        Assert.Contains("secret_access_key is a number (not shown: it is a credential)", ex.Message);
        Assert.DoesNotContain("98765432123456789", ex.Message);
    }

    [Fact]
    public void Numbers_and_booleans_written_as_strings_load_as_connector_files_write_them()
    {
        string path = Write("\"poll_interval\": \"0.5\", \"max_poll_attempts\": \"40\", \"use_fips\": \"false\", \"db_user\": null, " +
                            "\"retry\": {\"max_retries\": \"3\", \"base_delay\": \"00:00:00.100\", \"total_timeout\": \"00:03:00\"}");

        var options = RedshiftConnectionOptionsLoader.FromJsonFile(path);

        Assert.Equal(0.5, options.PollInterval);
        Assert.Equal(40, options.MaxPollAttempts);
        Assert.Equal(3, options.Retry.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(100), options.Retry.BaseDelay);
        Assert.Equal(TimeSpan.FromMinutes(3), options.Retry.TotalTimeout);
    }

    [Fact]
    public void The_duration_form_the_README_gives_includes_days_as_the_loader_takes_them()
    {
        // TimeSpan's invariant form, [-][d.]hh:mm:ss[.fffffff]: the README said "hh:mm:ss[.fff]", leaving out the days that
        // the bounds it gives (49.17:02:47.294) are written with.
        var forms = System.Text.RegularExpressions.Regex.Matches(ReadmeMessageTable.ReadmeText(), "`\"([^`\"]*hh:mm:ss[^`\"]*)\"`")
            .Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(forms);
        Assert.All(forms, form => Assert.Equal("[d.]hh:mm:ss[.fff]", form));

        string path = Write("\"retry\": {\"total_timeout\": \"2.00:00:00\", \"max_delay\": \"1.00:00:00.5\"}");
        var options = RedshiftConnectionOptionsLoader.FromJsonFile(path);
        Assert.Equal(TimeSpan.FromDays(2), options.Retry.TotalTimeout);
        Assert.Equal(TimeSpan.FromDays(1) + TimeSpan.FromMilliseconds(500), options.Retry.MaxDelay);
    }

    [Fact]
    public void A_configuration_section_with_an_array_where_a_string_belongs_is_refused()
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Redshift:region"] = "us-east-1",
            ["Redshift:schema_filter:0"] = "x",
            ["Redshift:retry:base_delay"] = "100",
        }).Build().GetSection("Redshift");

        var ex = Assert.Throws<RedshiftConfigurationException>(() => RedshiftConnectionOptionsLoader.FromConfiguration(section));

        Assert.Contains("schema_filter is an array or object; expected a string", ex.Message);
        Assert.Contains("retry.base_delay is the string \"100\"; expected a duration string", ex.Message);
    }

    [Fact]
    public async Task The_tool_exits_2_naming_the_key_rather_than_capturing_every_schema()
    {
        string path = Write("\"schema_filter\": [\"sales\"]");
        var error = new StringWriter();
        var handler = new RecordingHandler((_, _) => Aws.Error(System.Net.HttpStatusCode.BadRequest, "ValidationException", "no call expected"));

        int exit = await ToolApp.RunAsync(["capture", "--connection", path, "--dir", _dir], new ToolConsole(new StringWriter(), error, handler));

        Assert.Equal(2, exit);
        Assert.Contains("schema_filter is an array", error.ToString());
        Assert.Empty(handler.Requests);
    }
}
