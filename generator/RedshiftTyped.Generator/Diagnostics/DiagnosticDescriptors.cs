using System;
using Microsoft.CodeAnalysis;

namespace RedshiftTyped.Generator.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports, in one place so that a companion analyzer could share them.
/// Each links to its section of docs/diagnostics.md.
/// </summary>
internal static class DiagnosticDescriptors
{
    // The repository's public address is not settled yet; the anchor per id is.
    public const string HelpLinkBase = "https://github.com/redshift-typed/redshift-typed/blob/main/docs/diagnostics.md";
    private const string Category = "RedshiftTyped.Snapshots";

    public static readonly DiagnosticDescriptor MalformedJson = Create(
        "RTG001", "Malformed snapshot JSON", "The schema snapshot is not valid JSON: {0}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnsupportedFormatVersion = Create(
        "RTG002", "Unsupported snapshot format version", "The snapshot has formatVersion {0}; this generator reads formatVersion {1}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor MissingOrInvalidMember = Create(
        "RTG003", "Missing or invalid snapshot member", "{0}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnknownType = Create(
        "RTG004", "Unknown Redshift type", "Column \"{0}\" has the unknown type \"{1}\"; it is read as string", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor DuplicateTable = Create(
        "RTG005", "Duplicate table", "The table {0} is also described by {1}; this snapshot is ignored", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor IdentifierCollision = Create(
        "RTG006", "Generated identifier collision", "{0} \"{1}\" would be named {2}, which is already taken; it is named {3} instead", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor InvalidOverride = Create(
        "RTG007", "Invalid override", "{0}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor DuplicateMember = Create(
        "RTG008", "Duplicate JSON member", "The member \"{0}\" is given twice in this object (first on line {1}); JSON readers disagree on which one counts, so keep one", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor BeyondRedshiftLimit = Create(
        "RTG009", "Beyond a Redshift limit", "{0}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor DuplicateColumn = Create(
        "RTG010", "Duplicate column", "The column \"{0}\" is listed twice (first at ordinal {1}); a table's column names are unique, so remove one", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor[] All =
    [
        MalformedJson, UnsupportedFormatVersion, MissingOrInvalidMember, UnknownType, DuplicateTable, IdentifierCollision, InvalidOverride,
        DuplicateMember, BeyondRedshiftLimit, DuplicateColumn,
    ];

    public static DiagnosticDescriptor ById(string id)
    {
        foreach (var descriptor in All)
        {
            if (descriptor.Id == id)
            {
                return descriptor;
            }
        }

        foreach (var descriptor in QueryDiagnosticDescriptors.All)
        {
            if (descriptor.Id == id)
            {
                return descriptor;
            }
        }

        throw new ArgumentException($"No diagnostic {id}.", nameof(id));
    }

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity) => new(
        id,
        title,
        message,
        Category,
        severity,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "#" + id.ToLowerInvariant());
}
