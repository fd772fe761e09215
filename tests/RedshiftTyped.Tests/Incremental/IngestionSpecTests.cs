using RedshiftTyped.Incremental;
using RedshiftTyped.Tool.Export;

namespace RedshiftTyped.Tests.Incremental;

/// <summary>
/// The pipeline spec's ingestion types: <c>ingestion_type</c>, <c>cursor_field</c> and <c>lookback</c> in
/// table_configuration, read into the table's settings, and one message for each combination that cannot work.
/// </summary>
public sealed class IngestionSpecTests
{
    private const string Path = "$.objects[0].table.table_configuration";

    private static string Spec(string configuration)
        => $$"""{"default_destination_catalog": "main", "default_destination_schema": "s", "objects": [{"table": {"source_table": "orders", "table_configuration": {{configuration}} } }]}""";

    private static PipelineTable Table(string configuration) => PipelineSpecReader.Read(Spec(configuration)).Tables.Single();

    private static string Error(string configuration) => Assert.Throws<PipelineSpecException>(() => PipelineSpecReader.Read(Spec(configuration))).Message;

    [Fact]
    public void Snapshot_is_the_default_and_reads_no_cursor()
    {
        var table = Table("""{"primary_keys": ["id"]}""");
        Assert.Null(table.Incremental);
        Assert.Equal("snapshot", table.IngestionTypeName);
        Assert.Null(Table("""{"ingestion_type": "SNAPSHOT"}""").Incremental);
    }

    [Theory]
    [InlineData("append", IngestionType.Append)]
    [InlineData("cdc", IngestionType.Cdc)]
    [InlineData("CDC_with_deletes", IngestionType.CdcWithDeletes)]
    public void Each_incremental_type_reads_its_cursor_keys_and_lookback(string name, IngestionType type)
    {
        var table = Table($$"""{"ingestion_type": "{{name}}", "cursor_field": " updated_at ", "primary_keys": "id, region", "lookback": "2 hours", "chunk_rows": 1000}""");
        var incremental = Assert.IsType<IncrementalSettings>(table.Incremental);
        Assert.Equal(type, incremental.Type);
        Assert.Equal("updated_at", incremental.CursorField);
        Assert.Equal(TimeSpan.FromHours(2), incremental.Lookback!.Duration);
        Assert.Equal(["id", "region"], table.PrimaryKeys);
        Assert.Equal(1000, table.ChunkRows);
        Assert.Equal(name.ToLowerInvariant(), table.IngestionTypeName);
    }

    [Theory]
    [InlineData("1000", 1000)]
    [InlineData("250", 250)]
    [InlineData("\"0.5\"", 0.5)]
    public void A_numeric_lookback_is_a_number_of_cursor_units(string lookback, decimal amount)
    {
        var incremental = Table($$"""{"ingestion_type": "cdc", "cursor_field": "version", "primary_keys": ["id"], "lookback": {{lookback}} }""").Incremental!;
        Assert.Equal(amount, incremental.Lookback!.Amount);
        Assert.Null(incremental.Lookback.Duration);
    }

    [Theory]
    [InlineData("\"90 min\"", 90 * 60)]
    [InlineData("\"1 day 12 hours\"", 36 * 3600)]
    [InlineData("\"PT30M\"", 30 * 60)]
    [InlineData("\"45s\"", 45)]
    public void A_duration_lookback_reads_units_and_iso_8601(string lookback, int seconds)
        => Assert.Equal(TimeSpan.FromSeconds(seconds),
            Table($$"""{"ingestion_type": "append", "cursor_field": "t", "primary_keys": ["id"], "lookback": {{lookback}} }""").Incremental!.Lookback!.Duration);

