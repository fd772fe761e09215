using System.Text.Json;
using RedshiftTyped.Execution;
using RedshiftTyped.IntegrationTests.Capture;
using RedshiftTyped.Tool;
using RedshiftTyped.Tool.Cli;

namespace RedshiftTyped.IntegrationTests.Incremental;

/// <summary>
/// <c>redshift-typed snapshot</c> with incremental tables, on both backends: the checks only the table can answer (a
/// cursor that is not a column) fail that table with the runtime's message, an offset the spec no longer fits (another
/// cursor) says how to start over, and a second run with nothing changed writes an empty change file and keeps the offset.
/// </summary>
public abstract class IncrementalSnapshotCommandTests(TestBackend backend) : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rt-incremental-cmd-").FullName;
    private TestServer _server = null!;

    private string Out => Path.Combine(_dir, "out");

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync(backend);
        using var client = _server.Client();
        await client.ExecuteAsync(new SqlStatement("CREATE TABLE public.orders (id INTEGER NOT NULL, updated_at TIMESTAMP NOT NULL, version BIGINT, note VARCHAR(20))"));
        await client.ExecuteAsync(new SqlStatement(
            "INSERT INTO public.orders VALUES (1, '2024-05-01 10:00:00', 1, 'a'), (2, '2024-05-01 10:00:00', 1, 'b'), (3, '2024-05-01 11:00:00', 2, NULL)"));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<(int Exit, string Output)> Snapshot(string configuration)
    {
        string spec = Path.Combine(_dir, "pipeline.json");
        File.WriteAllText(spec, $$"""
            {"default_destination_catalog": "main", "default_destination_schema": "it",
             "objects": [{"table": {"source_table": "public.orders", "table_configuration": {{configuration}} } }]}
            """);
        var output = new StringWriter();
        int exit = await ToolApp.RunAsync(
            ["snapshot", "--pipeline", spec, "--out", Out, "--format", "csv", "--endpoint", _server.Server.Endpoint.ToString(), "--poll-interval", "0.05"],
            new ToolConsole(output, output));
        return (exit, output.ToString());
    }

    private JsonElement Table() => JsonDocument.Parse(File.ReadAllText(Path.Combine(Out, "manifest.json"))).RootElement.GetProperty("tables")[0];

    [Fact]
    public async Task A_cursor_that_is_not_a_column_fails_the_table_with_the_fix()
    {
        var (exit, output) = await Snapshot("""{"ingestion_type": "cdc", "cursor_field": "updatedat", "primary_keys": ["id"]}""");
        Assert.Equal(1, exit);
        Assert.Contains("Cursor column \"updatedat\" is not a column of public.orders (did you mean updated_at?); names are Redshift's exact spelling. " +
                        "Its columns: id, updated_at, version, note.", output);
        Assert.DoesNotContain("(Parameter", output);
        Assert.False(File.Exists(Path.Combine(Out, "state.json")), "a failed first run wrote a state");
    }

    [Fact]
    public async Task A_run_with_nothing_changed_keeps_the_offset_and_another_cursor_says_how_to_start_over()
    {
        var (exit, output) = await Snapshot("""{"ingestion_type": "cdc", "cursor_field": "updated_at", "primary_keys": ["id"]}""");
        Assert.True(exit == 0, output);
        var first = Table();
        Assert.Equal("cdc", first.GetProperty("ingestion_type").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("start_offset").ValueKind);
        var end = first.GetProperty("end_offset").GetProperty("high_water_mark");
        Assert.Equal("2024-05-01 11:00:00.000000", end.GetProperty("cursor").GetString());
        Assert.Equal(3, end.GetProperty("key")[0].GetInt32());
        Assert.Equal(3, first.GetProperty("changes").GetProperty("upserts").GetInt64());
        string csv = File.ReadAllText(Path.Combine(Out, "main", "it", "orders.csv"));
        Assert.StartsWith("id,updated_at,version,note,_change_type,_change_run,_change_sequence", csv);

        (exit, output) = await Snapshot("""{"ingestion_type": "cdc", "cursor_field": "updated_at", "primary_keys": ["id"]}""");
        Assert.True(exit == 0, output);
        var second = Table();
        Assert.Equal(0, second.GetProperty("rows").GetInt64());
        Assert.Equal(end.GetRawText(), second.GetProperty("start_offset").GetProperty("high_water_mark").GetRawText());
        Assert.Equal(end.GetRawText(), second.GetProperty("end_offset").GetProperty("high_water_mark").GetRawText());

        string state = File.ReadAllText(Path.Combine(Out, "state.json"));
        (exit, output) = await Snapshot("""{"ingestion_type": "cdc", "cursor_field": "version", "primary_keys": ["id"]}""");
        Assert.Equal(1, exit);
        Assert.Contains("The offset orders public.orders by cursor \"updated_at\", and this read by \"version\": keep cursor \"updated_at\", or start over " +
                        "without an offset (a full read). To start main.it.orders over with a full read, remove \"main.it.orders\" from " +
                        Path.Combine(Out, "state.json") + ".", output);
        Assert.Equal(state, File.ReadAllText(Path.Combine(Out, "state.json")));
    }
}

[Collection(EnvironmentDependent.Name)]
public sealed class DuckDbIncrementalSnapshotCommandTests() : IncrementalSnapshotCommandTests(TestBackend.DuckDb);

[Collection(EnvironmentDependent.Name)]
public sealed class PostgresIncrementalSnapshotCommandTests() : IncrementalSnapshotCommandTests(TestBackend.Postgres);
