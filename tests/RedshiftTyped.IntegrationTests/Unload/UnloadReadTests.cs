using System.Reflection;
using System.Text;
using RedshiftTyped.Execution;
using RedshiftTyped.IntegrationTests.Generated.Tickit;
using RedshiftTyped.IntegrationTests.Reading;
using RedshiftTyped.Reading;
using RedshiftTyped.Typed;
using AllTypes = RedshiftTyped.IntegrationTests.Generated.Dev.Public.AllTypes;
using Sales = RedshiftTyped.IntegrationTests.Generated.Tickit.Public.Sales;

namespace RedshiftTyped.IntegrationTests.Unload;

/// <summary>
/// Snapshots through <c>UNLOAD … FORMAT AS PARQUET</c> to moto's S3 server, on both backends: the same rows as the Data
/// API reads (count and checksum, typed and untyped), filter values as literals that stay values, the run's folder
/// cleaned up and nothing else, a non-empty prefix refused, missing or truncated files caught by the manifest, and S3
/// faults retried.
/// </summary>
public abstract class UnloadReadTests(UnloadServerFixture fixture)
{
    private RedshiftClient Client => fixture.Client;

    public static TheoryData<string> TickitTables => new() { "category", "date", "event", "listing", "sales", "users", "venue" };

    [Theory]
    [MemberData(nameof(TickitTables))]
    public async Task Typed_and_untyped_unload_reads_of_tickit_equal_the_data_api_reads(string table)
    {
        var descriptor = (TableDescriptor)typeof(TickitDatabase.Public)
            .GetProperty(char.ToUpperInvariant(table[0]) + table[1..], BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

        var dataApi = await TypedChecksumAsync(descriptor, new SnapshotOptions());
        var unload = await TypedChecksumAsync(descriptor, new SnapshotOptions { Transport = SnapshotTransport.Unload, Unload = fixture.Unload() });
        var untypedDataApi = await UntypedChecksumAsync(new TableReference("public", table), new SnapshotOptions());
        var untypedUnload = await UntypedChecksumAsync(new TableReference("public", table),
            new SnapshotOptions { Transport = SnapshotTransport.Unload, Unload = fixture.Unload() });

        Assert.True(dataApi.Count > 0);
        Assert.Equal(dataApi.Count, unload.Count);
        Assert.Equal(dataApi.Hash(), unload.Hash());
        Assert.Equal(dataApi.Count, untypedUnload.Count);
        Assert.Equal(untypedDataApi.Hash(), untypedUnload.Hash());
        Assert.Equal(dataApi.Hash(), untypedUnload.Hash());
    }

    [Fact]
    public async Task Every_type_reads_the_same_by_unload_as_by_the_data_api_typed_untyped_and_as_arrow()
    {
        var descriptor = AllTypes.RedshiftTable.Descriptor;
        var unloadOptions = new SnapshotOptions { Transport = SnapshotTransport.Unload, Unload = fixture.Unload() };
        var dataApi = await TypedChecksumAsync(descriptor, new SnapshotOptions());
        var unload = await TypedChecksumAsync(descriptor, unloadOptions);
        var untypedDataApi = await UntypedChecksumAsync(new TableReference("public", "all_types"), new SnapshotOptions());
        var untypedUnload = await UntypedChecksumAsync(new TableReference("public", "all_types"),
            new SnapshotOptions { Transport = SnapshotTransport.Unload, Unload = fixture.Unload() });

        Assert.Equal(3, unload.Count);
        AssertSameRows(dataApi, unload);
        Assert.Equal(dataApi.Hash(), unload.Hash());
        Assert.Equal(3, untypedUnload.Count);
        AssertSameRows(untypedDataApi, untypedUnload);
        Assert.Equal(untypedDataApi.Hash(), untypedUnload.Hash());

        // Arrow batches of the UNLOAD read carry the generated schema and the same values.
        var rows = 0;
        await foreach (var batch in Client.SnapshotBatchesAsync(descriptor, new SnapshotOptions { Transport = SnapshotTransport.Unload, Unload = fixture.Unload() }))
        {
            Assert.Same(descriptor.ArrowSchema, batch.Schema);
            rows += batch.Length;
        }

        Assert.Equal(3, rows);
    }

    [Fact]
    public async Task Auto_switches_to_unload_when_the_data_api_reports_its_size_cap_and_names_both_fixes_without_s3()
    {
        // A server whose Data API results are capped at 1 KB: all_types' three rows are more.
        await using var capped = await TestServer.StartAsync(fixture.Backend, o =>
        {
            o.InitSqlFiles.Clear();
            o.S3Endpoint = fixture.S3.Endpoint;
            o.ResultSizeLimitBytes = 1024;
        });
        using var client = capped.Client(o => o.S3Endpoint = fixture.S3.Endpoint);
        await AllTypesTable.CreateAsync(client);
        var descriptor = AllTypes.RedshiftTable.Descriptor;

        var plain = await Assert.ThrowsAsync<StatementFailedException>(() => client.SnapshotAsync(descriptor).CountAsync().AsTask());
        Assert.Contains("exceeded size limit", plain.Message);

        var auto = new SnapshotOptions { Transport = SnapshotTransport.Auto, Unload = fixture.Unload() };
        await using (var reader = await client.OpenSnapshotAsync(descriptor, auto))
        {
            Assert.StartsWith("UNLOAD (", reader.Statement.Statement.Sql, StringComparison.Ordinal);
        }

        var typed = await TypedChecksumAsync(descriptor, new SnapshotOptions { Transport = SnapshotTransport.Auto, Unload = fixture.Unload() }, client);
        Assert.Equal((await TypedChecksumAsync(descriptor, new SnapshotOptions())).Hash(), typed.Hash());
        var untyped = new RowChecksum();
        await foreach (var row in client.SnapshotAsync(new TableReference("public", "all_types"),
                           new SnapshotOptions { Transport = SnapshotTransport.Auto, Unload = fixture.Unload() }))
        {
            untyped.Add(row);
        }

        Assert.Equal((await UntypedChecksumAsync(new TableReference("public", "all_types"), new SnapshotOptions())).Hash(), untyped.Hash());

        var noS3 = await Assert.ThrowsAsync<InvalidOperationException>(
            () => client.SnapshotAsync(descriptor, new SnapshotOptions { Transport = SnapshotTransport.Auto }).CountAsync().AsTask());
        Assert.Contains("Database response exceeded size limit", noS3.Message);
        Assert.Contains("UnloadOptions", noS3.Message);
        Assert.Contains("ChunkRows", noS3.Message);
    }

    [Fact]
    public async Task Auto_reads_by_unload_above_the_row_threshold_and_by_the_data_api_below_it()
    {
        var descriptor = AllTypes.RedshiftTable.Descriptor;
        await using (var above = await Client.OpenSnapshotAsync(descriptor,
                         new SnapshotOptions { Transport = SnapshotTransport.Auto, AutoUnloadRows = 2, Unload = fixture.Unload() }))
        {
            Assert.StartsWith("UNLOAD (", above.Statement.Statement.Sql, StringComparison.Ordinal);
            Assert.Equal(3, await above.ReadRowsAsync().CountAsync());
        }

        await using (var below = await Client.OpenSnapshotAsync(descriptor,
                         new SnapshotOptions { Transport = SnapshotTransport.Auto, AutoUnloadRows = 3, Unload = fixture.Unload() }))
        {
            Assert.StartsWith("SELECT ", below.Statement.Statement.Sql, StringComparison.Ordinal);
            Assert.Equal(3, await below.ReadRowsAsync().CountAsync());
        }

        await using var untyped = await Client.OpenSnapshotAsync(new TableReference("public", "all_types"),
            new SnapshotOptions { Transport = SnapshotTransport.Auto, AutoUnloadRows = 2, Unload = fixture.Unload() });
        Assert.StartsWith("UNLOAD (", untyped.Statement.Statement.Sql, StringComparison.Ordinal);
        Assert.Equal(3, await untyped.ReadRowsAsync().CountAsync());
    }

    [Fact]
    public async Task Hostile_filter_values_are_written_as_literals_that_stay_values()
    {
        var values = UnloadServerFixture.HostileValues;
        for (int i = 0; i < values.Length; i++)
        {
            var options = new SnapshotOptions { Transport = SnapshotTransport.Unload, Unload = fixture.Unload() }
                .Where(SnapshotFilter.Column("s").EqualTo(values[i]));
            await using var reader = await Client.OpenSnapshotAsync(new TableReference("public", "hostile"), options);
            var rows = await reader.ReadRowsAsync().ToListAsync();

            Assert.True(rows.Count == 1, $"value {i} ({values[i]}) matched {rows.Count} rows");
            Assert.Equal(i, rows[0].Get<int>("id"));
            Assert.Equal(values[i], rows[0].Get<string>("s"));
            Assert.DoesNotContain(":rtf_", reader.Statement.Statement.Sql, StringComparison.Ordinal);
            Assert.StartsWith("UNLOAD (", reader.Statement.Statement.Sql, StringComparison.Ordinal);
        }

        // All of them at once, in an IN list, and as non-matches.
        var all = await Client.SnapshotAsync(new TableReference("public", "hostile"),
            new SnapshotOptions { Transport = SnapshotTransport.Unload, Unload = fixture.Unload() }.Where(SnapshotFilter.Column("s").In(values))).ToListAsync();
        Assert.Equal(values.Length, all.Count);
        var none = await Client.SnapshotAsync(new TableReference("public", "hostile"),
            new SnapshotOptions { Transport = SnapshotTransport.Unload, Unload = fixture.Unload() }.Where(SnapshotFilter.Column("s").NotIn(values))).ToListAsync();
        Assert.Empty(none);
    }

    [Fact]
    public async Task A_raw_where_with_parameters_is_refused_in_unload_mode_saying_why()
    {
        var options = new SnapshotOptions { Transport = SnapshotTransport.Unload, Unload = fixture.Unload() }.Where("\"s\" = :s", ("s", "it's"));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Client.OpenSnapshotAsync(new TableReference("public", "hostile"), options));

        Assert.Contains("UNLOAD's query is a string literal", error.Message);
        Assert.Contains("Transport = SnapshotTransport.DataApi", error.Message);
    }

