using System.Net;
using System.Text;
using RedshiftTyped.DataApi.Errors;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Execution;
using RedshiftTyped.Tests.Infrastructure;

namespace RedshiftTyped.Tests.Wire;

/// <summary>
/// Answers that do not fit the Data API model are typed errors naming the operation, the endpoint and the JSON path,
/// not network errors and not retried; no answer is read past the bound, whatever the endpoint sends.
/// </summary>
public sealed class UnexpectedResponseTests
{
    private static async Task<(Exception Error, RecordingHandler Handler)> Describe(Func<HttpResponseMessage> answer)
    {
        var handler = new RecordingHandler((_, _) => answer());
        using var client = TestClients.Create(handler);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => client.DataApi.DescribeStatementAsync(new DescribeStatementRequest { Id = Aws.StatementId }));
        return (error, handler);
    }

    [Theory]
    // An ISO timestamp where the model says epoch seconds: a FormatException and a stack trace, before.
    [InlineData("{\"Id\":\"x\",\"CreatedAt\":\"2024-05-01T10:00:00Z\"}", "$.CreatedAt", "expected epoch seconds such as 1598306924.632, found the string \"2024-05-01T10:00:00Z\"")]
    [InlineData("{\"Id\":\"x\",\"Duration\":\"long\"}", "$.Duration", "could not be converted")]
    [InlineData("{\"Id\":\"x\",\"HasResultSet\":\"yes\"}", "$.HasResultSet", "could not be converted")]
    [InlineData("{\"Id\":42}", "$.Id", "could not be converted")]
    [InlineData("{\"Status\":\"FINISHED\"}", "$", "missing required properties including: 'Id'")]
    [InlineData("{\"Id\":\"x\",\"CreatedAt\":1e300}", "$.CreatedAt", "outside the years 1 to 9999")]
    public async Task A_member_of_the_wrong_type_names_the_operation_and_its_path(string body, string? path, string problem)
    {
        var (error, handler) = await Describe(() => Aws.Ok(body));

        var unexpected = Assert.IsType<UnexpectedResponseException>(error);
        Assert.Equal("RedshiftData.DescribeStatement", unexpected.Operation);
        Assert.Equal(path, unexpected.JsonPath);
        Assert.Contains(problem, unexpected.Message);
        Assert.StartsWith("RedshiftData.DescribeStatement at http://127.0.0.1:8790 answered something that is not a Data API answer", unexpected.Message);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task A_boolean_nullable_in_column_metadata_is_not_reported_as_a_broken_connection()
    {
        var handler = new RecordingHandler((r, _) => r.Operation switch
        {
            "ExecuteStatement" => Aws.Ok(Aws.Submitted(Aws.StatementId)),
            "DescribeStatement" => Aws.Ok(Aws.Described(Aws.StatementId, "FINISHED")),
            _ => Aws.Ok("{\"Records\":[[{\"longValue\":1}]],\"ColumnMetadata\":[{\"name\":\"a\",\"typeName\":\"int4\",\"nullable\":true}],\"TotalNumRows\":1}"),
        });
        using var client = TestClients.Create(handler);

        var error = await Assert.ThrowsAsync<UnexpectedResponseException>(() => client.QueryAsync(new SqlStatement("select 1")).ToListAsync().AsTask());

        Assert.Equal("$.ColumnMetadata[0].nullable", error.JsonPath);
        Assert.Equal("RedshiftData.GetStatementResult", error.Operation);
    }

    [Theory]
    [InlineData("text/html", "<html><body>Please log in</body></html>", "the answer is text/html, not JSON")]
    [InlineData(Aws.ContentType, "{\"Id\":\"x\",\"Status\":\"FINI", "at $.Status: Expected end of string, but instead reached end of data")]
    [InlineData(Aws.ContentType, "", "missing required properties including: 'Id'")]
    [InlineData(Aws.ContentType, "null", "JSON literal null")]
    [InlineData(Aws.ContentType, "[1,2,3]", "could not be converted")]
    public async Task Html_truncated_empty_and_non_object_answers_are_typed_errors(string contentType, string body, string problem)
    {
        var (error, handler) = await Describe(() =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
            response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
            return response;
        });

        string message = Assert.IsType<UnexpectedResponseException>(error).Message;
        Assert.True(message.Contains(problem, StringComparison.Ordinal), message);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task A_submit_answered_without_a_statement_id_is_a_typed_error()
    {
        var handler = new RecordingHandler((_, _) => Aws.Ok("{}"));
        using var client = TestClients.Create(handler);

        var error = await Assert.ThrowsAsync<UnexpectedResponseException>(() => client.ExecuteAsync("select 1"));

        Assert.Equal("$.Id", error.JsonPath);
        Assert.Contains("no statement Id", error.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_2_GiB_answer_is_refused_at_the_bound_without_reading_it_into_memory(bool announceLength)
    {
        var handler = new RecordingHandler((r, _) => r.Operation switch
        {
            "ExecuteStatement" => Aws.Ok(Aws.Submitted(Aws.StatementId)),
            "DescribeStatement" => Aws.Ok(Aws.Described(Aws.StatementId, "FINISHED")),
            _ => EndlessStream.Answer(2L * 1024 * 1024 * 1024, announceLength),
        });
        using var client = TestClients.Create(handler);
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var error = await Assert.ThrowsAsync<ResponseTooLargeException>(() => client.QueryAsync(new SqlStatement("select 1")).ToListAsync().AsTask());

        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Assert.Equal("RedshiftData.GetStatementResult", error.Operation);
        Assert.Contains("longer than 100 MiB", error.Message);
        Assert.True(allocated < 1024L * 1024 * 1024, $"{allocated:N0} bytes allocated reading a refused answer");
        Assert.Single(handler.Calls("GetStatementResult"));
    }

    [Fact]
    public async Task A_typed_page_cut_short_is_a_typed_error_naming_the_operation()
    {
        string page = "{\"Records\":[[{\"longValue\":1}],[{\"longValue\":2}";
        var handler = new RecordingHandler((r, _) => r.Operation switch
        {
            "ExecuteStatement" => Aws.Ok(Aws.Submitted(Aws.StatementId)),
            "DescribeStatement" => Aws.Ok(Aws.Described(Aws.StatementId, "FINISHED")),
            _ => Aws.Ok(page),
        });
        using var client = TestClients.Create(handler);

        var error = await Assert.ThrowsAsync<UnexpectedResponseException>(() => client.QueryAsync(new SqlStatement("select 1")).ToListAsync().AsTask());

        Assert.Equal("RedshiftData.GetStatementResult", error.Operation);
    }
}
