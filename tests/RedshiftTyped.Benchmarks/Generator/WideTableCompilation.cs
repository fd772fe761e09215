using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace RedshiftTyped.Benchmarks.Generator;

/// <summary>
/// What a build does with the widest legal table (1,600 columns, Redshift's limit): run the generator, then compile its
/// output against the runtime, Apache.Arrow and the framework (diagnostics and IL, as <c>dotnet build</c> does).
/// </summary>
internal sealed class WideTableCompilation
{
    /// <summary>Redshift's most columns in one table (Database Developer Guide, CREATE TABLE: "1,600").</summary>
    public const int Columns = 1600;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Parse);
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    private readonly List<(string Path, string Text)> _files = [("/repo/schema-snapshots/bench/wide/wide.json", SyntheticSchema.Table(0, Columns, variant: 0))];

    /// <summary>The generator alone; returns the generated source's length.</summary>
    public int Generate()
    {
        var runner = new GeneratorRunner(_files);
        runner.Run();
        return runner.GeneratedLength;
    }

    /// <summary>Generator and compiler, to IL; returns the assembly's size.</summary>
    /// <param name="nullableWarningsInDecoders">
    /// Compile the decoders and Arrow builders with nullable warnings on, as the generator emitted them before they were
    /// wrapped in <c>#nullable disable warnings</c>: the "before" of the side-by-side comparison.
    /// </param>
    public long GenerateAndCompile(bool nullableWarningsInDecoders = false)
    {
        var compilation = CSharpCompilation.Create(
            "Wide",
            [CSharpSyntaxTree.ParseText("class UserCode { }", ParseOptions)],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, optimizationLevel: OptimizationLevel.Release)
                .WithSpecificDiagnosticOptions([new("CS1701", ReportDiagnostic.Suppress), new("CS1702", ReportDiagnostic.Suppress)]));
        var driver = CSharpGeneratorDriver.Create([new RedshiftTyped.Generator.RedshiftSchemaGenerator().AsSourceGenerator()],
            GeneratorRunner.Texts(_files), ParseOptions, GeneratorRunner.OptionsProvider);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        if (nullableWarningsInDecoders)
        {
            foreach (var tree in output.SyntaxTrees.Where(t => t.ToString().Contains("#nullable disable warnings", StringComparison.Ordinal)).ToList())
            {
                string text = tree.ToString().Replace("#nullable disable warnings\n", "", StringComparison.Ordinal)
                    .Replace("#nullable restore warnings\n", "", StringComparison.Ordinal);
                output = output.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(text, ParseOptions, tree.FilePath));
            }
        }

        using var il = new MemoryStream();
        var emitted = output.Emit(il);
        if (!emitted.Success)
        {
            throw new InvalidOperationException("The wide table's generated code does not compile: " +
                string.Join("; ", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5)));
        }

        return il.Length;
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        // The framework, RedshiftTyped and Apache.Arrow, but not this assembly (it holds generated TICKIT types).
        string self = Assembly.GetExecutingAssembly().Location;
        return [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => !string.Equals(p, self, StringComparison.Ordinal))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }
}
