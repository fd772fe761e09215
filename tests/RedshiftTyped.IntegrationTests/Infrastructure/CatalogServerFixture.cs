using System.Globalization;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Execution;

namespace RedshiftTyped.IntegrationTests.Infrastructure;

/// <summary>
/// A server without a sample, given an external data folder of its own (deleted afterwards), with helpers that run
/// statements through the real client and read their raw Data API results.
/// </summary>
public abstract class CatalogServerFixture(TestBackend backend) : IAsyncLifetime
{
    public TestBackend Backend { get; } = backend;

    public TestServer Server { get; private set; } = null!;

    public RedshiftClient Client { get; private set; } = null!;

    /// <summary>The folder <c>s3://bucket/prefix/</c> locations map to (<c>ExternalData/bucket/prefix/</c>).</summary>
    public string ExternalData { get; } = Directory.CreateTempSubdirectory("rt-external-").FullName;

    public async Task InitializeAsync()
    {
        Server = await TestServer.StartAsync(Backend, o => o.ExternalDataFolder = ExternalData);
        Client = Server.Client();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        Directory.Delete(ExternalData, recursive: true);
    }

    /// <summary>Runs a statement and returns its first result page as the Data API sent it.</summary>
    public async Task<GetStatementResultResponse> QueryAsync(string sql)
    {
        var completed = await Client.ExecuteAsync(sql);
        return await Client.DataApi.GetStatementResultAsync(new GetStatementResultRequest { Id = completed.Id });
    }

    /// <summary>The rows of a query as text: strings as sent, numbers and booleans in invariant form, NULL as null.</summary>
    public async Task<List<string?[]>> RowsAsync(string sql)
        => (await QueryAsync(sql)).Records!.Select(r => r.Select(Text).ToArray()).ToList();

    /// <summary>The error text of a statement that must fail (DescribeStatement's Error).</summary>
    public async Task<string> ErrorAsync(string sql)
        => (await Assert.ThrowsAsync<StatementFailedException>(() => Client.ExecuteAsync(sql))).Error;

    public static string? Text(Field field) => field.Kind switch
    {
        FieldKind.Null => null,
        FieldKind.String => field.StringValue,
        FieldKind.Long => field.LongValue!.Value.ToString(CultureInfo.InvariantCulture),
        FieldKind.Double => field.DoubleValue!.Value.ToString("R", CultureInfo.InvariantCulture),
        FieldKind.Boolean => field.BooleanValue!.Value ? "true" : "false",
        _ => field.ToString(),
    };
}

public sealed class DuckDbCatalogServerFixture() : CatalogServerFixture(TestBackend.DuckDb);

public sealed class PostgresCatalogServerFixture() : CatalogServerFixture(TestBackend.Postgres);
