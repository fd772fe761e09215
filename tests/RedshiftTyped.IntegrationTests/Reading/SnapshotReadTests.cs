using System.Reflection;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Execution;
using RedshiftTyped.IntegrationTests.Generated.Tickit;
using RedshiftTyped.IntegrationTests.Infrastructure;
using RedshiftTyped.Reading;
using RedshiftTyped.Tool;
using RedshiftTyped.Tool.Cli;
using RedshiftTyped.Typed;
using RedshiftTyped.Values;
using Readings = RedshiftTyped.IntegrationTests.Generated.Dev.Public.Readings;
using Sales = RedshiftTyped.IntegrationTests.Generated.Tickit.Public.Sales;

namespace RedshiftTyped.IntegrationTests.Reading;

/// <summary>
/// Typed and untyped snapshots through the real client and the real local server, on both backends: rows equal what
/// <c>redshift-typed sql</c> prints for the same table (count and checksum), filters bind values as parameters, a
/// limit is ordered (by OrderBy, ascending or descending, or the primary key) or refused, projections read typed values, both
/// result formats, and Arrow batches.
/// </summary>
public abstract class SnapshotReadTests(SnapshotServerFixture fixture)
{
    private RedshiftClient Client => fixture.Client;

    public static TheoryData<string> TickitTables => new() { "category", "date", "event", "listing", "sales", "users", "venue" };

    [Theory]
    [MemberData(nameof(TickitTables))]
    public async Task Typed_rows_equal_what_the_sql_command_prints(string table)
    {
        var descriptor = TickitDescriptor(table);
        var typed = new RowChecksum();
        await foreach (object row in TypedRowsAsync(descriptor, new SnapshotOptions()))
        {
            typed.Add(descriptor.Columns.Select(c => descriptor.RecordType.GetProperty(c.PropertyName)!.GetValue(row)));
        }

        var printed = await SqlCommandRowsAsync($"select {descriptor.SelectList} from public.{table}", descriptor.Columns);

        Assert.True(typed.Count > 0);
        Assert.Equal(printed.Count, typed.Count);
        Assert.Equal(printed.Hash(), typed.Hash());
    }

    [Theory]
    [InlineData("JSON")]
    [InlineData("CSV")]
    public async Task Sales_read_the_same_in_both_result_formats_and_untyped(string format)
    {
        var descriptor = TickitDatabase.Public.Sales;
        var options = new SnapshotOptions { ResultFormat = new ResultFormatString(format) };
        var typed = new RowChecksum();
        await foreach (var sale in Client.SnapshotAsync(descriptor, options))
        {
            typed.Add([sale.Salesid, sale.Listid, sale.Sellerid, sale.Buyerid, sale.Eventid, sale.Dateid, sale.Qtysold, sale.Pricepaid, sale.Commission, sale.Saletime]);
        }

        var untyped = new RowChecksum();
        await foreach (var row in Client.SnapshotAsync(new TableReference("public", "sales"), options))
        {
            untyped.Add(row);
        }

        var printed = await SqlCommandRowsAsync($"select {descriptor.SelectList} from public.sales", descriptor.Columns);
        Assert.Equal(SnapshotServerFixture.SalesRows, typed.Count);
        Assert.Equal(printed.Hash(), typed.Hash());
        Assert.Equal(printed.Hash(), untyped.Hash());
    }

