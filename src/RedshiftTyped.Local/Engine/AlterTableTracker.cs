using RedshiftTyped.Local.Statements;

namespace RedshiftTyped.Local.Engine;

/// <summary>
/// Keeps the catalog's declared columns in step with <c>ALTER TABLE ... ADD [COLUMN] name type</c> and
/// <c>ALTER TABLE ... DROP [COLUMN] name</c>, so that a column added later keeps its declared length and
/// precision (which DuckDB would forget) and a dropped one stops being described.
/// </summary>
internal static class AlterTableTracker
{
    public static void Apply(string sql, LocalCatalog catalog)
    {
        var words = SqlLexer.Tokenize(sql).Where(t => !t.IsTrivia).ToList();
        if (words.Count < 6 || !words[0].IsWord("alter") || !words[1].IsWord("table"))
        {
            return;
        }

        int w = 2;
        string first = RedshiftDdlTranslator.Identifier(words[w]);
        (string Schema, string Name) key = words[w + 1].IsSymbol(".") ? (first, RedshiftDdlTranslator.Identifier(words[w + 2])) : ("public", first);
        w += words[w + 1].IsSymbol(".") ? 3 : 1;
        if (catalog.Find(key.Schema, key.Name) is not { } table || w + 1 >= words.Count)
        {
            return;
        }

        bool add = words[w].IsWord("add");
        bool drop = words[w].IsWord("drop");
        if (!add && !drop)
        {
            return;
        }

        w++;
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
            return;
        }

        // The type runs to the first constraint word: "varchar(20) not null default 'x'".
        var typeWords = words.Skip(w + 1).TakeWhile(t => !(t.IsWord("not") || t.IsWord("null") || t.IsWord("default") || t.IsWord("encode") || t.IsSymbol(";")));
        if (RsTypeInfo.Parse(string.Join(' ', typeWords.Select(t => t.Text)).Replace(" (", "(", StringComparison.Ordinal).Replace("( ", "(", StringComparison.Ordinal).Replace(" )", ")", StringComparison.Ordinal).Replace(" ,", ",", StringComparison.Ordinal)) is not { } type)
        {
            return;
        }

        bool notNull = words.Skip(w + 1).Zip(words.Skip(w + 2)).Any(p => p.First.IsWord("not") && p.Second.IsWord("null"));
        catalog.Register(table with { Columns = [.. table.Columns.Where(c => c.Name != column), new CatalogColumn(column, type, !notNull, null, null)] });
    }
}
