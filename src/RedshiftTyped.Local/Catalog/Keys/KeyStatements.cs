using RedshiftTyped.Local.Engine;
using RedshiftTyped.Local.Statements;

namespace RedshiftTyped.Local.Catalog.Keys;

/// <summary>
/// The statements that change declared keys without the engine, which never has them (Redshift does not enforce them:
/// t_Defining_constraints.md): <c>ALTER TABLE t ADD [CONSTRAINT n] { PRIMARY KEY | UNIQUE | FOREIGN KEY } (…)</c> and
/// <c>ALTER TABLE t DROP CONSTRAINT n</c> (r_ALTER_TABLE.md) change only the catalog, after the same checks Redshift
/// makes; DROP TABLE of a table another table's foreign key references needs CASCADE (r_DROP_TABLE.md: "cannot drop
/// table … because other objects depend on it"), which drops that foreign key.
/// </summary>
internal static class KeyStatements
{
    /// <summary>A catalog-only plan for ALTER TABLE ADD / DROP CONSTRAINT of a key; null for any other statement.</summary>
    public static StatementPlan? TryPlan(List<SqlToken> tokens, LocalCatalog catalog)
    {
        var words = StatementTargets.Significant(tokens);
        if (words.Count < 5 || !words[0].IsWord("alter") || !words[1].IsWord("table"))
        {
            return null;
        }

        int at = 2;
        if (StatementTargets.ReadName(words, ref at) is not { } name || at + 2 >= words.Count)
        {
            return null;
        }

        (string Schema, string Name) table = (name.Schema ?? "public", name.Name);
        if (words[at].IsWord("add") && KeyClauses.StartsKey(words, at + 1))
        {
            int i = at + 1;
            var key = KeyClauses.Read(words, ref i, column: null);
            DeclaredKey? named = null;
            return new StatementPlan(null)
                .Before((connection, _) => named = Checked(connection, catalog, table, key))
                .After((_, _) => catalog.AddKey(table.Schema, table.Name, named!));
        }

        if (words[at].IsWord("drop") && words[at + 1].IsWord("constraint"))
        {
            string constraint = RedshiftDdlTranslator.Identifier(words[at + 2]);
            if (catalog.Find(table.Schema, table.Name)?.Keys.Any(k => k.Name == constraint) == true)
            {
                return new StatementPlan(null).After((_, _) => catalog.DropKey(table.Schema, table.Name, constraint));
            }
        }

        return null;
    }

    /// <summary>
    /// Refuses a DROP TABLE (without CASCADE) of a table that a foreign key of a table it does not also drop references,
    /// as Redshift does (r_DROP_TABLE.md).
    /// </summary>
    public static void CheckDrop(List<SqlToken> tokens, IReadOnlyList<(string Schema, string Name)> drops, LocalCatalog catalog)
    {
        if (drops.Count == 0 || tokens.Any(t => t.IsWord("cascade")))
        {
            return;
        }

        foreach (var (schema, name) in drops)
        {
            foreach (var (table, key) in catalog.ReferencesTo(schema, name))
            {
                if (!drops.Contains((table.Schema, table.Name)))
                {
                    throw new EngineFailure($"ERROR: cannot drop table {name} because other objects depend on it (constraint {key.Name} on table " +
                        $"{table.Schema}.{table.Name}); drop that constraint first, or use DROP TABLE ... CASCADE to drop it too");
                }
            }
        }
    }

