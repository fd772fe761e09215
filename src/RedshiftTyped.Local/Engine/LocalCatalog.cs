using System.Collections.Concurrent;

namespace RedshiftTyped.Local.Engine;

/// <summary>A column as the Redshift DDL declared it.</summary>
internal sealed record CatalogColumn(string Name, RsTypeInfo Type, bool Nullable, string? Default, string? Encoding);

/// <summary>A table as the Redshift DDL declared it, with the physical-design clauses the engines cannot keep.</summary>
internal sealed record CatalogTable(
    string Schema,
    string Name,
    IReadOnlyList<CatalogColumn> Columns,
    string? DistStyle,
    string? DistKey,
    IReadOnlyList<string> SortKey,
    bool? Backup)
{
    public CatalogColumn? Column(string name) => Columns.FirstOrDefault(c => c.Name == name);
}

/// <summary>
/// The server's own record of declared Redshift types. DuckDB forgets varchar lengths, char padding and
/// SUPER/VARBYTE/GEOMETRY (which it stores under other types); this catalog remembers them so that DescribeTable
/// and ColumnMetadata answer as Redshift would. Thread-safe.
/// </summary>
internal sealed class LocalCatalog
{
    private readonly ConcurrentDictionary<(string Schema, string Name), CatalogTable> _tables = new();

    public void Register(CatalogTable table) => _tables[(table.Schema, table.Name)] = table;

    public void Drop(string schema, string name) => _tables.TryRemove((schema, name), out _);

    /// <summary>Adds a column to a table the catalog knows (a table it does not know keeps the engine's types).</summary>
    public void AddColumn(string schema, string name, CatalogColumn column)
    {
        if (_tables.TryGetValue((schema, name), out var table))
        {
            _tables[(schema, name)] = table with { Columns = [.. table.Columns, column] };
        }
    }

    public CatalogTable? Find(string schema, string name) => _tables.GetValueOrDefault((schema, name));

    public IReadOnlyCollection<CatalogTable> Tables => [.. _tables.Values];

    /// <summary>Tables whose name appears as an identifier in the SQL (a cheap way to attribute result columns).</summary>
    public IReadOnlyList<CatalogTable> ReferencedBy(IEnumerable<string> identifiers)
    {
        var names = new HashSet<string>(identifiers, StringComparer.Ordinal);
        return _tables.Values.Where(t => names.Contains(t.Name)).ToList();
    }
}
