using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace RedshiftTyped.Generator.Tests.Infrastructure;

/// <summary>An AdditionalFile held in memory, as MSBuild would hand a snapshot to the compiler.</summary>
internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text, System.Text.Encoding.UTF8);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}
