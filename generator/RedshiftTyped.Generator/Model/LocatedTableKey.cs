namespace RedshiftTyped.Generator.Model;

/// <summary>A table key with where its name is written: input of the cross-file diagnostics only.</summary>
internal sealed record LocatedTableKey(TableKey Key, LocationInfo NameLocation);
