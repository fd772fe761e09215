using RedshiftTyped.Local.Statements;

namespace RedshiftTyped.Local.Engine;

/// <summary>
/// Keeps the catalog's declared columns in step with <c>ALTER TABLE ... DROP [COLUMN] name</c>, so a dropped
/// column stops being described. (Added columns come through <see cref="RedshiftDdlTranslator"/>.)
/// </summary>
internal static class DroppedColumnTracker
{
    public static void Apply(string sql, LocalCatalog catalog)
    {
        if (!sql.Contains("drop", StringComparison.OrdinalIgnoreCase))
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
        if (catalog.Find(key.Schema, key.Name) is not { } table || w + 1 >= words.Count || !words[w].IsWord("drop"))
        {
            return;
        }

        w++;
        if (words[w].IsWord("column"))
        {
            w++;
        }

        if (w < words.Count && words[w].Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier)
        {
            string column = RedshiftDdlTranslator.Identifier(words[w]);
            catalog.Register(table with { Columns = table.Columns.Where(c => c.Name != column).ToList() });
        }
    }
}
