using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace RedshiftTyped.Generator.Tests.Infrastructure;

/// <summary>
/// Runs the generator in memory over snapshot texts and checks the generated code compiles with no error and no
/// warning. Keeps the driver so tests can run it again after edits and inspect each step's run reason.
/// </summary>
internal sealed class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    private GeneratorDriver _driver;

    public GeneratorHarness(IEnumerable<(string Path, string Text)> snapshots, string userSource = "class UserCode { }", IReadOnlyDictionary<string, string>? properties = null)
    {
        Texts = snapshots.Select(s => (AdditionalText)new InMemoryAdditionalText(s.Path, s.Text)).ToList();
        var globals = new Dictionary<string, string> { ["build_property.RedshiftTypedNamespace"] = "Generated" };
        foreach (var (key, value) in properties ?? new Dictionary<string, string>())
        {
            globals["build_property." + key] = value;
        }

        Compilation = CSharpCompilation.Create(
            "GeneratorTestAssembly",
            [CSharpSyntaxTree.ParseText(userSource, ParseOptions, path: "User.cs")],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                // As the SDK does (NoWarn 1701;1702): Apache.Arrow is built against net8.0's assembly versions.
                .WithSpecificDiagnosticOptions([new("CS1701", ReportDiagnostic.Suppress), new("CS1702", ReportDiagnostic.Suppress)]));
        _driver = CSharpGeneratorDriver.Create(
            [new RedshiftSchemaGenerator().AsSourceGenerator()],
            Texts,
            ParseOptions,
            new TestOptionsProvider(globals),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    public List<AdditionalText> Texts { get; }

    public Compilation Compilation { get; private set; }

    public GeneratorRunResult Result { get; private set; }

    /// <summary>Runs the generator; asserts the output compiles cleanly and returns the generator's own diagnostics.</summary>
    public GeneratorRunResult Run()
    {
        _driver = _driver.RunGeneratorsAndUpdateCompilation(Compilation, out var output, out _);
        Result = _driver.GetRunResult().Results.Single();
        Assert.Null(Result.Exception);
        var problems = output.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => d.ToString())
            .ToList();
        Assert.True(problems.Count == 0, "The generated code does not compile cleanly:\n" + string.Join("\n", problems));

        // The decoders and Arrow builders are generated with nullable warnings off (their flow analysis is most of a wide
        // table's compile time): here they are compiled with the warnings on, so their nullability is still checked.
        var checkedOutput = output;
        foreach (var tree in output.SyntaxTrees.Where(t => t.ToString().Contains(NullableWarningsOff, StringComparison.Ordinal)).ToList())
        {
            string text = tree.ToString().Replace(NullableWarningsOff + "\n", "", StringComparison.Ordinal).Replace(NullableWarningsOn + "\n", "", StringComparison.Ordinal);
            checkedOutput = checkedOutput.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(text, ParseOptions, tree.FilePath));
        }

        var nullability = checkedOutput.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).ToList();
        Assert.True(nullability.Count == 0, "The generated decoders are not null-safe:\n" + string.Join("\n", nullability));
        return Result;
    }

    private const string NullableWarningsOff = "#nullable disable warnings";
    private const string NullableWarningsOn = "#nullable restore warnings";

    /// <summary>A new but equal compilation, as the IDE produces on every keystroke that changes nothing.</summary>
    public void CloneCompilation() => Compilation = Compilation.Clone();

    /// <summary>The run reasons of every output of a tracked step of the last run.</summary>
    public IReadOnlyList<IncrementalStepRunReason> Reasons(string stepName)
        => Result.TrackedSteps.TryGetValue(stepName, out var steps)
            ? steps.SelectMany(step => step.Outputs).Select(output => output.Reason).ToList()
            : [];

    public void ReplaceText(string path, string newText)
    {
        int index = Texts.FindIndex(t => t.Path == path);
        var replacement = new InMemoryAdditionalText(path, newText);
        _driver = _driver.ReplaceAdditionalText(Texts[index], replacement);
        Texts[index] = replacement;
    }

    public void ReplaceUserSource(string source)
    {
        var old = Compilation.SyntaxTrees.Single(t => t.FilePath == "User.cs");
        Compilation = Compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(source, ParseOptions, path: "User.cs"));
    }

    /// <summary>Generated sources by hint name, ordered.</summary>
    public IReadOnlyList<(string HintName, string Source)> Sources
        => Result.GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal).Select(s => (s.HintName, s.SourceText.ToString())).ToList();

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        // Everything the test host runs on (the framework, RedshiftTyped, Apache.Arrow) except this test assembly, whose
        // own generated types would clash with the ones under test.
        string self = Assembly.GetExecutingAssembly().Location;
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => !string.Equals(p, self, StringComparison.Ordinal));
        return [.. paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }
}