    [Fact]
    public async Task A_chunked_read_covers_every_row_once_in_key_order_over_several_statements()
    {
        var descriptor = TickitDatabase.Public.Sales;
        await using var reader = await Client.OpenSnapshotAsync(descriptor, new SnapshotOptions { ChunkRows = 7_000 }.OrderBy(Sales.RedshiftTable.Column.Salesid));
        var typed = new RowChecksum();
        int previous = int.MinValue;
        await foreach (var sale in reader.ReadRowsAsync())
        {
            Assert.True(sale.Salesid > previous, $"salesid {sale.Salesid} came after {previous}");
            previous = sale.Salesid;
            typed.Add([sale.Salesid, sale.Listid, sale.Sellerid, sale.Buyerid, sale.Eventid, sale.Dateid, sale.Qtysold, sale.Pricepaid, sale.Commission, sale.Saletime]);
        }

        var printed = await SqlCommandRowsAsync($"select {descriptor.SelectList} from public.sales", descriptor.Columns);
        Assert.Equal(15, reader.StatementCount);
        Assert.Equal(15, reader.StatementIds.Distinct().Count());
        Assert.Equal(SnapshotServerFixture.SalesRows, reader.TotalNumRows);
        Assert.Equal(printed.Count, typed.Count);
        Assert.Equal(printed.Hash(), typed.Hash());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(8)]
    public async Task Parallel_chunks_read_every_row_once_in_key_order_typed_and_untyped(int parallelism)
    {
        var descriptor = TickitDatabase.Public.Sales;
        var options = new SnapshotOptions { ChunkRows = 9_000, ChunkParallelism = parallelism }.OrderBy(Sales.RedshiftTable.Column.Salesid);
        await using var reader = await Client.OpenSnapshotAsync(descriptor, options);
        var ids = new List<int>();
        await foreach (var sale in reader.ReadRowsAsync())
        {
            ids.Add(sale.Salesid);
        }

        Assert.Equal(SnapshotServerFixture.SalesRows, ids.Count);
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(12, reader.StatementIds.Distinct().Count());

        var untyped = await Client.SnapshotAsync(new TableReference("public", "sales"),
            new SnapshotOptions { ChunkRows = 9_000, ChunkParallelism = parallelism, Columns = ["salesid"] }.OrderBy("salesid")).ToListAsync();
        Assert.Equal(ids, untyped.Select(r => r.Get<int>("salesid")));
    }

    [Theory]
    [InlineData("category", "catid")]
    [InlineData("date", "dateid")]
    [InlineData("event", "eventid")]
    [InlineData("listing", "listid")]
    [InlineData("sales", "salesid")]
    [InlineData("users", "userid")]
    [InlineData("venue", "venueid")]
    public async Task Unordered_chunks_read_every_row_once_with_the_checksum_of_key_order_for_every_tickit_table(string table, string key)
    {
        var descriptor = TickitDescriptor(table);
        var printed = await SqlCommandRowsAsync($"select {descriptor.SelectList} from public.{table}", descriptor.Columns);
        // About 17 chunks of any table, so that many small chunks interleave.
        int chunkRows = Math.Max(1, printed.Count / 17);
        var keyOrder = await ChecksumAsync(ChunkOrder.KeyOrder);
        var unordered = await ChecksumAsync(ChunkOrder.Unordered);

        Assert.Equal(printed.Count, unordered.Count);
        Assert.Equal(printed.Hash(), keyOrder.Hash());
        Assert.Equal(printed.Hash(), unordered.Hash());

        async Task<RowChecksum> ChecksumAsync(ChunkOrder order)
        {
            // TICKIT's snapshots have no primary key: OrderBy names the key the chunks split on.
            var options = new SnapshotOptions { ChunkRows = chunkRows, ChunkParallelism = 4, ChunkOrder = order }.OrderBy(key);
            var checksum = new RowChecksum();
            await foreach (object row in TypedRowsAsync(descriptor, options))
            {
                checksum.Add(descriptor.Columns.Select(c => descriptor.RecordType.GetProperty(c.PropertyName)!.GetValue(row)));
            }

            return checksum;
        }
    }

