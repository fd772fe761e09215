using System.Security.Cryptography;
using System.Text.Json;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Parquet;
using RedshiftTyped.IntegrationTests.Capture;
using RedshiftTyped.IntegrationTests.Infrastructure;
using RedshiftTyped.Tool;
using RedshiftTyped.Tool.Cli;

namespace RedshiftTyped.IntegrationTests.Export;

/// <summary>
/// <c>redshift-typed snapshot</c> against the real local server with the TICKIT sample, on both backends: files and
/// manifest, row counts equal to count(*), limit ordered by the primary keys, where clauses, a bad table among good
/// ones, and every format.
/// </summary>
public abstract class SnapshotCommandTests(TestBackend backend) : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rt-snapshot-it-").FullName;
    private TestServer _server = null!;

    private string Out => Path.Combine(_dir, "out");

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(backend, o => o.Sample = "tickit");

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<(int Exit, string Out, string Err)> Snapshot(string pipeline, params string[] args)
    {
        string spec = Path.Combine(_dir, "pipeline.json");
        File.WriteAllText(spec, pipeline);
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = await ToolApp.RunAsync(
            ["snapshot", "--pipeline", spec, "--out", Out, "--endpoint", _server.Server.Endpoint.ToString(), "--poll-interval", "0.1", .. args],
            new ToolConsole(output, error));
        return (exit, output.ToString(), error.ToString());
    }

    private static string Pipeline(params string[] tables) => $$"""
        {
          "connection_name": "tickit_redshift",
          "default_destination_catalog": "main",
          "default_destination_schema": "tickit",
          "objects": [{{string.Join(",", tables.Select(t => $$"""{"table": {{t}}}"""))}}]
        }
        """;

    private async Task<long> Count(string sql)
    {
        using var client = _server.Client();
        await foreach (var row in client.QueryAsync(new RedshiftTyped.Execution.SqlStatement(sql)))
        {
            return Convert.ToInt64(row[0], System.Globalization.CultureInfo.InvariantCulture);
        }

        throw new InvalidOperationException("no row");
    }

    private async Task<List<long>> Column(string sql)
    {
        using var client = _server.Client();
        var values = new List<long>();
        await foreach (var row in client.QueryAsync(new RedshiftTyped.Execution.SqlStatement(sql)))
        {
            values.Add(Convert.ToInt64(row[0], System.Globalization.CultureInfo.InvariantCulture));
        }

        return values;
    }

    [Fact]
    public async Task The_READMEs_pipeline_example_runs_as_written_against_the_local_TICKIT()
    {
        string readme = File.ReadAllText(Path.Combine(PostgresEnvironment.RepositoryRoot(), "README.md"));
        int section = readme.IndexOf("### Snapshots of tables: `redshift-typed snapshot`", StringComparison.Ordinal);
        Assert.True(section >= 0, "the README's snapshot section was not found");
        int start = readme.IndexOf("```json\n", section, StringComparison.Ordinal) + "```json\n".Length;
        string pipeline = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];

        var (exit, _, error) = await Snapshot(pipeline);

        Assert.True(exit == 0, error);
        var manifest = Manifest();
        Assert.Equal(2, manifest.GetProperty("tables").GetArrayLength());
        Assert.True(File.Exists(Path.Combine(Out, "main", "tickit", "sales.parquet")));
        Assert.True(File.Exists(Path.Combine(Out, "raw", "s", "events.parquet")));
        Assert.Equal(await Count("select count(*) from event"), manifest.GetProperty("tables")[1].GetProperty("rows").GetInt64());
    }

    private JsonElement Manifest() => JsonDocument.Parse(File.ReadAllText(Path.Combine(Out, "manifest.json"))).RootElement;

    private static JsonElement Entry(JsonElement manifest, string source)
        => manifest.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("source").GetString() == source);

    private static async Task<long> ParquetRows(string path)
    {
        await using var reader = await ParquetReader.CreateAsync(path);
        return reader.RowGroups.Sum(g => g.RowCount);
    }

    private static async Task<List<long>> ParquetInts(string path, string column)
    {
        await using var reader = await ParquetReader.CreateAsync(path);
        var field = reader.Schema.DataFields.Single(f => f.Name == column);
        var values = new List<long>();
        foreach (var group in reader.RowGroups)
        {
            // A column the service reports as NOT NULL is a REQUIRED Parquet column, read without a null slot.
            if (field.IsNullable)
            {
                var buffer = new int?[group.RowCount];
                await group.ReadAsync<int>(field, buffer.AsMemory());
                Assert.True(System.Array.TrueForAll(buffer, v => v.HasValue), $"{path}: {column} holds a null: [{string.Join(", ", buffer)}]");
                values.AddRange(buffer.Select(v => (long)v!.Value));
            }
            else
            {
                var buffer = new int[group.RowCount];
                await group.ReadAsync<int>(field, buffer.AsMemory());
                values.AddRange(buffer.Select(v => (long)v));
            }
        }

        return values;
    }

    private IEnumerable<string> LeftoverTemporaryFiles()
        => Directory.EnumerateFiles(Out, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f).StartsWith('.'));

    [Fact]
    public async Task A_where_clause_that_closes_its_parentheses_is_refused_before_anything_is_read()
    {
        // Once returned 202 rows from a 200-row table (venue ∪ venue where venueid <= 2), recorded as ok.
        var (exit, output, error) = await Snapshot(Pipeline(
            """{"source_table": "public.venue", "table_configuration": {"where_clause": "1=1) union all (select * from venue where venueid <= 2"}}"""));

        Assert.Equal(2, exit);
        Assert.Contains("where_clause: The raw condition", error);
        Assert.Contains("closes a parenthesis it did not open", error);
        Assert.Equal("", output);
        Assert.False(Directory.Exists(Out) && Directory.EnumerateFileSystemEntries(Out).Any());
    }

    [Fact]
    public async Task A_where_clause_with_parentheses_strings_and_comments_of_its_own_reads_as_one_condition()
    {
        var (exit, _, error) = await Snapshot(Pipeline(
            """{"source_table": "public.venue", "table_configuration": {"where_clause": "(venueid <= 10 or venueid in (select 11)) and venuename <> 'x)' -- no ) here"}}"""),
            "--format", "csv");

        Assert.True(exit == 0, error);
        Assert.Equal(11, Entry(Manifest(), "public.venue").GetProperty("rows").GetInt64());
    }

    [Fact]
    public async Task Parquet_snapshot_of_several_tables_matches_count_and_the_manifest_describes_each_file()
    {
        var (exit, output, error) = await Snapshot(Pipeline(
            """{"source_table": "venue", "table_configuration": {"scd_type": "SCD_TYPE_1", "primary_keys": ["venueid"]}}""",
            """{"source_table": "public.category", "destination_table": "categories"}""",
            """{"source_table": "public.event", "destination_schema": "events", "table_configuration": {"scd_type": "APPEND_ONLY"}}""",
            """{"source_table": "\"public\".\"users\"", "destination_catalog": "other", "table_configuration": {"scd_type": "SCD_TYPE_2", "primary_keys": ["userid"]}}"""),
            "--parallelism", "3");

        Assert.True(exit == 0, output + error);
        Assert.Contains("4 of 4 tables written", output);
        var expected = new Dictionary<string, (string Table, string Path)>
        {
            ["public.venue"] = ("venue", "main/tickit/venue.parquet"),
            ["public.category"] = ("category", "main/tickit/categories.parquet"),
            ["public.event"] = ("event", "main/events/event.parquet"),
            ["public.users"] = ("users", "other/tickit/users.parquet"),
        };
        var manifest = Manifest();
        Assert.Equal("tickit_redshift", manifest.GetProperty("connection_name").GetString());
        Assert.Equal("parquet", manifest.GetProperty("format").GetString());
        Assert.Equal(4, manifest.GetProperty("totals").GetProperty("ok").GetInt32());
        Assert.Equal(0, manifest.GetProperty("totals").GetProperty("failed").GetInt32());
        Assert.Equal(["public.venue", "public.category", "public.event", "public.users"],
            manifest.GetProperty("tables").EnumerateArray().Select(t => t.GetProperty("source").GetString()));
        long totalRows = 0;
        foreach (var (source, (table, relative)) in expected)
        {
            var entry = Entry(manifest, source);
            string path = Path.Combine(Out, relative);
            long count = await Count($"select count(*) from {table}");
            Assert.Equal(count, await ParquetRows(path));
            Assert.Equal("ok", entry.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, entry.GetProperty("error").ValueKind);
            Assert.Equal(relative, entry.GetProperty("path").GetString());
            Assert.Equal(count, entry.GetProperty("rows").GetInt64());
            byte[] content = File.ReadAllBytes(path);
            Assert.Equal(content.LongLength, entry.GetProperty("bytes").GetInt64());
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), entry.GetProperty("sha256").GetString());
            Assert.Single(entry.GetProperty("statement_ids").EnumerateArray());
            totalRows += count;
        }

        Assert.Equal(totalRows, manifest.GetProperty("totals").GetProperty("rows").GetInt64());
        var venue = Entry(manifest, "public.venue");
        Assert.Equal("SCD_TYPE_1", venue.GetProperty("scd_type").GetString());
        Assert.Equal(["venueid"], venue.GetProperty("primary_keys").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("SCD_TYPE_2", Entry(manifest, "public.users").GetProperty("scd_type").GetString());
        Assert.Equal("APPEND_ONLY", Entry(manifest, "public.event").GetProperty("scd_type").GetString());
        var columns = venue.GetProperty("columns").EnumerateArray()
            .Select(c => (c.GetProperty("name").GetString(), c.GetProperty("redshift_type").GetString(), c.GetProperty("arrow_type").GetString()))
            .ToList();
        Assert.Equal(("venueid", "int2", "int16"), columns[0]);
        Assert.Equal(("venuename", "varchar", "string"), (columns[1].Item1, columns[1].Item2![..7], columns[1].Item3));
        Assert.Equal(("venueseats", "int4", "int32"), columns[4]);
        var eventColumns = Entry(manifest, "public.event").GetProperty("columns").EnumerateArray().ToList();
        Assert.Equal("timestamp[us]", eventColumns.Single(c => c.GetProperty("name").GetString() == "starttime").GetProperty("arrow_type").GetString());
        Assert.Empty(LeftoverTemporaryFiles());
    }

    [Fact]
    public async Task A_limit_is_ordered_by_the_primary_keys_so_the_sample_repeats()
    {
        string pipeline = Pipeline("""{"source_table": "sales", "table_configuration": {"primary_keys": ["salesid"], "limit": "25"}}""");
        var (exit, _, error) = await Snapshot(pipeline);
        Assert.True(exit == 0, error);
        string path = Path.Combine(Out, "main", "tickit", "sales.parquet");

        Assert.Equal(await Column("select salesid from sales order by salesid limit 25"), await ParquetInts(path, "salesid"));
        var first = Entry(Manifest(), "public.sales");
        Assert.Equal(25, first.GetProperty("limit").GetInt32());
        Assert.Equal(25, first.GetProperty("rows").GetInt64());

        (exit, _, _) = await Snapshot(pipeline);
        Assert.Equal(0, exit);
        Assert.Equal(first.GetProperty("sha256").GetString(), Entry(Manifest(), "public.sales").GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task Chunk_rows_reads_a_table_in_key_ranges_one_statement_each_with_every_row_once()
    {
        var (exit, _, error) = await Snapshot(Pipeline(
            """{"source_table": "sales", "table_configuration": {"primary_keys": ["salesid"], "chunk_rows": "30000", "where_clause": "qtysold > 1"}}"""));

        Assert.True(exit == 0, error);
        var entry = Entry(Manifest(), "public.sales");
        long expected = await Count("select count(*) from sales where qtysold > 1");
        Assert.Equal(expected, entry.GetProperty("rows").GetInt64());
        Assert.Equal(30000, entry.GetProperty("chunk_rows").GetInt32());
        // One planning statement numbers the keys, then one statement per chunk of at most 30,000 rows.
        Assert.Equal((int)Math.Ceiling(expected / 30000.0), entry.GetProperty("statement_ids").GetArrayLength());
        // Exports read their chunks unordered (ChunkOrder.Unordered): every row once, in no particular order.
        var ids = await ParquetInts(Path.Combine(Out, "main", "tickit", "sales.parquet"), "salesid");
        Assert.Equal(await Column("select salesid from sales where qtysold > 1 order by salesid"), ids.Order());
    }

    [Fact]
    public async Task The_where_clause_filters_rows_as_raw_sql()
    {
        var (exit, _, error) = await Snapshot(Pipeline(
            """{"source_table": "event", "table_configuration": {"where_clause": "venueid < 20 and catid in (6, 7)"}}""",
            """{"source_table": "listing", "table_configuration": {"where_clause": "numtickets > 20", "limit": 7, "primary_keys": "listid"}}"""));

        Assert.True(exit == 0, error);
        Assert.Equal(await Count("select count(*) from event where venueid < 20 and catid in (6, 7)"),
            await ParquetRows(Path.Combine(Out, "main", "tickit", "event.parquet")));
        Assert.Equal(await Column("select listid from listing where numtickets > 20 order by listid limit 7"),
            await ParquetInts(Path.Combine(Out, "main", "tickit", "listing.parquet"), "listid"));
        Assert.Equal("venueid < 20 and catid in (6, 7)", Entry(Manifest(), "public.event").GetProperty("where_clause").GetString());
    }

    [Fact]
    public async Task A_bad_table_fails_alone_the_others_are_written_and_the_exit_code_is_1()
    {
        Directory.CreateDirectory(Path.Combine(Out, "main", "tickit"));
        File.WriteAllText(Path.Combine(Out, "main", "tickit", "broken.parquet"), "previous run");

        var (exit, output, error) = await Snapshot(Pipeline(
            """{"source_table": "venue"}""",
            """{"source_table": "no_such_table"}""",
            """{"source_table": "event", "destination_table": "broken", "table_configuration": {"where_clause": "no_such_column = 1"}}""",
            """{"source_table": "category"}"""));

        Assert.Equal(1, exit);
        Assert.Contains("2 of 4 tables written", output);
        Assert.Contains("public.no_such_table", error);
        Assert.Contains("public.event", error);
        Assert.Equal(await Count("select count(*) from venue"), await ParquetRows(Path.Combine(Out, "main", "tickit", "venue.parquet")));
        Assert.Equal(await Count("select count(*) from category"), await ParquetRows(Path.Combine(Out, "main", "tickit", "category.parquet")));
        Assert.False(File.Exists(Path.Combine(Out, "main", "tickit", "no_such_table.parquet")));
        Assert.Equal("previous run", File.ReadAllText(Path.Combine(Out, "main", "tickit", "broken.parquet")));
        Assert.Empty(LeftoverTemporaryFiles());

        var manifest = Manifest();
        Assert.Equal(2, manifest.GetProperty("totals").GetProperty("failed").GetInt32());
        var missing = Entry(manifest, "public.no_such_table");
        Assert.Equal("failed", missing.GetProperty("status").GetString());
        Assert.Contains("no_such_table", missing.GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Null, missing.GetProperty("path").ValueKind);
        Assert.Equal(JsonValueKind.Null, missing.GetProperty("sha256").ValueKind);
        Assert.NotEmpty(missing.GetProperty("statement_ids").EnumerateArray());
        Assert.Contains("no_such_column", Entry(manifest, "public.event").GetProperty("error").GetString());
    }

    [Fact]
    public async Task Arrow_stream_arrow_file_and_csv_formats_hold_every_row()
    {
        string pipeline = Pipeline("""{"source_table": "venue"}""", """{"source_table": "date"}""");
        long venues = await Count("select count(*) from venue");
        long dates = await Count("select count(*) from date");

        Assert.Equal(0, (await Snapshot(pipeline, "--format", "arrow")).Exit);
        Assert.Equal(venues, await ArrowRows(Path.Combine(Out, "main", "tickit", "venue.arrows"), file: false));
        Assert.Equal("arrow", Manifest().GetProperty("format").GetString());

        Assert.Equal(0, (await Snapshot(pipeline, "--format", "arrow-file")).Exit);
        Assert.Equal(dates, await ArrowRows(Path.Combine(Out, "main", "tickit", "date.arrow"), file: true));

        Assert.Equal(0, (await Snapshot(pipeline, "--format", "csv", "--parallelism", "1")).Exit);
        string[] lines = File.ReadAllText(Path.Combine(Out, "main", "tickit", "venue.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("venueid,venuename,venuecity,venuestate,venueseats", lines[0]);
        Assert.Equal(venues, lines.Length - 1);
        Assert.Equal("main/tickit/date.csv", Entry(Manifest(), "public.date").GetProperty("path").GetString());
    }

    [Fact]
    public async Task A_wrong_pipeline_is_a_usage_error_naming_the_json_path()
    {
        var (exit, _, error) = await Snapshot(Pipeline("""{"source_table": "venue", "table_configuration": {"limt": 5}}"""));

        Assert.Equal(2, exit);
        Assert.Contains("$.objects[0].table.table_configuration.limt: unknown key (did you mean limit?)", error);
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public async Task Every_redshift_type_lands_in_parquet_with_its_logical_type()
    {
        using (var client = _server.Client())
        {
            await client.ExecuteAsync(new RedshiftTyped.Execution.SqlStatement("""
                create table every_type (id integer not null, s smallint, b bigint, r real, d double precision, n numeric(38,10), m numeric(8,2),
                  flag boolean, day date, tm time, ts timestamp, tstz timestamptz, bytes varbyte(16), c char(3), v varchar(20))
                """));
            await client.ExecuteAsync(new RedshiftTyped.Execution.SqlStatement("""
                insert into every_type values
                  (1, -2, 3000000000, 1.5, 2.25, 1234567890123456789012345678.9012345678, -12.50, true, '2008-02-29', '13:14:15.123456',
                   '2008-01-05 14:00:00.123456', '2008-01-05 14:00:00.000001+00', 'abc'::varbyte, 'x', 'hello, "world"'),
                  (2, null, null, null, null, null, null, null, null, null, null, null, null, null, '')
                """));
        }

        var (exit, _, error) = await Snapshot(Pipeline("""{"source_table": "every_type", "table_configuration": {"primary_keys": ["id"]}}"""));

        Assert.True(exit == 0, error);
        string path = Path.Combine(Out, "main", "tickit", "every_type.parquet");
        await using var reader = await ParquetReader.CreateAsync(path, new ParquetOptions { UseBigDecimal = true });
        Parquet.Meta.SchemaElement Element(string name) => reader.Schema.DataFields.Single(f => f.Name == name).SchemaElement!;
        Assert.Equal(Parquet.Meta.FieldRepetitionType.REQUIRED, Element("id").RepetitionType);
        Assert.Equal(Parquet.Meta.FieldRepetitionType.OPTIONAL, Element("s").RepetitionType);
        Assert.Equal(16, Element("s").LogicalType!.INTEGER!.BitWidth);
        Assert.Equal(Parquet.Meta.Type.INT64, Element("b").Type);
        Assert.Equal(Parquet.Meta.Type.FLOAT, Element("r").Type);
        Assert.Equal(Parquet.Meta.Type.DOUBLE, Element("d").Type);
        Assert.Equal((38, 10), (Element("n").LogicalType!.DECIMAL!.Precision, Element("n").LogicalType!.DECIMAL!.Scale));
        Assert.Equal((8, 2), (Element("m").LogicalType!.DECIMAL!.Precision, Element("m").LogicalType!.DECIMAL!.Scale));
        Assert.Equal(Parquet.Meta.Type.BOOLEAN, Element("flag").Type);
        Assert.NotNull(Element("day").LogicalType!.DATE);
        Assert.NotNull(Element("tm").LogicalType!.TIME!.Unit.MICROS);
        Assert.False(Element("ts").LogicalType!.TIMESTAMP!.IsAdjustedToUTC);
        Assert.True(Element("tstz").LogicalType!.TIMESTAMP!.IsAdjustedToUTC);
        Assert.Equal(Parquet.Meta.Type.BYTE_ARRAY, Element("bytes").Type);
        Assert.Null(Element("bytes").LogicalType?.STRING);
        Assert.NotNull(Element("v").LogicalType!.STRING);

        var group = reader.OpenRowGroupReader(0);
        var big = new Parquet.Data.BigDecimal?[2];
        await group.ReadAsync<Parquet.Data.BigDecimal>(reader.Schema.DataFields.Single(f => f.Name == "n"), big.AsMemory());
        Assert.Equal("1234567890123456789012345678.9012345678", big[0]!.Value.ToString());
        Assert.Null(big[1]);
        var stamps = new DateTime?[2];
        await group.ReadAsync<DateTime>(reader.Schema.DataFields.Single(f => f.Name == "ts"), stamps.AsMemory());
        Assert.Equal(new DateTime(2008, 1, 5, 14, 0, 0, 123, 456), stamps[0]);
        var bytes = new byte[]?[2];
        await group.ReadAsync(reader.Schema.DataFields.Single(f => f.Name == "bytes"), bytes.AsMemory());
        Assert.Equal("abc"u8.ToArray(), bytes[0]);
        var text = new string?[2];
        await group.ReadAsync(reader.Schema.DataFields.Single(f => f.Name == "v"), text.AsMemory());
        Assert.Equal(new string?[] { "hello, \"world\"", "" }, text.AsEnumerable());

        var columns = Entry(Manifest(), "public.every_type").GetProperty("columns").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => (c.GetProperty("redshift_type").GetString(), c.GetProperty("arrow_type").GetString(), c.GetProperty("nullable").GetBoolean()));
        Assert.Equal(("numeric(38,10)", "decimal128(38, 10)", true), columns["n"]);
        Assert.Equal(("timestamptz", "timestamp[us, tz=UTC]", true), columns["tstz"]);
        Assert.Equal(("varbyte", "binary", true), (columns["bytes"].Item1![..7], columns["bytes"].Item2, columns["bytes"].Item3));
        Assert.False(columns["id"].Item3);
    }

    private static async Task<long> ArrowRows(string path, bool file)
    {
        using var stream = File.OpenRead(path);
        using ArrowStreamReader reader = file ? new ArrowFileReader(stream) : new ArrowStreamReader(stream);
        long rows = 0;
        while (await reader.ReadNextRecordBatchAsync() is { } batch)
        {
            rows += batch.Length;
        }

        return rows;
    }
}

[Collection(EnvironmentDependent.Name)]
public sealed class DuckDbSnapshotCommandTests() : SnapshotCommandTests(TestBackend.DuckDb);

[Collection(EnvironmentDependent.Name)]
public sealed class PostgresSnapshotCommandTests() : SnapshotCommandTests(TestBackend.Postgres);
