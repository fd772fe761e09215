using RedshiftTyped.Tool.Export;

namespace RedshiftTyped.Tests.Tool;

/// <summary>The pipeline specification: defaults, table options as strings or numbers, and a message for each mistake.</summary>
public sealed class PipelineSpecReaderTests
{
    private static string Spec(string objects, string defaults = "\"default_destination_catalog\": \"main\", \"default_destination_schema\": \"tickit\",")
        => $$"""{ "connection_name": "redshift", {{defaults}} "objects": [{{objects}}] }""";

    private static string Error(string json) => Assert.Throws<PipelineSpecException>(() => PipelineSpecReader.Read(json)).Message;

    [Fact]
    public void A_valid_spec_applies_defaults_and_reads_table_options_as_strings_or_numbers()
    {
        var spec = PipelineSpecReader.Read(Spec("""
            {"table": {"source_table": "sales"}},
            {"table": {"source_table": "\"Odd Schema\".\"We.ird\"", "destination_catalog": "raw", "destination_schema": "s", "destination_table": "t",
              "table_configuration": {"scd_type": "scd_type_2", "primary_keys": ["a", "b"], "limit": "100", "where_clause": "a > 1"}}},
            {"table": {"source_table": "Sales.Listing", "table_configuration": {"scd_type": "APPEND_ONLY", "primary_keys": "listid, eventid", "limit": 5}}}
            """));

        Assert.Equal("redshift", spec.ConnectionName);
        Assert.Equal(3, spec.Tables.Count);
        var sales = spec.Tables[0];
        Assert.Equal(("public", "sales"), (sales.Source.Schema, sales.Source.Name));
        Assert.Equal(new DestinationTable("main", "tickit", "sales"), sales.Destination);
        Assert.Equal("SCD_TYPE_1", sales.ScdType);
        Assert.Empty(sales.PrimaryKeys);
        Assert.Null(sales.Limit);
        Assert.Null(sales.WhereClause);
        Assert.Equal("$.objects[0].table", sales.JsonPath);

        var odd = spec.Tables[1];
        Assert.Equal(("Odd Schema", "We.ird"), (odd.Source.Schema, odd.Source.Name));
        Assert.Equal(new DestinationTable("raw", "s", "t"), odd.Destination);
        Assert.Equal("SCD_TYPE_2", odd.ScdType);
        Assert.Equal(["a", "b"], odd.PrimaryKeys);
        Assert.Equal(100, odd.Limit);
        Assert.Equal("a > 1", odd.WhereClause);

        var listing = spec.Tables[2];
        Assert.Equal(("sales", "listing"), (listing.Source.Schema, listing.Source.Name)); // unquoted names fold to lower case
        Assert.Equal("listing", listing.Destination.Table);
        Assert.Equal(["listid", "eventid"], listing.PrimaryKeys);
        Assert.Equal(5, listing.Limit);
    }

