using RedshiftTyped.IntegrationTests.Infrastructure;
using RedshiftTyped.Tool.Queries;

namespace RedshiftTyped.IntegrationTests.Queries;

/// <summary>
/// Generated types come from the result metadata capture records, so a query's snapshot must carry the result types
/// Amazon Redshift documents for its expressions (Database Developer Guide pages named on each test), and Redshift's
/// default column names, on both backends: the local server's dialect layer plans them (Dialect/ResultColumns), also
/// for the zero-row results capture describes queries with.
/// </summary>
public abstract class DocumentedResultTypeTests(TypedQueryServerFixture fixture) : IDisposable
{
    private readonly QueryProject _project = QueryProject.Create();

    public void Dispose() => _project.Dispose();

    /// <summary>r_COUNT.md: "The COUNT function returns BIGINT."</summary>
    [Fact]
    public async Task Count_is_bigint()
        => Assert.Equal([("count", "int8"), ("n", "int8")], await ColumnsAsync("select count(*), count(distinct eventid) as n from sales"));

    /// <summary>Redshift names an unaliased aggregate after its function, and any other expression ?column?.</summary>
    [Fact]
    public async Task Default_column_names_are_Redshifts()
        => Assert.Equal(["sum", "count", "avg", "max", "?column?"],
            (await ColumnsAsync("select sum(qtysold), count(*), avg(qtysold), max(saletime), 7/2 from sales")).Select(c => c.Name));

    /// <summary>r_MAX.md / r_MIN.md: "Returns the same data type as expression" (dates and timestamps).</summary>
    [Fact]
    public async Task Min_and_max_of_dates_and_timestamps_keep_their_type()
        => Assert.Equal([("first_day", "date"), ("last_sale", "timestamp")],
            await ColumnsAsync("select min(d.caldate) as first_day, max(s.saletime) as last_sale from sales s join date d on d.dateid = s.dateid"));

    /// <summary>r_SUM.md: "BIGINT for BIGINT, SMALLINT, and INTEGER arguments".</summary>
    [Fact]
    public async Task Sum_of_smallint_integer_and_bigint_is_bigint()
        => Assert.Equal([("s2", "int8"), ("s4", "int8"), ("s8", "int8")],
            await ColumnsAsync("select sum(qtysold) as s2, sum(sellerid) as s4, sum(salesid::bigint) as s8 from sales"));

    /// <summary>r_AVG.md: "BIGINT for any integer type argument".</summary>
    [Fact]
    public async Task Avg_of_an_integer_type_is_bigint()
        => Assert.Equal([("a2", "int8"), ("a4", "int8"), ("a8", "int8")],
            await ColumnsAsync("select avg(qtysold) as a2, avg(sellerid) as a4, avg(salesid::bigint) as a8 from sales"));

    /// <summary>r_SUM.md and r_AVG.md: "a SUM of a DEC(5,2) column returns a DEC(38,2) data type" (AVG likewise).</summary>
    [Fact]
    public async Task Sum_and_avg_of_numeric_are_numeric_38_with_the_arguments_scale()
        => Assert.Equal([("s", "numeric(38,2)"), ("a", "numeric(38,2)")],
            (await SnapshotAsync("select sum(pricepaid) as s, avg(pricepaid) as a from sales")).Columns.Select(c => (c.Name, c.Type)));

    /// <summary>r_SUM.md: "DOUBLE PRECISION for floating point arguments".</summary>
    [Fact]
    public async Task Sum_of_real_or_double_precision_is_double_precision()
        => Assert.Equal([("r", "float8"), ("d", "float8")],
            await ColumnsAsync("select sum(qtysold::real) as r, sum(pricepaid::double precision) as d from sales"));

    /// <summary>r_numeric_computations201.md: an INTEGER divided by an INTEGER is an INTEGER (7/2 is 3).</summary>
    [Fact]
    public async Task Integer_division_is_integer()
    {
        Assert.Equal([("half", "int4")], await ColumnsAsync("select 7/2 as half"));
        using var client = fixture.TickitServer.Client(o => o.Database = fixture.TickitServer.Server.Database);
        await foreach (var row in client.QueryAsync(new Execution.SqlStatement("select 7/2 as half")))
        {
            Assert.Equal(3, Convert.ToInt32(row[0], System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>r_WF_RANK.md: RANK returns INTEGER; r_WF_ROW_NUMBER.md: ROW_NUMBER returns BIGINT.</summary>
    [Fact]
    public async Task Rank_is_integer_and_row_number_is_bigint()
        => Assert.Equal([("rk", "int4"), ("rn", "int8")],
            await ColumnsAsync("select rank() over (order by salesid) as rk, row_number() over (order by salesid) as rn from sales"));

    /// <summary>r_MAX.md / r_MIN.md: "Returns the same data type as expression" (numeric keeps its precision and scale).</summary>
    [Fact]
    public async Task Min_and_max_of_numeric_keep_precision_and_scale()
        => Assert.Equal([("lo", "numeric(8,2)"), ("hi", "numeric(8,2)")],
            (await SnapshotAsync("select min(commission) as lo, max(pricepaid) as hi from sales")).Columns.Select(c => (c.Name, c.Type)));

    private async Task<List<(string Name, string TypeName)>> ColumnsAsync(string sql)
        => (await SnapshotAsync(sql)).Columns.Select(c => (c.Name, c.TypeName)).ToList();

    /// <summary>The query snapshot <c>redshift-typed capture</c> writes for the SQL, against TICKIT.</summary>
    private async Task<QuerySnapshot> SnapshotAsync(string sql)
    {
        _project.Write("probe.sql", sql + "\n");
        await _project.CaptureAsync(fixture.TickitServer);
        string path = _project.SnapshotPath("probe.sql");
        return QuerySnapshotJson.Read(File.ReadAllText(path), path);
    }
}

public sealed class DuckDbDocumentedResultTypeTests(DuckDbTypedQueryServerFixture fixture)
    : DocumentedResultTypeTests(fixture), IClassFixture<DuckDbTypedQueryServerFixture>;

public sealed class PostgresDocumentedResultTypeTests(PostgresTypedQueryServerFixture fixture)
    : DocumentedResultTypeTests(fixture), IClassFixture<PostgresTypedQueryServerFixture>;
