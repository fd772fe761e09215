namespace RedshiftTyped.Incremental;

/// <summary>
/// How a table's changes are read, in the vocabulary of the Databricks connector framework's <c>ingestion_type</c>
/// (a full read is a snapshot: <c>client.SnapshotAsync(table)</c>).
/// Every type reads the rows whose (cursor, key) is after the offset, in that order.
/// </summary>
public enum IngestionType
{
    /// <summary>The rows after the offset, as they are (<c>append</c>): for tables whose rows are only ever added.</summary>
    Append,

    /// <summary>
    /// The rows after the offset as upserts keyed by the primary key and sequenced by the cursor (<c>cdc</c>); rows deleted
    /// in Redshift are not seen.
    /// </summary>
    Cdc,

    /// <summary>
    /// As <see cref="Cdc"/>, plus a delete for every key that existed at the previous read and no longer does
    /// (<c>cdc_with_deletes</c>), found by per-bucket key digests computed in Redshift.
    /// </summary>
    CdcWithDeletes,
}

/// <summary>What one change does to the row of its key.</summary>
public enum ChangeType
{
    /// <summary>Insert the row, or replace the row of the same key.</summary>
    Upsert,

    /// <summary>Delete the row of this key: it existed at the previous read and no longer does.</summary>
    Delete,
}

/// <summary>The connector's spelling of each <see cref="IngestionType"/> (<c>append</c>, <c>cdc</c>, <c>cdc_with_deletes</c>).</summary>
internal static class IngestionTypeNames
{
    public static string Name(IngestionType type) => type switch
    {
        IngestionType.Append => "append",
        IngestionType.Cdc => "cdc",
        _ => "cdc_with_deletes",
    };

    public static bool TryParse(string? text, out IngestionType type)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "append":
                type = IngestionType.Append;
                return true;
            case "cdc":
                type = IngestionType.Cdc;
                return true;
            case "cdc_with_deletes":
                type = IngestionType.CdcWithDeletes;
                return true;
            default:
                type = default;
                return false;
        }
    }
}
