using System.Text;
using System.Text.Json;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Local.Protocol;
using RedshiftTyped.Local.Results;

namespace RedshiftTyped.Local.Tests;

/// <summary>Stored results without a server: the page encoders' bytes, the page rule, spilling, and release under a reader.</summary>
public sealed class ResultStorageUnitTests
{
    private static readonly ColumnMetadata[] Columns = [new() { Name = "a" }, new() { Name = "b" }];

    private static Field[] Row(long a, string? b) => [Field.FromLong(a), b is null ? Field.Null : Field.FromString(b)];

    [Fact]
    public void Json_pages_hold_the_records_array_escaped_as_the_service_escapes_it()
    {
        using var store = new ResultStore(long.MaxValue);
        var result = Build(store, ResultFormatString.JSON, new ResultLimits(1 << 20, null, 1 << 16, long.MaxValue), Row(1, "x\"y"), Row(2, null));
        Assert.Equal("""[[{"longValue":1},{"stringValue":"x\"y"}],[{"longValue":2},{"isNull":true}]]""", PageText(result, 0));
        // ResultSize: each record's array, without the separating comma.
        Assert.Equal(Encoding.UTF8.GetByteCount("""[{"longValue":1},{"stringValue":"x\"y"}]""") + Encoding.UTF8.GetByteCount("""[{"longValue":2},{"isNull":true}]"""),
            result.SizeBytes);
    }

    [Fact]
    public void Csv_pages_hold_query_records_of_rfc4180_lines()
    {
        using var store = new ResultStore(long.MaxValue);
        var result = Build(store, ResultFormatString.CSV, new ResultLimits(1 << 20, null, 1 << 16, long.MaxValue), Row(1, "a,b"), Row(2, null), Row(3, ""));
        Assert.Equal("""[{"CSVRecords":"1,\"a,b\"\n2,\n3,\"\"\n"}]""", PageText(result, 0));
        Assert.Equal("1,\"a,b\"\n2,\n3,\"\"\n".Length, result.SizeBytes);
    }

    [Fact]
    public void Pages_are_cut_by_the_row_weight_rule_and_the_row_bound()
    {
        using var store = new ResultStore(long.MaxValue);
        // A row (integer, 1-character string) weighs 2 + (36 + 1) + (18 + 1 + 1) = 59: two fit in 120, not three.
        var byWeight = Build(store, ResultFormatString.JSON, new ResultLimits(120, null, 1 << 16, long.MaxValue), Row(1, "a"), Row(2, "b"), Row(3, "c"));
        Assert.Equal(2, byWeight.PageCount);
        var byRows = Build(store, ResultFormatString.CSV, new ResultLimits(1 << 20, 1, 1 << 16, long.MaxValue), Row(1, "a"), Row(2, "b"), Row(3, "c"));
        Assert.Equal(3, byRows.PageCount);
        var empty = Build(store, ResultFormatString.JSON, new ResultLimits(1 << 20, null, 1 << 16, long.MaxValue));
        Assert.Equal(1, empty.PageCount);
        Assert.Equal("[]", PageText(empty, 0));
    }

    [Fact]
    public void Row_and_result_caps_count_encoded_bytes()
    {
        using var store = new ResultStore(long.MaxValue);
        var row = Assert.Throws<ResultLimitException>(() => Build(store, ResultFormatString.JSON, new ResultLimits(1 << 20, null, 30, long.MaxValue), Row(1, "0123456789")));
        Assert.Equal("Packet for query is too large.", row.Message);
        // The same row as CSV is 13 bytes: under the row cap, over a 20-byte result cap on the second row.
        var size = Assert.Throws<ResultLimitException>(() => Build(store, ResultFormatString.CSV, new ResultLimits(1 << 20, null, 30, 20), Row(1, "0123456789"), Row(2, "0123456789")));
        Assert.Equal("Database response exceeded size limit", size.Message);
        Assert.Equal(new ResultStorageStatistics(0, 0, 0), store.Statistics);
    }

    [Fact]
    public void Pages_past_the_memory_budget_spill_and_read_back_identical()
    {
        var rows = Enumerable.Range(0, 300).Select(i => Row(i, new string('é', i % 40))).ToArray();
        var limits = new ResultLimits(2_000, null, 1 << 16, long.MaxValue);
        using var memory = new ResultStore(long.MaxValue);
        using var spilling = new ResultStore(3_000);
        var kept = Build(memory, ResultFormatString.JSON, limits, rows);
        var spilled = Build(spilling, ResultFormatString.JSON, limits, rows);
        Assert.True(spilling.Statistics.SpilledBytes > 0);
        Assert.True(spilling.Statistics.InMemoryBytes <= 3_000);
        Assert.Equal(kept.PageCount, spilled.PageCount);
        for (int page = 0; page < kept.PageCount; page++)
        {
            Assert.Equal(PageText(kept, page), PageText(spilled, page));
        }

        Assert.True(spilled.Release());
        Assert.Equal(new ResultStorageStatistics(0, 0, 0), spilling.Statistics);
    }

    [Fact]
    public void A_release_while_a_page_is_read_frees_the_pages_after_the_read()
    {
        using var store = new ResultStore(100);
        var result = Build(store, ResultFormatString.JSON, new ResultLimits(100, null, 1 << 16, long.MaxValue), Row(1, "a"), Row(2, "b"), Row(3, "c"));
        using (var lease = result.TryLease()!)
        {
            Assert.True(result.Release());
            Assert.False(result.Release());
            Assert.Null(result.TryLease());
            Assert.Equal(1, store.Statistics.Results);
            Assert.Equal("""[[{"longValue":3},{"stringValue":"c"}]]""", Write(lease, 2));
        }

        Assert.Equal(new ResultStorageStatistics(0, 0, 0), store.Statistics);
    }

    private static StoredResult Build(ResultStore store, ResultFormatString format, ResultLimits limits, params Field[][] rows)
    {
        using var builder = new ResultBuilder(Columns, format, limits, store);
        foreach (var row in rows)
        {
            builder.Add(row);
        }

        return builder.Finish();
    }

    private static string PageText(StoredResult result, int page)
    {
        using var lease = result.TryLease()!;
        return Write(lease, page);
    }

    private static string Write(StoredResult.Lease lease, int page)
    {
        using var buffer = new PooledBufferWriter();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            lease.WritePage(page, json);
        }

        return Encoding.UTF8.GetString(buffer.WrittenMemory.Span);
    }
}