    [Fact]
    public async Task The_run_folder_is_deleted_after_the_read_unless_kept_and_nothing_else_is()
    {
        string prefix = "cleanup-" + Guid.NewGuid().ToString("N");
        using (var s3 = fixture.S3.Client())
        {
            await s3.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = fixture.Bucket, Key = prefix + "/keep-me.txt", ContentBody = "mine" });
            await s3.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = fixture.Bucket, Key = prefix + "-sibling/also-mine.txt", ContentBody = "mine" });
        }

        var read = await Client.SnapshotAsync(TickitDatabase.Public.Sales, new SnapshotOptions
        {
            Transport = SnapshotTransport.Unload,
            Unload = fixture.Unload(prefix, allowNonEmpty: true),
        }).CountAsync();
        Assert.Equal(SnapshotServerFixture.SalesRows, read);
        Assert.Equal([prefix + "/keep-me.txt"], await fixture.S3.KeysAsync(fixture.Bucket, prefix + "/"));
        Assert.Equal([prefix + "-sibling/also-mine.txt"], await fixture.S3.KeysAsync(fixture.Bucket, prefix + "-"));

        string kept = "kept-" + Guid.NewGuid().ToString("N");
        await using (var reader = await Client.OpenSnapshotAsync(TickitDatabase.Public.Sales,
                         new SnapshotOptions { Transport = SnapshotTransport.Unload, Unload = fixture.Unload(kept, keep: true) }))
        {
            Assert.Equal(SnapshotServerFixture.SalesRows, await reader.ReadRowsAsync().CountAsync());
        }

        var keys = await fixture.S3.KeysAsync(fixture.Bucket, kept + "/");
        Assert.Contains(keys, k => k.EndsWith("/manifest", StringComparison.Ordinal));
        Assert.Contains(keys, k => k.EndsWith(".parquet", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_prefix_that_holds_objects_is_refused_and_left_alone()
    {
        string prefix = "busy-" + Guid.NewGuid().ToString("N");
        using (var s3 = fixture.S3.Client())
        {
            await s3.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = fixture.Bucket, Key = prefix + "/data.csv", ContentBody = "1,2" });
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Client.OpenSnapshotAsync(TickitDatabase.Public.Category,
            new SnapshotOptions { Transport = SnapshotTransport.Unload, Unload = fixture.Unload(prefix) }));

        Assert.Contains("already holds 1 object(s)", error.Message);
        Assert.Contains("AllowNonEmptyPrefix", error.Message);
        Assert.Equal([prefix + "/data.csv"], await fixture.S3.KeysAsync(fixture.Bucket, prefix + "/"));
    }

    [Fact]
    public async Task A_file_the_manifest_lists_but_s3_lacks_fails_the_read_with_ResultIntegrityException()
    {
        fixture.Proxy.Tamper = (method, path, body) => method == "GET" && path.EndsWith(".parquet", StringComparison.Ordinal)
            ? S3FaultProxy.NotFound : body;
        try
        {
            var error = await Assert.ThrowsAsync<ResultIntegrityException>(() => ProxiedSalesAsync());
            Assert.Contains("which S3 does not have", error.Message);
        }
        finally
        {
            fixture.Proxy.Tamper = null;
        }
    }

    [Fact]
    public async Task A_manifest_missing_an_entry_fails_the_read_with_ResultIntegrityException()
    {
        fixture.Proxy.Tamper = (method, path, body) => method == "GET" && path.EndsWith("/manifest", StringComparison.Ordinal) ? DropLastEntry(body!) : body;
        try
        {
            var error = await Assert.ThrowsAsync<ResultIntegrityException>(() => ProxiedSalesAsync());
            Assert.Contains("manifest announced 100000 rows but its files held", error.Message);
        }
        finally
        {
            fixture.Proxy.Tamper = null;
        }
    }

    [Fact]
    public async Task A_truncated_file_fails_the_read_with_ResultIntegrityException()
    {
        fixture.Proxy.Tamper = (method, path, body) => method == "GET" && path.EndsWith(".parquet", StringComparison.Ordinal) ? body![..(body!.Length / 2)] : body;
        try
        {
            var error = await Assert.ThrowsAsync<ResultIntegrityException>(() => ProxiedSalesAsync());
            Assert.Contains("the file is truncated or was replaced", error.Message);
        }
        finally
        {
            fixture.Proxy.Tamper = null;
        }
    }

    [Fact]
    public async Task S3_server_errors_and_connection_resets_are_retried()
    {
        fixture.Proxy.FaultEvery = 3;
        int errors = fixture.Proxy.ServerErrors, resets = fixture.Proxy.Resets;
        try
        {
            var descriptor = TickitDatabase.Public.Sales;
            var unload = await TypedChecksumAsync(descriptor, new SnapshotOptions { Transport = SnapshotTransport.Unload, Unload = fixture.Unload() }, fixture.ProxiedClient);
            fixture.Proxy.FaultEvery = 0;
            var dataApi = await TypedChecksumAsync(descriptor, new SnapshotOptions());

            Assert.Equal(dataApi.Hash(), unload.Hash());
            Assert.True(fixture.Proxy.ServerErrors > errors, "no 503 was injected");
            Assert.True(fixture.Proxy.Resets > resets, "no reset was injected");
        }
        finally
        {
            fixture.Proxy.FaultEvery = 0;
        }
    }

    [Fact]
    public async Task Files_decoded_on_their_own_threads_give_each_row_once()
    {
        // One file per slice (three) and two decode threads taking them as they come: one thread reads two files.
        var options = new UnloadOptions { S3Prefix = fixture.Unload().S3Prefix, IamRole = fixture.Unload().IamRole, DownloadParallelism = 2 };
        var ids = new HashSet<int>();
        int rows = 0;
        await foreach (var sale in Client.SnapshotAsync(TickitDatabase.Public.Sales, new SnapshotOptions { Transport = SnapshotTransport.Unload, Unload = options }))
        {
            rows++;
            Assert.True(ids.Add(sale.Salesid), $"salesid {sale.Salesid} was read twice");
        }

        Assert.Equal(SnapshotServerFixture.SalesRows, rows);
        Assert.Equal(SnapshotServerFixture.SalesRows, ids.Count);
    }

    [Fact]
    public async Task A_read_stopped_part_way_ends_its_decode_threads_and_deletes_its_run_folder()
    {
        // Stopped by the caller's token while the decode threads wait on a full page channel: the read ends canceled, and its
        // folder is deleted, which the read does only once every decode thread has ended.
        string canceled = "stop-" + Guid.NewGuid().ToString("N");
        using (var stop = new CancellationTokenSource())
        {
            int seen = 0;
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            {
                await foreach (var _ in Client.SnapshotAsync(TickitDatabase.Public.Sales,
                                   new SnapshotOptions { Transport = SnapshotTransport.Unload, Unload = fixture.Unload(canceled) }, stop.Token))
                {
                    if (++seen == 1)
                    {
                        await Task.Delay(200);
                        await stop.CancelAsync();
                    }
                }
            }).WaitAsync(TimeSpan.FromSeconds(60));
            Assert.InRange(seen, 1, SnapshotServerFixture.SalesRows - 1);
        }

        Assert.Empty(await fixture.S3.KeysAsync(fixture.Bucket, canceled + "/"));

        // Left by the caller after one row (the enumerator disposed): the same.
        string left = "leave-" + Guid.NewGuid().ToString("N");
        await foreach (var _ in Client.SnapshotAsync(TickitDatabase.Public.Sales,
                           new SnapshotOptions { Transport = SnapshotTransport.Unload, Unload = fixture.Unload(left) }).WithCancellation(CancellationToken.None))
        {
            break;
        }

        Assert.Empty(await fixture.S3.KeysAsync(fixture.Bucket, left + "/"));

        // And the client reads the whole table afterwards.
        Assert.Equal(SnapshotServerFixture.SalesRows, await Client.SnapshotAsync(TickitDatabase.Public.Sales,
            new SnapshotOptions { Transport = SnapshotTransport.Unload, Unload = fixture.Unload() }).CountAsync());
    }

    [Fact]
    public async Task A_file_parquet_cannot_read_fails_on_its_decode_thread_with_the_one_line_ResultIntegrityException()
    {
        // The right length but not Parquet: the failure is Parquet.Net's, thrown on a decode thread, and reaches the caller
        // as the one-line ResultIntegrityException it was before the decode moved off the thread pool.
        fixture.Proxy.Tamper = (method, path, body) => method == "GET" && path.EndsWith(".parquet", StringComparison.Ordinal)
            ? Enumerable.Repeat((byte)'x', body!.Length).ToArray() : body;
        try
        {
            var error = await Assert.ThrowsAsync<ResultIntegrityException>(() => ProxiedSalesAsync());
            Assert.Contains("is not a Parquet file UNLOAD wrote", error.Message);
            Assert.DoesNotContain('\n', error.Message);
        }
        finally
        {
            fixture.Proxy.Tamper = null;
        }
    }

    /// <summary>Equal rows, or a failure that names the first value that differs.</summary>
    private static void AssertSameRows(RowChecksum expected, RowChecksum actual)
    {
        var left = expected.SortedRows();
        var right = actual.SortedRows();
        Assert.Equal(left.Count, right.Count);
        for (int r = 0; r < left.Count; r++)
        {
            var a = left[r].Split('\u001f');
            var b = right[r].Split('\u001f');
            for (int c = 0; c < Math.Max(a.Length, b.Length); c++)
            {
                Assert.True(c < a.Length && c < b.Length && a[c] == b[c],
                    $"row {r} field {c}: Data API {(c < a.Length ? a[c] : "-")}, UNLOAD {(c < b.Length ? b[c] : "-")}");
            }
        }
    }

    private Task<int> ProxiedSalesAsync() => fixture.ProxiedClient.SnapshotAsync(TickitDatabase.Public.Sales,
        new SnapshotOptions { Transport = SnapshotTransport.Unload, Unload = fixture.Unload() }).CountAsync().AsTask();

    private static byte[] DropLastEntry(byte[] manifest)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(manifest)!;
        var entries = json["entries"]!.AsArray();
        entries.RemoveAt(entries.Count - 1);
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    internal static async Task<RowChecksum> TypedChecksumAsync(TableDescriptor descriptor, SnapshotOptions options, RedshiftClient client)
    {
        // SnapshotAsync<TRecord> for a descriptor known only at run time.
        var method = typeof(RedshiftClient).GetMethods()
            .Single(m => m.Name == nameof(RedshiftClient.SnapshotAsync) && m.IsGenericMethodDefinition && m.GetGenericArguments().Length == 1)
            .MakeGenericMethod(descriptor.RecordType);
        var rows = (IAsyncEnumerable<object>)method.Invoke(client, [descriptor, options, CancellationToken.None])!;
        var checksum = new RowChecksum();
        await foreach (var row in rows)
        {
            checksum.Add(descriptor.Columns.Select(c => descriptor.RecordType.GetProperty(c.PropertyName)!.GetValue(row)));
        }

        return checksum;
    }

    private Task<RowChecksum> TypedChecksumAsync(TableDescriptor descriptor, SnapshotOptions options) => TypedChecksumAsync(descriptor, options, Client);

    private async Task<RowChecksum> UntypedChecksumAsync(TableReference table, SnapshotOptions options)
    {
        var checksum = new RowChecksum();
        await foreach (var row in Client.SnapshotAsync(table, options))
        {
            checksum.Add(row);
        }

        return checksum;
    }
}

public sealed class DuckDbUnloadReadTests(DuckDbUnloadServerFixture fixture)
    : UnloadReadTests(fixture), IClassFixture<DuckDbUnloadServerFixture>;

public sealed class PostgresUnloadReadTests(PostgresUnloadServerFixture fixture)
    : UnloadReadTests(fixture), IClassFixture<PostgresUnloadServerFixture>;
