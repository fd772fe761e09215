using RedshiftTyped.Execution;
using RedshiftTyped.Queries;
using RedshiftTyped.Typed;

namespace RedshiftTyped.Tests.Queries;

/// <summary>
/// How a typed query's values reach the statement: as Data API parameters formatted invariantly, with NULL and the
/// empty string (which the Data API cannot send) written into the SQL where allowed, and a clear refusal where not.
/// </summary>
public sealed class QueryStatementTests
{
    private const string Sql = "-- @param region varchar nullable\n-- @param since date\n-- @param name varchar\nselect 1 as n from t\nwhere (:region is null or region = :region) and day >= :since and name = :name and note = ':region'\n";

    private sealed record Parameters(string? Region, DateOnly Since, string Name);

    private sealed record Row(int N);

    private static readonly QueryDescriptor<Parameters, Row> Query = new(
        "tickit/q.sql", Sql, "sha", null, "dev",
        [new("region", "varchar", true, typeof(string), "Region"), new("since", "date", false, typeof(DateOnly), "Since"), new("name", "varchar", false, typeof(string), "Name")],
        Result(),
        p => [p.Region, p.Since, p.Name]);

    [Fact]
    public void ValuesTravelAsParametersAndTheSqlIsUnchanged()
    {
        var statement = Build(new Parameters("West", new DateOnly(2008, 2, 29), "Pop"));

        Assert.Equal(Sql, statement.Sql);
        Assert.Equal([("region", "West"), ("since", "2008-02-29"), ("name", "Pop")], statement.Parameters.Select(p => (p.Name!, p.Value!)));
    }

    [Fact]
    public void ANullNullableParameterIsWrittenAsNullWhereverItIsUsedAndNowhereElse()
    {
        var statement = Build(new Parameters(null, new DateOnly(2008, 1, 1), "Pop"));

        Assert.Contains("(NULL is null or region = NULL)", statement.Sql, StringComparison.Ordinal);
        Assert.Contains("note = ':region'", statement.Sql, StringComparison.Ordinal);
        Assert.Contains("-- @param region varchar nullable", statement.Sql, StringComparison.Ordinal);
        Assert.Equal(["since", "name"], statement.Parameters.Select(p => p.Name));
    }

    [Fact]
    public void AnEmptyStringIsWrittenAsAnEmptyLiteral()
    {
        var statement = Build(new Parameters("West", new DateOnly(2008, 1, 1), ""));

        Assert.Contains("name = ''", statement.Sql, StringComparison.Ordinal);
        Assert.Equal(["region", "since"], statement.Parameters.Select(p => p.Name));
    }

    [Fact]
    public void ANullParameterNotDeclaredNullableIsRefusedWithTheSqlToWrite()
    {
        var error = Assert.Throws<ArgumentNullException>(() => Build(new Parameters("West", new DateOnly(2008, 1, 1), null!)));

        Assert.Equal("Name", error.ParamName);
        Assert.Contains("tickit/q.sql", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"-- @param name varchar nullable\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("(:name IS NULL OR column = :name)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OptionsReachTheStatement()
    {
        var statement = QueryStatement.Build(Query, Query.ValuesOf(new Parameters("W", default, "N")),
            new QueryOptions { ResultFormat = DataApi.Model.ResultFormatString.CSV, Timeout = TimeSpan.FromSeconds(9), StatementName = "report" });

        Assert.Equal((DataApi.Model.ResultFormatString.CSV, TimeSpan.FromSeconds(9), "report"), (statement.ResultFormat, statement.Timeout, statement.StatementName));
    }

    [Fact]
    public async Task TheResultOfAQueryIsNoTableToSnapshot()
    {
        using var client = Infrastructure.TestClients.Create(new Infrastructure.RecordingHandler((_, _) => throw new InvalidOperationException("no call expected")));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.OpenSnapshotAsync(Query.Rows));

        Assert.Contains("query tickit/q.sql is the result of a typed query", error.Message, StringComparison.Ordinal);
    }

    private static SqlStatement Build(Parameters parameters) => QueryStatement.Build(Query, Query.ValuesOf(parameters), new QueryOptions());

    private static TableDescriptor<Row> Result() => new(
        "dev", "", "tickit/q.sql", TableKind.Query, null,
        [new ColumnDescriptor("query tickit/q.sql", "n", 1, 0, "integer", "int4", typeof(int), false, null, null, null, "N")],
        [], "\"n\"", new NoDecoder(), new Apache.Arrow.Schema([new Apache.Arrow.Field("n", Apache.Arrow.Types.Int32Type.Default, false)], null),
        () => throw new NotSupportedException());

    private sealed class NoDecoder : IRowDecoder<Row>
    {
        public Row DecodeJson(ref JsonRecordScanner scanner) => throw new NotSupportedException();

        public Row DecodeCsv(string?[] fields) => throw new NotSupportedException();

        public Row DecodeJson(ref JsonRecordScanner scanner, ColumnProjection projection) => throw new NotSupportedException();

        public Row DecodeCsv(string?[] fields, ColumnProjection projection) => throw new NotSupportedException();
    }
}
