using System.Text.Json.Nodes;

namespace RedshiftTyped.Tool.Snapshots;

/// <summary>
/// One table's schema as it is committed to <c>schema-snapshots/</c> (format: docs/schema-snapshot.schema.json).
/// Records compare by value, so "changed" means a real difference; hand-written overrides are kept as the
/// user wrote them.
/// </summary>
public sealed record TableSnapshot
{
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;
    public required string Database { get; init; }
    public required string Schema { get; init; }
    public required string Name { get; init; }

    /// <summary>table, view, late_binding_view, materialized_view or external_table.</summary>
    public required string Kind { get; init; }

    public string? Comment { get; init; }
    public string? DistStyle { get; init; }
    public string? DistKey { get; init; }
    public IReadOnlyList<string> SortKeys { get; init; } = [];
    public IReadOnlyList<string> PrimaryKey { get; init; } = [];

    /// <summary>Hand-written: the name of the generated record.</summary>
    public string? RecordName { get; init; }

    public required IReadOnlyList<ColumnSnapshot> Columns { get; init; }

    public string QualifiedName => $"{Schema}.{Name}";

    public bool Equals(TableSnapshot? other) => other is not null
        && FormatVersion == other.FormatVersion && Database == other.Database && Schema == other.Schema && Name == other.Name
        && Kind == other.Kind && Comment == other.Comment && DistStyle == other.DistStyle && DistKey == other.DistKey
        && SortKeys.SequenceEqual(other.SortKeys) && PrimaryKey.SequenceEqual(other.PrimaryKey)
        && RecordName == other.RecordName && Columns.SequenceEqual(other.Columns);

    public override int GetHashCode() => HashCode.Combine(Database, Schema, Name, Columns.Count);
}

/// <summary>One column, in ordinal order.</summary>
public sealed record ColumnSnapshot
{
    public required string Name { get; init; }
    public required int Ordinal { get; init; }

    /// <summary>The type as declared: <c>character varying(256)</c>, <c>numeric(18,2)</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The normalised name: int2, int4, ..., varchar, timestamptz, super (or the raw name when unknown).</summary>
    public required string TypeName { get; init; }

    public int? Length { get; init; }
    public int? Precision { get; init; }
    public int? Scale { get; init; }
    public required bool Nullable { get; init; }
    public string? Default { get; init; }
    public string? Comment { get; init; }

    /// <summary>Hand-written overrides (clrType, propertyName, ignore), kept verbatim across captures.</summary>
    public JsonObject? Override { get; init; }

    public bool Equals(ColumnSnapshot? other) => other is not null
        && Name == other.Name && Ordinal == other.Ordinal && Type == other.Type && TypeName == other.TypeName
        && Length == other.Length && Precision == other.Precision && Scale == other.Scale && Nullable == other.Nullable
        && Default == other.Default && Comment == other.Comment
        && JsonNode.DeepEquals(Override, other.Override);

    public override int GetHashCode() => HashCode.Combine(Name, Ordinal, Type);

    /// <summary>The same column without what a user wrote by hand: what capture compares.</summary>
    public ColumnSnapshot WithoutOverride() => this with { Override = null };
}
