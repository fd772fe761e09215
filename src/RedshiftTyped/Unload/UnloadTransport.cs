using RedshiftTyped.Execution;
using RedshiftTyped.Typed;
using RedshiftTyped.Values;

namespace RedshiftTyped.Reading;

/// <summary>What the UNLOAD transport checks and selects, for typed and untyped reads alike.</summary>
internal static class UnloadTransport
{
    /// <summary>The Data API's result cap, in its own words.</summary>
    public static bool IsSizeLimit(StatementFailedException failed)
        => failed.Error.Contains("exceeded size limit", StringComparison.OrdinalIgnoreCase);

    /// <summary>Auto met the result cap: UNLOAD needs an S3 location, else the error names both fixes.</summary>
    public static void CheckCanSwitch(SnapshotOptions options, StatementFailedException failed)
    {
        if (options.Unload is null)
        {
            throw new InvalidOperationException(
                "The result is larger than the Data API returns for one statement (\"Database response exceeded size limit\"). Either set " +
                "Unload = new UnloadOptions { S3Prefix = \"s3://bucket/prefix/\", IamRole = \"…\" } so that Auto reads it through UNLOAD, " +
                "or set ChunkRows to read it in key ranges through the Data API.", failed);
        }
    }

    /// <summary>
    /// Refuses columns UNLOAD cannot write to Parquet: GEOMETRY/GEOGRAPHY and HLLSKETCH (r_UNLOAD.md: text or CSV only),
    /// and intervals (no Parquet type is documented for them).
    /// </summary>
    public static void CheckTypes(string table, IEnumerable<(string Name, RedshiftType Type)> columns)
    {
        foreach (var (name, type) in columns)
        {
            if (type is RedshiftType.Geometry or RedshiftType.Geography or RedshiftType.HllSketch or RedshiftType.IntervalDayToSecond or RedshiftType.IntervalYearToMonth)
            {
                throw new NotSupportedException(
                    $"Column \"{name}\" of {table} is {type}, which UNLOAD cannot write to Parquet (r_UNLOAD.md: GEOMETRY and HLLSKETCH unload to " +
                    "text or CSV only; no Parquet type is documented for intervals). Read it with Transport = SnapshotTransport.DataApi, or leave it " +
                    "out with a projection (table.Select(…)).");
            }
        }
    }

    /// <summary>The quoted select list, VARBYTE columns as <c>to_hex(…)</c> (r_UNLOAD.md: VARBYTE unloads to text or CSV only).</summary>
    public static string SelectList(IEnumerable<(string Name, RedshiftType Type)> columns)
        => string.Join(", ", columns.Select(c => c.Type == RedshiftType.VarByte
            ? $"to_hex({RedshiftIdentifier.Quote(c.Name)}) AS {RedshiftIdentifier.Quote(c.Name)}"
            : RedshiftIdentifier.Quote(c.Name)));
}
