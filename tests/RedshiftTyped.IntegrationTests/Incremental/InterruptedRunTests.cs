using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using RedshiftTyped.Execution;
using RedshiftTyped.IntegrationTests.Capture;
using RedshiftTyped.Tool;
using RedshiftTyped.Tool.Cli;
using Xunit.Abstractions;

namespace RedshiftTyped.IntegrationTests.Incremental;

/// <summary>
/// An incremental <c>redshift-typed snapshot</c> (cdc_with_deletes, chunked) stopped mid-table, on both backends: a real
/// child process killed at random points, and an in-process run cancelled at random points. After every stop the
/// table's state is the last committed one (the offset moves only with a complete file), the change files a loader may
/// have picked up are applied by key, and once a run completes, the applied table equals a fresh full read by count and
/// checksum: nothing lost, nothing applied twice over. The seed is printed.
/// </summary>
public abstract class InterruptedRunTests(TestBackend backend, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Rows = 12_000;
    private static readonly string[] Columns = ["id", "updated_at", "name", "amount"];
    private readonly string _dir = Directory.CreateTempSubdirectory("rt-interrupted-it-").FullName;
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(backend);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public Task A_killed_process_leaves_the_previous_state_and_the_rerun_loses_and_repeats_nothing()
        => RunAsync("killed", async (spec, outDir, stop) =>
        {
            string tool = Path.Combine(AppContext.BaseDirectory, "redshift-typed.dll");
            var start = new ProcessStartInfo("dotnet", [tool, .. Arguments(spec, outDir)]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            var exited = process.WaitForExitAsync();
            bool finished = await Task.WhenAny(exited, stop) == exited;
            if (!finished)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            return finished ? (process.ExitCode == 0 ? null : $"exit {process.ExitCode}: {await stdout}{await stderr}") : "killed";
        });

    [Fact]
    public Task A_cancelled_run_leaves_the_previous_state_and_the_rerun_loses_and_repeats_nothing()
        => RunAsync("cancelled", async (spec, outDir, stop) =>
        {
            using var cancel = new CancellationTokenSource();
            var console = new ToolConsole(new StringWriter(), new StringWriter());
            var running = ToolApp.RunAsync(Arguments(spec, outDir), console, cancel.Token);
            bool finished = await Task.WhenAny(running, stop) == running;
            if (!finished)
            {
                await cancel.CancelAsync();
            }

            try
            {
                int exit = await running;
                return !finished ? "cancelled" : exit == 0 ? null : $"exit {exit}: {console.Out}{console.Error}";
            }
            catch (OperationCanceledException)
            {
                return "cancelled";
            }
        });

    private string[] Arguments(string spec, string outDir)
        => ["snapshot", "--pipeline", spec, "--out", outDir, "--format", "arrow", "--endpoint", _server.Server.Endpoint.ToString(), "--poll-interval", "0.02"];

    /// <summary>
    /// Rounds of random changes (and one bulk update of a third of the rows onto one cursor value, so a run has
    /// chunks to read and ties to order), each followed by stopped runs and then one run that completes. A run is
    /// stopped while its change file is being written (its temporary file exists) or after a random delay.
    /// <paramref name="run"/> stops when its task argument completes and returns null for a completed run,
    /// "killed"/"cancelled" for a stopped one, or an error.
    /// </summary>
    private async Task RunAsync(string how, Func<string, string, Task, Task<string?>> run)
    {
        int seed = int.TryParse(Environment.GetEnvironmentVariable("REDSHIFT_TYPED_INCREMENTAL_SEED"), out int s) ? s : Random.Shared.Next();
        output.WriteLine($"{backend} {how}: seed {seed} (replay: REDSHIFT_TYPED_INCREMENTAL_SEED={seed})");
        var random = new Random(seed);
        using var client = _server.Client();
        string table = "public.interrupted";
        await client.ExecuteAsync(new SqlStatement($"CREATE TABLE {table} (id INTEGER NOT NULL, updated_at BIGINT NOT NULL, name VARCHAR(40), amount INTEGER)"));
        for (int from = 1; from <= Rows; from += 2_000)
        {
            var values = Enumerable.Range(from, 2_000).Select(id => string.Create(CultureInfo.InvariantCulture, $"({id}, {id / 3}, 'row {id}', {id % 97})"));
            await client.ExecuteAsync(new SqlStatement($"INSERT INTO {table} VALUES {string.Join(", ", values)}"));
        }

        string outDir = Path.Combine(_dir, "out");
        string spec = Path.Combine(_dir, "pipeline.json");
        File.WriteAllText(spec, """
            {"default_destination_catalog": "main", "default_destination_schema": "it", "objects": [{"table": {"source_table": "public.interrupted",
              "table_configuration": {"ingestion_type": "cdc_with_deletes", "cursor_field": "updated_at", "primary_keys": ["id"], "lookback": 5, "chunk_rows": 1500}}}]}
            """);
        string file = Path.Combine(outDir, "main", "it", "interrupted.arrows");
        string statePath = Path.Combine(outDir, "state.json");
        var applied = new AppliedTable("id");
        string? lastApplied = null;

        // Apply the file if it is one the loader has not seen: a stopped run may have completed it before its commit.
        async Task ApplyNewFileAsync()
        {
            if (!File.Exists(file))
            {
                return;
            }

            string hash = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(file)));
            if (hash != lastApplied)
            {
                lastApplied = hash;
                await applied.ApplyAsync(file);
            }
        }

        var clock = Stopwatch.StartNew();
        Assert.Null(await run(spec, outDir, Task.Delay(Timeout.Infinite)));
        var fullRun = clock.Elapsed;
        await ApplyNewFileAsync();
        output.WriteLine($"  first (full) run: {fullRun.TotalSeconds:0.00} s");

        string fileDirectory = Path.GetDirectoryName(file)!;
        bool Writing() => Directory.Exists(fileDirectory) && Directory.EnumerateFiles(fileDirectory, ".interrupted.arrows.*").Any();

        async Task WhileWritingAsync(int extraMilliseconds, CancellationToken runEnded)
        {
            // Told by the file system the moment the temporary file appears: on a quiet machine the whole change file
            // is written in about a millisecond, faster than polling can see it.
            Directory.CreateDirectory(fileDirectory);
            var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var watcher = new FileSystemWatcher(fileDirectory, ".interrupted.arrows.*") { EnableRaisingEvents = true };
            watcher.Created += (_, _) => created.TrySetResult();
            if (!Writing())
            {
                await created.Task.WaitAsync(runEnded);
            }

            if (extraMilliseconds > 0)
            {
                await Task.Delay(extraMilliseconds, runEnded);
            }
        }

        long cursor = Rows;
        int stops = 0, stoppedBeforeCommit = 0, stoppedMidTable = 0, completedAnyway = 0;
        for (int round = 1; round <= 3; round++)
        {
            await client.ExecuteAsync(new SqlStatement($"UPDATE {table} SET updated_at = {++cursor}, amount = amount + 1 WHERE id % 3 = {round % 3}"));
            for (int op = 0; op < 40; op++)
            {
                int id = random.Next(1, Rows + 200);
                string sql = random.Next(3) switch
                {
                    0 => $"DELETE FROM {table} WHERE id = {id}",
                    1 => $"UPDATE {table} SET updated_at = {++cursor}, amount = {random.Next(1000)} WHERE id = {id}",
                    _ => $"INSERT INTO {table} VALUES ({Rows + 1000 + (round * 100) + op}, {++cursor}, 'new', {op})",
                };
                await client.ExecuteAsync(new SqlStatement(sql));
            }

            for (int attempt = 0; attempt < 3; attempt++)
            {
                // A killed process cannot remove its temporary file; clear it so that "writing" means this run's.
                foreach (string leftover in Directory.EnumerateFiles(fileDirectory, ".interrupted.arrows.*"))
                {
                    Assert.True(how == "killed", $"a cancelled run left its temporary file {leftover} behind");
                    File.Delete(leftover);
                }

                string stateBefore = File.ReadAllText(statePath);
                using var runEnded = new CancellationTokenSource();
                var stop = attempt < 2
                    ? WhileWritingAsync(random.Next(0, 3), runEnded.Token)
                    : Task.Delay(random.Next(20, (int)Math.Max(300, fullRun.TotalMilliseconds)), runEnded.Token);
                bool writingAtStop = false;
                string? outcome = await run(spec, outDir, stop.ContinueWith(_ => writingAtStop = Writing(), runEnded.Token, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default));
                await runEnded.CancelAsync();
                Assert.True(outcome is null or "killed" or "cancelled", outcome);
                if (outcome is null)
                {
                    completedAnyway++;
                }
                else
                {
                    stops++;
                    Assert.True(File.Exists(statePath), "a stopped run removed the state file");
                    if (File.ReadAllText(statePath) == stateBefore)
                    {
                        stoppedBeforeCommit++;
                        stoppedMidTable += writingAtStop ? 1 : 0;
                    }
                }

                await ApplyNewFileAsync();
            }

            Assert.Null(await run(spec, outDir, Task.Delay(Timeout.Infinite)));
            await ApplyNewFileAsync();
            var (count, checksum) = await AppliedTable.FullReadAsync(client, table, "id", Columns);
            Assert.True(count == applied.Count && checksum == applied.Checksum,
                $"seed {seed}, round {round}: applied {applied.Count} rows, the table has {count}:\n" + await AppliedTable.DiffAsync(applied, client, table, "id", Columns));
        }

        output.WriteLine($"  {stops} runs {how} ({stoppedBeforeCommit} before their commit, {stoppedMidTable} of them while writing the change file), " +
                         $"{completedAnyway} finished before the stop; every rerun matched the table");
        Assert.True(stoppedMidTable > 0, $"seed {seed}: no run was stopped while writing its change file, so the test proved nothing ({stops} stops)");
    }
}

[Collection(EnvironmentDependent.Name)]
public sealed class DuckDbInterruptedRunTests(ITestOutputHelper output) : InterruptedRunTests(TestBackend.DuckDb, output);

[Collection(EnvironmentDependent.Name)]
public sealed class PostgresInterruptedRunTests(ITestOutputHelper output) : InterruptedRunTests(TestBackend.Postgres, output);
