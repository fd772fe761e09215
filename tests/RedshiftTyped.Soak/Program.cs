using RedshiftTyped.Soak;

// The soak test test.sh runs: the TICKIT pipeline through `redshift-typed snapshot` (the real tool, in process) against
// the real local server (loopback only) under injected faults, several runs, each table compared row by row with a
// fault-free run. Prints its figures; exits 0 when nothing was lost, repeated, left behind or thrown.
//   dotnet RedshiftTyped.Soak.dll [--runs 12] [--postgres-runs 4] [--budget 120] [--latency 20]
// With REDSHIFT_TYPED_TEST_POSTGRES set, the PostgreSQL backend is soaked too. No new run starts past the budget
// (seconds; at least two per backend run).
var settings = SoakSettings.Parse(args);
var report = await new Soak(settings, Console.Out).RunAsync();
return report.Passed ? 0 : 1;
