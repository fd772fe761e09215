using RedshiftTyped.Tests.Infrastructure;
using RedshiftTyped.Tool;
using RedshiftTyped.Tool.Cli;

namespace RedshiftTyped.Tests.Tool;

/// <summary><c>redshift-typed snapshot</c>'s usage and configuration errors: exit 2, one clear line, nothing written.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class SnapshotCommandUsageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rt-snapshot-usage-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Pipeline(string json)
    {
        string path = Path.Combine(_dir, "pipeline.json");
        File.WriteAllText(path, json);
        return path;
    }

    private const string OneTable = """{"default_destination_catalog": "main", "default_destination_schema": "s", "objects": [{"table": {"source_table": "sales"}}]}""";

    private static async Task<(int Exit, string Err)> Run(params string[] args)
    {
        var error = new StringWriter();
        int exit = await ToolApp.RunAsync(args, new ToolConsole(new StringWriter(), error, new RecordingHandler((_, _) => throw new InvalidOperationException("no call expected"))));
        return (exit, error.ToString());
    }

    [Fact]
    public async Task A_missing_option_or_an_unknown_format_exits_2_with_a_hint()
    {
        var (exit, err) = await Run("snapshot", "--out", _dir, "--format", "xml");

        Assert.Equal(2, exit);
        Assert.Contains("error: Option '--pipeline' is required.", err);
        Assert.Contains("'xml' not recognized", err);
        Assert.Contains("Run 'redshift-typed snapshot --help' for usage.", err);
    }

    [Fact]
    public async Task Parallelism_out_of_range_exits_2()
    {
        var (exit, err) = await Run("snapshot", "--pipeline", Pipeline(OneTable), "--out", _dir, "--parallelism", "0", "--endpoint", "http://127.0.0.1:8790");

        Assert.Equal(2, exit);
        Assert.Contains("--parallelism 0 is out of range: give 1 to 64 tables at once", err);
    }

    [Fact]
    public async Task Parallelism_too_large_to_parse_names_the_flags_own_range()
    {
        // It quoted the int32 range ("from -2147483648 to 2147483647") before the flag registered its own.
        var (exit, err) = await Run("snapshot", "--pipeline", Pipeline(OneTable), "--out", _dir, "--parallelism", "99999999999999999999", "--endpoint", "http://127.0.0.1:8790");

        Assert.Equal(2, exit);
        Assert.Equal("error: --parallelism 99999999999999999999 is out of range: give 1 to 64 tables at once (default 2).", err.Trim());
    }

    [Fact]
    public async Task A_missing_or_wrong_pipeline_exits_2_before_any_call_and_writes_nothing()
    {
        string output = Path.Combine(_dir, "out");
        var (exit, err) = await Run("snapshot", "--pipeline", Path.Combine(_dir, "none.json"), "--out", output, "--endpoint", "http://127.0.0.1:8790");
        Assert.Equal(2, exit);
        Assert.Contains("does not exist; pass the pipeline specification with --pipeline FILE", err);

        (exit, err) = await Run("snapshot", "--pipeline", Pipeline("""{"objects": [{"table": {"source_table": "sales", "table_configuration": {"scd_type": "SCD9"}}}]}"""),
            "--out", output, "--endpoint", "http://127.0.0.1:8790");
        Assert.Equal(2, exit);
        Assert.Contains("pipeline.json has 3 problems:", err);
        Assert.Contains("scd_type: \"SCD9\" is not a known SCD type", err);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task A_wrong_connection_file_exits_2_and_names_the_key()
    {
        string connection = Path.Combine(_dir, "conn.json");
        File.WriteAllText(connection, """{"region": "us-east-1", "database": "dev", "workgroup_name": "wg", "secret_acess_key": "s3cr3t-value"}""");

        var (exit, err) = await Run("snapshot", "--pipeline", Pipeline(OneTable), "--out", _dir, "--connection", connection);

        Assert.Equal(2, exit);
        Assert.Contains("secret_acess_key", err);
        Assert.DoesNotContain("s3cr3t-value", err);
    }

    [Theory]
    [InlineData("unload")]
    [InlineData("auto")]
    public async Task A_transport_other_than_the_data_api_is_refused_for_an_incremental_table_that_does_not_choose_its_own(string transport)
    {
        const string Mixed = """
            {"default_destination_catalog": "main", "default_destination_schema": "s", "objects": [
              {"table": {"source_table": "sales"}},
              {"table": {"source_table": "orders", "table_configuration": {"ingestion_type": "cdc", "cursor_field": "updated_at", "primary_keys": ["id"]}}}]}
            """;
        string output = Path.Combine(_dir, "out");

        var (exit, err) = await Run("snapshot", "--pipeline", Pipeline(Mixed), "--out", output, "--transport", transport, "--s3-prefix", "s3://bucket/x/",
            "--endpoint", "http://127.0.0.1:8790");

        Assert.Equal(2, exit);
        Assert.Contains($"--transport {transport} cannot read $.objects[1].table (ingestion_type cdc), which reads only the changes through the Data API: " +
                        "set its table_configuration.transport to \"dataapi\", or drop --transport.", err);
        Assert.False(Directory.Exists(output));
    }
}
