using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace RedshiftTyped.Generator.Tests.Infrastructure;

/// <summary>
/// MSBuild's view of the project as the generator sees it: global build properties, and the metadata the package's
/// targets put on snapshot files (any .json path under a "snapshots" folder here), on query files (any .sql path under a
/// "queries" folder: its path below it) and on query snapshots (any path under a "query-snapshots" folder).
/// </summary>
internal sealed class TestOptionsProvider(IReadOnlyDictionary<string, string> globals) : AnalyzerConfigOptionsProvider
{
    private static readonly DictionaryOptions SchemaFile = new(new Dictionary<string, string>
    {
        ["build_metadata.AdditionalFiles.RedshiftTypedSchema"] = "true",
    });

    private static readonly DictionaryOptions QuerySnapshotFile = new(new Dictionary<string, string>
    {
        ["build_metadata.AdditionalFiles.RedshiftTypedQuerySnapshot"] = "true",
    });

    private static readonly DictionaryOptions OtherFile = new(new Dictionary<string, string>());

    public override AnalyzerConfigOptions GlobalOptions { get; } = new DictionaryOptions(globals);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => OtherFile;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile)
    {
        string path = textFile.Path.Replace('\\', '/');
        int queries = path.IndexOf("/queries/", StringComparison.OrdinalIgnoreCase);
        if (queries >= 0 && path.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
        {
            // As the targets do: the path below the queries folder (what queries/**/*.sql's ** matched).
            return new DictionaryOptions(new Dictionary<string, string>
            {
                ["build_metadata.AdditionalFiles.RedshiftTypedQuery"] = path[(queries + "/queries/".Length)..],
            });
        }

        if (path.Contains("/query-snapshots/", StringComparison.OrdinalIgnoreCase))
        {
            return QuerySnapshotFile;
        }

        return path.Contains("/snapshots/", StringComparison.OrdinalIgnoreCase) ? SchemaFile : OtherFile;
    }

    private sealed class DictionaryOptions(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
