using RedshiftTyped.Incremental;
using RedshiftTyped.Incremental.Deletes;
using RedshiftTyped.Incremental.Offsets;
using RedshiftTyped.Values;

namespace RedshiftTyped.Tests.Incremental;

/// <summary>
/// The offset's JSON form: a round trip gives back the same values with the same .NET types (so the next read's bounds
/// compare as the rows did), the form is fixed and versioned, and every malformed offset is refused with a message
/// naming the member at fault.
/// </summary>
public sealed class ChangeOffsetJsonTests
{
    private static readonly OffsetColumn Cursor = OffsetColumn.Of("updated_at", RedshiftType.Timestamp, null);
    private static readonly OffsetColumn[] Keys = [OffsetColumn.Of("id", RedshiftType.Integer, null), OffsetColumn.Of("region", RedshiftType.VarChar, null)];

    /// <summary>A cdc_with_deletes offset with a composite key, a lookback window and a key index of two buckets.</summary>
    internal static ChangeOffset Sample()
    {
        var hwm = new ChangePosition(new DateTime(2024, 5, 1, 10, 0, 0, 123, 456), [42, "eu|west"]);
        var window = new LookbackWindow([([41, "us"], new DateTime(2024, 5, 1, 9, 30, 0)), ([42, "eu|west"], new DateTime(2024, 5, 1, 10, 0, 0, 123, 456))]);
        var index = KeyIndex.Build(2, 64, [([41, "us"], 1_152_921_504_606_846_975L), ([42, "eu|west"], 6L), ([7, "\u001f\"quoted\""], 3L)]);
        return new ChangeOffset("public.orders", IngestionType.CdcWithDeletes, Cursor, Keys, new DateTimeOffset(2024, 5, 1, 10, 5, 0, TimeSpan.Zero).AddTicks(70),
            hwm, resumeAfter: null, "2 hours", window, index);
    }

    [Fact]
    public void An_offset_round_trips_with_the_same_values_and_types()
    {
        var offset = Sample();
        string json = offset.ToJson();
        var read = ChangeOffset.Parse(json);

        Assert.Equal(json, read.ToJson());
        Assert.Equal(ChangeOffset.CurrentVersion, read.Version);
        Assert.Equal("public.orders", read.Table);
        Assert.Equal(IngestionType.CdcWithDeletes, read.IngestionType);
        Assert.Equal("updated_at", read.Cursor);
        Assert.Equal(["id", "region"], read.Keys);
        Assert.Equal(offset.LastRun, read.LastRun);
        Assert.Equal(new DateTime(2024, 5, 1, 10, 0, 0, 123, 456), Assert.IsType<DateTime>(read.HighWaterMark!.Cursor));
        Assert.Equal(42, Assert.IsType<int>(read.HighWaterMark.Key[0]));
        Assert.Equal("eu|west", Assert.IsType<string>(read.HighWaterMark.Key[1]));
        Assert.Null(read.ResumeAfter);
        Assert.Equal("2 hours", read.Lookback);
        Assert.Equal(2, read.LookbackRows);
        Assert.Equal(3, read.IndexedKeys);
        Assert.Equal(2, read.IndexBuckets);
        Assert.Equal(offset.KeyIndex!.ByBucket.Select(b => (b.Key, b.Value.Sum, b.Value.Rows)), read.KeyIndex!.ByBucket.Select(b => (b.Key, b.Value.Sum, b.Value.Rows)));
        Assert.Contains(read.KeyIndex.AllKeys, k => (string)k[1]! == "\u001f\"quoted\"");
        Assert.Equal("public.orders cdc_with_deletes after (2024-05-01 10:00:00.123456, 42, eu|west)", read.ToString());
    }

