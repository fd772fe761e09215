using System.CommandLine;
using RedshiftTyped.Tool.Cli;

namespace RedshiftTyped.Tool.Queries;

/// <summary>The flags capture and check share for typed queries: where the query files and their snapshots live.</summary>
internal sealed class QueryScopeFlags
{
    public Option<string> Queries { get; } = new("--queries")
    {
        Description = "Folder of typed query files (*.sql, searched recursively); capture describes each.",
        DefaultValueFactory = _ => "queries",
    };

    public Option<string> Snapshots { get; } = new("--query-snapshots")
    {
        Description = "Folder of query snapshots (one .json per .sql, at the same path).",
        DefaultValueFactory = _ => "query-snapshots",
    };

    public void AddTo(Command command)
    {
        command.Add(Queries);
        command.Add(Snapshots);
    }

    /// <summary>
    /// The query files and stored snapshots. Without a queries folder there are no queries, unless <c>--queries</c> named
    /// one: then its absence is a mistake on the command line.
    /// </summary>
    public QueryWorkspace Read(ParseResult parse)
    {
        string queries = parse.GetValue(Queries)!;
        if (!Directory.Exists(queries) && parse.GetResult(Queries) is { Implicit: false })
        {
            throw new UsageException($"--queries \"{queries}\" is not a folder; point it at the folder that holds your .sql files.");
        }

        var store = new QuerySnapshotStore(parse.GetValue(Snapshots)!);
        return new QueryWorkspace(queries, QueryFile.ReadAll(queries), store, store.ReadAll());
    }
}

/// <summary>The query files and the committed query snapshots, read before anything runs or is written.</summary>
internal sealed record QueryWorkspace(string Root, IReadOnlyList<QueryFile> Files, QuerySnapshotStore Store, IReadOnlyList<StoredQuerySnapshot> Stored)
{
    public bool IsEmpty => Files.Count == 0 && Stored.Count == 0;

    /// <summary>Describes every query file, a few at a time, in key order.</summary>
    public async Task<IReadOnlyList<QueryDescription>> DescribeAsync(RedshiftClient client, string database, CancellationToken cancellationToken)
    {
        var describer = new QueryDescriber(client);
        using var gate = new SemaphoreSlim(4);
        var work = Files.Select(async file =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                return await describer.DescribeAsync(file, database, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        });
        return await Task.WhenAll(work);
    }
}
