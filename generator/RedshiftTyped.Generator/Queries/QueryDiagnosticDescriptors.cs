using Microsoft.CodeAnalysis;
using RedshiftTyped.Queries.Syntax;

namespace RedshiftTyped.Generator.Diagnostics;

/// <summary>
/// The diagnostics of typed queries (<c>.sql</c> files and their query snapshots), RTG101 and up. Problems inside a query
/// snapshot's JSON reuse the snapshot family (RTG001–RTG007); these are about the query file and the pair. Each links to
/// its section of docs/diagnostics.md.
/// </summary>
internal static class QueryDiagnosticDescriptors
{
    private const string Category = "RedshiftTyped.Queries";

    public static readonly DiagnosticDescriptor StaleSnapshot = Create(
        "RTG101", "Query file changed since capture",
        "{0} changed since its query snapshot was captured (the snapshot has sha256 {1}, the file is now {2}): run redshift-typed capture, review the snapshot's diff and commit both",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor MissingSnapshot = Create(
        "RTG102", "Query file without a query snapshot",
        "{0} has no query snapshot: run redshift-typed capture to describe its result, then commit the snapshot it writes",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UndeclaredParameter = Create(
        "RTG103", "Undeclared query parameter", "{0}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnusedParameter = Create(
        "RTG104", "Unused query parameter", "{0}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnknownParameterType = Create(
        "RTG105", "Unknown query parameter type", "{0}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor DuplicateDeclaration = Create(
        "RTG106", "Duplicate query header declaration", "{0}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor MalformedHeader = Create(
        "RTG107", "Malformed query header", "{0}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor NotOneQuery = Create(
        "RTG108", "Not one query", "{0}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnknownHintColumn = Create(
        "RTG109", "@nullable names no result column",
        "@nullable {0}: the query's result has no column \"{0}\" (its columns: {1}); use the column's name as Redshift returns it",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor OrphanSnapshot = Create(
        "RTG110", "Query snapshot without a query file",
        "This query snapshot describes {0}, which is not among the query files compiled; it generates nothing. Delete it (redshift-typed capture --prune) or add the file.",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor DuplicateSnapshot = Create(
        "RTG111", "Duplicate query snapshot",
        "{0} is also described by the query snapshot {1}; this snapshot is ignored. Delete the stale copy.",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor[] All =
    [
        StaleSnapshot, MissingSnapshot, UndeclaredParameter, UnusedParameter, UnknownParameterType, DuplicateDeclaration,
        MalformedHeader, NotOneQuery, UnknownHintColumn, OrphanSnapshot, DuplicateSnapshot,
    ];

    /// <summary>The diagnostic for a problem the query file's own reading found.</summary>
    public static DiagnosticDescriptor For(QuerySyntaxProblemKind kind) => kind switch
    {
        QuerySyntaxProblemKind.UndeclaredParameter => UndeclaredParameter,
        QuerySyntaxProblemKind.UnusedParameter => UnusedParameter,
        QuerySyntaxProblemKind.UnknownParameterType => UnknownParameterType,
        QuerySyntaxProblemKind.DuplicateParameter or QuerySyntaxProblemKind.DuplicateNullabilityHint => DuplicateDeclaration,
        QuerySyntaxProblemKind.NoStatement or QuerySyntaxProblemKind.MultipleStatements or QuerySyntaxProblemKind.NotAQuery => NotOneQuery,
        _ => MalformedHeader,
    };

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity) => new(
        id,
        title,
        message,
        Category,
        severity,
        isEnabledByDefault: true,
        helpLinkUri: DiagnosticDescriptors.HelpLinkBase + "#" + id.ToLowerInvariant());
}
