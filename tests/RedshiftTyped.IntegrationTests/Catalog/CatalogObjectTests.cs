using System.Text;
using Parquet;
using Parquet.Schema;
using RedshiftTyped.DataApi.Errors;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.IntegrationTests.Infrastructure;

namespace RedshiftTyped.IntegrationTests.Catalog;

/// <summary>
/// The catalog the local server keeps, through the real client and server on both backends: COMMENT ON in the
/// system views, late-binding view columns, materialized views and their staleness, external schemas and tables
/// over the server's external data folder, statements it refuses by name, and ListStatements' target rule.
/// </summary>
public abstract class CatalogObjectTests(CatalogServerFixture fixture)
{
    private RedshiftClient Client => fixture.Client;

    private async Task<List<TableMember>> ListTablesAsync(string schema)
        => (await Client.DataApi.ListTablesAsync(Client.WithTarget(new ListTablesRequest { SchemaPattern = schema }))).Tables!;

    private async Task<List<ColumnMetadata>> DescribeAsync(string schema, string table)
        => (await Client.DataApi.DescribeTableAsync(Client.WithTarget(new DescribeTableRequest { Schema = schema, Table = table }))).ColumnList!;

    /// <summary>A file under the external data folder: <c>s3://bucket/key</c> is <c>ExternalData/bucket/key</c>.</summary>
    private string DataFile(string bucketAndKey)
    {
        string path = Path.Combine(fixture.ExternalData, bucketAndKey.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    [Fact]
    public async Task Comments_on_tables_and_columns_are_the_remarks_of_the_system_views()
    {
        await Client.ExecuteAsync("create table commented(id integer, name varchar(30))");
        await Client.ExecuteAsync("comment on table commented is 'One row per thing'");
        await Client.ExecuteAsync("comment on column commented.name is 'What it is called'");
        await Client.ExecuteAsync("comment on column public.commented.id is 'It''s the key'");
        await Client.ExecuteAsync("comment on database dev is 'accepted'");

        Assert.Equal(["TABLE", "One row per thing"],
            (IEnumerable<string?>)(await fixture.RowsAsync("select table_type, remarks from svv_redshift_tables where table_name = 'commented'")).Single());
        Assert.Equal([["id", "integer", "It's the key"], ["name", "character varying(30)", "What it is called"]],
            (await fixture.RowsAsync("select column_name, data_type, remarks from svv_redshift_columns where table_name = 'commented' order by ordinal_position")).Select(r => r.ToArray()));

        await Client.ExecuteAsync("comment on table commented is null");
        Assert.Null((await fixture.RowsAsync("select remarks from svv_redshift_tables where table_name = 'commented'")).Single()[0]);
        Assert.StartsWith("ERROR:", await fixture.ErrorAsync("comment on table no_such_table is 'x'"));
    }

    [Fact]
    public async Task Comments_read_backslash_escapes_as_Redshift_does()
    {
        // Redshift reads a backslash in a string literal as an escape (r_COMMENT.md takes a string literal): 'a\\' is a\.
        // COMMENT ON went to the engine as written, so DuckDB stored both backslashes.
        await Client.ExecuteAsync("create table escaped_comment(id integer)");
        await Client.ExecuteAsync(@"comment on table escaped_comment is 'a\\'");
        await Client.ExecuteAsync(@"comment on column escaped_comment.id is 'It\'s \\ here'");

        Assert.Equal(@"a\", (await fixture.RowsAsync("select remarks from svv_redshift_tables where table_name = 'escaped_comment'")).Single()[0]);
        Assert.Equal(@"It's \ here", (await fixture.RowsAsync("select remarks from svv_redshift_columns where table_name = 'escaped_comment'")).Single()[0]);
    }

    [Fact]
    public async Task Late_binding_view_columns_keep_the_declared_lengths_of_their_tables()
    {
        await Client.ExecuteAsync("create table lbv_base(id integer, code varchar(50), label char(4), amount numeric(12,2))");
        await Client.ExecuteAsync("create view lbv_view as select id, code, label, amount, amount * 2 as doubled from public.lbv_base with no schema binding");

        var columns = await fixture.RowsAsync(
            "select col_name, col_type, col_num from pg_get_late_binding_view_cols() cols(view_schema name, view_name name, col_name name, col_type varchar, col_num int) where view_name = 'lbv_view' order by col_num");

        Assert.Equal(["id", "code", "label", "amount", "doubled"], columns.Select(c => c[0]));
        Assert.Equal(["integer", "character varying(50)", "character(4)", "numeric(12,2)"], columns.Take(4).Select(c => c[1]));
        Assert.StartsWith("numeric", columns[4][1]);
        // Redshift's catalog has no columns for a late-binding view; pg_get_late_binding_view_cols has them.
        Assert.Empty(await DescribeAsync("public", "lbv_view"));
    }

    [Fact]
    public async Task Materialized_views_hold_their_rows_until_refreshed_and_stv_mv_info_says_when_they_are_stale()
    {
        await Client.ExecuteAsync("create table mv_base(id integer, city varchar(40), seats integer)");
        await Client.ExecuteAsync("insert into mv_base values (1, 'Boston', 100), (2, 'Denver', 200)");
        await Client.ExecuteAsync("create materialized view mv_seats backup no diststyle even sortkey(city) auto refresh no as select city, sum(seats) as seats from mv_base group by city");

        Assert.Equal(["public", "mv_seats", "f", "0", "f"],
            (IEnumerable<string?>)(await fixture.RowsAsync("select trim(schema), trim(name), is_stale, state, autorefresh from stv_mv_info where name = 'mv_seats'")).Single());

        await Client.ExecuteAsync("insert into mv_base values (3, 'Chicago', 300)");
        Assert.Equal("t", (await fixture.RowsAsync("select is_stale from stv_mv_info where name = 'mv_seats'")).Single()[0]);
        Assert.Equal(["Boston", "Denver"], (await fixture.RowsAsync("select city from mv_seats order by city")).Select(r => r[0]));

        await Client.ExecuteAsync("refresh materialized view mv_seats");
        Assert.Equal("f", (await fixture.RowsAsync("select is_stale from stv_mv_info where name = 'mv_seats'")).Single()[0]);
        Assert.Equal(["Boston", "Chicago", "Denver"], (await fixture.RowsAsync("select city from mv_seats order by city")).Select(r => r[0]));

        var described = await DescribeAsync("public", "mv_seats");
        Assert.Equal(("varchar", 40), (described[0].TypeName, described[0].Length));
        Assert.Equal("VIEW", (await ListTablesAsync("public")).Single(t => t.Name == "mv_seats").Type);

        await Client.ExecuteAsync("alter materialized view mv_seats auto refresh yes");
        Assert.Equal("t", (await fixture.RowsAsync("select autorefresh from stv_mv_info where name = 'mv_seats'")).Single()[0]);

        await Client.ExecuteAsync("drop materialized view mv_seats");
        Assert.Empty(await fixture.RowsAsync("select name from stv_mv_info where name = 'mv_seats'"));
        Assert.Equal("ERROR: materialized view \"mv_seats\" does not exist", await fixture.ErrorAsync("refresh materialized view mv_seats"));
    }

    [Fact]
    public async Task A_materialized_view_over_a_mutable_function_is_always_stale()
    {
        await Client.ExecuteAsync("create table mv_clock(id integer)");
        await Client.ExecuteAsync("create materialized view mv_now as select id, getdate() as seen from mv_clock");

        Assert.Equal("t", (await fixture.RowsAsync("select is_stale from stv_mv_info where name = 'mv_now'")).Single()[0]);
    }

    [Fact]
    public async Task External_tables_read_parquet_files_of_the_external_data_folder()
    {
        await WriteParquetAsync(DataFile("lake/sales/part-0.parquet"), [1, 2], ["alpha", null], [1.5m, 20.25m]);
        await Client.ExecuteAsync("create external schema spectrum from data catalog database 'spectrumdb' iam_role 'arn:aws:iam::123456789012:role/mySpectrumRole' create external database if not exists");
        await Client.ExecuteAsync("create external table spectrum.sales(salesid integer, buyer varchar(3), pricepaid decimal(8,2)) stored as parquet location 's3://lake/sales/'");

        var result = await fixture.QueryAsync("select salesid, buyer, pricepaid from spectrum.sales order by salesid");
        Assert.Equal([["1", "alp", "1.50"], ["2", null, "20.25"]], result.Records!.Select(r => r.Select(CatalogServerFixture.Text).ToArray()));
        Assert.Equal([("int4", 10), ("varchar", 3), ("numeric", 8)], result.ColumnMetadata!.Select(c => (c.TypeName, c.Precision!.Value)));

        // A new file is read by the next statement, as Spectrum reads the prefix at query time; hidden files are not.
        await WriteParquetAsync(DataFile("lake/sales/part-1.parquet"), [3], ["gamma"], [3m]);
        await WriteParquetAsync(DataFile("lake/sales/_temporary.parquet"), [99], ["hidden"], [0m]);
        Assert.Equal(["1", "2", "3"], (await fixture.RowsAsync("select salesid from spectrum.sales order by salesid")).Select(r => r[0]));

        Assert.Equal(["spectrum", "spectrumdb", "{\"IAM_ROLE\":\"arn:aws:iam::123456789012:role/mySpectrumRole\"}"],
            (IEnumerable<string?>)(await fixture.RowsAsync("select schemaname, databasename, esoptions from svv_external_schemas where schemaname = 'spectrum'")).Single());
        Assert.Equal(["s3://lake/sales", "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"],
            (IEnumerable<string?>)(await fixture.RowsAsync("select location, input_format from svv_external_tables where tablename = 'sales'")).Single());
        Assert.Equal([["salesid", "int", "1", "0"], ["buyer", "varchar(3)", "2", "0"], ["pricepaid", "decimal(8,2)", "3", "0"]],
            (await fixture.RowsAsync("select columnname, external_type, columnnum, part_key from svv_external_columns where tablename = 'sales' order by columnnum")).Select(r => r.ToArray()));
        Assert.Equal("EXTERNAL TABLE", (await ListTablesAsync("spectrum")).Single(t => t.Name == "sales").Type);
        Assert.Empty(await fixture.RowsAsync("select table_name from svv_redshift_tables where table_name = 'sales'"));
    }

    [Fact]
    public async Task External_tables_read_delimited_and_csv_text_with_headers_nulls_and_partitions()
    {
        File.WriteAllText(DataFile("lake/tickets/2008/a.txt"), "id\tname\tamount\tsold\n1\tBoston\t1.50\t2008-01-05\n2\t\t\\N\t05-06-2008\n", Encoding.UTF8);
        File.WriteAllText(DataFile("lake/tickets/2008/b.txt.gz.ignored"), "", Encoding.UTF8);
        File.Delete(DataFile("lake/tickets/2008/b.txt.gz.ignored"));
        File.WriteAllText(DataFile("lake/parts/region=east/p.csv"), "1,\"Smith, John\"\n2,\"say \"\"hi\"\"\"\n", Encoding.UTF8);
        File.WriteAllText(DataFile("lake/parts/region=west/p.csv"), "3,Doe\n", Encoding.UTF8);
        await Client.ExecuteAsync("create external schema if not exists text_lake from data catalog database 'textdb' iam_role default");
        await Client.ExecuteAsync("""
            create external table text_lake.tickets(id int, name varchar(20), amount decimal(6,2), sold date)
            row format delimited fields terminated by '\t' stored as textfile
            location 's3://lake/tickets/' table properties ('skip.header.line.count'='1', 'numRows'='2')
            """);
        await Client.ExecuteAsync("""
            create external table text_lake.people(id int, name varchar(20)) partitioned by (region varchar(10))
            row format serde 'org.apache.hadoop.hive.serde2.OpenCSVSerde' stored as textfile location 's3://lake/parts/'
            """);
        await Client.ExecuteAsync("""
            alter table text_lake.people add if not exists
              partition (region='east') location 's3://lake/parts/region=east/'
              partition (region='west') location 's3://lake/parts/region=west/'
            """);

        Assert.Equal([["1", "Boston", "1.50", "2008-01-05"], ["2", "", null, "2008-05-06"]],
            (await fixture.RowsAsync("select id, name, amount, sold from text_lake.tickets order by id")).Select(r => r.ToArray()));
        Assert.Equal([["1", "Smith, John", "east"], ["2", "say \"hi\"", "east"], ["3", "Doe", "west"]],
            (await fixture.RowsAsync("select id, name, region from text_lake.people order by id")).Select(r => r.ToArray()));
        Assert.Equal([["[\"east\"]", "s3://lake/parts/region=east"], ["[\"west\"]", "s3://lake/parts/region=west"]],
            (await fixture.RowsAsync("select \"values\", location from svv_external_partitions where tablename = 'people' order by location")).Select(r => r.ToArray()));
        Assert.Equal("1", (await fixture.RowsAsync("select part_key from svv_external_columns where tablename = 'people' and columnname = 'region'")).Single()[0]);

        await Client.ExecuteAsync("alter table text_lake.people drop partition (region='west')");
        Assert.Equal(["1", "2"], (await fixture.RowsAsync("select id from text_lake.people order by id")).Select(r => r[0]));
    }

    [Fact]
    public async Task External_locations_outside_the_folder_bad_files_and_writes_fail_with_clear_errors()
    {
        await Client.ExecuteAsync("create external schema guarded from data catalog database 'guarded' iam_role default");

        Assert.StartsWith("ERROR: external table location 's3://lake/../../etc/' is outside the external data folder",
            await fixture.ErrorAsync("create external table guarded.escape(id int) stored as parquet location 's3://lake/../../etc/'"));
        Assert.StartsWith("ERROR: external table location 'https://example.com/x/' is not an s3://bucket/prefix/ location",
            await fixture.ErrorAsync("create external table guarded.web(id int) stored as parquet location 'https://example.com/x/'"));
        Assert.Equal("ERROR: external schema \"nowhere\" does not exist",
            await fixture.ErrorAsync("create external table nowhere.t(id int) stored as parquet location 's3://lake/t/'"));
        Assert.Equal("ERROR: external tables STORED AS ORC are not supported by the local server (PARQUET and TEXTFILE are)",
            await fixture.ErrorAsync("create external table guarded.orc(id int) stored as orc location 's3://lake/orc/'"));

        File.WriteAllText(DataFile("lake/broken/data.txt"), "1|x\nnot-a-number|y\n");
        await Client.ExecuteAsync("create external table guarded.broken(id int, v varchar(5)) row format delimited fields terminated by '|' stored as textfile location 's3://lake/broken/'");
        Assert.Equal("ERROR: cannot read s3://lake/broken/data.txt line 2: column id (int4): \"not-a-number\" is not a valid int4 value",
            await fixture.ErrorAsync("select * from guarded.broken"));
        Assert.Equal("ERROR: writing to external table guarded.broken (files in Amazon S3) is not supported by the local server",
            await fixture.ErrorAsync("insert into guarded.broken values (1, 'x')"));

        await Client.ExecuteAsync("drop table guarded.broken");
        Assert.Empty(await fixture.RowsAsync("select tablename from svv_external_tables where tablename = 'broken'"));
    }

    [Fact]
    public async Task A_server_without_an_external_data_folder_says_how_to_give_it_one()
    {
        await using var server = await TestServer.StartAsync(fixture.Backend);
        using var client = server.Client();
        await client.ExecuteAsync("create external schema s from data catalog database 'd' iam_role default");

        var failure = await Assert.ThrowsAsync<RedshiftTyped.Execution.StatementFailedException>(
            () => client.ExecuteAsync("create external table s.t(id int) stored as parquet location 's3://b/p/'"));
        Assert.Contains("--external-data DIR", failure.Error);
    }

    [Theory]
    [InlineData("create datashare salesshare", "datashares")]
    [InlineData("create model customer_churn from (select 1) target x function f iam_role default settings (s3_bucket 'b')", "Redshift ML (CREATE MODEL)")]
    [InlineData("create external function exfunc_sum(int, int) returns int volatile lambda 'f' iam_role default", "Lambda UDFs (CREATE EXTERNAL FUNCTION)")]
    [InlineData("create function f_py(a int) returns int stable as $$ return a $$ language plpythonu", "Python UDFs")]
    [InlineData("copy t from 's3://b/p/' iam_role default", "COPY (loading from Amazon S3, DynamoDB or remote hosts; the local server reads and writes no file of its host)")]
    [InlineData("create external schema pg from postgres database 'd' uri 'h' iam_role default secret_arn 'a'", "federated queries (CREATE EXTERNAL SCHEMA FROM POSTGRES)")]
    public async Task Features_the_server_cannot_emulate_fail_naming_the_feature(string sql, string feature)
    {
        Assert.Equal($"ERROR: {feature} is not supported by the local server", await fixture.ErrorAsync(sql));
    }

    [Fact]
    public async Task ListStatements_refuses_a_cluster_and_a_workgroup_together()
    {
        await Client.DataApi.ListStatementsAsync(new ListStatementsRequest { ClusterIdentifier = "local-cluster" });
        var refused = await Assert.ThrowsAsync<ValidationException>(
            () => Client.DataApi.ListStatementsAsync(new ListStatementsRequest { ClusterIdentifier = "local-cluster", WorkgroupName = "local-wg" }));
        Assert.Contains("ClusterIdentifier", refused.Message);
        await Assert.ThrowsAsync<ValidationException>(
            () => Client.DataApi.ListSessionsAsync(new ListSessionsRequest { ClusterIdentifier = "local-cluster", WorkgroupName = "local-wg" }));
    }

    private static async Task WriteParquetAsync(string path, int[] ids, string?[] names, decimal[] prices)
    {
        var id = new DataField<int>("SalesId");
        var name = new DataField<string>("buyer", true);
        var price = new DecimalDataField("pricepaid", 8, 2);
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(id, name, price), stream);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync<int>(id, ids.AsMemory(), null, null, default);
        await group.WriteAsync(name, names);
        await group.WriteAsync<decimal>(price, prices.AsMemory(), null, null, default);
    }
}

public sealed class DuckDbCatalogObjectTests(DuckDbCatalogServerFixture fixture) : CatalogObjectTests(fixture), IClassFixture<DuckDbCatalogServerFixture>;

public sealed class PostgresCatalogObjectTests(PostgresCatalogServerFixture fixture) : CatalogObjectTests(fixture), IClassFixture<PostgresCatalogServerFixture>;