    /// <summary>
    /// Refuses <c>ALTER TABLE t DROP [COLUMN] c</c> without CASCADE when a key is on the column or a foreign key
    /// references it: r_ALTER_TABLE.md, "The default behavior for DROP COLUMN is RESTRICT if the column has any dependent
    /// objects, such as a view, primary key, foreign key, or UNIQUE restriction".
    /// </summary>
    public static void CheckDropColumn(List<SqlToken> tokens, LocalCatalog catalog)
    {
        var words = StatementTargets.Significant(tokens);
        if (words.Count < 5 || !words[0].IsWord("alter") || !words[1].IsWord("table") || words.Any(t => t.IsWord("cascade")))
        {
            return;
        }

        int at = 2;
        if (StatementTargets.ReadName(words, ref at) is not { } name || at + 1 >= words.Count || !words[at].IsWord("drop"))
        {
            return;
        }

        at += words[at + 1].IsWord("column") ? 2 : 1;
        if (at >= words.Count || words[at].IsWord("constraint") || catalog.Find(name.Schema ?? "public", name.Name) is not { } table)
        {
            return;
        }

        string column = RedshiftDdlTranslator.Identifier(words[at]);
        var dependent = table.Keys.Where(k => k.Columns.Contains(column)).Select(k => $"constraint {k.Name}")
            .Concat(catalog.ReferencesTo(table.Schema, table.Name).Where(r => r.Key.ReferencedColumns.Contains(column))
                .Select(r => $"constraint {r.Key.Name} on table {r.Table.Schema}.{r.Table.Name}"))
            .FirstOrDefault();
        if (dependent is not null)
        {
            throw new EngineFailure($"ERROR: cannot drop column {column} of table {table.Name} because other objects depend on it ({dependent}); " +
                "drop that constraint first, or use DROP COLUMN ... CASCADE to drop it too");
        }
    }

    /// <summary>Checks on the engine that the tables a new table's foreign keys reference exist (Redshift checks them too).</summary>
    public static void CheckReferences(IEngineConnection connection, CatalogTable created)
    {
        foreach (var key in created.Keys)
        {
            if (key.References is { } referenced && referenced != (created.Schema, created.Name))
            {
                Probe(connection, referenced, key.ReferencedColumns);
            }
        }
    }

    /// <summary>The key with its name, after Redshift's checks: the table and columns exist, one primary key, NOT NULL primary-key columns.</summary>
    private static DeclaredKey Checked(IEngineConnection connection, LocalCatalog catalog, (string Schema, string Name) table, DeclaredKey key)
    {
        Probe(connection, table, key.Columns);
        if (key.References is { } referenced)
        {
            Probe(connection, referenced, key.ReferencedColumns);
        }

        var declared = catalog.Find(table.Schema, table.Name)
            ?? throw new EngineFailure($"ERROR: the local server has no declaration of table {table.Schema}.{table.Name} (it was not created through it), " +
                "so it cannot record a constraint on it; create the table with CREATE TABLE through the server");
        if (key.Kind == KeyKind.PrimaryKey && declared.Keys.Any(k => k.Kind == KeyKind.PrimaryKey))
        {
            throw new EngineFailure($"ERROR: multiple primary keys for table \"{table.Name}\" are not allowed");
        }

        if (key.Name is { } name && declared.Keys.Any(k => k.Name == name))
        {
            throw new EngineFailure($"ERROR: constraint \"{name}\" for relation \"{table.Name}\" already exists");
        }

        // r_ALTER_TABLE.md: "You can't add a primary-key constraint to a nullable column."
        if (key.Kind == KeyKind.PrimaryKey && key.Columns.FirstOrDefault(c => declared.Column(c)?.Nullable == true) is { } nullable)
        {
            throw new EngineFailure($"ERROR: column \"{nullable}\" of table \"{table.Name}\" is nullable, and a primary key can be added only to NOT NULL columns; " +
                "declare the column NOT NULL in CREATE TABLE");
        }

        return key.Named(table.Name, declared.Keys.Select(k => k.Name!));
    }

    /// <summary>
    /// Runs <c>SELECT columns FROM table WHERE 1 = 0</c>: the engine's own error (in Redshift's words) when either is
    /// missing. A table in <c>public</c> is named alone, so the error names it as the statement did.
    /// </summary>
    private static void Probe(IEngineConnection connection, (string Schema, string Name) table, IReadOnlyList<string> columns)
    {
        string list = columns.Count == 0 ? "1" : string.Join(", ", columns.Select(Quote));
        string name = table.Schema == "public" ? Quote(table.Name) : $"{Quote(table.Schema)}.{Quote(table.Name)}";
        using var command = connection.CreateCommand($"SELECT {list} FROM {name} WHERE 1 = 0", []);
        using var reader = command.ExecuteReader();
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