    [Fact]
    public async Task Unordered_chunks_are_the_default_without_order_by_and_start_with_the_first_chunks_first_page()
    {
        // The readings table has a primary key, so ChunkRows needs no OrderBy: unordered is then the default.
        var options = new SnapshotOptions { ChunkRows = 1, ChunkParallelism = 4 };
        await using var reader = await Client.OpenSnapshotAsync(Readings.RedshiftTable.Descriptor, options);
        var ids = new List<long>();
        await foreach (var row in reader.ReadRowsAsync())
        {
            ids.Add(row.Id);
        }

        Assert.Equal(12, reader.StatementCount);
        Assert.Equal(1, ids[0]);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), ids.Order());
        Assert.NotEmpty(reader.Columns);

        var untyped = await Client.OpenSnapshotAsync(new TableReference("public", "sales"),
            new SnapshotOptions { ChunkRows = 4_000, ChunkOrder = ChunkOrder.Unordered, Columns = ["salesid", "qtysold"] }.OrderBy("salesid"));
        await using (untyped)
        {
            var sales = await untyped.ReadRowsAsync().Select(r => r.Get<int>("salesid")).ToListAsync();
            Assert.Equal(["salesid", "qtysold"], untyped.Columns.Select(c => c.Name));
            Assert.Equal(1, sales[0]);
            Assert.Equal(Enumerable.Range(1, SnapshotServerFixture.SalesRows), sales.Order());
        }
    }

    [Fact]
    public async Task A_chunk_that_fails_mid_read_fails_the_unordered_read_with_its_error()
    {
        // Only the rows of a late chunk hold a value that fails to cast: the planning statement and the first chunks succeed.
        await Client.ExecuteAsync("""
            create view public.sales_failing_late as
            select salesid, cast(case when salesid = 97000 then 'not a number' else '1' end as integer) as one from public.sales
            """);
        try
        {
            await using var reader = await Client.OpenSnapshotAsync(new TableReference("public", "sales_failing_late"),
                new SnapshotOptions { ChunkRows = 5_000, ChunkParallelism = 4, ChunkOrder = ChunkOrder.Unordered }.OrderBy("salesid"));
            long rows = 0;
            var error = await Assert.ThrowsAsync<StatementFailedException>(async () =>
            {
                await foreach (var _ in reader.ReadRowsAsync())
                {
                    rows++;
                }
            });

            Assert.Contains("not a number", error.Message);
            Assert.InRange(rows, 1, SnapshotServerFixture.SalesRows - 5_000);
        }
        finally
        {
            await Client.ExecuteAsync("drop view public.sales_failing_late");
        }
    }

    [Fact]
    public async Task Stopping_an_unordered_read_early_cancels_the_running_chunks_and_starts_no_more()
    {
        string name = "early-stop-" + Guid.NewGuid().ToString("N");
        await using (var reader = await Client.OpenSnapshotAsync(TickitDatabase.Public.Sales,
                         new SnapshotOptions { ChunkRows = 2_000, ChunkParallelism = 4, ChunkOrder = ChunkOrder.Unordered, StatementName = name }
                             .OrderBy(Sales.RedshiftTable.Column.Salesid)))
        {
            Assert.Equal(50, reader.StatementCount);
            await foreach (var _ in reader.ReadRowsAsync())
            {
                break;
            }
        }

        var first = await ChunkStatementsAsync(name);
        await Task.Delay(500);
        var later = await ChunkStatementsAsync(name);
        // The first chunk, the ones running when the read stopped, perhaps one starting as it stopped: not the 50.
        Assert.InRange(first.Count, 1, 8);
        Assert.Equal(first.Count, later.Count);
        Assert.All(later, s => Assert.Contains(s.Status!.Value.Value, new[] { "FINISHED", "ABORTED" }));
    }

    private async Task<List<StatementData>> ChunkStatementsAsync(string name)
        => (await Client.DataApi.ListStatementsAsync(new ListStatementsRequest { StatementName = name, Status = StatusString.ALL, MaxResults = 100 }))
            .Statements!;

    [Fact]
    public async Task Chunk_parallelism_out_of_range_is_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Client.OpenSnapshotAsync(TickitDatabase.Public.Sales,
            new SnapshotOptions { ChunkRows = 10, ChunkParallelism = 0 }.OrderBy(Sales.RedshiftTable.Column.Salesid)));
        Assert.Contains("ChunkParallelism must be 1 to 64", error.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(12)]
    [InlineData(50)]
    public async Task Chunks_split_on_a_composite_key_with_filters_and_hostile_key_values(int chunkRows)
    {
        var all = await ReadingsAsync(new SnapshotOptions());
        var expected = all.Where(r => r.Id != 7).OrderBy(r => r.Sensor, StringComparer.Ordinal).ThenBy(r => r.Id).Select(r => r.Id).ToList();

        var rows = await ReadingsAsync(new SnapshotOptions { ChunkRows = chunkRows }.OrderBy(Readings.RedshiftTable.Column.Sensor, Readings.RedshiftTable.Column.Id)
            .Where(Readings.RedshiftTable.Column.Id.NotEqualTo(7)));

        Assert.Equal(expected.Order(), rows.Select(r => r.Id).Order());
        Assert.Equal(expected.Count, rows.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public async Task A_chunked_read_of_no_rows_runs_one_statement_and_untyped_reads_chunk_too()
    {
        await using (var empty = await Client.OpenSnapshotAsync(Readings.RedshiftTable.Descriptor,
                         new SnapshotOptions { ChunkRows = 3 }.Where(Readings.RedshiftTable.Column.Id.GreaterThan(1000))))
        {
            Assert.Equal(1, empty.StatementCount);
            Assert.Equal(0, empty.TotalNumRows);
            await foreach (var _ in empty.ReadRowsAsync())
            {
                Assert.Fail("no row expected");
            }
        }

        await using var untyped = await Client.OpenSnapshotAsync(new TableReference("public", "sales"),
            new SnapshotOptions { ChunkRows = 30_000, Columns = ["salesid"] }.OrderBy("salesid"));
        long rows = 0;
        await foreach (var batch in untyped.ReadBatchesAsync())
        {
            rows += batch.Length;
        }

        Assert.Equal(4, untyped.StatementCount);
        Assert.Equal(SnapshotServerFixture.SalesRows, rows);
    }

    [Fact]
    public async Task Chunking_without_a_key_or_with_a_limit_is_refused_with_the_fix()
    {
        var noKey = await Assert.ThrowsAsync<ArgumentException>(
            () => Client.OpenSnapshotAsync(TickitDatabase.Public.Sales, new SnapshotOptions { ChunkRows = 10 }));
        Assert.Contains("OrderBy", noKey.Message);

        // reading is NULL in a quarter of the rows: such a row would be in no key range, so chunking on it is refused.
        var nullKey = await Assert.ThrowsAsync<InvalidOperationException>(
            () => Client.OpenSnapshotAsync(Readings.RedshiftTable.Descriptor, new SnapshotOptions { ChunkRows = 5 }.OrderBy(Readings.RedshiftTable.Column.Reading, Readings.RedshiftTable.Column.Id)));
        Assert.Contains("3 rows of \"public\".\"readings\" have NULL in a key column (reading, id)", nullKey.Message);

        var withLimit = await Assert.ThrowsAsync<ArgumentException>(
            () => Client.OpenSnapshotAsync(Readings.RedshiftTable.Descriptor, new SnapshotOptions { ChunkRows = 10, Limit = 5 }));
        Assert.Contains("cannot be combined", withLimit.Message);

        var descending = await Assert.ThrowsAsync<ArgumentException>(() => Client.OpenSnapshotAsync(Readings.RedshiftTable.Descriptor,
            new SnapshotOptions { ChunkRows = 10 }.OrderBy(Readings.RedshiftTable.Column.Id.Descending())));
        Assert.Contains("ascending keys", descending.Message);
    }

    [Fact]
    public async Task A_limit_reads_the_first_rows_by_primary_key_every_time()
    {
        var first = await ReadingsAsync(new SnapshotOptions { Limit = 5 });
        var second = await ReadingsAsync(new SnapshotOptions { Limit = 5 });

        Assert.Equal([1L, 2L, 3L, 4L, 5L], first.Select(r => r.Id));
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Typed_filters_compile_to_parameters_and_select_the_matching_rows()
    {
        var all = await ReadingsAsync(new SnapshotOptions());
        
        Assert.Equal(Ids(all.Where(r => r.Reading > 50.5m)),
            Ids(await ReadingsAsync(new SnapshotOptions().Where(Readings.RedshiftTable.Column.Reading.GreaterThan(50.5m)))));
        Assert.Equal(Ids(all.Where(r => r.Id is >= 3 and <= 7)),
            Ids(await ReadingsAsync(new SnapshotOptions().Where(Readings.RedshiftTable.Column.Id.Between(3, 7)))));
        Assert.Equal(Ids(all.Where(r => r.Sensor is "north" or "it's \"quoted\"")),
            Ids(await ReadingsAsync(new SnapshotOptions().Where(Readings.RedshiftTable.Column.Sensor.In("north", "it's \"quoted\"")))));
        Assert.Equal(Ids(all.Where(r => r.Reading is null)),
            Ids(await ReadingsAsync(new SnapshotOptions().Where(Readings.RedshiftTable.Column.Reading.IsNull()))));
        Assert.Equal(Ids(all.Where(r => r.TakenAt >= new DateTime(2024, 1, 5) && r.Ok == true)),
            Ids(await ReadingsAsync(new SnapshotOptions().Where(Readings.RedshiftTable.Column.TakenAt.GreaterThanOrEqualTo(new DateTime(2024, 1, 5)) & Readings.RedshiftTable.Column.Ok.EqualTo(true)))));
        Assert.Equal(Ids(all.Where(r => r.Note == "")),
            Ids(await ReadingsAsync(new SnapshotOptions().Where(Readings.RedshiftTable.Column.Note.EqualTo("")))));
        Assert.Empty(await ReadingsAsync(new SnapshotOptions().Where(Readings.RedshiftTable.Column.Id.In())));
    }

    [Fact]
    public async Task A_hostile_value_is_data_not_sql()
    {
                // One row holds this text as its sensor; as SQL it would match every row.
        var rows = await ReadingsAsync(new SnapshotOptions().Where(Readings.RedshiftTable.Column.Sensor.EqualTo("x' OR '1'='1")));

        Assert.Equal([12L], Ids(rows));
    }

    [Fact]
    public async Task A_raw_where_binds_its_values_as_parameters_and_combines_with_typed_filters()
    {
        var all = await ReadingsAsync(new SnapshotOptions());
        var options = new SnapshotOptions { Limit = 3 }
            .Where("\"sensor\" = :sensor -- a trailing comment cannot swallow the rest", ("sensor", "south"))
            .Where(Readings.RedshiftTable.Column.Id.GreaterThan(2));

        var rows = await ReadingsAsync(options);

        Assert.Equal(Ids(all.Where(r => r.Sensor == "south" && r.Id > 2)).Take(3), rows.Select(r => r.Id));
    }

    [Fact]
    public async Task A_statement_that_fails_names_the_table_and_the_reason()
    {
        var options = new SnapshotOptions().Where("no_such_column = :v", ("v", 1));

        var error = await Assert.ThrowsAsync<StatementFailedException>(() => ReadingsAsync(options));

        Assert.Contains("no_such_column", error.Message);
    }

    [Theory]
    [InlineData("JSON")]
    [InlineData("CSV")]
    public async Task A_projection_reads_its_columns_as_typed_values_in_the_order_named(string format)
    {
        var all = (await ReadingsAsync(new SnapshotOptions())).OrderBy(r => r.Id).ToList();
        var projection = Readings.RedshiftTable.Descriptor.Select(Readings.RedshiftTable.Column.Note, Readings.RedshiftTable.Column.Id);
        await using var reader = await Client.OpenSnapshotAsync(projection,
            new SnapshotOptions { ResultFormat = new ResultFormatString(format) }.OrderBy(Readings.RedshiftTable.Column.Id));
        var rows = new List<(string? Note, long Id)>();
        await foreach (var row in reader.ReadRowsAsync())
        {
            rows.Add(row);
        }

        Assert.Equal(["note", "id"], reader.Columns.Select(c => c.Name));
        Assert.Equal(["note", "id"], reader.SelectedColumns.Select(c => c.Name));
        Assert.DoesNotContain("\"sensor\"", reader.Statement.Statement.Sql);
        Assert.Equal(all.Select(r => (r.Note, r.Id)), rows);
        Assert.Equal(["note", "id"], reader.ArrowSchema.FieldsList.Select(f => f.Name));
    }

    [Fact]
    public async Task Projected_arrow_batches_hold_only_the_projected_columns()
    {
        var batches = new List<Apache.Arrow.RecordBatch>();
        await foreach (var batch in Client.SnapshotBatchesAsync(Readings.RedshiftTable.Descriptor.Select(Readings.RedshiftTable.Column.Reading)))
        {
            batches.Add(batch);
        }

        Assert.All(batches, b => Assert.Equal(["reading"], b.Schema.FieldsList.Select(f => f.Name)));
        Assert.Equal(12, batches.Sum(b => b.Length));
        Assert.Equal(3, batches.Sum(b => b.Column(0).NullCount));
    }

    [Fact]
    public async Task Columns_on_a_typed_read_is_refused_and_points_to_a_projection()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => Client.OpenSnapshotAsync(Readings.RedshiftTable.Descriptor, new SnapshotOptions { Columns = ["reading"] }));
        Assert.Contains("Select(Column.Reading)", error.Message);
        Assert.Contains("made-up values", error.Message);
    }

    [Fact]
    public async Task A_filter_or_an_order_on_another_table_or_an_unknown_column_is_refused()
    {
        var foreign = new SnapshotOptions().Where(RedshiftTyped.IntegrationTests.Generated.Tickit.Public.Sales.RedshiftTable.Column.Salesid.EqualTo(1));
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Client.OpenSnapshotAsync(Readings.RedshiftTable.Descriptor, foreign));
        Assert.Contains("tickit.public.sales", error.Message);

        var foreignOrder = new SnapshotOptions().OrderBy(Sales.RedshiftTable.Column.Salesid);
        error = await Assert.ThrowsAsync<ArgumentException>(() => Client.OpenSnapshotAsync(Readings.RedshiftTable.Descriptor, foreignOrder));
        Assert.Contains("OrderBy names column \"salesid\" of tickit.public.sales, but the snapshot reads dev.public.readings", error.Message);

        var typo = await Assert.ThrowsAsync<ArgumentException>(
            () => Client.OpenSnapshotAsync(Readings.RedshiftTable.Descriptor, new SnapshotOptions().OrderBy("sensr")));
        Assert.Contains("OrderBy names \"sensr\", which dev.public.readings does not have (did you mean sensor?)", typo.Message);
    }

    [Theory]
    [InlineData("JSON")]
    [InlineData("CSV")]
    public async Task Top_sales_by_price_order_descending_on_typed_handles(string format)
    {
        var all = await Client.SnapshotAsync(TickitDatabase.Public.Sales.Select(Sales.RedshiftTable.Column.Salesid, Sales.RedshiftTable.Column.Pricepaid)).ToListAsync();
        var expected = all.Where(s => s.Item2 is not null).OrderByDescending(s => s.Item2).ThenBy(s => s.Item1).Take(10).ToList();

        var options = new SnapshotOptions { Limit = 10, ResultFormat = new ResultFormatString(format) }
            .OrderBy(Sales.RedshiftTable.Column.Pricepaid.Descending(), Sales.RedshiftTable.Column.Salesid)
            .Where(Sales.RedshiftTable.Column.Pricepaid.IsNotNull());
        var top = await Client.SnapshotAsync(TickitDatabase.Public.Sales, options).ToListAsync();

        Assert.Equal(expected, top.Select(s => (s.Salesid, s.Pricepaid)));
        Assert.True(top[0].Pricepaid > top[9].Pricepaid);

        // Without the filter, NULL prices come first, as Redshift sorts them in descending order.
        int nulls = all.Count(s => s.Item2 is null);
        var withNulls = await Client.SnapshotAsync(TickitDatabase.Public.Sales,
            new SnapshotOptions { Limit = nulls + 1, ResultFormat = new ResultFormatString(format) }
                .OrderBy(Sales.RedshiftTable.Column.Pricepaid.Descending(), Sales.RedshiftTable.Column.Salesid)).ToListAsync();
        Assert.All(withNulls.Take(nulls), s => Assert.Null(s.Pricepaid));
        Assert.Equal(expected[0], (withNulls[^1].Salesid, withNulls[^1].Pricepaid));
    }

    [Fact]
    public async Task A_limit_without_a_primary_key_or_an_order_is_refused_naming_both_fixes()
    {
        // TICKIT's tables have no primary key; such a limit would be an arbitrary sample.
        var typed = await Assert.ThrowsAsync<ArgumentException>(
            () => Client.OpenSnapshotAsync(TickitDatabase.Public.Sales, new SnapshotOptions { Limit = 10 }));
        Assert.Contains("Limit = 10 on tickit.public.sales would return an arbitrary sample", typed.Message);
        Assert.Contains(".OrderBy(Column.Salesid)", typed.Message);
        Assert.Contains("ADD PRIMARY KEY", typed.Message);
        Assert.Contains("redshift-typed capture", typed.Message);

        var untyped = await Assert.ThrowsAsync<ArgumentException>(
            () => Client.OpenSnapshotAsync(new TableReference("public", "venue"), new SnapshotOptions { Limit = 10 }));
        Assert.Contains("Limit = 10 on public.venue would return an arbitrary sample", untyped.Message);
        Assert.Contains(".OrderBy(", untyped.Message);
        Assert.Contains("read the compiled table", untyped.Message);

        // Ordered, the same limit is accepted; a table with a primary key orders it by that key.
        Assert.Equal(10, (await Client.SnapshotAsync(TickitDatabase.Public.Sales, new SnapshotOptions { Limit = 10 }.OrderBy(Sales.RedshiftTable.Column.Salesid)).ToListAsync()).Count);
        Assert.Equal(3, (await ReadingsAsync(new SnapshotOptions { Limit = 3 })).Count);
    }

    [Fact]
    public async Task Untyped_order_and_column_names_are_checked_against_describe_table_before_the_statement_runs()
    {
        var order = await Assert.ThrowsAsync<ArgumentException>(
            () => Client.OpenSnapshotAsync(new TableReference("public", "venue"), new SnapshotOptions { Limit = 5 }.OrderBy("venuid")));
        Assert.Contains("OrderBy names \"venuid\", which public.venue does not have (did you mean venueid?)", order.Message);
        Assert.Contains("Its columns: venueid, venuename", order.Message);

        var columns = await Assert.ThrowsAsync<ArgumentException>(
            () => Client.OpenSnapshotAsync(new TableReference("public", "venue"), new SnapshotOptions { Columns = ["venuename", "seats"] }));
        Assert.Contains("Columns names \"seats\"", columns.Message);
        Assert.Contains("venueseats", columns.Message);

        var rows = await Client.SnapshotAsync(new TableReference("public", "venue"),
            new SnapshotOptions { Limit = 3 }.OrderBy(ColumnOrder.Descending("venueseats"), "venueid")
                .Where(SnapshotFilter.Column("venueseats").IsNotNull())).ToListAsync();
        Assert.Equal(3, rows.Count);
        Assert.True(rows[0].Get<int?>("venueseats") >= rows[2].Get<int?>("venueseats"));
    }

    [Fact]
    public async Task Untyped_rows_come_from_column_metadata_with_the_same_options()
    {
        var options = new SnapshotOptions { Limit = 4, Columns = ["id", "sensor", "reading"] }.OrderBy("id")
            .Where(SnapshotFilter.Column("id").GreaterThan(1L));
        await using var reader = await Client.OpenSnapshotAsync(new TableReference("public", "readings"), options);
        var rows = new List<RedshiftRow>();
        await foreach (var row in reader.ReadRowsAsync())
        {
            rows.Add(row);
        }

        Assert.Equal(["id", "sensor", "reading"], reader.Columns.Select(c => c.Name));
        Assert.Equal([2L, 3L, 4L, 5L], rows.Select(r => r.Get<long>("id")));
        Assert.IsType<string>(rows[0]["sensor"]);
        Assert.Equal(["id", "sensor", "reading"], reader.ArrowSchema.FieldsList.Select(f => f.Name));
        Assert.False(string.IsNullOrEmpty(reader.StatementId));
    }

    [Fact]
    public async Task Typed_and_untyped_arrow_batches_share_the_generated_schema_and_hold_every_row()
    {
        var typedRows = 0;
        await foreach (var batch in Client.SnapshotBatchesAsync(TickitDatabase.Public.Sales))
        {
            Assert.Same(TickitDatabase.Public.Sales.ArrowSchema, batch.Schema);
            typedRows += batch.Length;
        }

        var untypedRows = 0;
        await using var reader = await Client.OpenSnapshotAsync(new TableReference("public", "sales"));
        await foreach (var batch in reader.ReadBatchesAsync())
        {
            untypedRows += batch.Length;
        }

        Assert.Equal(SnapshotServerFixture.SalesRows, typedRows);
        Assert.Equal(SnapshotServerFixture.SalesRows, untypedRows);
        Assert.Equal(
            TickitDatabase.Public.Sales.ArrowSchema.FieldsList.Select(f => (f.Name, f.DataType.TypeId, f.DataType.Name)),
            reader.ArrowSchema.FieldsList.Select(f => (f.Name, f.DataType.TypeId, f.DataType.Name)));
    }

    [Fact]
    public async Task A_reader_gives_the_statement_and_total_before_the_rows_and_streams_them_once()
    {
        await using var reader = await Client.OpenSnapshotAsync(TickitDatabase.Public.Sales);
        Assert.Equal(SnapshotServerFixture.SalesRows, reader.TotalNumRows);
        Assert.Contains("FROM \"public\".\"sales\"", reader.Statement.Statement.Sql);

        long rows = 0;
        await foreach (var _ in reader.ReadRowsAsync())
        {
            rows++;
        }

        Assert.Equal(SnapshotServerFixture.SalesRows, rows);
        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var _ in reader.ReadRowsAsync())
            {
            }
        });
    }

    private static long[] Ids(IEnumerable<Readings> rows) => rows.Select(r => r.Id).Order().ToArray();

    private async Task<List<Readings>> ReadingsAsync(SnapshotOptions options)
    {
        var rows = new List<Readings>();
        await foreach (var row in Client.SnapshotAsync(Readings.RedshiftTable.Descriptor, options))
        {
            rows.Add(row);
        }

        return rows;
    }

    private async IAsyncEnumerable<object> TypedRowsAsync(TableDescriptor descriptor, SnapshotOptions options)
    {
        // SnapshotAsync<TRecord> for a descriptor known only at run time.
        var method = typeof(RedshiftClient).GetMethods()
            .Single(m => m.Name == nameof(RedshiftClient.SnapshotAsync) && m.IsGenericMethodDefinition && m.GetGenericArguments().Length == 1)
            .MakeGenericMethod(descriptor.RecordType);
        var rows = (IAsyncEnumerable<object>)method.Invoke(Client, [descriptor, options, CancellationToken.None])!;
        await foreach (var row in rows)
        {
            yield return row;
        }
    }

    private static TableDescriptor TickitDescriptor(string table)
        => (TableDescriptor)typeof(TickitDatabase.Public).GetProperty(char.ToUpperInvariant(table[0]) + table[1..], BindingFlags.Public | BindingFlags.Static)!
            .GetValue(null)!;

    private async Task<RowChecksum> SqlCommandRowsAsync(string sql, IReadOnlyList<ColumnDescriptor> columns)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = await ToolApp.RunAsync(
            ["sql", "--endpoint", fixture.Server.Server.Endpoint.ToString(), "--database", fixture.Server.Server.Database, "--format", "csv", sql],
            new ToolConsole(output, error));
        Assert.True(exit == 0, error.ToString());
        var checksum = new RowChecksum();
        foreach (var fields in CsvRecordReader.Read(output.ToString()).Skip(1))
        {
            checksum.AddText(columns, fields);
        }

        return checksum;
    }
}

