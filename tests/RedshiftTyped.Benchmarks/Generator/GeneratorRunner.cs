using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using RedshiftTyped.Generator;

namespace RedshiftTyped.Benchmarks.Generator;

/// <summary>Drives the generator as the compiler does, over in-memory snapshots (no compile of the output).</summary>
internal sealed class GeneratorRunner
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);
    private readonly Compilation _compilation = CSharpCompilation.Create(
        "Bench", [CSharpSyntaxTree.ParseText("class UserCode { }", ParseOptions)], [], new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    private readonly List<AdditionalText> _texts;
    private GeneratorDriver _driver;

    public GeneratorRunner(IEnumerable<(string Path, string Text)> files)
    {
        _texts = Texts(files);
        _driver = CSharpGeneratorDriver.Create([new RedshiftSchemaGenerator().AsSourceGenerator()], _texts, ParseOptions, OptionsProvider);
    }

    /// <summary>Snapshot files as the compiler hands them to the generator.</summary>
    public static List<AdditionalText> Texts(IEnumerable<(string Path, string Text)> files)
        => files.Select(f => (AdditionalText)new Text(f.Path, f.Text)).ToList();

    /// <summary>Marks every additional text as a snapshot, root namespace Bench.</summary>
    public static AnalyzerConfigOptionsProvider OptionsProvider { get; } = new Options();

    /// <summary>Characters of source the last run generated.</summary>
    public int GeneratedLength { get; private set; }

    /// <summary>Runs the generator; returns how many sources it produced.</summary>
    public int Run()
    {
        _driver = _driver.RunGenerators(_compilation);
        var sources = _driver.GetRunResult().Results[0].GeneratedSources;
        GeneratedLength = sources.Sum(s => s.SourceText.Length);
        return sources.Length;
    }

    public void Replace(int index, string path, string text)
    {
        var replacement = new Text(path, text);
        _driver = _driver.ReplaceAdditionalText(_texts[index], replacement);
        _texts[index] = replacement;
    }

    private sealed class Text(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class Options : AnalyzerConfigOptionsProvider
    {
        private static readonly Values Schema = new(ImmutableDictionary<string, string>.Empty.Add("build_metadata.AdditionalFiles.RedshiftTypedSchema", "true"));
        private static readonly Values Global = new(ImmutableDictionary<string, string>.Empty.Add("build_property.RootNamespace", "Bench"));

        public override AnalyzerConfigOptions GlobalOptions => Global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Global;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Schema;

        private sealed class Values(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
