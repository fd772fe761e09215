using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Execution;
using RedshiftTyped.IntegrationTests.Infrastructure;

namespace RedshiftTyped.IntegrationTests;

/// <summary>Every Redshift type, declared with Redshift DDL, comes back encoded exactly as DATA-API-FACTS §4 lists.</summary>
public abstract class TypeEncodingTests(TickitServerFixture fixture)
{
    private RedshiftClient Client => fixture.Client;

    private const string Ddl = """
        create table if not exists type_probe(
            c_int2 smallint encode az64, c_int4 integer not null distkey, c_int8 bigint, c_float4 real, c_float8 double precision,
            c_num numeric(12,4), c_wide numeric(38,10), c_bool boolean, c_char char(5), c_varchar varchar(20), c_date date,
            c_time time, c_timetz timetz, c_ts timestamp, c_tstz timestamptz, c_varbyte varbyte(16), c_super super, c_geo geometry)
        diststyle key compound sortkey(c_int4, c_int2) backup no
        """;

    private async Task<GetStatementResultResponse> ProbeAsync()
    {
        await Client.ExecuteAsync(Ddl);
        await Client.ExecuteAsync("delete from type_probe");
        // The 38-digit value travels as a parameter: DuckDB reads numeric literals that long as doubles.
        await Client.ExecuteAsync(new SqlStatement("""
            insert into type_probe values (-32768, 2147483647, 9223372036854775807, 123.456787109375, 2.3,
              -12345678.1234, :wide, true, 'ab', '', '2024-06-12',
              '14:30:45', '14:30:45+02', '2024-06-12 14:30:45.123456', '2024-06-12 14:30:45.123456-05:00', 'abc', json_parse('{"foo": "bar"}'), 'POINT(1 2)')
            """).WithParameter("wide", "1234567890123456789012345678.1234567890"));
        await Client.ExecuteAsync("insert into type_probe (c_int4) values (0)");
        var completed = await Client.ExecuteAsync("select * from type_probe order by c_int4 desc");
        return await Client.DataApi.GetStatementResultAsync(new GetStatementResultRequest { Id = completed.Id });
    }

    [Fact]
    public async Task Values_are_encoded_per_type()
    {
        var result = await ProbeAsync();
        var row = result.Records![0];
        Assert.Equal(-32768, row[0].LongValue);
        Assert.Equal(2147483647, row[1].LongValue);
        Assert.Equal(long.MaxValue, row[2].LongValue);
        Assert.Equal(123.456787109375, row[3].DoubleValue);
        Assert.Equal(2.3, row[4].DoubleValue);
        Assert.Equal("-12345678.1234", row[5].StringValue);
        Assert.Equal("1234567890123456789012345678.1234567890", row[6].StringValue);
        Assert.Equal(true, row[7].BooleanValue);
        Assert.Equal("ab   ", row[8].StringValue);
        Assert.Equal("", row[9].StringValue);
        Assert.Equal("2024-06-12", row[10].StringValue);
        Assert.Equal("14:30:45", row[11].StringValue);
        Assert.Equal("14:30:45+02", row[12].StringValue);
        Assert.Equal("2024-06-12 14:30:45.123456", row[13].StringValue);
        Assert.Equal("2024-06-12 19:30:45.123456+00", row[14].StringValue);
        Assert.Equal("YWJj", row[15].StringValue);
        Assert.Equal("{\"foo\":\"bar\"}", row[16].StringValue);
        Assert.Equal("POINT(1 2)", row[17].StringValue);
    }

    [Fact]
    public async Task Nulls_are_isNull_and_nothing_else()
    {
        var result = await ProbeAsync();
        var row = result.Records![1];
        Assert.Equal(0, row[1].LongValue);
        Assert.All(row.Where((_, i) => i != 1), field => Assert.Equal(FieldKind.Null, field.Kind));
    }

