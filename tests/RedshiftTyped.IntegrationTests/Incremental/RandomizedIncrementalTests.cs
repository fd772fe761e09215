using System.Globalization;
using System.Text;
using System.Text.Json;
using RedshiftTyped.Execution;
using RedshiftTyped.IntegrationTests.Capture;
using RedshiftTyped.Tool;
using RedshiftTyped.Tool.Cli;
using Xunit.Abstractions;

namespace RedshiftTyped.IntegrationTests.Incremental;

/// <summary>
/// <c>redshift-typed snapshot</c> with <c>ingestion_type</c> append, cdc and cdc_with_deletes against the real local
/// server, on both backends: rounds of random inserts, updates (moving the cursor forward, some onto a cursor value other
/// rows already have), deletes (cdc_with_deletes) and late commits (rows written after a run with a cursor value inside
/// the lookback, below the high-water mark), the pipeline after each round, each change file applied by key to the
/// previous output, and the result compared with a fresh full read by count and checksum. The seed and round count are
/// printed (REDSHIFT_TYPED_INCREMENTAL_SEED and _ROUNDS replay one); a failure is replayed with fewer rounds and
/// reports the smallest failing prefix with its operations.
/// </summary>
public abstract class RandomizedIncrementalTests(TestBackend backend, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Lookback = 50;
    private static readonly string[] Columns = ["id", "updated_at", "name", "amount"];
    private readonly string _dir = Directory.CreateTempSubdirectory("rt-incremental-it-").FullName;
    private TestServer _server = null!;
    private int _attempt;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(backend);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData("append")]
    [InlineData("cdc")]
    [InlineData("cdc_with_deletes")]
    public async Task Change_files_applied_by_key_equal_a_fresh_full_read_after_every_round(string ingestionType)
    {
        int seed = int.TryParse(Environment.GetEnvironmentVariable("REDSHIFT_TYPED_INCREMENTAL_SEED"), out int s) ? s : Random.Shared.Next();
        int rounds = int.TryParse(Environment.GetEnvironmentVariable("REDSHIFT_TYPED_INCREMENTAL_ROUNDS"), out int r) ? r : 8;
        output.WriteLine($"{backend} {ingestionType}: seed {seed}, {rounds} rounds (replay: REDSHIFT_TYPED_INCREMENTAL_SEED={seed} REDSHIFT_TYPED_INCREMENTAL_ROUNDS={rounds})");

        var failure = await RunAsync(ingestionType, seed, rounds);
        if (failure is null)
        {
            return;
        }

        // Shrink: the shortest prefix of the same sequence that still fails.
        var smallest = failure;
        for (int fewer = 1; fewer < failure.Round; fewer++)
        {
            if (await RunAsync(ingestionType, seed, fewer) is { } shorter)
            {
                smallest = shorter;
                break;
            }
        }

        Assert.Fail($"{backend} {ingestionType}, seed {seed}, {rounds} rounds: round {failure.Round} failed: {failure.Message}\n" +
                    $"Smallest failing sequence (seed {seed}, {smallest.Round} rounds): {smallest.Message}\n{smallest.Operations}");
    }

    private sealed record Failure(int Round, string Message, string Operations);

    private async Task<Failure?> RunAsync(string ingestionType, int seed, int rounds)
    {
        int attempt = ++_attempt;
        string table = $"items_{ingestionType}_{attempt}";
        string outDir = Path.Combine(_dir, $"{table}-out");
        var random = new Random(seed);
        var log = new StringBuilder();
        using var client = _server.Client();
        var model = new SortedDictionary<int, long>();
        long clock = 1000;
        int nextId = 1;
        bool deletes = ingestionType == "cdc_with_deletes";

        async Task Sql(string sql)
        {
            log.AppendLine("  " + sql);
            await client.ExecuteAsync(new SqlStatement(sql));
        }

        string Row(int id, long cursor) => string.Create(CultureInfo.InvariantCulture,
            $"({id}, {cursor}, {(random.Next(5) == 0 ? "NULL" : $"'n{random.Next(1000)}'")}, {(random.Next(5) == 0 ? "NULL" : random.Next(-500, 500).ToString(CultureInfo.InvariantCulture))})");

        await Sql($"CREATE TABLE public.{table} (id INTEGER NOT NULL, updated_at BIGINT NOT NULL, name VARCHAR(30), amount INTEGER, PRIMARY KEY (id))");
        var initial = new List<string>();
        for (int i = 0; i < 300; i++)
        {
            // Every fifth row shares its cursor value with the one before: ties ordered by the key.
            clock += i % 5 == 0 ? 0 : 1;
            model[nextId] = clock;
            initial.Add(Row(nextId++, clock));
        }

        await client.ExecuteAsync(new SqlStatement($"INSERT INTO public.{table} VALUES {string.Join(", ", initial)}"));
        log.AppendLine($"  INSERT INTO public.{table} VALUES (1, 1000, …), … ({initial.Count} rows, cursors 1000 to {clock}, every fifth tied with the one before)");
        var applied = new AppliedTable("id");
        string spec = Path.Combine(_dir, $"{table}.json");
        string configuration = $$"""{"ingestion_type": "{{ingestionType}}", "cursor_field": "updated_at", "primary_keys": ["id"], "lookback": {{Lookback}} }""";
        File.WriteAllText(spec, $$"""
            {"default_destination_catalog": "main", "default_destination_schema": "it",
             "objects": [{"table": {"source_table": "public.{{table}}", "table_configuration": {{configuration}} } } ]}
            """);

        for (int round = 0; round <= rounds; round++)
        {
            if (round > 0)
            {
                log.AppendLine($"round {round}:");
                long highWaterMark = model.Values.Max();
                int operations = random.Next(3, 12);
                for (int op = 0; op < operations; op++)
                {
                    int kind = random.Next(deletes ? 5 : 4);
                    var ids = model.Keys.ToList();
                    switch (kind)
                    {
                        case 0:
                        {
                            // Insert: a new key.
                            clock += random.Next(2);
                            int id = nextId++;
                            model[id] = clock;
                            await Sql($"INSERT INTO public.{table} VALUES {Row(id, clock)}");
                            break;
                        }

                        case 1:
                        {
                            // Update moving the cursor forward (sometimes onto the value the last write used: a tie).
                            int id = ids[random.Next(ids.Count)];
                            clock += model[id] == clock || random.Next(3) > 0 ? 1 : 0;
                            model[id] = clock;
                            await Sql(string.Create(CultureInfo.InvariantCulture,
                                $"UPDATE public.{table} SET updated_at = {clock}, amount = {random.Next(1000)}, name = 'u{random.Next(1000)}' WHERE id = {id}"));
                            break;
                        }

                        case 2:
                        case 3:
                        {
                            // Late commit: a write whose cursor value is inside the lookback, at or below the last run's high-water mark.
                            // A late transaction started before the rows it updates were last written would conflict with
                            // those writes (serializable isolation), so it updates only rows last written before its cursor value.
                            long late = highWaterMark - random.Next(Lookback);
                            var older = ids.Where(i => model[i] < late).ToList();
                            if (random.Next(2) == 0 || older.Count == 0)
                            {
                                int id = nextId++;
                                model[id] = late;
                                await Sql($"INSERT INTO public.{table} VALUES {Row(id, late)}");
                            }
                            else
                            {
                                int id = older[random.Next(older.Count)];
                                model[id] = late;
                                await Sql(string.Create(CultureInfo.InvariantCulture,
                                    $"UPDATE public.{table} SET updated_at = {late}, amount = {random.Next(1000)} WHERE id = {id}"));
                            }

                            break;
                        }

                        default:
                        {
                            int id = ids[random.Next(ids.Count)];
                            model.Remove(id);
                            await Sql(string.Create(CultureInfo.InvariantCulture, $"DELETE FROM public.{table} WHERE id = {id}"));
                            break;
                        }
                    }
                }
            }

            var run = new StringWriter();
            var error = new StringWriter();
            int exit = await ToolApp.RunAsync(
                ["snapshot", "--pipeline", spec, "--out", outDir, "--format", "arrow", "--endpoint", _server.Server.Endpoint.ToString(), "--poll-interval", "0.05"],
                new ToolConsole(run, error));
            if (exit != 0)
            {
                return new Failure(round, $"the run exited {exit}: {run}{error}", log.ToString());
            }

            var (upserts, deleted) = await applied.ApplyAsync(Path.Combine(outDir, "main", "it", table + ".arrows"));
            log.AppendLine($"  run: {upserts} upserts, {deleted} deletes applied");
            var (count, checksum) = await AppliedTable.FullReadAsync(client, $"public.{table}", "id", Columns);
            if (count != applied.Count || checksum != applied.Checksum)
            {
                string diff = await AppliedTable.DiffAsync(applied, client, $"public.{table}", "id", Columns);
                return new Failure(round, $"applied {applied.Count} rows, the table has {count} (checksums {(checksum == applied.Checksum ? "equal" : "differ")}):\n{diff}",
                    log.ToString());
            }

            var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "manifest.json"))).RootElement.GetProperty("tables")[0];
            if (manifest.GetProperty("end_offset").ValueKind != JsonValueKind.Object
                || (round > 0) != (manifest.GetProperty("start_offset").ValueKind == JsonValueKind.Object))
            {
                return new Failure(round, "the manifest does not record the start and end offsets: " + manifest, log.ToString());
            }
        }

        output.WriteLine($"  {rounds} rounds passed; {applied.Count} rows at the end");
        return null;
    }
}

[Collection(EnvironmentDependent.Name)]
public sealed class DuckDbRandomizedIncrementalTests(ITestOutputHelper output) : RandomizedIncrementalTests(TestBackend.DuckDb, output);

[Collection(EnvironmentDependent.Name)]
public sealed class PostgresRandomizedIncrementalTests(ITestOutputHelper output) : RandomizedIncrementalTests(TestBackend.Postgres, output);
