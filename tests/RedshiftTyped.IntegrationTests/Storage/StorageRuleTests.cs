using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Execution;
using RedshiftTyped.IntegrationTests.Infrastructure;

namespace RedshiftTyped.IntegrationTests.Storage;

/// <summary>
/// Redshift's storage rules through the real client and server, on both backends: CHAR/VARCHAR lengths in bytes
/// with Redshift's errors, the default lengths and precisions, IDENTITY and DEFAULT, SUPER scalars, intervals of
/// both kinds and the full timestamp range — values and metadata.
/// </summary>
public abstract class StorageRuleTests(CatalogServerFixture fixture)
{
    private RedshiftClient Client => fixture.Client;

    private async Task<Dictionary<string, ColumnMetadata>> DescribeAsync(string table)
        => (await Client.DataApi.DescribeTableAsync(Client.WithTarget(new DescribeTableRequest { Table = table }))).ColumnList!.ToDictionary(c => c.Name!);

    [Fact]
    public async Task Varchar_counts_bytes_and_refuses_longer_values_with_redshifts_error()
    {
        await Client.ExecuteAsync("create table vc_bytes(v varchar(6))");
        await Client.ExecuteAsync("insert into vc_bytes values ('éèà')");   // 3 characters, 6 bytes: fits

        Assert.Equal("ERROR: value too long for type character varying(6)", await fixture.ErrorAsync("insert into vc_bytes values ('éèàa')"));
        Assert.Equal("ERROR: value too long for type character varying(6)", await fixture.ErrorAsync("insert into vc_bytes values ('abcdefg')"));
        Assert.Equal("ERROR: value too long for type character varying(6)", await fixture.ErrorAsync("update vc_bytes set v = 'ééééé'"));
        // Extra trailing blanks are cut to the column's length instead (r_Character_types.md).
        await Client.ExecuteAsync("insert into vc_bytes values ('abcdef    ')");

        var result = await fixture.QueryAsync("select v from vc_bytes order by v");
        Assert.Equal(["abcdef", "éèà"], result.Records!.Select(r => r[0].StringValue));
        Assert.Equal(("varchar", 6), (result.ColumnMetadata![0].TypeName, result.ColumnMetadata[0].Precision));
    }

    [Fact]
    public async Task Char_takes_single_byte_characters_only_and_pads_to_its_length()
    {
        await Client.ExecuteAsync("create table ch_bytes(c char(3), n nchar)");
        await Client.ExecuteAsync("insert into ch_bytes values ('ab', 'x')");

        Assert.Equal("ERROR: Multibyte character not supported for CHAR (Hint: try using VARCHAR). Invalid char: c3 a9",
            await fixture.ErrorAsync("insert into ch_bytes values ('é', 'y')"));
        Assert.Equal("ERROR: value too long for type character(3)", await fixture.ErrorAsync("insert into ch_bytes values ('abcd', 'y')"));
        Assert.Equal("ERROR: value too long for type character(1)", await fixture.ErrorAsync("insert into ch_bytes values ('a', 'yz')"));

        var result = await fixture.QueryAsync("select c, n from ch_bytes");
        Assert.Equal(["ab ", "x"], result.Records!.Single().Select(f => f.StringValue));
        Assert.Equal([("bpchar", 3), ("bpchar", 1)], result.ColumnMetadata!.Select(c => (c.TypeName, c.Precision)));
    }

    [Fact]
    public async Task Unsized_and_max_types_take_redshifts_default_lengths_and_precisions()
    {
        await Client.ExecuteAsync("create table defaults_probe(t text, v varchar, nv nvarchar, b bpchar, c char, vm varchar(max), cm char(max), n numeric, d decimal(10))");

        var columns = await DescribeAsync("defaults_probe");

        Assert.Equal(("varchar", 256), (columns["t"].TypeName, columns["t"].Length));
        Assert.Equal(256, columns["v"].Length);
        Assert.Equal(256, columns["nv"].Length);
        Assert.Equal(("bpchar", 256), (columns["b"].TypeName, columns["b"].Length));
        Assert.Equal(1, columns["c"].Length);
        Assert.Equal(65535, columns["vm"].Length);
        Assert.Equal(4096, columns["cm"].Length);
        Assert.Equal((18, 0), (columns["n"].Precision, columns["n"].Scale));
        Assert.Equal((10, 0), (columns["d"].Precision, columns["d"].Scale));
    }