    [Fact]
    public void The_json_form_is_fixed()
    {
        var offset = new ChangeOffset("public.events", IngestionType.Append, OffsetColumn.Of("seq", RedshiftType.BigInt, null), [OffsetColumn.Of("id", RedshiftType.BigInt, null)],
            new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero), new ChangePosition(9_000_000_000L, [7L]), new ChangePosition(8L, [3L]), null, null, null);
        Assert.Equal(
            "{\"format\":\"redshift-typed/change-offset\",\"version\":1,\"table\":\"public.events\",\"ingestion_type\":\"append\"," +
            "\"cursor\":{\"name\":\"seq\",\"type\":\"int8\",\"precision\":0},\"keys\":[{\"name\":\"id\",\"type\":\"int8\",\"precision\":0}]," +
            "\"last_run\":\"2024-05-01T00:00:00.000000Z\",\"high_water_mark\":{\"cursor\":9000000000,\"key\":[7]}," +
            "\"resume_after\":{\"cursor\":8,\"key\":[3]},\"lookback\":null,\"key_index\":null}",
            offset.ToJson());
        Assert.Equal(9_000_000_000L, ChangeOffset.Parse(offset.ToJson()).HighWaterMark!.Cursor);
    }

    [Fact]
    public void Numeric_date_and_timestamptz_values_keep_their_exact_value()
    {
        var offset = new ChangeOffset("public.t", IngestionType.Cdc, OffsetColumn.Of("amount", RedshiftType.Numeric, 38),
            [OffsetColumn.Of("day", RedshiftType.Date, null), OffsetColumn.Of("at", RedshiftType.TimestampTz, null)],
            DateTimeOffset.UnixEpoch, new ChangePosition(new System.Data.SqlTypes.SqlDecimal(decimal.MaxValue) * 1000, [new DateOnly(2024, 2, 29), new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.FromHours(2))]),
            null, null, null, null);
        var read = ChangeOffset.Parse(offset.ToJson());
        Assert.Equal("79228162514264337593543950335000", read.HighWaterMark!.Cursor.ToString());
        Assert.Equal(new DateOnly(2024, 2, 29), read.HighWaterMark.Key[0]);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 8, 0, 0, TimeSpan.Zero), (DateTimeOffset)read.HighWaterMark.Key[1]!);
    }

    [Fact]
    public void An_offset_of_a_newer_version_asks_for_an_upgrade()
    {
        string json = Sample().ToJson().Replace("\"version\":1", "\"version\":2", StringComparison.Ordinal);
        Assert.Equal("The change offset is of format version 2, written by a newer RedshiftTyped; this one reads version 1 and older. Upgrade RedshiftTyped, or start over without an offset (a full read).",
            Assert.Throws<FormatException>(() => ChangeOffset.Parse(json)).Message);
    }

    [Theory]
    [InlineData("{", "$: not JSON")]
    [InlineData("[]", "$: expected an object")]
    [InlineData("""{"format":"x"}""", "$.format: expected \"redshift-typed/change-offset\"")]
    [InlineData("""{"version":1}""", "$.format: missing")]
    [InlineData("\"version\":1 => \"version\":\"1\"", "$.version: expected a whole number, found String")]
    [InlineData("\"version\":1 => \"version\":0", "$.version: 0 is not a version")]
    [InlineData("\"ingestion_type\":\"cdc_with_deletes\" => \"ingestion_type\":\"merge\"", "$.ingestion_type: \"merge\" is not append, cdc or cdc_with_deletes")]
    [InlineData("\"type\":\"timestamp\" => \"type\":\"super\"", "$.cursor.type: \"super\" is not a cursor or key type")]
    [InlineData("\"keys\":[ => \"keys\":[],\"x\":[", "$.keys: expected an array of key columns")]
    [InlineData("2024-05-01T10:05:00.000007Z => yesterday", "$.last_run: \"yesterday\" is not a UTC time such as 2024-05-01T10:00:00.000000Z")]
    [InlineData("\"key\":[42,\"eu|west\"] => \"key\":[42]", "$.high_water_mark.key: expected an array of 2 key values")]
    [InlineData("\"cursor\":\"2024-05-01 10:00:00.123456\" => \"cursor\":\"soon\"", "$.high_water_mark.cursor: not a timestamp value of column \"updated_at\"")]
    [InlineData("\"cursor\":\"2024-05-01 10:00:00.123456\" => \"cursor\":null", "$.high_water_mark.cursor: is null")]
    [InlineData("\"high_water_mark\":{ => \"high_water_mark\":7,\"x\":{", "$.high_water_mark: expected an object or null")]
    [InlineData("\"lookback\":{ => \"lookback\":3,\"x\":{", "$.lookback: expected an object or null")]
    [InlineData("\"emitted\":[[ => \"emitted\":[[1],[", "$.lookback.emitted[0]: expected [cursor, id, region]")]
    [InlineData("\"key_index\":{ => \"key_index\":null,\"x\":{", "$.key_index: a cdc_with_deletes offset needs its key index")]
    [InlineData("\"buckets\":2 => \"buckets\":3", "$.key_index.buckets: expected a power of two")]
    [InlineData("\"bucket_rows\":64 => \"bucket_rows\":0", "$.key_index.bucket_rows: expected a whole number above zero")]
    [InlineData("\"bucket\":1 => \"bucket\":2", "$.key_index.digests[1].bucket: expected 0 to 1")]
    [InlineData("\"bucket\":1 => \"bucket\":0", "$.key_index.digests[1].bucket: bucket 0 is listed twice")]
    [InlineData("\"sum\":\"6\" => \"sum\":\"-6\"", "$.key_index.digests[0].sum: expected a whole number as text")]
    [InlineData("\"rows\":1, => \"rows\":5,", "$.key_index.digests[0]: holds 1 keys but says rows 5")]
    public void A_malformed_offset_is_refused_naming_the_member(string edit, string message)
    {
        // "find => replacement" edits the sample offset's JSON; anything else is the whole text.
        string[] parts = edit.Split(" => ");
        string json = parts.Length == 2 ? Replace(Sample().ToJson(), parts[0], parts[1]) : edit;
        string error = Assert.Throws<FormatException>(() => ChangeOffset.Parse(json)).Message;
        Assert.StartsWith("The change offset is not valid: " + message, error);
        Assert.EndsWith("Pass the text ChangeOffset.ToJson() wrote, unedited, or start over without an offset (a full read).", error);
    }

    private static string Replace(string json, string find, string with)
    {
        int at = json.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, $"{find} is not in {json}");
        return json[..at] + with + json[(at + find.Length)..];
    }

    [Fact]
    public void A_lookback_window_prints_as_it_parses()
    {
        foreach (string text in new[] { "2 hours", "90 minutes", "1 day", "45 seconds", "1500 microseconds", "1000", "0.5" })
        {
            Assert.Equal(text, CursorLookback.Parse(text).ToString());
        }

        Assert.Equal("2 hours", CursorLookback.Parse("PT2H").ToString());
        Assert.Equal("36 hours", CursorLookback.Parse("1 day, 12 h").ToString());
    }
}