    [Fact]
    public async Task Column_metadata_carries_redshift_type_names_and_modifiers()
    {
        var result = await ProbeAsync();
        var columns = result.ColumnMetadata!;
        Assert.Equal(
            ["int2", "int4", "int8", "float4", "float8", "numeric", "numeric", "bool", "bpchar", "varchar", "date", "time", "timetz", "timestamp", "timestamptz", "varbyte", "super", "geometry"],
            columns.Select(c => c.TypeName));
        var byName = columns.ToDictionary(c => c.Name!);
        Assert.Equal((12, 4), (byName["c_num"].Precision, byName["c_num"].Scale));
        Assert.Equal((38, 10), (byName["c_wide"].Precision, byName["c_wide"].Scale));
        Assert.Equal(20, byName["c_varchar"].Precision);
        Assert.Equal(5, byName["c_char"].Precision);
        Assert.Equal((10, 0), (byName["c_int4"].Precision, byName["c_int4"].Scale));
        Assert.Equal((29, 6), (byName["c_ts"].Precision, byName["c_ts"].Scale));
        Assert.Equal(0, byName["c_int4"].Nullable);
        Assert.Equal(1, byName["c_int2"].Nullable);
        Assert.Equal("type_probe", byName["c_int4"].TableName);
        Assert.Equal("public", byName["c_int4"].SchemaName);
        Assert.True(byName["c_int8"].IsSigned);
        Assert.True(byName["c_varchar"].IsCaseSensitive);
        Assert.All(columns, c => Assert.Equal(c.Name, c.Label));
    }

    [Fact]
    public async Task The_client_decodes_every_type()
    {
        await ProbeAsync();
        var row = (await Client.QueryAsync(new SqlStatement("select * from type_probe where c_int4 = :id").WithParameter("id", 2147483647)).ToListAsync()).Single();
        Assert.Equal((short)-32768, Convert.ToInt16(row[0]));
        Assert.Equal(long.MaxValue, Convert.ToInt64(row[2]));
        Assert.Equal(true, row[7]);
        Assert.Equal(new DateOnly(2024, 6, 12), row[10]);
        Assert.Equal(new DateTime(2024, 6, 12, 14, 30, 45, 123).AddTicks(4560), row[13]);
        Assert.Equal(new DateTimeOffset(2024, 6, 12, 19, 30, 45, 123, TimeSpan.Zero).AddTicks(4560), row[14]);
        Assert.Equal("abc"u8.ToArray(), row[15]);
    }

    [Fact]
    public async Task Altered_tables_take_redshift_only_types()
    {
        await Client.ExecuteAsync("create table if not exists alter_probe(id integer not null)");
        await Client.ExecuteAsync("alter table alter_probe add column doc super");
        await Client.ExecuteAsync("insert into alter_probe values (1, json_parse('{\"a\": [1, 2]}'))");
        var described = await Client.DataApi.DescribeTableAsync(Client.WithTarget(new DescribeTableRequest { Table = "alter_probe" }));
        Assert.Equal("super", described.ColumnList!.Single(c => c.Name == "doc").TypeName);
        var completed = await Client.ExecuteAsync("select doc from alter_probe");
        var result = await Client.DataApi.GetStatementResultAsync(new GetStatementResultRequest { Id = completed.Id });
        Assert.Equal("super", result.ColumnMetadata![0].TypeName);
        Assert.Equal("{\"a\":[1,2]}", result.Records![0][0].StringValue);
        await Client.ExecuteAsync("drop table alter_probe");
    }

    [Fact]
    public async Task Expression_columns_report_engine_types_and_redshift_names()
    {
        var completed = await Client.ExecuteAsync("select count(*), 1 + 1, cast(3.14159 as numeric(6,5)) as pi, timestamp '2022-02-22 00:00:00' as ts, cast(null as varchar(10)) as nothing");
        var result = await Client.DataApi.GetStatementResultAsync(new GetStatementResultRequest { Id = completed.Id });
        var columns = result.ColumnMetadata!;
        Assert.Equal("count", columns[0].Name);
        Assert.Equal("int8", columns[0].TypeName);
        Assert.Equal("?column?", columns[1].Name);
        Assert.Equal(("numeric", 6, 5), (columns[2].TypeName, columns[2].Precision, columns[2].Scale));
        var row = result.Records!.Single();
        Assert.Equal("3.14159", row[2].StringValue);
        Assert.Equal("2022-02-22 00:00:00.0", row[3].StringValue);
        Assert.True(row[4].IsNull);
        Assert.Equal("", columns[0].TableName);
    }
}

public sealed class DuckDbTypeEncodingTests(DuckDbTickitFixture fixture) : TypeEncodingTests(fixture), IClassFixture<DuckDbTickitFixture>;

public sealed class PostgresTypeEncodingTests(PostgresTickitFixture fixture) : TypeEncodingTests(fixture), IClassFixture<PostgresTickitFixture>;
