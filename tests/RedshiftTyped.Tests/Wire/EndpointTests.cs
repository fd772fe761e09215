using RedshiftTyped.DataApi.Model;
using RedshiftTyped.DataApi.Transport;
using RedshiftTyped.Tests.Infrastructure;

namespace RedshiftTyped.Tests.Wire;

public sealed class EndpointTests
{
    [Theory]
    [InlineData("us-east-1", false, "https://redshift-data.us-east-1.amazonaws.com/")]
    [InlineData("eu-west-2", true, "https://redshift-data-fips.eu-west-2.amazonaws.com/")]
    [InlineData("cn-north-1", false, "https://redshift-data.cn-north-1.amazonaws.com.cn/")]
    public void Regional_endpoints_follow_the_service_rules(string region, bool fips, string expected)
        => Assert.Equal(expected, AwsService.RedshiftData.RegionalEndpoint(region, fips).ToString());

    [Fact]
    public async Task Without_an_explicit_endpoint_calls_go_to_the_regional_one_and_secrets_to_Secrets_Manager()
    {
        var handler = new RecordingHandler((r, _) => r.Operation == "DescribeSecret" ? Aws.Ok("{\"Name\":\"s\"}") : Aws.Ok("{\"Databases\":[]}"));
        using var client = TestClients.Create(handler, o => { o.Endpoint = null; o.Region = "eu-west-1"; });

        await client.DataApi.ListDatabasesAsync(client.WithTarget(new ListDatabasesRequest()));
        await client.SecretsManager.DescribeSecretAsync(new() { SecretId = "s" });

        Assert.Equal("https://redshift-data.eu-west-1.amazonaws.com/", handler.Requests[0].Uri.ToString());
        Assert.Equal("https://secretsmanager.eu-west-1.amazonaws.com/", handler.Requests[1].Uri.ToString());
        Assert.Equal("redshift-data.eu-west-1.amazonaws.com", handler.Requests[0].Header("Host"));
    }
}
