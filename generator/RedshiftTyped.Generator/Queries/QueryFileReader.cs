using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;
using RedshiftTyped.Generator.Diagnostics;
using RedshiftTyped.Generator.Model;
using RedshiftTyped.Queries.Syntax;

namespace RedshiftTyped.Generator.Queries;

/// <summary>
/// Reads one query file with the runtime's own rules (<see cref="QuerySource"/>) into a span-free model, and its
/// problems into diagnostics located in the <c>.sql</c> file.
/// </summary>
internal static class QueryFileReader
{
    /// <param name="path">The file's path, for diagnostic locations.</param>
    /// <param name="file">The path below the queries folder with <c>/</c> (the pairing key).</param>
    /// <param name="text">The file's text.</param>
    public static QueryFileParse Read(string path, string file, SourceText text)
    {
        var source = QuerySource.Parse(text.ToString());
        var diagnostics = new List<DiagnosticInfo>();
        foreach (var problem in source.Problems)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                QueryDiagnosticDescriptors.For(problem.Kind), LocationInfo.Create(path, text, problem.Start, problem.Length), problem.Message));
        }

        var parameters = new List<QueryParameterModel>();
        var parameterLocations = new List<LocationInfo>();
        foreach (var parameter in source.Parameters)
        {
            // A parameter of an unknown type was reported; it is left out of the generated record.
            if (parameter.Type is { } type)
            {
                parameters.Add(new QueryParameterModel(parameter.Name, parameter.DeclaredType, type, parameter.IsNullable));
                parameterLocations.Add(LocationInfo.Create(path, text, parameter.NameStart, parameter.NameLength));
            }
        }

        var hints = new List<NullabilityHintModel>();
        var hintLocations = new List<LocationInfo>();
        foreach (var hint in source.NullabilityHints)
        {
            hints.Add(new NullabilityHintModel(hint.Column, hint.IsNullable));
            hintLocations.Add(LocationInfo.Create(path, text, hint.Start, hint.Length));
        }

        var model = new QueryFileModel(
            file,
            source.NormalizedText,
            source.Sha256,
            source.Description,
            new EquatableArray<QueryParameterModel>(parameters),
            new EquatableArray<NullabilityHintModel>(hints));

        // Pair-level problems (stale, missing snapshot) are reported at the first line.
        var firstLine = text.Lines.Count > 0 ? text.Lines[0].Span : new TextSpan(0, 0);
        return new QueryFileParse(
            model,
            LocationInfo.Create(path, text, firstLine.Start, firstLine.Length),
            new EquatableArray<LocationInfo>(parameterLocations),
            new EquatableArray<LocationInfo>(hintLocations),
            new EquatableArray<DiagnosticInfo>(diagnostics));
    }

    /// <summary>
    /// The pairing key from the <c>RedshiftTypedQuery</c> metadata (the path below the queries folder, e.g.
    /// <c>tickit/top_events.sql</c>): separators made <c>/</c>, no leading <c>./</c>.
    /// </summary>
    public static string Key(string metadata)
    {
        string key = metadata.Trim().Replace('\\', '/');
        while (key.StartsWith("./", System.StringComparison.Ordinal))
        {
            key = key.Substring(2);
        }

        return key.TrimStart('/');
    }
}
