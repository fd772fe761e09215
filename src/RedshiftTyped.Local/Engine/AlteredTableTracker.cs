using RedshiftTyped.Local.Statements;

namespace RedshiftTyped.Local.Engine;

/// <summary>
/// Keeps the catalog's declared columns in step with <c>ALTER TABLE name DROP [COLUMN] c</c>, <c>RENAME [COLUMN] c TO d</c>
/// and <c>RENAME TO new_name</c> (r_ALTER_TABLE.md), so result columns the dialect layer plans from the catalog name
/// what the engine now has. (Added columns come through <see cref="RedshiftDdlTranslator"/>.)
/// </summary>
internal static class AlteredTableTracker
{
    public static void Apply(string sql, LocalCatalog catalog)
    {
        if (!sql.Contains("drop", StringComparison.OrdinalIgnoreCase) && !sql.Contains("rename", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var words = SqlLexer.Tokenize(sql).Where(t => !t.IsTrivia).ToList();
        if (words.Count < 5 || !words[0].IsWord("alter") || !words[1].IsWord("table"))
        {
            return;
        }

        int w = 2;
        string first = RedshiftDdlTranslator.Identifier(words[w]);
        bool qualified = words[w + 1].IsSymbol(".");
        (string Schema, string Name) key = qualified ? (first, RedshiftDdlTranslator.Identifier(words[w + 2])) : ("public", first);
        w += qualified ? 3 : 1;
        if (catalog.Find(key.Schema, key.Name) is not { } table || w + 1 >= words.Count)
        {
            return;
        }

        bool drop = words[w].IsWord("drop");
        if (!drop && !words[w].IsWord("rename"))
        {
            return;
        }

        w++;
        if (!drop && words[w].IsWord("to") && w + 1 < words.Count)
        {
            catalog.Drop(table.Schema, table.Name);
            catalog.Register(table with { Name = RedshiftDdlTranslator.Identifier(words[w + 1]) });
            return;
        }

        if (words[w].IsWord("column"))
        {
            w++;
        }

        if (w >= words.Count || words[w].Kind is not (SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier))
        {
            return;
        }

        string column = RedshiftDdlTranslator.Identifier(words[w]);
        if (drop)
        {
            catalog.Register(table with { Columns = table.Columns.Where(c => c.Name != column).ToList() });
        }
        else if (w + 2 < words.Count && words[w + 1].IsWord("to"))
        {
            string renamed = RedshiftDdlTranslator.Identifier(words[w + 2]);
            catalog.Register(table with { Columns = table.Columns.Select(c => c.Name == column ? c with { Name = renamed } : c).ToList() });
        }
    }
}
