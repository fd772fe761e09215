using System.Text;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Local.Security;
using RedshiftTyped.Tests.Infrastructure;

namespace RedshiftTyped.Tests.Signing;

/// <summary>The requests the client really sends, checked by the suite-proven verifier.</summary>
public sealed class ClientSigningTests
{
    private static SigV4Request AsReceived(RecordedRequest r)
        => new(r.Method.Method, r.Uri.AbsolutePath, r.Uri.Query.TrimStart('?'), r.Headers, r.Body);

    [Fact]
    public async Task An_ExecuteStatement_request_is_AWS_JSON_1_1_and_correctly_signed()
    {
        var handler = new RecordingHandler((_, _) => Aws.Ok(Aws.Submitted(Aws.StatementId)));
        using var client = TestClients.Create(handler);

        await client.DataApi.ExecuteStatementAsync(client.WithTarget(new ExecuteStatementRequest { Sql = "select 1" }));

        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/", request.Uri.AbsolutePath);
        Assert.Equal("RedshiftData.ExecuteStatement", request.Target);
        Assert.Equal("application/x-amz-json-1.1", request.Header("Content-Type"));
        Assert.Equal("select 1", (string?)request.Json["Sql"]);
        Assert.Equal("my-cluster", (string?)request.Json["ClusterIdentifier"]);
        Assert.Equal("dev", (string?)request.Json["Database"]);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", request.Header("Authorization"));
        Assert.Contains("/us-east-1/redshift-data/aws4_request", request.Header("Authorization"));

        var verifier = new SigV4Verifier([new LocalCredential(TestClients.AccessKey, TestClients.SecretKey)], "us-east-1", TimeProvider.System);
        var result = verifier.Verify(AsReceived(request), "redshift-data");
        Assert.True(result.Succeeded, $"{result.ErrorCode}: {result.Message}");

        // And the signature covers the body: one changed byte fails verification.
        var tampered = AsReceived(request) with { Body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(request.Body).Replace("select 1", "select 2")) };
        Assert.Equal("InvalidSignatureException", verifier.Verify(tampered, "redshift-data").ErrorCode);
    }

    [Fact]
    public async Task A_session_token_is_sent_and_signed()
    {
        var handler = new RecordingHandler((_, _) => Aws.Ok("{\"Databases\":[\"dev\"]}"));
        using var client = TestClients.Create(handler, o => o.SessionToken = "FQoGZXIvYXdzEXAMPLETOKEN");

        await client.DataApi.ListDatabasesAsync(client.WithTarget(new ListDatabasesRequest()));

        var request = Assert.Single(handler.Requests);
        Assert.Equal("FQoGZXIvYXdzEXAMPLETOKEN", request.Header("X-Amz-Security-Token"));
        Assert.Contains("x-amz-security-token", request.Header("Authorization"));
        var verifier = new SigV4Verifier([new LocalCredential(TestClients.AccessKey, TestClients.SecretKey, "FQoGZXIvYXdzEXAMPLETOKEN")], "us-east-1", TimeProvider.System);
        Assert.True(verifier.Verify(AsReceived(request), "redshift-data").Succeeded);
    }

    [Fact]
    public async Task Secrets_Manager_calls_use_their_own_target_prefix_and_signing_name()
    {
        var handler = new RecordingHandler((_, _) => Aws.Ok("{\"ARN\":\"arn:aws:secretsmanager:us-east-1:123456789012:secret:db-a1b2c3\",\"Name\":\"db\"}"));
        using var client = TestClients.Create(handler);

        var secret = await client.SecretsManager.DescribeSecretAsync(new() { SecretId = "db" });

        Assert.Equal("db", secret.Name);
        var request = Assert.Single(handler.Requests);
        Assert.Equal("secretsmanager.DescribeSecret", request.Target);
        Assert.Contains("/us-east-1/secretsmanager/aws4_request", request.Header("Authorization"));
        var verifier = new SigV4Verifier([new LocalCredential(TestClients.AccessKey, TestClients.SecretKey)], "us-east-1", TimeProvider.System);
        Assert.True(verifier.Verify(AsReceived(request), "secretsmanager").Succeeded);
    }
}
