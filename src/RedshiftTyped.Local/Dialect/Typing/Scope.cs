using RedshiftTyped.Local.Dialect.Syntax;
using RedshiftTyped.Local.Engine;

namespace RedshiftTyped.Local.Dialect.Typing;

/// <summary>
/// A column a query produces or a relation offers: its name, Redshift type (null: the engine's), nullability, and the
/// base table it comes from (for ColumnMetadata's schemaName/tableName; empty for expressions).
/// </summary>
internal sealed record OutputColumn(string Name, RsTypeInfo? Type, bool Nullable = true, string Schema = "", string Table = "")
{
    /// <summary>A <c>*</c> over a relation whose columns are unknown: it stands for as many engine columns as there are.</summary>
    public bool UnknownStar { get; init; }

    public static OutputColumn Star => new("*", null) { UnknownStar = true };
}

/// <summary>Something a FROM clause brings into scope under a name: a table, a subquery, a CTE, an unnested SUPER element.</summary>
internal sealed class Relation(string name, IReadOnlyList<OutputColumn>? columns)
{
    public string Name { get; } = name;

    /// <summary>The columns, or null when the relation's columns are not known (a table the catalog does not describe).</summary>
    public IReadOnlyList<OutputColumn>? Columns { get; } = columns;

    /// <summary>
    /// For a PartiQL unnesting (<c>FROM t.arr AS e AT i</c>): the name is itself a value (the element or its index) of
    /// this type, not a row of columns.
    /// </summary>
    public RsTypeInfo? ValueType { get; init; }

    public bool IsValue { get; init; }

    public OutputColumn? Column(string column) => Columns?.FirstOrDefault(c => c.Name == column);
}

/// <summary>How a column reference resolved: the relation, the column (null when the relation's columns are unknown),
/// and the SUPER navigation that follows it (attribute names, in order).</summary>
internal sealed record ColumnBinding(Relation? Relation, OutputColumn? Column, int ColumnParts, IReadOnlyList<Ident> Path)
{
    public bool IsNavigation => Path.Count > 0;
}

/// <summary>The names visible at one level of a query, with the enclosing level for correlated references.</summary>
internal sealed class Scope(Scope? parent)
{
    public Scope? Parent { get; } = parent;

    public List<Relation> Relations { get; } = [];

    public Dictionary<string, IReadOnlyList<OutputColumn>> CommonTables { get; } = new(StringComparer.Ordinal);

    /// <summary>The select list's output columns (ORDER BY may name them).</summary>
    public IReadOnlyList<OutputColumn>? SelectOutputs { get; set; }

    public IReadOnlyList<OutputColumn>? FindCommonTable(string name)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope.CommonTables.TryGetValue(name, out var columns)) return columns;
        }

        return null;
    }

    /// <summary>
    /// Resolves a dotted reference: <c>rel.col[.path…]</c>, <c>col[.path…]</c>, <c>schema.rel.col</c>, or an unnested
    /// element's alias <c>e[.path…]</c>; the nearest scope wins. Null when nothing matches.
    /// </summary>
    public ColumnBinding? Resolve(IReadOnlyList<Ident> parts)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope.ResolveQualified(parts) is { } binding) return binding;
        }

        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope.ResolveColumn(parts, scope == this) is { } binding) return binding;
        }

        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            // One relation with unknown columns (a table the catalog does not describe): the column is probably its.
            var unknown = scope.Relations.Where(r => !r.IsValue && r.Columns is null).ToList();
            if (unknown.Count == 1) return new ColumnBinding(unknown[0], null, 1, parts.Skip(1).ToList());
            if (unknown.Count > 1) return null;
        }

        return null;
    }

    /// <summary><c>rel.col[.path…]</c> or <c>schema.rel.col[.path…]</c>.</summary>
    private ColumnBinding? ResolveQualified(IReadOnlyList<Ident> parts)
    {
        if (parts.Count < 2) return null;
        foreach (var relation in Relations)
        {
            if (relation.Name != parts[0].Name) continue;
            if (relation.IsValue) return new ColumnBinding(relation, null, 1, parts.Skip(1).ToList());
            var column = relation.Column(parts[1].Name);
            if (column is not null || relation.Columns is null) return new ColumnBinding(relation, column, 2, parts.Skip(2).ToList());
        }

        if (parts.Count >= 3)
        {
            foreach (var relation in Relations)
            {
                if (relation.Name != parts[1].Name || relation.IsValue) continue;
                var column = relation.Column(parts[2].Name);
                if (column is not null || relation.Columns is null) return new ColumnBinding(relation, column, 3, parts.Skip(3).ToList());
            }
        }

        return null;
    }

    /// <summary><c>col[.path…]</c> (a column of one of the relations), an unnested element's alias, or a select-list name.</summary>
    private ColumnBinding? ResolveColumn(IReadOnlyList<Ident> parts, bool here)
    {
        string first = parts[0].Name;
        foreach (var relation in Relations)
        {
            if (relation.IsValue && relation.Name == first) return new ColumnBinding(relation, null, 1, parts.Skip(1).ToList());
        }

        var owners = Relations.Where(r => !r.IsValue && r.Column(first) is not null).ToList();
        if (owners.Count == 1) return new ColumnBinding(owners[0], owners[0].Column(first), 1, parts.Skip(1).ToList());
        if (owners.Count == 0 && here && parts.Count == 1 && SelectOutputs?.FirstOrDefault(c => c.Name == first) is { } output)
        {
            return new ColumnBinding(null, output, 1, []);
        }

        return null;
    }
}
