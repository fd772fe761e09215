using RedshiftTyped.Incremental;
using RedshiftTyped.Incremental.Reading;
using RedshiftTyped.Reading;
using RedshiftTyped.Values;

namespace RedshiftTyped.Tests.Incremental;

/// <summary>
/// What a change read checks before it sends anything, each with a message naming the column or option and the fix: the
/// options alone, then the cursor and keys against the table's columns, then an offset against the read.
/// </summary>
public sealed class ChangeColumnChecksTests
{
    private static readonly TableColumn[] Orders =
    [
        new("id", RedshiftType.Integer, null),
        new("region", RedshiftType.VarChar, null),
        new("updated_at", RedshiftType.Timestamp, null),
        new("version", RedshiftType.BigInt, null),
        new("active", RedshiftType.Boolean, null),
        new("payload", RedshiftType.Super, null),
    ];

    private static ChangeOptions Options(IngestionType type = IngestionType.Cdc, string cursor = "updated_at", string[]? keys = null, CursorLookback? lookback = null)
        => new(type, ColumnOrder.Ascending(cursor)) { Keys = keys?.Select(ColumnOrder.Ascending).ToList(), Lookback = lookback };

    private static string Resolve(ChangeOptions options, IReadOnlyList<TableColumn>? columns = null, IReadOnlyList<string>? primaryKey = null)
        => Assert.Throws<ArgumentException>(() => ChangeColumnSet.Resolve("public.orders", options, columns ?? Orders, primaryKey)).Message;

    [Fact]
    public void A_valid_read_resolves_the_cursor_and_the_keys_with_their_types()
    {
        var columns = ChangeColumnSet.Resolve("public.orders", Options(keys: ["region", "id"]), Orders, primaryKey: null);
        Assert.Equal("updated_at", columns.Cursor.Name);
        Assert.Equal(RedshiftType.Timestamp, columns.Cursor.Type);
        Assert.Equal(["region", "id"], columns.KeyNames);
        Assert.Equal(["updated_at", "region", "id"], columns.ProbeNames);
        Assert.Equal(["id"], ChangeColumnSet.Resolve("public.orders", Options(), Orders, primaryKey: ["id"]).KeyNames);
    }

    [Theory]
    [InlineData("updatedat", null, "Cursor column \"updatedat\" is not a column of public.orders (did you mean updated_at?); names are Redshift's exact spelling. Its columns: id, region, updated_at, version, active, payload.")]
    [InlineData("active", null, "Cursor column \"active\" of public.orders is bool, which cannot order changes: choose a column of type smallint, integer, bigint, numeric, real, double precision, date, timestamp, timestamptz, char or varchar whose value grows with every insert and update.")]
    [InlineData("updated_at", "idd", "Key column \"idd\" is not a column of public.orders (did you mean id?)")]
    [InlineData("updated_at", "payload", "Key column \"payload\" of public.orders is super, which cannot order or identify changes: choose key columns of type smallint, integer, bigint, numeric, real, double precision, date, timestamp, timestamptz, char or varchar.")]
    public void The_cursor_and_keys_must_be_orderable_columns_of_the_table(string cursor, string? key, string message)
        => Assert.StartsWith(message, Resolve(Options(cursor: cursor, keys: key is null ? ["id"] : [key])));

    [Fact]
    public void A_read_needs_keys()
    {
        Assert.StartsWith("A change read of public.orders needs the columns that identify a row: give ChangeOptions.Keys (a table read by name has no known primary key).",
            Resolve(Options()));
        Assert.StartsWith("public.orders has no primary key in its schema snapshot: give ChangeOptions.Keys (the columns that identify a row), or declare the key in Redshift and re-capture the snapshot (redshift-typed capture).",
            Resolve(Options(), primaryKey: []));
    }

    [Theory]
    [InlineData("updated_at", "1000", "Lookback 1000 is a number, but cursor \"updated_at\" is a timestamp: give a duration such as \"2 hours\".")]
    [InlineData("version", "2 hours", "Lookback 2 hours is a duration, but cursor \"version\" is int8: give a number of cursor units such as 1000.")]
    [InlineData("region", "2 hours", "A lookback needs a numeric, date or timestamp cursor, but \"region\" is varchar: remove the lookback, or choose such a cursor column.")]
    public void A_lookback_must_fit_the_cursor_type(string cursor, string lookback, string message)
        => Assert.StartsWith(message, Resolve(Options(cursor: cursor, keys: ["id"], lookback: CursorLookback.Parse(lookback))));

