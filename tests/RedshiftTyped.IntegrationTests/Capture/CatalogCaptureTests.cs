using RedshiftTyped.IntegrationTests.Infrastructure;
using RedshiftTyped.Tool;
using RedshiftTyped.Tool.Cli;
using RedshiftTyped.Tool.Snapshots;

namespace RedshiftTyped.IntegrationTests.Capture;

/// <summary>
/// <c>redshift-typed capture</c> end to end against the local server, on both backends, for the object kinds that
/// come from catalog queries rather than DescribeTable alone: COMMENT ON comments, a materialized view, an external
/// table over the server's external data folder, and a late-binding view.
/// </summary>
public abstract class CatalogCaptureTests(CatalogServerFixture fixture) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rt-capture-catalog-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<(int Exit, string Out, string Err)> CaptureAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = await ToolApp.RunAsync(
            ["capture", .. args, "--dir", _dir, "--endpoint", fixture.Server.Server.Endpoint.ToString(), "--database", fixture.Server.Server.Database, "--poll-interval", "0.1"],
            new ToolConsole(output, error));
        return (exit, output.ToString(), error.ToString());
    }

    private TableSnapshot Snapshot(string schema, string table)
    {
        string path = Path.Combine(_dir, fixture.Server.Server.Database, schema, table + ".json");
        return SnapshotJson.Read(File.ReadAllText(path), path);
    }

    [Fact]
    public async Task Capture_records_comments_materialized_views_external_tables_and_late_binding_views()
    {
        var client = fixture.Client;
        await client.ExecuteAsync("create schema shop");
        await client.ExecuteAsync("create table shop.orders(orderid integer not null, customer varchar(40), total numeric(10,2), primary key(orderid)) diststyle key distkey(orderid) sortkey(orderid)");
        await client.ExecuteAsync("comment on table shop.orders is 'One row per order'");
        await client.ExecuteAsync("comment on column shop.orders.customer is 'Who placed it'");
        await client.ExecuteAsync("insert into shop.orders values (1, 'Ann', 10.50), (2, 'Bob', 3.25)");
        await client.ExecuteAsync("create materialized view shop.order_totals as select customer, sum(total) as spent from shop.orders group by customer");
        await client.ExecuteAsync("create view shop.recent as select orderid, customer from shop.orders with no schema binding");

        string file = Path.Combine(fixture.ExternalData, "lake", "returns", "r.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, "1,2008-01-05\n");
        await client.ExecuteAsync("create external schema lake from data catalog database 'lakedb' iam_role default");
        await client.ExecuteAsync("create external table lake.returns(orderid integer, returned date, reason varchar(100)) row format delimited fields terminated by ',' stored as textfile location 's3://lake/returns/'");

        var (exit, output, error) = await CaptureAsync("--schema-filter", "shop,lake");

        Assert.True(exit == 0, output + error);
        Assert.DoesNotContain("warning", error, StringComparison.OrdinalIgnoreCase);

        var orders = Snapshot("shop", "orders");
        Assert.Equal(("table", "One row per order", "key", "orderid"), (orders.Kind, orders.Comment, orders.DistStyle, orders.DistKey));
        Assert.Equal(["orderid"], orders.SortKeys);
        Assert.Equal(["orderid"], orders.PrimaryKey);
        Assert.Equal([null, "Who placed it", null], orders.Columns.Select(c => c.Comment));
        Assert.Equal("character varying(40)", orders.Columns[1].Type);

        var totals = Snapshot("shop", "order_totals");
        Assert.Equal("materialized_view", totals.Kind);
        Assert.Equal(["customer", "spent"], totals.Columns.Select(c => c.Name));
        Assert.Equal(("character varying(40)", 40), (totals.Columns[0].Type, totals.Columns[0].Length));
        Assert.Equal("numeric", totals.Columns[1].TypeName);

        var recent = Snapshot("shop", "recent");
        Assert.Equal("late_binding_view", recent.Kind);
        Assert.Equal([("orderid", "integer"), ("customer", "character varying(40)")], recent.Columns.Select(c => (c.Name, c.Type)));

        var returns = Snapshot("lake", "returns");
        Assert.Equal("external_table", returns.Kind);
        Assert.Equal([("orderid", "integer"), ("returned", "date"), ("reason", "character varying(100)")], returns.Columns.Select(c => (c.Name, c.Type)));
        Assert.All(returns.Columns, c => Assert.True(c.Nullable));
    }
}

public sealed class DuckDbCatalogCaptureTests(DuckDbCatalogServerFixture fixture) : CatalogCaptureTests(fixture), IClassFixture<DuckDbCatalogServerFixture>;

public sealed class PostgresCatalogCaptureTests(PostgresCatalogServerFixture fixture) : CatalogCaptureTests(fixture), IClassFixture<PostgresCatalogServerFixture>;
