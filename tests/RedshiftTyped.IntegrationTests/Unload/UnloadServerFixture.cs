using RedshiftTyped.Execution;
using RedshiftTyped.Reading;

namespace RedshiftTyped.IntegrationTests.Unload;

/// <summary>
/// moto's S3 server, a fault proxy in front of it, and a local server with the TICKIT sample whose UNLOAD writes to moto;
/// plus <c>all_types</c> (every type UNLOAD writes to Parquet, Snapshots/dev/public/all_types.json) and <c>hostile</c>
/// (text values that are SQL if pasted).
/// </summary>
public abstract class UnloadServerFixture(TestBackend backend) : IAsyncLifetime
{
    public static readonly string[] HostileValues =
    [
        "it's", "x' OR '1'='1", "back\\slash", "\\'", "ends with \\", "$$dollar$$", "$tag$ quoted $tag$", "ünïcødé €😀 中文",
        "line\nbreak\r\nand\ttab", "-- a comment", "/* a block", "*/ closes", "'); DROP TABLE hostile; --", "%_ like chars", "",
    ];

    public TestBackend Backend { get; } = backend;

    public MotoS3 S3 { get; private set; } = null!;

    public S3FaultProxy Proxy { get; private set; } = null!;

    public TestServer Server { get; private set; } = null!;

    /// <summary>Its S3 endpoint is moto itself.</summary>
    public RedshiftClient Client { get; private set; } = null!;

    /// <summary>Its S3 endpoint is the fault proxy.</summary>
    public RedshiftClient ProxiedClient { get; private set; } = null!;

    public string Bucket { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        S3 = await MotoS3.StartAsync();
        Proxy = await S3FaultProxy.StartAsync(S3.Endpoint);
        Bucket = await S3.CreateBucketAsync("unload-tests");
        Server = await TestServer.StartAsync(Backend, o =>
        {
            o.Sample = "tickit";
            o.PageMaxBytes = 256 * 1024;
            o.S3Endpoint = S3.Endpoint;
            o.Slices = 3;
        });
        Client = Server.Client(o => o.S3Endpoint = S3.Endpoint);
        ProxiedClient = Server.Client(o => o.S3Endpoint = Proxy.Endpoint);
        await AllTypesTable.CreateAsync(Client);
        await Client.ExecuteAsync("create table public.hostile (id integer not null, s varchar(200))");
        for (int i = 0; i < HostileValues.Length; i++)
        {
            // The Data API cannot send an empty string as a parameter.
            var insert = HostileValues[i].Length == 0
                ? new SqlStatement("insert into public.hostile values (:id, '')")
                : new SqlStatement("insert into public.hostile values (:id, :s)").WithParameter("s", HostileValues[i]);
            await Client.ExecuteAsync(insert.WithParameter("id", i));
        }
    }

    /// <summary>UNLOAD options writing under a fresh, empty prefix of the bucket.</summary>
    public UnloadOptions Unload(string? prefix = null, bool keep = false, bool allowNonEmpty = false) => new()
    {
        KeepFiles = keep,
        AllowNonEmptyPrefix = allowNonEmpty,
        S3Prefix = $"s3://{Bucket}/{prefix ?? Guid.NewGuid().ToString("N")}/",
        IamRole = "arn:aws:iam::123456789012:role/redshift-unload",
        DownloadParallelism = 3,
    };

    public async Task DisposeAsync()
    {
        Client.Dispose();
        ProxiedClient.Dispose();
        await Server.DisposeAsync();
        await Proxy.DisposeAsync();
        await S3.DisposeAsync();
    }
}

public sealed class DuckDbUnloadServerFixture() : UnloadServerFixture(TestBackend.DuckDb);

public sealed class PostgresUnloadServerFixture() : UnloadServerFixture(TestBackend.Postgres);

/// <summary><c>all_types</c>: each Redshift type UNLOAD writes to Parquet, with edge values and a row of NULLs.</summary>
internal static class AllTypesTable
{
    public const string Ddl = """
        create table public.all_types (
            c_int2 smallint, c_int4 integer not null primary key, c_int8 bigint, c_float4 real, c_float8 double precision,
            c_num numeric(12,4), c_wide numeric(38,10), c_bool boolean, c_char char(5), c_varchar varchar(40), c_date date,
            c_time time, c_timetz timetz, c_ts timestamp, c_tstz timestamptz, c_varbyte varbyte(16), c_super super)
        """;

    public static async Task CreateAsync(RedshiftClient client)
    {
        await client.ExecuteAsync(Ddl);
        await client.ExecuteAsync(new SqlStatement("""
            insert into public.all_types values (-32768, 2147483647, 9223372036854775807, 123.456787109375, 2.3,
              -12345678.1234, :wide, true, 'ab', 'it''s', '2024-06-12',
              '14:30:45.123456', '14:30:45+02', '2024-06-12 14:30:45.123456', '2024-06-12 14:30:45.123456-05:00', 'abc', json_parse('{"foo": "bar"}'))
            """).WithParameter("wide", "1234567890123456789012345678.1234567890"));
        await client.ExecuteAsync(new SqlStatement("""
            insert into public.all_types values (32767, -2147483648, -9223372036854775808, -1.5, -0.000001,
              99999999.9999, :wide, false, 'abcde', 'ünï €😀', '0001-01-01',
              '00:00:00', '23:59:59-08', '1970-01-01 00:00:00', '2000-02-29 23:59:59.999999+00', 'x', json_parse('[1, "two", null]'))
            """).WithParameter("wide", "-0.0000000001"));
        await client.ExecuteAsync("insert into public.all_types (c_int4) values (0)");
    }
}
