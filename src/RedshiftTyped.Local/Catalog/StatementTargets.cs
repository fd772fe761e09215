using RedshiftTyped.Local.Engine;
using RedshiftTyped.Local.Statements;

namespace RedshiftTyped.Local.Catalog;

/// <summary>A table named in a statement: its schema when qualified, and its name (identifiers folded as Redshift folds them).</summary>
internal readonly record struct TableName(string? Schema, string Name)
{
    /// <summary>Whether this name can denote the table <paramref name="schema"/>.<paramref name="name"/> (an unqualified name resolves through the search path).</summary>
    public bool Denotes(string schema, string name) => Name == name && (Schema is null || Schema == schema);

    public override string ToString() => Schema is null ? Name : $"{Schema}.{Name}";
}

/// <summary>The tables a statement writes and the names it mentions, read from its tokens.</summary>
internal static class StatementTargets
{
    /// <summary>
    /// The table an INSERT, UPDATE, DELETE, TRUNCATE, MERGE, COPY or ALTER TABLE changes, or the tables a DROP TABLE
    /// removes; empty for other statements.
    /// </summary>
    public static IReadOnlyList<TableName> Written(List<SqlToken> tokens)
    {
        var words = Significant(tokens);
        if (words.Count < 2)
        {
            return [];
        }

        int at = words[0] switch
        {
            var w when w.IsWord("insert") && words[1].IsWord("into") => 2,
            var w when w.IsWord("merge") && words[1].IsWord("into") => 2,
            var w when w.IsWord("update") => 1,
            var w when w.IsWord("delete") => words[1].IsWord("from") ? 2 : 1,
            var w when w.IsWord("truncate") => words[1].IsWord("table") ? 2 : 1,
            var w when w.IsWord("copy") => 1,
            var w when w.IsWord("alter") && words[1].IsWord("table") => 2,
            var w when w.IsWord("drop") && words[1].IsWord("table") => words.Count > 3 && words[2].IsWord("if") && words[3].IsWord("exists") ? 4 : 2,
            _ => -1,
        };
        if (at < 0)
        {
            return [];
        }

        var names = new List<TableName>();
        while (ReadName(words, ref at) is { } name)
        {
            names.Add(name);
            if (!words[0].IsWord("drop") || at >= words.Count || !words[at].IsSymbol(","))
            {
                break;
            }

            at++;
        }

        return names;
    }

    /// <summary>Every name the statement mentions, qualified ones with their schema (a cheap over-approximation of the tables it reads).</summary>
    public static IReadOnlyList<TableName> Mentioned(List<SqlToken> tokens)
    {
        var words = Significant(tokens);
        var names = new List<TableName>();
        for (int i = 0; i < words.Count; i++)
        {
            if (words[i].Kind is not (SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier))
            {
                continue;
            }

            int at = i;
            if (ReadName(words, ref at) is { } name)
            {
                names.Add(name);
                if (name.Schema is not null)
                {
                    i = at - 1;
                }
            }
        }

        return names;
    }

    /// <summary>A name or schema.name (or database.schema.name) at <paramref name="at"/>, moving past it.</summary>
    public static TableName? ReadName(List<SqlToken> words, ref int at)
    {
        if (at >= words.Count || words[at].Kind is not (SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier))
        {
            return null;
        }

        var parts = new List<string> { RedshiftDdlTranslator.Identifier(words[at]) };
        int next = at + 1;
        while (next + 1 < words.Count && words[next].IsSymbol(".") && words[next + 1].Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier)
        {
            parts.Add(RedshiftDdlTranslator.Identifier(words[next + 1]));
            next += 2;
        }

        at = next;
        return parts.Count == 1 ? new TableName(null, parts[0]) : new TableName(parts[^2], parts[^1]);
    }

    public static List<SqlToken> Significant(List<SqlToken> tokens) => tokens.Where(t => !t.IsTrivia).ToList();
}
