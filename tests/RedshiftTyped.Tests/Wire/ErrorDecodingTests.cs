using System.Net;
using RedshiftTyped.DataApi.Errors;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Tests.Infrastructure;

namespace RedshiftTyped.Tests.Wire;

/// <summary>Each error shape the service (or a front end before it) may answer, decoded to its exception.</summary>
public sealed class ErrorDecodingTests
{
    private static async Task<Exception> FailWith(Func<HttpResponseMessage> response)
    {
        var handler = new RecordingHandler((_, _) => response());
        using var client = TestClients.Create(handler, o => o.Retry.MaxRetries = 0);
        return await Assert.ThrowsAnyAsync<Exception>(() => client.DataApi.DescribeStatementAsync(new DescribeStatementRequest { Id = Aws.StatementId }));
    }

    public static TheoryData<string, int, Type> ModelledErrors() => new()
    {
        { "ValidationException", 400, typeof(ValidationException) },
        { "ActiveStatementsExceededException", 400, typeof(ActiveStatementsExceededException) },
        { "ActiveSessionsExceededException", 400, typeof(ActiveSessionsExceededException) },
        { "ActiveWaitingRequestsExceededException", 400, typeof(ActiveWaitingRequestsExceededException) },
        { "QueryTimeoutException", 400, typeof(QueryTimeoutException) },
        { "DatabaseConnectionException", 500, typeof(DatabaseConnectionException) },
        { "InternalServerException", 500, typeof(InternalServerException) },
        { "ThrottlingException", 400, typeof(ThrottlingException) },
    };

    [Theory]
    [MemberData(nameof(ModelledErrors))]
    public async Task A_modelled_error_becomes_its_exception_with_code_status_message_and_request_id(string type, int status, Type expected)
    {
        var ex = await FailWith(() => Aws.Error((HttpStatusCode)status, type, $"{type} happened", "req-42"));

        Assert.IsType(expected, ex);
        var aws = (AwsServiceException)ex;
        Assert.Equal(type, aws.ErrorCode);
        Assert.Equal((HttpStatusCode)status, aws.StatusCode);
        Assert.Equal("req-42", aws.RequestId);
        Assert.Equal($"{type} happened", aws.Message);
    }

    [Fact]
    public async Task ResourceNotFound_carries_the_resource_id()
    {
        var ex = await FailWith(() => Aws.Error(HttpStatusCode.NotFound, "ResourceNotFoundException", "Query does not exist.", extra: $"\"ResourceId\":\"{Aws.StatementId}\""));

        var notFound = Assert.IsType<ResourceNotFoundException>(ex);
        Assert.Equal(Aws.StatementId, notFound.ResourceId);
    }

    [Fact]
    public async Task ExecuteStatementException_carries_the_statement_id_and_reads_Message_in_capitals()
    {
        var ex = await FailWith(() => Aws.Json(HttpStatusCode.InternalServerError,
            $"{{\"__type\":\"ExecuteStatementException\",\"Message\":\"could not submit\",\"StatementId\":\"{Aws.StatementId}\"}}", "r"));

        var failed = Assert.IsType<ExecuteStatementException>(ex);
        Assert.Equal(Aws.StatementId, failed.StatementId);
        Assert.Equal("could not submit", failed.Message);
    }

    [Theory]
    [InlineData("com.amazonaws.redshiftdata#ValidationException")]
    [InlineData("ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/")]
    [InlineData("aws.protocoltests.restjson#ValidationException:http://internal.amazon.com/")]
    public async Task Namespaced_and_suffixed_type_names_are_normalised(string type)
    {
        var ex = await FailWith(() => Aws.Error(HttpStatusCode.BadRequest, type, "bad"));

        Assert.IsType<ValidationException>(ex);
    }

    [Fact]
    public async Task The_error_type_header_is_used_when_the_body_has_none()
    {
        var ex = await FailWith(() =>
        {
            var response = Aws.Json(HttpStatusCode.BadRequest, "{\"message\":\"Rate exceeded\"}", "r");
            response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", "ThrottlingException:http://internal.amazon.com/coral/");
            return response;
        });

        Assert.IsType<ThrottlingException>(ex);
        Assert.Equal("Rate exceeded", ex.Message);
    }

    [Fact]
    public async Task A_non_JSON_error_page_still_gives_a_clear_exception()
    {
        var ex = await FailWith(() => new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>Bad Gateway</html>") });

        var aws = Assert.IsAssignableFrom<AwsServiceException>(ex);
        Assert.Equal(HttpStatusCode.BadGateway, aws.StatusCode);
        Assert.True(aws.IsServerFault);
        Assert.Contains("HTTP 502", aws.Message);
    }

    [Fact]
    public async Task An_unmodelled_auth_error_keeps_its_code()
    {
        var ex = await FailWith(() => Aws.Error(HttpStatusCode.BadRequest, "AccessDeniedException",
            "User: arn:aws:iam::123456789012:user/x is not authorized to perform: redshift-data:DescribeStatement"));

        var aws = Assert.IsType<RedshiftDataApiException>(ex);
        Assert.Equal("AccessDeniedException", aws.ErrorCode);
        Assert.Contains("redshift-data:DescribeStatement", aws.Message);
    }

    [Fact]
    public async Task Unknown_response_members_and_enum_values_are_tolerated()
    {
        var handler = new RecordingHandler((_, _) => Aws.Ok(
            $"{{\"Id\":\"{Aws.StatementId}\",\"Status\":\"UNKNOWN\",\"Duration\":-1,\"RedshiftPid\":0,\"SomethingNew\":{{\"nested\":[1,2]}},\"ResultRows\":-1}}"));
        using var client = TestClients.Create(handler);

        var described = await client.DataApi.DescribeStatementAsync(new DescribeStatementRequest { Id = Aws.StatementId });

        Assert.Equal("UNKNOWN", described.Status!.Value.Value);
        Assert.False(described.Status.Value.IsTerminal);
        Assert.Equal(-1, described.Duration);
    }
}
