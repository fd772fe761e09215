using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace RedshiftTyped.Generator.Tests.Infrastructure;

/// <summary>
/// MSBuild's view of the project as the generator sees it: global build properties, and the RedshiftTypedSchema
/// metadata the package's targets put on snapshot files (any .json path under a "snapshots" folder here).
/// </summary>
internal sealed class TestOptionsProvider(IReadOnlyDictionary<string, string> globals) : AnalyzerConfigOptionsProvider
{
    private static readonly DictionaryOptions SchemaFile = new(new Dictionary<string, string>
    {
        ["build_metadata.AdditionalFiles.RedshiftTypedSchema"] = "true",
    });

    private static readonly DictionaryOptions OtherFile = new(new Dictionary<string, string>());

    public override AnalyzerConfigOptions GlobalOptions { get; } = new DictionaryOptions(globals);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => OtherFile;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile)
        => textFile.Path.Replace('\\', '/').Contains("/snapshots/", StringComparison.OrdinalIgnoreCase) ? SchemaFile : OtherFile;

    private sealed class DictionaryOptions(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