    [Fact]
    public async Task Identity_values_follow_seed_and_step_and_skip_across_slices_for_multi_row_inserts()
    {
        // IS_VALID_JSON.md: two three-row inserts into identity(0,1) give 0, 2, 4, 6, 8, 10.
        await Client.ExecuteAsync("create table ident_multi(id int identity(0,1), s varchar)");
        await Client.ExecuteAsync("insert into ident_multi(s) values ('a'), ('b'), ('c')");
        await Client.ExecuteAsync("insert into ident_multi(s) values ('d'), ('e'), ('f')");

        Assert.Equal(["0", "2", "4", "6", "8", "10"], (await fixture.RowsAsync("select id from ident_multi order by id")).Select(r => r[0]));
        Assert.Equal(0, (await DescribeAsync("ident_multi"))["id"].Nullable);
    }

    [Fact]
    public async Task Identity_columns_take_single_row_values_in_turn_and_refuse_explicit_ones_unless_generated_by_default()
    {
        // r_CREATE_TABLE_examples.md, "Create a table with a default IDENTITY column".
        await Client.ExecuteAsync("""
            CREATE TABLE t1(
              hist_id BIGINT IDENTITY NOT NULL,
              base_id BIGINT GENERATED BY DEFAULT AS IDENTITY NOT NULL,
              business_key varchar(10),
              some_field varchar(10))
            """);
        await Client.ExecuteAsync("INSERT INTO T1 (business_key, some_field) values ('A','MM')");
        await Client.ExecuteAsync("INSERT INTO T1 (base_id, business_key, some_field) values (DEFAULT, 'B','MNOP')");
        await Client.ExecuteAsync("INSERT INTO T1 (base_id, business_key, some_field) values (2,'B','MNNN')");

        Assert.Equal("ERROR: cannot set an identity column to a value", await fixture.ErrorAsync("INSERT INTO T1 (hist_id, business_key) values (7, 'C')"));
        var rows = await fixture.RowsAsync("select hist_id, base_id, business_key, some_field from t1 order by hist_id");
        Assert.Equal([["1", "1", "A", "MM"], ["2", "2", "B", "MNOP"], ["3", "2", "B", "MNNN"]], rows.Select(r => r.ToArray()));
    }

