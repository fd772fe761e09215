namespace RedshiftTyped.Local.Catalog.Keys;

/// <summary>The three key constraints Redshift records but does not enforce (t_Defining_constraints.md).</summary>
internal enum KeyKind
{
    PrimaryKey,
    Unique,
    ForeignKey,
}

/// <summary>
/// A PRIMARY KEY, UNIQUE or FOREIGN KEY constraint as CREATE TABLE or ALTER TABLE ADD declared it. Redshift keeps them
/// as planner hints and catalog metadata only (r_CREATE_TABLE_NEW.md: "informational only; they are not enforced"), so
/// the engine never sees them: the server remembers them here and answers <c>information_schema.table_constraints</c> /
/// <c>key_column_usage</c> from them.
/// </summary>
/// <param name="Name">The constraint name: declared with CONSTRAINT name, else PostgreSQL's (<c>t_pkey</c>, <c>t_a_key</c>, <c>t_a_fkey</c>); null until the table names it.</param>
/// <param name="Kind">Primary key, unique or foreign key.</param>
/// <param name="Columns">The constrained columns, in declared order (lower case unless quoted).</param>
internal sealed record DeclaredKey(string? Name, KeyKind Kind, IReadOnlyList<string> Columns)
{
    /// <summary>For a foreign key: the referenced table (an unqualified name is in <c>public</c>).</summary>
    public (string Schema, string Name)? References { get; init; }

    /// <summary>For a foreign key: the referenced columns; empty when left out (the referenced table's primary key).</summary>
    public IReadOnlyList<string> ReferencedColumns { get; init; } = [];

    /// <summary><c>PRIMARY KEY</c>, <c>UNIQUE</c> or <c>FOREIGN KEY</c>, as information_schema.table_constraints spells the type.</summary>
    public string TypeName => Kind switch
    {
        KeyKind.PrimaryKey => "PRIMARY KEY",
        KeyKind.Unique => "UNIQUE",
        _ => "FOREIGN KEY",
    };

    /// <summary>
    /// The name PostgreSQL (and so Redshift: r_ALTER_TABLE_examples_basic.md drops <c>category_pkey</c>) gives an unnamed
    /// constraint: <c>table_pkey</c>, <c>table_col_key</c>, <c>table_col_fkey</c>, with a number appended while it is taken.
    /// </summary>
    public DeclaredKey Named(string table, IEnumerable<string> taken)
    {
        if (Name is not null)
        {
            return this;
        }

        string stem = Kind == KeyKind.PrimaryKey ? $"{table}_pkey" : $"{table}_{string.Join('_', Columns)}_{(Kind == KeyKind.Unique ? "key" : "fkey")}";
        var used = taken.ToHashSet(StringComparer.Ordinal);
        string name = stem;
        for (int n = 1; used.Contains(name); n++)
        {
            name = stem + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return this with { Name = name };
    }
}