    [Theory]
    [InlineData("""{"table": {"source_table": "sales", "destination_tabel": "x"}}""",
        "$.objects[0].table.destination_tabel: unknown key (did you mean destination_table?); the keys here are source_table, destination_catalog, destination_schema, destination_table, table_configuration.")]
    [InlineData("""{"table": {"source_table": "sales", "table_configuration": {"limt": 5}}}""",
        "$.objects[0].table.table_configuration.limt: unknown key (did you mean limit?)")]
    [InlineData("""{"table": {"source_table": "sales", "table_configuration": {"sync_mode": "full"}}}""",
        "$.objects[0].table.table_configuration.sync_mode: unknown key; the keys here are scd_type, primary_keys, limit, where_clause, chunk_rows, transport, ingestion_type, cursor_field, lookback.")]
    [InlineData("""{"table": {"source_table": "sales", "table_configuration": {"chunk_rows": 0, "primary_keys": ["salesid"]}}}""",
        "$.objects[0].table.table_configuration.chunk_rows: expected a whole number of rows from 1 to 2147483647 (100 or \"100\"), found the number 0.")]
    [InlineData("""{"table": {"source_table": "sales", "table_configuration": {"chunk_rows": "1000"}}}""",
        "$.objects[0].table.table_configuration.chunk_rows: needs primary_keys (unique, non-null columns) to split the table on; add them.")]
    [InlineData("""{"table": {"source_table": "sales", "table_configuration": {"chunk_rows": 10, "limit": 5, "primary_keys": ["salesid"]}}}""",
        "$.objects[0].table.table_configuration.chunk_rows: cannot be combined with limit (a limited read is one statement); remove one of them.")]
    [InlineData("""{"table": {"source_table": 7}}""", "$.objects[0].table.source_table: expected a string, found the number 7.")]
    [InlineData("""{"table": {}}""", "$.objects[0].table.source_table: missing; name the Redshift table")]
    [InlineData("""{"table": {"source_table": "a.b.c"}}""", "$.objects[0].table.source_table: \"a.b.c\" is not a table name: it has more than two parts")]
    [InlineData("""{"table": {"source_table": "\"open"}}""", "$.objects[0].table.source_table: \"\"open\" is not a table name: a quoted name is not closed")]
    [InlineData("""{"table": {"source_table": "sales", "table_configuration": {"scd_type": "SCD_TYPE_3"}}}""",
        "$.objects[0].table.table_configuration.scd_type: \"SCD_TYPE_3\" is not a known SCD type; use one of SCD_TYPE_1, SCD_TYPE_2, APPEND_ONLY.")]
    [InlineData("""{"table": {"source_table": "sales", "table_configuration": {"limit": 5}}}""",
        "$.objects[0].table.table_configuration.limit: needs primary_keys to order the rows, or the sample differs from run to run; add primary_keys (columns that identify a row), or remove limit.")]
    [InlineData("""{"table": {"source_table": "sales", "table_configuration": {"limit": "ten"}}}""",
        "$.objects[0].table.table_configuration.limit: expected a whole number of rows from 0 to 2147483647 (100 or \"100\"), found \"ten\".")]
    [InlineData("""{"table": {"source_table": "sales", "table_configuration": {"limit": -1}}}""",
        "$.objects[0].table.table_configuration.limit: expected a whole number of rows from 0 to 2147483647 (100 or \"100\"), found the number -1.")]
    [InlineData("""{"table": {"source_table": "sales", "table_configuration": {"limit": 1.5}}}""", "found the number 1.5.")]
    [InlineData("""{"table": {"source_table": "sales", "table_configuration": {"primary_keys": 3}}}""",
        "$.objects[0].table.table_configuration.primary_keys: expected an array of column names such as [\"salesid\"], found the number 3.")]
    [InlineData("""{"table": {"source_table": "sales", "table_configuration": {"primary_keys": ["a", 1]}}}""",
        "$.objects[0].table.table_configuration.primary_keys[1]: expected a column name, found the number 1.")]
    [InlineData("""{"table": {"source_table": "sales", "table_configuration": {"primary_keys": []}}}""",
        "$.objects[0].table.table_configuration.primary_keys: is empty; name the key columns, or remove primary_keys.")]
    [InlineData("""{"table": {"source_table": "sales", "table_configuration": {"primary_keys": ["a", "a"]}}}""",
        "$.objects[0].table.table_configuration.primary_keys: \"a\" is listed twice.")]
    [InlineData("""{"table": {"source_table": "sales", "table_configuration": {"where_clause": " "}}}""",
        "$.objects[0].table.table_configuration.where_clause: is empty; write a condition")]
    [InlineData("""{"table": {"source_table": "sales", "table_configuration": "scd"}}""",
        "$.objects[0].table.table_configuration: expected an object with scd_type, primary_keys, limit, where_clause, chunk_rows, transport, ingestion_type, cursor_field, lookback, found \"scd\".")]
    [InlineData("""{"table": {"source_table": "sales", "table_configuration": {"transport": "S3"}}}""",
        "$.objects[0].table.table_configuration.transport: \"s3\" is not a transport; use one of dataapi, unload, auto.")]
    [InlineData("""{"table": {"source_table": "sales", "table_configuration": {"transport": "unload", "primary_keys": ["salesid"], "chunk_rows": 5}}}""",
        "$.objects[0].table.table_configuration.chunk_rows: splits Data API reads under the result cap, which UNLOAD does not have")]
    [InlineData("""{"table": {"source_table": "orders", "table_configuration": {"transport": "unload", "ingestion_type": "cdc", "cursor_field": "updated_at", "primary_keys": ["id"]}}}""",
        "$.objects[0].table.table_configuration.transport: unload cannot read ingestion_type cdc, which reads only the changes through the Data API; remove transport (or set it to dataapi), or use ingestion_type snapshot.")]
    [InlineData("""{"table": {"source_table": "orders", "table_configuration": {"transport": "auto", "ingestion_type": "append", "cursor_field": "updated_at", "primary_keys": ["id"]}}}""",
        "$.objects[0].table.table_configuration.transport: auto cannot read ingestion_type append")]
    [InlineData("""{"table": {"source_table": "sales", "destination_table": ""}}""",
        "$.objects[0].table.destination_table: is empty; give a name, or remove the key to use the default.")]
    [InlineData("""{"schema": {"source_schema": "public"}}""", "$.objects[0]: only table objects can be snapshotted")]
    [InlineData("""{"tabel": {"source_table": "sales"}}""", "$.objects[0].tabel: unknown key (did you mean table?)")]
    [InlineData("""["sales"]""", "$.objects[0]: expected {\"table\": {...}}, found an array.")]
    [InlineData("""{"table": {"source_table": "sales"}}, {"table": {"source_table": "other.Sales"}}""",
        "$.objects[0].table and $.objects[1].table: both land in main.tickit.sales; give each a distinct destination_table.")]
    public void Each_mistake_names_its_json_path_and_the_fix(string objects, string expected)
    {
        Assert.Contains(expected, Error(Spec(objects)));
    }

