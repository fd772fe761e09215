using System.Text.Json.Nodes;

namespace RedshiftTyped.Tool.Queries;

/// <summary>
/// One typed query's result shape as committed to <c>query-snapshots/</c> (format: docs/query-snapshot.schema.json):
/// the query file it describes, the hash of that file's text, its parameters, and the result's columns in order as
/// Redshift described them. Hand-written column overrides are kept as the user wrote them.
/// </summary>
public sealed record QuerySnapshot
{
    public const int CurrentFormatVersion = 1;

    public const string QueryKind = "query";

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>The query file's path below the queries folder, with <c>/</c>: <c>tickit/top_events.sql</c>.</summary>
    public required string File { get; init; }

    /// <summary>The database the query was described in.</summary>
    public required string Database { get; init; }

    /// <summary>Lower-case hex SHA-256 of the query file's text (line ends made <c>\n</c>).</summary>
    public required string Sha256 { get; init; }

    /// <summary>The file's header comment, for reviewers; the generator reads it from the file.</summary>
    public string? Comment { get; init; }

    public IReadOnlyList<QueryParameterSnapshot> Parameters { get; init; } = [];

    public required IReadOnlyList<QueryColumnSnapshot> Columns { get; init; }

    public bool Equals(QuerySnapshot? other) => other is not null
        && FormatVersion == other.FormatVersion && File == other.File && Database == other.Database && Sha256 == other.Sha256
        && Comment == other.Comment && Parameters.SequenceEqual(other.Parameters) && Columns.SequenceEqual(other.Columns);

    public override int GetHashCode() => HashCode.Combine(File, Sha256, Columns.Count);
}

/// <summary>A declared parameter, as the header says (for reviewers; the generator reads the header).</summary>
public sealed record QueryParameterSnapshot(string Name, string Type, bool Nullable);

/// <summary>One result column, in result order.</summary>
public sealed record QueryColumnSnapshot
{
    public required string Name { get; init; }

    /// <summary>1-based position in the result.</summary>
    public required int Ordinal { get; init; }

    /// <summary>The type with its modifiers: <c>numeric(38,2)</c>, <c>character varying(200)</c>, <c>bigint</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The normalised name: int2, int4, int8, numeric, varchar, timestamptz… (the raw name when unknown).</summary>
    public required string TypeName { get; init; }

    public int? Length { get; init; }

    public int? Precision { get; init; }

    public int? Scale { get; init; }

    /// <summary>Whether the generated property is nullable: false only when the service reported no nulls (0).</summary>
    public required bool Nullable { get; init; }

    /// <summary>ColumnMetadata.nullable as the service reported it: 0 no nulls, 1 nullable, 2 unknown.</summary>
    public required int ReportedNullable { get; init; }

    /// <summary>Hand-written overrides (clrType, propertyName, nullable), kept verbatim across captures.</summary>
    public JsonObject? Override { get; init; }

    public bool Equals(QueryColumnSnapshot? other) => other is not null
        && Name == other.Name && Ordinal == other.Ordinal && Type == other.Type && TypeName == other.TypeName
        && Length == other.Length && Precision == other.Precision && Scale == other.Scale && Nullable == other.Nullable
        && ReportedNullable == other.ReportedNullable && JsonNode.DeepEquals(Override, other.Override);

    public override int GetHashCode() => HashCode.Combine(Name, Ordinal, Type);
}
