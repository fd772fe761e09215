using System.Globalization;
using RedshiftTyped.Local;

namespace RedshiftTyped.Soak;

/// <summary>How hard and how long to soak.</summary>
internal sealed record SoakSettings(int Runs, int PostgresRuns, TimeSpan Budget, TimeSpan Latency, string? Postgres)
{
    /// <summary>The fault mix of issue 15: 30 % throttling, 10 % server errors, 5 % connections reset mid-body.</summary>
    public FaultInjectionOptions Faults(int seed) => new()
    {
        Seed = seed,
        ThrottleRate = 0.30,
        ServerErrorRate = 0.10,
        ConnectionResetRate = 0.05,
        AddedLatency = Latency,
    };

    public static SoakSettings Parse(string[] args)
    {
        string? Value(string name) => Array.IndexOf(args, name) is int i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        int runs = int.Parse(Value("--runs") ?? "12", CultureInfo.InvariantCulture);
        int postgresRuns = int.Parse(Value("--postgres-runs") ?? "4", CultureInfo.InvariantCulture);
        double budget = double.Parse(Value("--budget") ?? "120", CultureInfo.InvariantCulture);
        double latency = double.Parse(Value("--latency") ?? "20", CultureInfo.InvariantCulture);
        string? postgres = Environment.GetEnvironmentVariable("REDSHIFT_TYPED_TEST_POSTGRES");
        return new SoakSettings(runs, postgresRuns, TimeSpan.FromSeconds(budget), TimeSpan.FromMilliseconds(latency),
            string.IsNullOrWhiteSpace(postgres) ? null : postgres);
    }
}