    [Fact]
    public void Missing_defaults_are_reported_for_the_table_that_needs_them()
    {
        string message = Error(Spec("""{"table": {"source_table": "sales"}}""", defaults: ""));

        Assert.Contains("$.objects[0].table.destination_catalog: missing, and the spec has no default_destination_catalog; set one of them.", message);
        Assert.Contains("$.objects[0].table.destination_schema: missing, and the spec has no default_destination_schema; set one of them.", message);
        Assert.StartsWith("pipeline.json has 2 problems:", message);
    }

    [Theory]
    [InlineData("{", "pipeline.json is not valid JSON")]
    [InlineData("[]", "pipeline.json: $: expected an object with connection_name, default_destination_catalog, default_destination_schema, objects, found an array.")]
    [InlineData("{}", "pipeline.json: $.objects: missing; list the tables to snapshot")]
    [InlineData("""{"objects": []}""", "pipeline.json: $.objects: is empty; list at least one table.")]
    [InlineData("""{"objects": {}}""", "pipeline.json: $.objects: expected an array")]
    [InlineData("""{"objects": [{"table": {"source_table": "s", "destination_catalog": "c", "destination_schema": "d"}}], "conection_name": "x"}""",
        "pipeline.json: $.conection_name: unknown key (did you mean connection_name?)")]
    [InlineData("""{"connection_name": 1, "objects": [{"table": {"source_table": "s", "destination_catalog": "c", "destination_schema": "d"}}]}""",
        "pipeline.json: $.connection_name: expected a string, found the number 1.")]
    public void Document_level_mistakes_are_reported(string json, string expected)
    {
        Assert.Contains(expected, Error(json));
    }

    [Fact]
    public void A_missing_file_says_how_to_pass_one()
    {
        var error = Assert.Throws<PipelineSpecException>(() => PipelineSpecReader.ReadFile("/nonexistent/pipeline.json"));

        Assert.Equal("pipeline file \"/nonexistent/pipeline.json\" does not exist; pass the pipeline specification with --pipeline FILE.", error.Message);
    }

    [Fact]
    public void Several_problems_are_reported_together()
    {
        string message = Error(Spec("""{"table": {"source_table": 1}}, {"table": {"source_table": "b", "table_configuration": {"limit": "x"}}}"""));

        Assert.StartsWith("pipeline.json has 2 problems:\n  $.objects[0].table.source_table", message);
        Assert.Contains("\n  $.objects[1].table.table_configuration.limit", message);
    }
}