    [Fact]
    public async Task Insert_select_into_an_identity_table_numbers_rows_with_the_slice_stride()
    {
        await Client.ExecuteAsync("create table ident_source(s varchar(5))");
        await Client.ExecuteAsync("insert into ident_source values ('x'), ('y'), ('z')");
        await Client.ExecuteAsync("create table ident_select(id bigint identity(100, 5), s varchar(5))");
        await Client.ExecuteAsync("insert into ident_select(s) select s from ident_source");
        await Client.ExecuteAsync("insert into ident_select(s) values ('w')");

        var ids = (await fixture.RowsAsync("select id from ident_select order by id")).Select(r => long.Parse(r[0]!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal([100, 110, 120, 130], ids);
    }

    [Fact]
    public async Task Default_expressions_fill_omitted_and_DEFAULT_values()
    {
        // c_Examples_of_INSERT_30.md
        await Client.ExecuteAsync("""
            create table category_stage(catid smallint default 0, catgroup varchar(10) default 'General',
              catname varchar(10) default 'General', catdesc varchar(50) default 'General', active boolean default 'Y')
            """);
        await Client.ExecuteAsync("insert into category_stage values (default, default, default, default, default), (20, default, 'Country', default, false), (21, 'Concerts', 'Rock', default, true)");
        await Client.ExecuteAsync("insert into category_stage (catid) values (22)");

        var rows = await fixture.RowsAsync("select * from category_stage order by catid");
        Assert.Equal(
            [["0", "General", "General", "General", "true"], ["20", "General", "Country", "General", "false"], ["21", "Concerts", "Rock", "General", "true"], ["22", "General", "General", "General", "true"]],
            rows.Select(r => r.ToArray()));
    }

    [Fact]
    public async Task Values_stored_in_super_keep_their_kind()
    {
        await Client.ExecuteAsync("create table super_kinds(k int, s super)");
        await Client.ExecuteAsync("""
            insert into super_kinds values (1, 5), (2, 't'), (3, 2.22::float), (4, 1.22), (5, json_parse('{"name": "Joe"}')),
              (6, null), (7, true), (8, json_parse('[1, "a", null]')), (9, 'x'::super)
            """);
        await Client.ExecuteAsync(new SqlStatement("insert into super_kinds values (10, :v)").WithParameter("v", "{\"not\": \"parsed\"}"));

        var result = await fixture.QueryAsync("select s from super_kinds order by k");
        Assert.Equal("super", result.ColumnMetadata![0].TypeName);
        Assert.Equal(
            ["5", "\"t\"", "2.22e+0", "1.22", "{\"name\":\"Joe\"}", null, "true", "[1,\"a\",null]", "\"x\"", "\"{\\\"not\\\": \\\"parsed\\\"}\""],
            result.Records!.Select(r => CatalogServerFixture.Text(r[0])));
    }

    [Fact]
    public async Task Intervals_of_both_kinds_keep_signs_months_and_hours_past_a_day()
    {
        var result = await fixture.QueryAsync(
            "select interval '14 months', interval '-1 day -2 hours', interval '36 hours', interval '1 year -2 mons 3 days -04:05:06.5', interval '0 seconds'");

        Assert.Equal(["1 year 2 mons", "-1 days -02:00:00", "36:00:00", "10 mons 3 days -04:05:06.5", "00:00:00"], result.Records!.Single().Select(f => f.StringValue));
        Assert.All(result.ColumnMetadata!, c => Assert.Equal("interval", c.TypeName));

        await Client.ExecuteAsync("create table interval_columns(k int, ym interval year to month, ds interval day to second)");
        await Client.ExecuteAsync("insert into interval_columns values (1, interval '14 months', interval '-1 day -2 hours'), (2, interval '-3 months', interval '50 hours 30 seconds')");
        var stored = await fixture.QueryAsync("select ym, ds from interval_columns order by k");
        Assert.Equal([("intervaly2m", 1), ("intervald2s", 1)], stored.ColumnMetadata!.Select(c => (c.TypeName, c.Nullable)));
        Assert.Equal([["1 year 2 mons", "-1 days -02:00:00"], ["-3 mons", "50:00:30"]], stored.Records!.Select(r => r.Select(f => f.StringValue).ToArray()));
    }

    [Fact]
    public async Task Text_stored_in_date_and_timestamp_columns_takes_redshifts_input_forms()
    {
        // r_Date_and_time_literals.md (MDY DateStyle); r_Datetime_types.md: a TIMESTAMP column ignores a time zone.
        await Client.ExecuteAsync("create table date_inputs(k int, d date, ts timestamp)");
        await Client.ExecuteAsync("""
            insert into date_inputs values (1, '8/2/2003', '20200430 04:05:06'), (2, 'Jun 1,2008', 'Jun 1,2008 10:00:00'),
              (3, '2008-01-05', '2008-01-05 10:00:00+02'), (4, '0044-03-15 BC', '0044-03-15 10:00:00 BC'), (5, null, null)
            """);
        await Client.ExecuteAsync(new SqlStatement("insert into date_inputs (k, d) select 6, :d").WithParameter("d", "12/24/2003"));

        Assert.Equal(
            [["2003-08-02", "2020-04-30 04:05:06.0"], ["2008-06-01", "2008-06-01 10:00:00.0"], ["2008-01-05", "2008-01-05 10:00:00.0"],
             ["0044-03-15 BC", "0044-03-15 10:00:00.0 BC"], [null, null], ["2003-12-24", null]],
            (await fixture.RowsAsync("select d, ts from date_inputs order by k")).Select(r => r.ToArray()));
        Assert.Equal("ERROR: invalid input syntax for type date: \"garbage\"", await fixture.ErrorAsync("insert into date_inputs (k, d) values (7, 'garbage')"));
    }

    [Fact]
    public async Task Dates_and_timestamps_before_year_1_and_after_9999_print_as_redshift_prints_them()
    {
        var result = await fixture.QueryAsync("""
            select date '0001-01-01' - 1, cast('0001-01-01 10:30:00' as timestamp) - interval '1 day',
              cast('12000-06-01 08:00:00.25' as timestamp), cast('12000-06-01' as date), date '2024-01-31'
            """);

        Assert.Equal(["0001-12-31 BC", "0001-12-31 10:30:00.0 BC", "12000-06-01 08:00:00.25", "12000-06-01", "2024-01-31"],
            result.Records!.Single().Select(f => f.StringValue));
        Assert.Equal(["date", "timestamp", "timestamp", "date", "date"], result.ColumnMetadata!.Select(c => c.TypeName));

        await Client.ExecuteAsync("create table far_dates(k int, d date, ts timestamp)");
        await Client.ExecuteAsync("insert into far_dates values (1, date '0001-01-01' - 366, cast('0001-01-01 00:00:00' as timestamp) - interval '400 days'), (2, cast('10000-01-01' as date), cast('10000-01-01 00:00:01' as timestamp))");
        // 1 BC is a leap year (the proleptic Gregorian calendar both Redshift and the engines count in).
        Assert.Equal([["0001-01-01 BC", "0002-11-28 00:00:00.0 BC"], ["10000-01-01", "10000-01-01 00:00:01.0"]],
            (await fixture.RowsAsync("select d, ts from far_dates order by k")).Select(r => r.ToArray()));
    }
}

public sealed class DuckDbStorageRuleTests(DuckDbCatalogServerFixture fixture) : StorageRuleTests(fixture), IClassFixture<DuckDbCatalogServerFixture>;

public sealed class PostgresStorageRuleTests(PostgresCatalogServerFixture fixture) : StorageRuleTests(fixture), IClassFixture<PostgresCatalogServerFixture>;
