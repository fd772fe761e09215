using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using RedshiftTyped.Generator.Diagnostics;

namespace RedshiftTyped.Generator.Model;

/// <summary>A place in a snapshot file as plain numbers; turned into a Roslyn Location only when reported.</summary>
internal sealed record LocationInfo(string FilePath, int Start, int Length, int StartLine, int StartCharacter, int EndLine, int EndCharacter)
{
    public static LocationInfo Create(string path, SourceText text, int start, int length)
    {
        var span = new TextSpan(start, length);
        var lines = text.Lines.GetLinePositionSpan(span);
        return new LocationInfo(path, start, length, lines.Start.Line, lines.Start.Character, lines.End.Line, lines.End.Character);
    }

    public Location ToLocation() => Location.Create(
        FilePath,
        new TextSpan(Start, Length),
        new LinePositionSpan(new LinePosition(StartLine, StartCharacter), new LinePosition(EndLine, EndCharacter)));
}

/// <summary>
/// A diagnostic as plain data. Roslyn's Diagnostic compares message arguments by reference (dotnet/roslyn#68291),
/// so the pipeline carries this and builds the Diagnostic at report time.
/// </summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo location, params string[] arguments)
        => new(descriptor.Id, location, new EquatableArray<string>(arguments));

    public Diagnostic ToDiagnostic()
    {
        var args = new object[Arguments.Count];
        for (int i = 0; i < args.Length; i++)
        {
            args[i] = Arguments[i];
        }

        return Diagnostic.Create(DiagnosticDescriptors.ById(Id), Location.ToLocation(), args);
    }
}

/// <summary>The result of parsing one snapshot: the model (null when the file is unusable) and what was wrong.</summary>
internal sealed record ParseResult(TableModel? Table, LocationInfo? NameLocation, EquatableArray<DiagnosticInfo> Diagnostics);
