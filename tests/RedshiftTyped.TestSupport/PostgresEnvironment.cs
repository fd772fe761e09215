using System.Diagnostics;
using Npgsql;

namespace RedshiftTyped.TestSupport;

/// <summary>
/// The PostgreSQL server the PostgreSQL-backend tests use: <c>REDSHIFT_TYPED_TEST_POSTGRES</c> when set; otherwise,
/// outside CI, a throwaway cluster started by <c>tests/scripts/start-postgres.sh</c> and stopped when the test run
/// ends. With <c>CI=true</c> and no connection string the tests fail loudly: they never skip silently.
/// </summary>
public static class PostgresEnvironment
{
    public const string Variable = "REDSHIFT_TYPED_TEST_POSTGRES";
    private static readonly Lazy<string> Admin = new(Resolve, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The role the local server runs as: no superuser, no pg_*_server_* roles; CREATEDB, so each server gets a database.</summary>
    public static string AdminConnectionString => Admin.Value;

    /// <summary>
    /// A superuser of the same server (<c>REDSHIFT_TYPED_TEST_POSTGRES_SUPERUSER</c>, else <c>postgres</c> on the same host and
    /// port, as tests/scripts/start-postgres.sh creates it), for the test that the local server refuses to run as one.
    /// </summary>
    public static string SuperuserConnectionString
        => Environment.GetEnvironmentVariable("REDSHIFT_TYPED_TEST_POSTGRES_SUPERUSER") is { Length: > 0 } configured
            ? configured
            : new NpgsqlConnectionStringBuilder(AdminConnectionString) { Username = "postgres", Database = "postgres" }.ConnectionString;

    /// <summary>Creates an empty database for one server, so servers never see each other's tables.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        string name = "rt_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using (var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection))
        {
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        string name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                // The test role may not terminate an autovacuum worker (WITH (FORCE) refuses), but a plain DROP DATABASE
                // stops one itself; the servers' own sessions are closed by the time a test drops its database.
                await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\"", connection);
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 20)
            {
                await Task.Delay(250);
            }
        }
    }

    private static string Resolve()
    {
        string? configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"{Variable} is not set. In CI, run tests/scripts/start-postgres.sh and export its output before the tests; the PostgreSQL tests never skip.");
        }

        return StartThrowawayCluster();
    }

    private static string StartThrowawayCluster()
    {
        string script = Path.Combine(RepositoryRoot(), "tests", "scripts", "start-postgres.sh");
        var start = new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"start-postgres.sh failed ({process.ExitCode}): {errors}");
        }

        string Value(string name) => output.Split('\n')
            .Select(line => line.Trim())
            .First(line => line.StartsWith($"export {name}=", StringComparison.Ordinal))
            .Split('=', 2)[1].Trim('\'');

        string directory = Value("REDSHIFT_TYPED_TEST_POSTGRES_DIR");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            using var stop = Process.Start(new ProcessStartInfo("bash", [script, "--stop", directory]) { RedirectStandardOutput = true });
            stop?.WaitForExit(30_000);
        };
        return Value(Variable);
    }

    /// <summary>The repository's root folder (the one holding RedshiftTyped.sln), found from the test assembly's folder.</summary>
    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "RedshiftTyped.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (RedshiftTyped.sln).");
    }
}
