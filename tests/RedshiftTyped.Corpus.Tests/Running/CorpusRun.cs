using RedshiftTyped.Corpus.Tests.Cases;
using RedshiftTyped.Corpus.Tests.Reporting;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace RedshiftTyped.Corpus.Tests.Running;

/// <summary>
/// Every suite run once on one backend: one local server (PostgreSQL: in a database of its own), one real client over
/// HTTP, chains of cases (<see cref="CaseSchedule"/>) run concurrently. The per-case tests then judge the stored results.
/// The report is printed (an xunit diagnostic message, shown in <c>dotnet test</c>'s output) and written under
/// TestResults/corpus (or <c>REDSHIFT_TYPED_CORPUS_RESULTS</c>).
/// </summary>
public abstract class CorpusRun(TestBackend backend, IMessageSink diagnostics) : IAsyncLifetime
{
    /// <summary>Chains run at once; the local server executes up to four statements in parallel by default.</summary>
    private const int ConcurrentChains = 4;

    /// <summary>run_corpus.py's per-statement limit.</summary>
    private static readonly TimeSpan StatementTimeout = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, SuiteReport> _reports = new(StringComparer.Ordinal);

    /// <summary><c>duckdb</c> or <c>postgres</c>, as the known-failures files name backends.</summary>
    public string Backend { get; } = backend == TestBackend.DuckDb ? "duckdb" : "postgres";

    internal SuiteReport Report(CorpusSuite suite) => _reports[suite.Name];

    public async Task InitializeAsync()
    {
        await using var server = await TestServer.StartAsync(backend);
        using var client = server.Client();
        var procedure = new CaseProcedure(new CorpusStatementRunner(client, StatementTimeout), Backend);

        // One schedule over every suite: suites reuse table names (t, orders), so their cases must chain too.
        var all = CorpusSuite.All.SelectMany(s => s.Cases).ToList();
        var results = new CaseResult[all.Count];
        var position = new Dictionary<CorpusCase, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < all.Count; i++) position[all[i]] = i;
        await Parallel.ForEachAsync(CaseSchedule.Chains(all), new ParallelOptions { MaxDegreeOfParallelism = ConcurrentChains },
            async (chain, cancellationToken) =>
            {
                foreach (var corpusCase in chain)
                {
                    results[position[corpusCase]] = await procedure.RunAsync(corpusCase, cancellationToken);
                }
            });

        string folder = ResultsFolder();
        int offset = 0;
        foreach (var suite in CorpusSuite.All)
        {
            var report = new SuiteReport(suite, Backend, results[offset..(offset + suite.Cases.Count)]);
            offset += suite.Cases.Count;
            _reports[suite.Name] = report;
            string file = report.WriteFiles(folder);
            diagnostics.OnMessage(new DiagnosticMessage(report.Text(file)));
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string ResultsFolder()
        => Environment.GetEnvironmentVariable("REDSHIFT_TYPED_CORPUS_RESULTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(PostgresEnvironment.RepositoryRoot(), "tests", "RedshiftTyped.Corpus.Tests", "TestResults", "corpus");
}

/// <summary>The suites on embedded DuckDB.</summary>
public sealed class DuckDbCorpusRun(IMessageSink diagnostics) : CorpusRun(TestBackend.DuckDb, diagnostics);

/// <summary>The suites on PostgreSQL (<c>REDSHIFT_TYPED_TEST_POSTGRES</c>, or a throwaway cluster).</summary>
public sealed class PostgresCorpusRun(IMessageSink diagnostics) : CorpusRun(TestBackend.Postgres, diagnostics);

[CollectionDefinition(Name)]
public sealed class DuckDbCorpus : ICollectionFixture<DuckDbCorpusRun>
{
    public const string Name = "corpus on duckdb";
}

[CollectionDefinition(Name)]
public sealed class PostgresCorpus : ICollectionFixture<PostgresCorpusRun>
{
    public const string Name = "corpus on postgres";
}
