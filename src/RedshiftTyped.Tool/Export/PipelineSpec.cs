using RedshiftTyped.Incremental;
using RedshiftTyped.Reading;

namespace RedshiftTyped.Tool.Export;

/// <summary>
/// A Databricks community-connector pipeline specification, as far as a snapshot needs it: which tables to read and
/// where each one lands (<c>catalog/schema/table</c>).
/// </summary>
/// <param name="ConnectionName">The spec's <c>connection_name</c>, recorded in the manifest.</param>
/// <param name="Tables">The table objects, in the spec's order.</param>
internal sealed record PipelineSpec(string? ConnectionName, IReadOnlyList<PipelineTable> Tables);

/// <summary>One <c>objects[].table</c> entry with its defaults applied.</summary>
/// <param name="JsonPath">Where it is in the spec (<c>$.objects[2].table</c>), for messages.</param>
/// <param name="SourceText">The <c>source_table</c> as written.</param>
/// <param name="Source">The source table, parsed (default schema <c>public</c>).</param>
/// <param name="Destination">Where the table lands.</param>
/// <param name="ScdType">SCD_TYPE_1, SCD_TYPE_2 or APPEND_ONLY: recorded for the loader; a snapshot reads the same rows for each.</param>
/// <param name="PrimaryKeys">The table's primary key columns; a limited read is ordered by them so the sample repeats.</param>
/// <param name="Limit">Read at most this many rows (the connector's <c>limit</c> table option).</param>
/// <param name="WhereClause">A raw SQL condition from the config (the connector's <c>where_clause</c> table option).</param>
/// <param name="ChunkRows">
/// Read in statements of at most this many rows, split on the primary keys (<c>chunk_rows</c>, our own table option),
/// for tables past the Data API's result cap.
/// </param>
/// <param name="Transport">
/// <c>dataapi</c>, <c>unload</c> or <c>auto</c> for this table (<c>transport</c>, our own table option); null: the command's
/// <c>--transport</c>. An incremental table reads through the Data API only.
/// </param>
/// <param name="Incremental">How an incremental table is read (<c>ingestion_type</c> append, cdc or cdc_with_deletes); null for a snapshot.</param>
internal sealed record PipelineTable(
    string JsonPath,
    string SourceText,
    TableReference Source,
    DestinationTable Destination,
    string ScdType,
    IReadOnlyList<string> PrimaryKeys,
    int? Limit,
    string? WhereClause,
    int? ChunkRows = null,
    string? Transport = null,
    IncrementalSettings? Incremental = null)
{
    /// <summary>The connector's name of the table's ingestion type: <c>snapshot</c>, <c>append</c>, <c>cdc</c> or <c>cdc_with_deletes</c>.</summary>
    public string IngestionTypeName => Incremental is null ? PipelineSpecReader.Snapshot : IngestionTypeNames.Name(Incremental.Type);
}

/// <summary>
/// An incremental table's reading: the ingestion type, the <c>cursor_field</c> rows are ordered and resumed by (ties
/// ordered by the primary keys), and the <c>lookback</c> window re-read each run for late commits.
/// </summary>
internal sealed record IncrementalSettings(IngestionType Type, string CursorField, CursorLookback? Lookback);

/// <summary>A destination in the Databricks namespace.</summary>
internal sealed record DestinationTable(string Catalog, string Schema, string Table)
{
    public override string ToString() => $"{Catalog}.{Schema}.{Table}";
}
