using RedshiftTyped.Execution;

namespace RedshiftTyped.IntegrationTests.Unload;

/// <summary>
/// The local server's UNLOAD itself, through the real client, on both backends, writing to moto's S3 server: files and
/// a MANIFEST VERBOSE that add up, <c>pg_last_unload_count()</c> in the same session, a non-empty destination refused
/// in Redshift's words, and Redshift-like failures for a missing IAM_ROLE, a bad S3 URL, an unreachable endpoint, and a
/// server started without an S3 endpoint.
/// </summary>
public abstract class UnloadStatementTests(UnloadServerFixture fixture)
{
    private RedshiftClient Client => fixture.Client;

    private string Target() => $"s3://{fixture.Bucket}/statement-{Guid.NewGuid():N}/";

    [Fact]
    public async Task Unload_writes_files_and_a_verbose_manifest_and_the_session_reads_its_count()
    {
        string target = Target();
        var unload = await Client.ExecuteAsync(new SqlStatement(
            $"unload ('select * from public.venue where venuestate = ''NY''') to '{target}' iam_role default format as parquet manifest verbose")
        {
            SessionKeepAliveSeconds = 60,
        });
        long expected = await ScalarAsync("select count(*) from public.venue where venuestate = 'NY'");
        var count = await Client.ExecuteAsync(new SqlStatement("select pg_last_unload_count()") { SessionId = unload.SessionId });
        long reported = 0;
        await foreach (var row in Client.QueryAsync(new SqlStatement("select pg_last_unload_count()") { SessionId = unload.SessionId }))
        {
            reported = Convert.ToInt64(row[0], System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.True(expected > 0);
        Assert.Equal(expected, reported);
        Assert.NotNull(count.Id);
        string prefix = target[$"s3://{fixture.Bucket}/".Length..];
        var keys = await fixture.S3.KeysAsync(fixture.Bucket, prefix);
        Assert.Contains(prefix + "manifest", keys);
        Assert.Contains(keys, k => k.EndsWith(".parquet", StringComparison.Ordinal));

        using var s3 = fixture.S3.Client();
        using var response = await s3.GetObjectAsync(fixture.Bucket, prefix + "manifest");
        using var manifest = await System.Text.Json.JsonDocument.ParseAsync(response.ResponseStream);
        var entries = manifest.RootElement.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(keys.Count(k => k.EndsWith(".parquet", StringComparison.Ordinal)), entries.Count);
        Assert.Equal(expected, entries.Sum(e => e.GetProperty("meta").GetProperty("record_count").GetInt64()));
        Assert.Equal(expected, manifest.RootElement.GetProperty("meta").GetProperty("record_count").GetInt64());
        Assert.Contains("venueid", manifest.RootElement.GetProperty("schema").GetRawText(), StringComparison.Ordinal);

        // The same destination again: refused in Redshift's words, then accepted with ALLOWOVERWRITE.
        var again = await Assert.ThrowsAsync<StatementFailedException>(() => Client.ExecuteAsync(
            $"unload ('select * from public.venue') to '{target}' iam_role default format parquet"));
        Assert.Contains("Specified unload destination on S3 is not empty", again.Message);
        await Client.ExecuteAsync($"unload ('select * from public.venue') to '{target}' iam_role default format parquet allowoverwrite");
    }

    [Fact]
    public async Task Unload_of_a_query_in_redshift_sql_writes_what_that_select_returns()
    {
        // DECODE, NVL2 and a Redshift-only cast run on neither engine as written: the query goes through the dialect layer
        // exactly as the SELECT does, so the files hold the SELECT's rows under its column names.
        const string Query = "select cast(venueid as varchar(10)) as id, decode(venuestate, 'NY', 'New York', 'CA', 'California', 'elsewhere') as state_name, " +
                             "nvl2(venueseats, 'seated', 'unknown') as seating from public.venue where venueid <= 40";
        var expected = new List<string>();
        await foreach (var row in Client.QueryAsync(Query))
        {
            expected.Add(string.Join('|', row[0], row[1], row[2]));
        }

        string target = Target();
        await Client.ExecuteAsync($"unload ('{Query.Replace("'", "''", StringComparison.Ordinal)}') to '{target}' iam_role default format parquet");

        var actual = new List<string>();
        await foreach (var reader in UnloadedFilesAsync(target))
        {
            var fields = reader.Schema.GetDataFields();
            Assert.Equal(["id", "state_name", "seating"], fields.Select(f => f.Name));
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                int rows = checked((int)group.RowCount);
                var columns = new string?[fields.Length][];
                for (int c = 0; c < fields.Length; c++)
                {
                    columns[c] = new string?[rows];
                    await group.ReadAsync(fields[c], columns[c].AsMemory());
                }

                actual.AddRange(Enumerable.Range(0, rows).Select(r => string.Join('|', columns[0][r], columns[1][r], columns[2][r])));
            }
        }

        Assert.True(expected.Count > 10);
        Assert.Contains(expected, r => r.Contains("|New York|", StringComparison.Ordinal));
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Unload_of_rows_of_64_kb_cuts_row_groups_at_32_mb_not_past_it()
    {
        // 600 rows of 64 KB are 38 MB: Redshift's 32 MB row groups (r_UNLOAD.md) take at most 512 of them. Checking the size
        // every 1,024 rows (round 19) wrote all 600 in one row group.
        string target = Target();
        await Client.ExecuteAsync(
            $"unload ('select g as id, repeat(''x'', 65535) as wide from generate_series(1, 600) as t(g)') to '{target}' iam_role default format parquet");

        var groupRows = new List<long>();
        await foreach (var reader in UnloadedFilesAsync(target))
        {
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                groupRows.Add(group.RowCount);
            }
        }

        Assert.Equal(600, groupRows.Sum());
        Assert.All(groupRows, rows => Assert.InRange(rows, 1, 512));
    }

    /// <summary>Each Parquet file the UNLOAD wrote under <paramref name="target"/>, downloaded from moto's S3 and opened.</summary>
    private async IAsyncEnumerable<Parquet.ParquetReader> UnloadedFilesAsync(string target)
    {
        string prefix = target[$"s3://{fixture.Bucket}/".Length..];
        using var s3 = fixture.S3.Client();
        foreach (string key in (await fixture.S3.KeysAsync(fixture.Bucket, prefix)).Where(k => k.EndsWith(".parquet", StringComparison.Ordinal)))
        {
            using var response = await s3.GetObjectAsync(fixture.Bucket, key);
            using var file = new MemoryStream();
            await response.ResponseStream.CopyToAsync(file);
            file.Position = 0;
            await using var reader = await Parquet.ParquetReader.CreateAsync(file);
            yield return reader;
        }
    }

    [Theory]
    [InlineData("unload ('select 1 as x') to 's3://{bucket}/x/' format parquet", "UNLOAD needs authorization: add IAM_ROLE default")]
    [InlineData("unload ('select 1 as x') to 'https://{bucket}/x/' iam_role default format parquet", "Invalid S3 path")]
    [InlineData("unload ('select 1 as x') to 's3://No_Such_Bucket!/x/' iam_role default format parquet", "is not a bucket name")]
    [InlineData("unload ('select 1 as x') to 's3://{bucket}/x/' iam_role 'role' format parquet", "is not an IAM role ARN")]
    public async Task Bad_unload_statements_fail_with_redshift_like_messages(string sql, string expected)
    {
        var error = await Assert.ThrowsAsync<StatementFailedException>(() => Client.ExecuteAsync(sql.Replace("{bucket}", fixture.Bucket, StringComparison.Ordinal)));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task Unload_without_an_s3_endpoint_or_with_an_unreachable_one_names_the_cause()
    {
        await using (var none = await TestServer.StartAsync(fixture.Backend, o => o.InitSqlFiles.Clear()))
        {
            using var client = none.Client();
            var error = await Assert.ThrowsAsync<StatementFailedException>(() => client.ExecuteAsync(
                "unload ('select 1 as x') to 's3://bucket/x/' iam_role default format parquet"));
            Assert.Contains("--s3-endpoint", error.Message);
        }

        await using var unreachable = await TestServer.StartAsync(fixture.Backend, o =>
        {
            o.InitSqlFiles.Clear();
            o.S3Endpoint = "http://127.0.0.1:9";
        });
        using var unreachableClient = unreachable.Client();
        var failed = await Assert.ThrowsAsync<StatementFailedException>(() => unreachableClient.ExecuteAsync(
            "unload ('select 1 as x') to 's3://bucket/x/' iam_role default format parquet"));
        Assert.Contains("S3ServiceException", failed.Message);
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await foreach (var row in Client.QueryAsync(new SqlStatement(sql)))
        {
            return Convert.ToInt64(row[0], System.Globalization.CultureInfo.InvariantCulture);
        }

        throw new InvalidOperationException("no row");
    }
}

public sealed class DuckDbUnloadStatementTests(DuckDbUnloadServerFixture fixture)
    : UnloadStatementTests(fixture), IClassFixture<DuckDbUnloadServerFixture>;

public sealed class PostgresUnloadStatementTests(PostgresUnloadServerFixture fixture)
    : UnloadStatementTests(fixture), IClassFixture<PostgresUnloadServerFixture>;