    [Theory]
    [InlineData("""{"ingestion_type": "incremental"}""",
        Path + ".ingestion_type: \"incremental\" is not an ingestion type; use one of snapshot, append, cdc, cdc_with_deletes.")]
    [InlineData("""{"ingestion_type": 2}""", Path + ".ingestion_type: expected a string, found the number 2.")]
    [InlineData("""{"ingestion_type": "cdc", "primary_keys": ["id"]}""",
        Path + ".cursor_field: missing; cdc reads the rows changed since the last run, ordered by a column whose value grows with every insert and update; add cursor_field (e.g. \"updated_at\").")]
    [InlineData("""{"ingestion_type": "append", "cursor_field": "  ", "primary_keys": ["id"]}""",
        Path + ".cursor_field: is empty; name the column whose value grows with every insert and update (e.g. \"updated_at\").")]
    [InlineData("""{"ingestion_type": "cdc", "cursor_field": "updated_at"}""",
        Path + ".primary_keys: missing; cdc emits upserts keyed by the primary keys; add primary_keys (columns that identify a row).")]
    [InlineData("""{"ingestion_type": "cdc_with_deletes", "cursor_field": "updated_at"}""",
        Path + ".primary_keys: missing; cdc_with_deletes emits upserts and deletes keyed by the primary keys; add primary_keys (columns that identify a row).")]
    [InlineData("""{"ingestion_type": "append", "cursor_field": "updated_at"}""",
        Path + ".primary_keys: missing; append orders rows with equal updated_at values by the primary keys, so a run resumes exactly between them; add primary_keys (columns that identify a row).")]
    [InlineData("""{"cursor_field": "updated_at"}""",
        Path + ".cursor_field: a snapshot reads the whole table and uses no cursor; set ingestion_type to append, cdc or cdc_with_deletes, or remove cursor_field.")]
    [InlineData("""{"ingestion_type": "snapshot", "lookback": "1 hour"}""",
        Path + ".lookback: a snapshot reads the whole table and looks back at nothing; set ingestion_type to append, cdc or cdc_with_deletes, or remove lookback.")]
    [InlineData("""{"ingestion_type": "cdc", "cursor_field": "updated_at", "primary_keys": ["id"], "limit": 10}""",
        Path + ".limit: cannot be combined with ingestion_type cdc: an incremental run reads every change after the last run; remove limit.")]
    [InlineData("""{"ingestion_type": "cdc", "cursor_field": "updated_at", "primary_keys": ["id"], "scd_type": "APPEND_ONLY"}""",
        Path + ".scd_type: APPEND_ONLY keeps every row as written, but cdc emits upserts to apply by key; use SCD_TYPE_1 or SCD_TYPE_2, or ingestion_type append.")]
    [InlineData("""{"ingestion_type": "cdc_with_deletes", "cursor_field": "updated_at", "primary_keys": ["id"], "scd_type": "APPEND_ONLY"}""",
        Path + ".scd_type: APPEND_ONLY keeps every row as written, but cdc_with_deletes emits upserts and deletes to apply by key; use SCD_TYPE_1 or SCD_TYPE_2, or ingestion_type append.")]
    [InlineData("""{"ingestion_type": "cdc", "cursor_field": "updated_at", "primary_keys": ["id"], "lookback": true}""",
        Path + ".lookback: expected a window such as \"2 hours\" or 1000, found true.")]
    [InlineData("""{"ingestion_type": "cdc", "cursor_field": "updated_at", "primary_keys": ["id"], "lookback": "two hours"}""",
        Path + ".lookback: \"two hours\" is not a lookback window; give a duration such as \"2 hours\", \"30 minutes\", \"1 day\" or \"PT2H\" for a date or timestamp cursor, or a number of cursor units such as 1000 for a numeric cursor.")]
    [InlineData("""{"ingestion_type": "cdc", "cursor_field": "updated_at", "primary_keys": ["id"], "lookback": "3 fortnights"}""",
        Path + ".lookback: \"3 fortnights\" is not a lookback window")]
    [InlineData("""{"ingestion_type": "cdc", "cursor_field": "updated_at", "primary_keys": ["id"], "lookback": 0}""",
        Path + ".lookback: lookback 0 must be greater than zero.")]
    [InlineData("""{"ingestion_type": "cdc", "cursor_field": "updated_at", "primary_keys": ["id"], "lookback": "PT0S"}""",
        Path + ".lookback: lookback \"PT0S\" must be longer than zero.")]
    [InlineData("""{"ingestion_type": "cdc", "cursor_field": "updated_at", "primary_keys": ["id"], "lookback": "P1Q"}""",
        Path + ".lookback: \"P1Q\" is not a lookback window")]
    [InlineData("""{"ingestion_type": "cdc", "cursor_field": "updated_at", "primary_keys": ["id"], "lookbak": "1 hour"}""",
        Path + ".lookbak: unknown key (did you mean lookback?)")]
    public void Each_mistake_has_a_message_naming_the_path_and_the_fix(string configuration, string message)
        => Assert.Contains(message, Error(configuration));

    [Fact]
    public void Every_problem_of_an_incremental_table_is_reported_at_once()
    {
        string error = Error("""{"ingestion_type": "cdc_with_deletes", "limit": 5, "lookback": "soon"}""");
        Assert.Contains("has 5 problems", error);
        Assert.Contains(".limit: needs primary_keys to order the rows", error);
        Assert.Contains(".cursor_field: missing", error);
        Assert.Contains(".primary_keys: missing", error);
        Assert.Contains(".limit: cannot be combined", error);
        Assert.Contains(".lookback: \"soon\" is not a lookback window", error);
    }
}
