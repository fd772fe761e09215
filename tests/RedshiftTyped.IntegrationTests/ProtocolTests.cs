using System.Net;
using RedshiftTyped.DataApi.Errors;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Execution;
using RedshiftTyped.IntegrationTests.Infrastructure;
using RedshiftTyped.SecretsManager.Model;

namespace RedshiftTyped.IntegrationTests;

/// <summary>The wire contract's error paths: protocol, authentication, model validation, secrets and catalog.</summary>
public abstract class ProtocolTests(TickitServerFixture fixture)
{
    private RedshiftClient Client => fixture.Client;

    private RawAwsClient Raw => new(fixture.Server.Server.Endpoint, fixture.Server.Server.Region);

    [Fact]
    public async Task Unknown_targets_get_UnknownOperationException()
    {
        var (status, contentType, body) = await Raw.PostAsync("RedshiftData.NoSuchOperation", "{}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/x-amz-json-1.1", contentType);
        Assert.Equal("UnknownOperationException", body.GetProperty("__type").GetString());
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"Sql": 5}""")]
    [InlineData("[]")]
    public async Task Malformed_bodies_get_SerializationException(string json)
    {
        var (status, _, body) = await Raw.PostAsync("RedshiftData.ExecuteStatement", json);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("SerializationException", body.GetProperty("__type").GetString());
        Assert.True(body.TryGetProperty("message", out _));
    }

    [Fact]
    public async Task Unsigned_and_wrongly_scoped_requests_are_refused()
    {
        var (status, _, body) = await Raw.PostAsync("RedshiftData.ListDatabases", """{"Database":"dev","ClusterIdentifier":"c"}""", sign: false);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("MissingAuthenticationTokenException", body.GetProperty("__type").GetString());

        var (scopeStatus, _, scopeBody) = await Raw.PostAsync("RedshiftData.ListDatabases", """{"Database":"dev","ClusterIdentifier":"c"}""", service: "secretsmanager");
        Assert.Equal(HttpStatusCode.BadRequest, scopeStatus);
        Assert.Equal("InvalidSignatureException", scopeBody.GetProperty("__type").GetString());

        var (okStatus, _, okBody) = await Raw.PostAsync("RedshiftData.ListDatabases", """{"Database":"dev","ClusterIdentifier":"c"}""");
        Assert.Equal(HttpStatusCode.OK, okStatus);
        Assert.Equal("dev", okBody.GetProperty("Databases")[0].GetString());
    }

    [Fact]
    public async Task Unknown_keys_wrong_secrets_and_missing_permissions_are_refused()
    {
        using var unknown = new RedshiftClient(fixture.Server.Options("AKIDUNKNOWN", "whatever"));
        var unrecognized = await Assert.ThrowsAsync<RedshiftDataApiException>(() => unknown.ExecuteAsync("select 1"));
        Assert.Equal("UnrecognizedClientException", unrecognized.ErrorCode);

        using var wrongSecret = new RedshiftClient(fixture.Server.Options("local", "not-the-secret"));
        var invalid = await Assert.ThrowsAsync<RedshiftDataApiException>(() => wrongSecret.ExecuteAsync("select 1"));
        Assert.Equal("InvalidSignatureException", invalid.ErrorCode);

        using var readOnly = new RedshiftClient(fixture.Server.Options("AKIDREADONLY", "readonly-secret"));
        var denied = await Assert.ThrowsAsync<RedshiftDataApiException>(() => readOnly.ExecuteAsync("select 1"));
        Assert.Equal("AccessDeniedException", denied.ErrorCode);
        Assert.Contains("redshift-data:ExecuteStatement", denied.Message);
        var allowed = await readOnly.DataApi.ListDatabasesAsync(readOnly.WithTarget(new ListDatabasesRequest()));
        Assert.Equal(["dev"], allowed.Databases);
    }

    [Fact]
    public async Task Temporary_keys_need_their_session_token()
    {
        var withToken = fixture.Server.Options("ASIATEMPORARY", "temporary-secret");
        withToken.SessionToken = "session-token";
        using var good = new RedshiftClient(withToken);
        Assert.Equal(StatusString.FINISHED, (await good.ExecuteAsync("select 1")).Description.Status);

        var wrongToken = fixture.Server.Options("ASIATEMPORARY", "temporary-secret");
        wrongToken.SessionToken = "another-token";
        using var bad = new RedshiftClient(wrongToken);
        var refused = await Assert.ThrowsAsync<RedshiftDataApiException>(() => bad.ExecuteAsync("select 1"));
        Assert.Equal("UnrecognizedClientException", refused.ErrorCode);
    }

    private Task<ExecuteStatementResponse> Execute(ExecuteStatementRequest request) => Client.DataApi.ExecuteStatementAsync(Client.WithTarget(request));

    [Fact]
    public async Task Model_violations_are_ValidationException()
    {
        var tooLong = await Assert.ThrowsAsync<ValidationException>(() => Execute(new ExecuteStatementRequest { Sql = "select '" + new string('x', 100 * 1024) + "'" }));
        Assert.Equal("Cannot process query string larger than 100kB", tooLong.Message);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);

        var noSql = await Assert.ThrowsAsync<ValidationException>(() => Execute(new ExecuteStatementRequest()));
        Assert.Contains("'sql'", noSql.Message);

        await Assert.ThrowsAsync<ValidationException>(() => Execute(new ExecuteStatementRequest { Sql = "select 1", WaitTimeSeconds = 31 }));
        await Assert.ThrowsAsync<ValidationException>(() => Execute(new ExecuteStatementRequest { Sql = "select 1", ResultFormat = new ResultFormatString("XML") }));
        await Assert.ThrowsAsync<ValidationException>(() => Execute(new ExecuteStatementRequest { Sql = "select 1", StatementName = new string('n', 2049) }));
        await Assert.ThrowsAsync<ValidationException>(() => Execute(new ExecuteStatementRequest { Sql = "select 1", SessionKeepAliveSeconds = 86401 }));
        await Assert.ThrowsAsync<ValidationException>(() => Client.DataApi.DescribeStatementAsync(new DescribeStatementRequest { Id = "not-an-id" }));
        await Assert.ThrowsAsync<ValidationException>(() => Client.DataApi.ExecuteStatementAsync(new ExecuteStatementRequest { Sql = "select 1", Database = "dev" }));
        await Assert.ThrowsAsync<ValidationException>(() => Client.DataApi.ExecuteStatementAsync(new ExecuteStatementRequest
        {
            Sql = "select 1", Database = "dev", ClusterIdentifier = "a", WorkgroupName = "wg-one",
        }));
        await Assert.ThrowsAsync<ValidationException>(() => Client.DataApi.ExecuteStatementAsync(new ExecuteStatementRequest { Sql = "select 1", Database = "dev", ClusterIdentifier = "Bad_Cluster" }));

        await Assert.ThrowsAsync<ValidationException>(() => Client.DataApi.BatchExecuteStatementAsync(Client.WithTarget(new BatchExecuteStatementRequest { Sqls = [] })));
        var tooMany = await Assert.ThrowsAsync<ValidationException>(() =>
            Client.DataApi.BatchExecuteStatementAsync(Client.WithTarget(new BatchExecuteStatementRequest { Sqls = Enumerable.Repeat("select 1", 41).ToList() })));
        Assert.Contains("between 1 and 40", tooMany.Message);
    }

    [Fact]
    public async Task Parameter_errors_are_ValidationException_with_the_documented_text()
    {
        var unused = await Assert.ThrowsAsync<ValidationException>(() => Execute(new ExecuteStatementRequest
        {
            Sql = "unload ('select * from sales where salesid = :id') to 's3://bucket/x'",
            Parameters = [new SqlParameter("id", "1")],
        }));
        Assert.Equal("Parameters list contains unused parameters. Unused parameters: [id]", unused.Message);

        var missing = await Assert.ThrowsAsync<ValidationException>(() => Execute(new ExecuteStatementRequest
        {
            Sql = "select :a, :b",
            Parameters = [new SqlParameter("a", "1")],
        }));
        Assert.Contains("[b]", missing.Message);

        await Assert.ThrowsAsync<ValidationException>(() => Execute(new ExecuteStatementRequest { Sql = "select @id", Parameters = [new SqlParameter("@id", "1")] }));
        await Assert.ThrowsAsync<ValidationException>(() => Execute(new ExecuteStatementRequest { Sql = "select :id", Parameters = [new SqlParameter("id", "")] }));
        await Assert.ThrowsAsync<ValidationException>(() => Execute(new ExecuteStatementRequest { Sql = "select 1", Parameters = [] }));

        // A placeholder in a comment, a literal or a cast is not a parameter. (DuckDB needs the cast to do
        // arithmetic with a text parameter; PostgreSQL and Redshift would infer it.)
        var rows = await Client.QueryAsync(new SqlStatement("select '7'::int + :n::int /* :x */ -- :ignored\n").WithParameter("n", 1)).ToListAsync();
        Assert.Equal(8L, Convert.ToInt64(rows.Single()[0]));
    }

    [Fact]
    public async Task Unknown_statements_and_wrong_result_calls_are_refused()
    {
        string id = Guid.NewGuid().ToString();
        var notFound = await Assert.ThrowsAsync<ResourceNotFoundException>(() => Client.DataApi.DescribeStatementAsync(new DescribeStatementRequest { Id = id }));
        Assert.Equal(id, notFound.ResourceId);
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);

        var csv = await Execute(new ExecuteStatementRequest { Sql = "select 1", ResultFormat = ResultFormatString.CSV, WaitTimeSeconds = 10 });
        await Assert.ThrowsAsync<ValidationException>(() => Client.DataApi.GetStatementResultAsync(new GetStatementResultRequest { Id = csv.Id }));
        var json = await Execute(new ExecuteStatementRequest { Sql = "select 1", WaitTimeSeconds = 10 });
        await Assert.ThrowsAsync<ValidationException>(() => Client.DataApi.GetStatementResultV2Async(new GetStatementResultV2Request { Id = json.Id }));
        await Assert.ThrowsAsync<ValidationException>(() => Client.DataApi.GetStatementResultAsync(new GetStatementResultRequest { Id = json.Id, NextToken = "bm90LWEtdG9rZW4" }));
        var dml = await Execute(new ExecuteStatementRequest { Sql = "create table if not exists no_result_probe(a integer)", WaitTimeSeconds = 10 });
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => Client.DataApi.GetStatementResultAsync(new GetStatementResultRequest { Id = dml.Id }));
    }

    [Fact]
    public async Task An_unknown_database_fails_the_statement_and_the_catalog_calls()
    {
        var submitted = await Client.DataApi.ExecuteStatementAsync(new ExecuteStatementRequest
        {
            Sql = "select 1", Database = "nodb", ClusterIdentifier = "local-cluster", WaitTimeSeconds = 10,
        });
        var described = await Client.DataApi.DescribeStatementAsync(new DescribeStatementRequest { Id = submitted.Id });
        Assert.Equal(StatusString.FAILED, described.Status);
        Assert.Equal("FATAL: database \"nodb\" does not exist", described.Error);

        var catalog = await Assert.ThrowsAsync<DatabaseConnectionException>(() =>
            Client.DataApi.ListSchemasAsync(new ListSchemasRequest { Database = "nodb", ClusterIdentifier = "local-cluster" }));
        Assert.Equal(HttpStatusCode.InternalServerError, catalog.StatusCode);
        await Assert.ThrowsAsync<ValidationException>(() => Client.DataApi.ListTablesAsync(new ListTablesRequest { ClusterIdentifier = "local-cluster" }));
    }

    [Fact]
    public async Task Secrets_are_served_and_checked()
    {
        var value = await Client.SecretsManager.GetSecretValueAsync(new GetSecretValueRequest { SecretId = "app/db" });
        Assert.Equal("""{"username":"app","password":"pw"}""", value.SecretString);
        Assert.StartsWith("arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db-", value.ARN);
        var byArn = await Client.SecretsManager.DescribeSecretAsync(new DescribeSecretRequest { SecretId = value.ARN });
        Assert.Equal("app/db", byArn.Name);
        Assert.Contains("AWSCURRENT", byArn.VersionIdsToStages![value.VersionId!]);

        var missing = await Assert.ThrowsAsync<SecretsManagerException>(() => Client.SecretsManager.GetSecretValueAsync(new GetSecretValueRequest { SecretId = "nope" }));
        Assert.Equal("ResourceNotFoundException", missing.ErrorCode);

        var withSecret = await Client.DataApi.ExecuteStatementAsync(new ExecuteStatementRequest
        {
            Sql = "select 1", Database = "dev", ClusterIdentifier = "local-cluster", SecretArn = value.ARN, WaitTimeSeconds = 10,
        });
        Assert.Equal(value.ARN, withSecret.SecretArn);
        var broken = await Assert.ThrowsAsync<ValidationException>(() => Client.DataApi.ExecuteStatementAsync(new ExecuteStatementRequest
        {
            Sql = "select 1", Database = "dev", ClusterIdentifier = "local-cluster", SecretArn = "app/broken",
        }));
        Assert.Equal("username and password in secret cannot be empty", broken.Message);
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => Client.DataApi.ExecuteStatementAsync(new ExecuteStatementRequest
        {
            Sql = "select 1", Database = "dev", ClusterIdentifier = "local-cluster", SecretArn = "no/such/secret",
        }));
    }

    [Fact]
    public async Task Catalog_lists_databases_schemas_and_tables_with_patterns_and_paging()
    {
        var databases = await Client.DataApi.ListDatabasesAsync(Client.WithTarget(new ListDatabasesRequest()));
        Assert.Equal(["dev"], databases.Databases);

        var schemas = await Client.DataApi.ListSchemasAsync(Client.WithTarget(new ListSchemasRequest { SchemaPattern = "pub%" }));
        Assert.Equal(["public"], schemas.Schemas);

        var sales = await Client.DataApi.ListTablesAsync(Client.WithTarget(new ListTablesRequest { SchemaPattern = "public", TablePattern = "sal_s" }));
        var table = Assert.Single(sales.Tables!);
        Assert.Equal(("sales", "public", "TABLE"), (table.Name, table.Schema, table.Type));

        var names = new List<string>();
        string? token = null;
        do
        {
            var page = await Client.DataApi.ListTablesAsync(Client.WithTarget(new ListTablesRequest { SchemaPattern = "public", MaxResults = 2, NextToken = token }));
            Assert.True(page.Tables!.Count <= 2);
            names.AddRange(page.Tables.Select(t => t.Name!));
            token = page.NextToken;
        }
        while (token is not null);

        Assert.Superset(new HashSet<string> { "users", "venue", "category", "date", "event", "listing", "sales" }, names.ToHashSet());
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public async Task DescribeTable_answers_with_the_declared_redshift_types()
    {
        var users = await Client.DataApi.DescribeTableAsync(Client.WithTarget(new DescribeTableRequest { Schema = "public", Table = "users" }));
        Assert.Equal("users", users.TableName);
        var columns = users.ColumnList!.ToDictionary(c => c.Name!);
        Assert.Equal(18, columns.Count);
        Assert.Equal(("int4", 0), (columns["userid"].TypeName, columns["userid"].Nullable));
        Assert.Equal(("bpchar", 8), (columns["username"].TypeName, columns["username"].Length));
        Assert.Equal(("varchar", 30, 1), (columns["firstname"].TypeName, columns["firstname"].Length, columns["firstname"].Nullable));
        Assert.Equal("bool", columns["likesports"].TypeName);

        var date = await Client.DataApi.DescribeTableAsync(Client.WithTarget(new DescribeTableRequest { Schema = "public", Table = "date" }));
        var holiday = date.ColumnList!.Single(c => c.Name == "holiday");
        Assert.Equal("('N')", holiday.ColumnDefault);

        var listing = await Client.DataApi.DescribeTableAsync(Client.WithTarget(new DescribeTableRequest { Table = "listing", MaxResults = 5 }));
        Assert.Equal(5, listing.ColumnList!.Count);
        var rest = await Client.DataApi.DescribeTableAsync(Client.WithTarget(new DescribeTableRequest { Table = "listing", MaxResults = 5, NextToken = listing.NextToken }));
        Assert.Equal(3, rest.ColumnList!.Count);
        Assert.Null(rest.NextToken);
        Assert.Equal(("numeric", 8, 2), (rest.ColumnList[0].TypeName, rest.ColumnList[0].Precision, rest.ColumnList[0].Scale));
    }
}

public sealed class DuckDbProtocolTests(DuckDbTickitFixture fixture) : ProtocolTests(fixture), IClassFixture<DuckDbTickitFixture>;

public sealed class PostgresProtocolTests(PostgresTickitFixture fixture) : ProtocolTests(fixture), IClassFixture<PostgresTickitFixture>;