/// <summary>The TICKIT sample plus a <c>readings</c> table with a primary key and awkward values.</summary>
public abstract class SnapshotServerFixture(TestBackend backend) : IAsyncLifetime
{
    public const int SalesRows = 100_000;

    public TestServer Server { get; private set; } = null!;

    public RedshiftClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await TestServer.StartAsync(backend, o => { o.Sample = "tickit"; o.PageMaxBytes = 256 * 1024; });
        Client = Server.Client();
        await ReadingsTable.CreateAsync(Client);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>The <c>readings</c> table of Snapshots/dev/public/readings.json, with rows in an order its key does not have.</summary>
internal static class ReadingsTable
{
    public const string Ddl = """
        create table public.readings (
            id bigint not null primary key,
            sensor varchar(32) not null,
            reading numeric(12,3),
            taken_at timestamp not null,
            taken_at_tz timestamptz,
            day date,
            ok boolean,
            note varchar(256))
        """;

    public static async Task CreateAsync(RedshiftClient client)
    {
        await client.ExecuteAsync(Ddl);
        var sensors = new[] { "north", "south", "it's \"quoted\"", "x' OR '1'='1" };
        // Inserted in reverse so that reading in key order has to be asked for.
        for (int id = 12; id >= 1; id--)
        {
            var statement = new SqlStatement(
                "insert into public.readings values (:id, :sensor, " + (id % 4 == 0 ? "null" : ":reading") +
                ", :taken, :taken_tz, :day, " + (id % 3 == 0 ? "null" : ":ok") + ", " + (id % 5 == 0 ? "''" : ":note") + ")")
                .WithParameter("id", (long)id)
                .WithParameter("sensor", id == 12 ? sensors[3] : sensors[id % 3])
                .WithParameter("taken", new DateTime(2024, 1, id, 8, 30, 15).AddTicks(id * 10))
                .WithParameter("taken_tz", new DateTimeOffset(2024, 1, id, 8, 30, 15, TimeSpan.FromHours(2)))
                .WithParameter("day", new DateOnly(2024, 2, id));
            if (id % 4 != 0) statement.WithParameter("reading", id * 10.125m);
            if (id % 3 != 0) statement.WithParameter("ok", id % 2 == 0);
            if (id % 5 != 0) statement.WithParameter("note", $"note {id}");
            await client.ExecuteAsync(statement);
        }
    }
}

public sealed class DuckDbSnapshotServerFixture() : SnapshotServerFixture(TestBackend.DuckDb);

public sealed class PostgresSnapshotServerFixture() : SnapshotServerFixture(TestBackend.Postgres);

public sealed class DuckDbSnapshotReadTests(DuckDbSnapshotServerFixture fixture)
    : SnapshotReadTests(fixture), IClassFixture<DuckDbSnapshotServerFixture>;

public sealed class PostgresSnapshotReadTests(PostgresSnapshotServerFixture fixture)
    : SnapshotReadTests(fixture), IClassFixture<PostgresSnapshotServerFixture>;
