using RedshiftTyped.Local.Engine;
using RedshiftTyped.Local.Statements;

namespace RedshiftTyped.Local.Catalog.Keys;

/// <summary>
/// Reads the key constraints of Redshift's CREATE TABLE and ALTER TABLE grammar (r_CREATE_TABLE_NEW.md, r_ALTER_TABLE.md):
/// column level <c>[CONSTRAINT name] { PRIMARY KEY | UNIQUE | REFERENCES reftable [ ( refcolumn ) ] }</c>, table level
/// <c>[CONSTRAINT name] { PRIMARY KEY ( columns ) | UNIQUE ( columns ) | FOREIGN KEY ( columns ) REFERENCES reftable [ ( refcolumns ) ] }</c>.
/// </summary>
internal static class KeyClauses
{
    /// <summary>Whether the significant token at <paramref name="i"/> starts a key constraint (after any CONSTRAINT name).</summary>
    public static bool StartsKey(IReadOnlyList<SqlToken> tokens, int i)
    {
        i = Skip(tokens, i);
        if (i < tokens.Count && tokens[i].IsWord("constraint"))
        {
            i = Skip(tokens, Skip(tokens, i + 1) + 1);
        }

        return i < tokens.Count && (tokens[i].IsWord("primary") || tokens[i].IsWord("unique") || tokens[i].IsWord("foreign") || tokens[i].IsWord("references"));
    }

    /// <summary>
    /// Reads one key constraint starting at <paramref name="i"/> (at CONSTRAINT or the key word) and moves past it.
    /// <paramref name="column"/> is the column it is declared on, or null for a table constraint, whose columns are listed.
    /// </summary>
    /// <exception cref="EngineFailure">The clause is incomplete (a missing KEY, column list or referenced table).</exception>
    public static DeclaredKey Read(IReadOnlyList<SqlToken> tokens, ref int i, string? column)
    {
        string? name = null;
        i = Skip(tokens, i);
        if (tokens[i].IsWord("constraint"))
        {
            i = Skip(tokens, i + 1);
            name = i < tokens.Count ? RedshiftDdlTranslator.Identifier(tokens[i]) : null;
            i = Skip(tokens, i + 1);
        }

        var word = tokens[i];
        i++;
        if (word.IsWord("primary") || word.IsWord("foreign"))
        {
            Expect(tokens, ref i, "key", word.Text.ToUpperInvariant() + " KEY");
        }

        KeyKind kind = word.IsWord("primary") ? KeyKind.PrimaryKey : word.IsWord("unique") ? KeyKind.Unique : KeyKind.ForeignKey;
        IReadOnlyList<string> columns = column is not null && !word.IsWord("foreign") ? [column] : Names(tokens, ref i, word.Text.ToUpperInvariant());
        var key = new DeclaredKey(name, kind, columns);
        if (kind != KeyKind.ForeignKey)
        {
            return key;
        }

        if (word.IsWord("foreign"))
        {
            Expect(tokens, ref i, "references", "FOREIGN KEY ( columns ) REFERENCES reftable");
        }

        i = Skip(tokens, i);
        if (i >= tokens.Count || tokens[i].Kind is not (SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier))
        {
            throw new EngineFailure("ERROR: REFERENCES needs the referenced table: REFERENCES reftable [ ( refcolumn ) ]");
        }

        string first = RedshiftDdlTranslator.Identifier(tokens[i]);
        (string Schema, string Name) table = ("public", first);
        int dot = Skip(tokens, i + 1);
        if (dot < tokens.Count && tokens[dot].IsSymbol("."))
        {
            i = Skip(tokens, dot + 1);
            table = (first, RedshiftDdlTranslator.Identifier(tokens[i]));
        }

        i++;
        int open = Skip(tokens, i);
        var referenced = open < tokens.Count && tokens[open].IsSymbol("(") ? Names(tokens, ref i, "REFERENCES") : [];
        return key with { References = table, ReferencedColumns = referenced };
    }

    private static void Expect(IReadOnlyList<SqlToken> tokens, ref int i, string word, string clause)
    {
        i = Skip(tokens, i);
        if (i >= tokens.Count || !tokens[i].IsWord(word))
        {
            throw new EngineFailure($"ERROR: syntax error in {clause}: expected {word.ToUpperInvariant()}");
        }

        i++;
    }

    /// <summary>A parenthesised list of column names.</summary>
    private static List<string> Names(IReadOnlyList<SqlToken> tokens, ref int i, string clause)
    {
        i = Skip(tokens, i);
        if (i >= tokens.Count || !tokens[i].IsSymbol("("))
        {
            throw new EngineFailure($"ERROR: {clause} needs its columns in parentheses: {clause} ( column_name [, ...] )");
        }

        var names = new List<string>();
        for (i++; i < tokens.Count && !tokens[i].IsSymbol(")"); i++)
        {
            if (tokens[i].Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier)
            {
                names.Add(RedshiftDdlTranslator.Identifier(tokens[i]));
            }
        }

        i++;
        return names;
    }

    private static int Skip(IReadOnlyList<SqlToken> tokens, int i)
    {
        while (i < tokens.Count && tokens[i].IsTrivia) i++;
        return i;
    }
}