    [Fact]
    public void A_cdc_table_cannot_have_a_column_named_like_a_change_column()
    {
        TableColumn[] columns = [.. Orders, new("_change_type", RedshiftType.VarChar, null)];
        Assert.StartsWith("public.orders has a column \"_change_type\", a name the change columns (_change_type, _change_run, _change_sequence) use: rename the column, or read the table as append.",
            Resolve(Options(keys: ["id"]), columns));
        ChangeColumnSet.Resolve("public.orders", Options(IngestionType.Append, keys: ["id"]), columns, primaryKey: null);
    }

    [Fact]
    public void The_options_alone_are_checked_before_anything_is_sent()
    {
        Assert.StartsWith("The cursor is read in ascending order, but", Assert.Throws<ArgumentException>(
            () => new ChangeOptions(IngestionType.Cdc, ColumnOrder.Descending("updated_at"))).Message);
        Assert.StartsWith("Use Append, Cdc or CdcWithDeletes.", Assert.Throws<ArgumentOutOfRangeException>(
            () => new ChangeOptions((IngestionType)7, ColumnOrder.Ascending("updated_at"))).Message);

        Assert.StartsWith("MaxRows must be at least one row", Validate(new ChangeOptions(IngestionType.Cdc, ColumnOrder.Ascending("t")) { MaxRows = 0 }));
        Assert.StartsWith("ChunkRows must be at least one row", Validate(new ChangeOptions(IngestionType.Cdc, ColumnOrder.Ascending("t")) { ChunkRows = -1 }));
        Assert.StartsWith("MaxRows and ChunkRows cannot be combined", Validate(new ChangeOptions(IngestionType.Cdc, ColumnOrder.Ascending("t")) { MaxRows = 5, ChunkRows = 5 }));
        Assert.StartsWith("DeleteBucketRows must be 1 to 1,000,000", Validate(new ChangeOptions(IngestionType.CdcWithDeletes, ColumnOrder.Ascending("t")) { DeleteBucketRows = 0 }));
        Assert.StartsWith("Keys is empty: name the columns", Validate(new ChangeOptions(IngestionType.Cdc, ColumnOrder.Ascending("t")) { Keys = [] }));
        Assert.StartsWith("Keys are read in ascending order, but", Validate(new ChangeOptions(IngestionType.Cdc, ColumnOrder.Ascending("t")) { Keys = [ColumnOrder.Descending("id")] }));
        Assert.StartsWith("Keys names \"id\" twice", Validate(new ChangeOptions(IngestionType.Cdc, ColumnOrder.Ascending("t")) { Keys = [ColumnOrder.Ascending("id"), ColumnOrder.Ascending("id")] }));

        static string Validate(ChangeOptions options) => Assert.ThrowsAny<ArgumentException>(options.Validate).Message;
    }

    [Fact]
    public void An_offset_of_another_read_is_refused()
    {
        var offset = ChangeOffsetJsonTests.Sample();
        var options = Options(keys: ["id", "region"]);
        string Check(string table, ChangeOptions read, IReadOnlyList<string> keys)
            => Assert.Throws<ArgumentException>(() => OffsetCheck.CheckNames(table, read, keys, offset)).Message;

        Assert.StartsWith("The offset is of public.orders, not public.other: pass the offset the last read of public.other returned, or start over without an offset (a full read).",
            Check("public.other", options, ["id", "region"]));
        Assert.StartsWith("The offset of public.orders was taken by a cdc_with_deletes read, and this read is append: read as cdc_with_deletes, or start over",
            Check("public.orders", Options(IngestionType.Append, keys: ["id", "region"]), ["id", "region"]));
        Assert.StartsWith("The offset orders public.orders by cursor \"updated_at\", and this read by \"version\": keep cursor \"updated_at\", or start over",
            Check("public.orders", Options(IngestionType.CdcWithDeletes, cursor: "version"), ["id", "region"]));
        Assert.StartsWith("The offset keys public.orders by (id, region), and this read by (id): keep the keys, or start over",
            Check("public.orders", Options(IngestionType.CdcWithDeletes), ["id"]));

        var changedType = ChangeColumnSet.Resolve("public.orders", Options(IngestionType.CdcWithDeletes, keys: ["id", "region"]),
            [.. Orders.Where(c => c.Name != "id"), new TableColumn("id", RedshiftType.BigInt, null)], primaryKey: null);
        Assert.StartsWith("Column \"id\" of public.orders was int4 when the offset was taken and is int8 now: start over without an offset (a full read).",
            Assert.Throws<ArgumentException>(() => OffsetCheck.CheckTypes("public.orders", changedType, offset)).Message);
    }
}
