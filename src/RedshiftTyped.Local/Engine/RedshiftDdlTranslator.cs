using System.Text;
using RedshiftTyped.Local.Statements;

namespace RedshiftTyped.Local.Engine;

/// <summary>The engine's version of a statement, plus what it changes in the server's catalog once it succeeds.</summary>
internal sealed record TranslatedSql(string Sql, CatalogTable? Creates, IReadOnlyList<(string Schema, string Name)> Drops)
{
    /// <summary>A column that ALTER TABLE ... ADD COLUMN adds to a table.</summary>
    public (string Schema, string Table, CatalogColumn Column)? AddsColumn { get; init; }
}

/// <summary>
/// Makes Redshift DDL run unchanged on DuckDB and PostgreSQL: CREATE TABLE loses DISTSTYLE / DISTKEY / SORTKEY /
/// ENCODE / BACKUP / COLLATE (remembered in the catalog), Redshift-only types become engine types (SUPER, VARBYTE,
/// GEOMETRY, HLLSKETCH, TIMETZ...), IDENTITY columns become NOT NULL columns whose values the server assigns
/// (Storage/IdentityNumbering), and CHAR/VARCHAR columns get the CHECK that counts their length in bytes
/// (Storage/Prelude; r_CREATE_TABLE_NEW.md, r_Character_types.md). It runs on the statements the dialect layer passes
/// through (DDL with column definitions, ALTER TABLE, DROP TABLE, …), whose casts to Redshift-only types it translates;
/// other statements pass through untouched.
/// </summary>
internal sealed class RedshiftDdlTranslator(Func<RsTypeInfo, string> engineType, bool booleanDefaultsNeedLiterals)
{
    private static readonly HashSet<string> ColumnConstraintWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "not", "null", "default", "encode", "distkey", "sortkey", "primary", "unique", "references", "identity",
        "generated", "collate", "constraint", "check",
    };

    private static readonly HashSet<string> TableConstraintWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "primary", "unique", "foreign", "constraint", "check", "like",
    };

    public TranslatedSql Translate(string sql)
    {
        var tokens = SqlLexer.Tokenize(sql);
        var words = Significant(tokens);
        if (words.Count >= 2 && words[0].Token.IsWord("drop") && words[1].Token.IsWord("table"))
        {
            return new TranslatedSql(sql, null, DroppedTables(words));
        }

        if (words.Count >= 5 && words[0].Token.IsWord("alter") && words[1].Token.IsWord("table"))
        {
            return TranslateAddColumn(tokens, words) ?? new TranslatedSql(TranslateCasts(tokens), null, []);
        }

        if (words.Count < 3 || !words[0].Token.IsWord("create"))
        {
            return new TranslatedSql(TranslateCasts(tokens), null, []);
        }

        int w = 1;
        while (w < words.Count && (words[w].Token.IsWord("temp") || words[w].Token.IsWord("temporary") || words[w].Token.IsWord("local")))
        {
            w++;
        }

        if (w >= words.Count || !words[w].Token.IsWord("table"))
        {
            return new TranslatedSql(sql, null, []);
        }

        w++;
        if (w + 2 < words.Count && words[w].Token.IsWord("if") && words[w + 1].Token.IsWord("not") && words[w + 2].Token.IsWord("exists"))
        {
            w += 3;
        }

        // The table name: name or schema.name.
        var (schema, name, afterName) = ReadQualifiedName(words, w);
        if (name is null || afterName >= words.Count || !words[afterName].Token.IsSymbol("("))
        {
            return new TranslatedSql(StripTableAttributes(tokens, 0), null, []);
        }

        int open = words[afterName].Index;
        int close = MatchingParen(tokens, open);
        var output = new StringBuilder();
        for (int i = 0; i <= open; i++) output.Append(tokens[i].Text);

        var columns = new List<CatalogColumn>();
        string? distKey = null;
        var sortKey = new List<string>();
        var elements = SplitTopLevel(tokens, open + 1, close);
        for (int e = 0; e < elements.Count; e++)
        {
            var element = elements[e];
            var first = element.FirstOrDefault(t => !t.IsTrivia);
            if (e > 0) output.Append(',');
            if (first.Text is null || TableConstraintWords.Contains(first.Text))
            {
                foreach (var t in element) output.Append(t.Text);
                continue;
            }

            var (text, column, isDistKey, isSortKey) = TranslateColumn(element, lengthChecks: true);
            output.Append(text);
            if (column is not null)
            {
                columns.Add(column);
                if (isDistKey) distKey = column.Name;
                if (isSortKey) sortKey.Add(column.Name);
            }
        }

        output.Append(')');
        var (attributes, distStyle, tableDistKey, tableSortKey, backup) = ReadTableAttributes(tokens, close + 1);
        output.Append(attributes);
        var table = new CatalogTable(schema ?? "public", name, columns,
            distStyle ?? (distKey ?? tableDistKey) switch { null => "AUTO", _ => "KEY" },
            distKey ?? tableDistKey,
            tableSortKey.Count > 0 ? tableSortKey : sortKey,
            backup);
        return new TranslatedSql(output.ToString(), table, []);
    }

    /// <summary>ALTER TABLE t ADD [COLUMN] c type ...: the column definition translated as in CREATE TABLE.</summary>
    private TranslatedSql? TranslateAddColumn(List<SqlToken> tokens, List<(SqlToken Token, int Index)> words)
    {
        var (schema, name, next) = ReadQualifiedName(words, 2);
        if (name is null || next >= words.Count || !words[next].Token.IsWord("add")) return null;
        int column = next + 1;
        if (column < words.Count && words[column].Token.IsWord("column")) column++;
        if (column >= words.Count || words[column].Token.Kind is not (SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier)) return null;
        if (words[column].Token.IsWord("constraint") || words[column].Token.IsWord("primary") || words[column].Token.IsWord("unique")) return null;

        int start = words[column].Index;
        // DuckDB cannot add a column with a CHECK constraint; PostgreSQL's own varchar(n) still bounds the length.
        var (text, declared, _, _) = TranslateColumn(tokens.Skip(start).ToList(), lengthChecks: false);
        if (declared?.Identity is not null)
        {
            throw new EngineFailure("ERROR: ALTER TABLE ADD COLUMN cannot add an IDENTITY or GENERATED BY DEFAULT AS IDENTITY column; declare it in CREATE TABLE");
        }

        var prefix = new StringBuilder();
        for (int i = 0; i < start; i++) prefix.Append(tokens[i].Text);
        return new TranslatedSql(prefix + text, null, [])
        {
            AddsColumn = declared is null ? null : (schema ?? "public", name, declared),
        };
    }

    /// <summary>
    /// Redshift-only types in the casts of a statement the dialect layer passes through (a column DEFAULT, say) become
    /// the engine's: <c>x::varbyte</c> → BLOB / bytea, <c>x::super</c> → JSON / json. Statements the dialect layer
    /// translates have their casts emitted by it (Dialect/Emit/CastRules, Storage/StoredValues).
    /// </summary>
    private string TranslateCasts(List<SqlToken> tokens)
    {
        if (!tokens.Any(t => t.IsWord("super") || t.IsWord("varbyte") || t.IsWord("varbinary") || t.IsWord("geometry") || t.IsWord("geography") || t.IsWord("hllsketch")))
        {
            return string.Concat(tokens.Select(t => t.Text));
        }

        var text = new StringBuilder();
        for (int i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == SqlTokenKind.Word && i > 0 && tokens[i - 1].IsSymbol("::")
                && RsTypeInfo.Parse(token.Text) is { Type: RsType.Varbyte or RsType.Geometry or RsType.HllSketch or RsType.Super } type)
            {
                text.Append(engineType(type));
                continue;
            }

            text.Append(token.Text);
        }

        return text.ToString();
    }

    /// <summary>
    /// One column definition: the type becomes the engine's, ENCODE / DISTKEY / SORTKEY / COLLATE are remembered and
    /// dropped, IDENTITY becomes a NOT NULL column whose values the server assigns (Storage/IdentityNumbering), and a
    /// CHAR/VARCHAR column gets the CHECK that counts its length in bytes (Storage/Prelude).
    /// </summary>
    private (string Text, CatalogColumn? Column, bool DistKey, bool SortKey) TranslateColumn(List<SqlToken> element, bool lengthChecks)
    {
        int i = 0;
        var text = new StringBuilder();
        while (i < element.Count && element[i].IsTrivia) text.Append(element[i++].Text);
        if (i >= element.Count) return (text.ToString(), null, false, false);

        var nameToken = element[i++];
        string columnName = Identifier(nameToken);
        text.Append(nameToken.Text).Append(' ');

        // The type runs until the first column-constraint keyword.
        var typeText = new StringBuilder();
        int depth = 0;
        while (i < element.Count)
        {
            var t = element[i];
            if (depth == 0 && t.Kind == SqlTokenKind.Word && ColumnConstraintWords.Contains(t.Text)) break;
            if (t.IsSymbol("(")) depth++;
            if (t.IsSymbol(")")) depth--;
            typeText.Append(t.Text);
            i++;
        }

        string declared = typeText.ToString().Trim();
        var type = RsTypeInfo.Parse(declared);
        text.Append(type is { } known ? engineType(known) : declared);

        bool nullable = true, isDistKey = false, isSortKey = false;
        string? defaultText = null, encoding = null;
        IdentitySpec? identity = null;
        while (i < element.Count)
        {
            var t = element[i];
            if (t.IsTrivia) { i++; continue; }
            if (t.IsWord("encode")) { encoding = NextWord(element, ref i); continue; }
            if (t.IsWord("distkey")) { isDistKey = true; i++; continue; }
            if (t.IsWord("sortkey")) { isSortKey = true; i++; continue; }
            if (t.IsWord("collate")) { NextWord(element, ref i); continue; }
            if (t.IsWord("identity"))
            {
                i++;
                identity = IdentityArguments(element, ref i, byDefault: false);
                continue;
            }

            if (t.IsWord("generated"))
            {
                // GENERATED BY DEFAULT AS IDENTITY [(seed, step)]
                while (i < element.Count && !element[i].IsWord("identity")) i++;
                i++;
                identity = IdentityArguments(element, ref i, byDefault: true);
                continue;
            }

            if (t.IsWord("not"))
            {
                nullable = false;
            }

            if (t.IsWord("default"))
            {
                int start = i + 1;
                i = start;
                var expression = new StringBuilder();
                int d = 0;
                while (i < element.Count)
                {
                    var x = element[i];
                    if (d == 0 && x.Kind == SqlTokenKind.Word && ColumnConstraintWords.Contains(x.Text)) break;
                    if (x.IsSymbol("(")) d++;
                    if (x.IsSymbol(")")) d--;
                    expression.Append(x.Text);
                    i++;
                }

                defaultText = expression.ToString().Trim();
                text.Append(" default ").Append(type?.Type == RsType.Bool && booleanDefaultsNeedLiterals ? BooleanLiteral(defaultText) : defaultText);
                continue;
            }

            text.Append(' ').Append(t.Text);
            i++;
        }

        if (identity is not null && nullable)
        {
            // IDENTITY columns are NOT NULL (r_CREATE_TABLE_NEW.md).
            text.Append(" NOT NULL");
            nullable = false;
        }

        if (lengthChecks && type is { Type: RsType.Varchar or RsType.Bpchar, Length: int length })
        {
            string check = type.Value.Type == RsType.Varchar ? "rs_varchar_fits" : "rs_char_fits";
            text.Append(" CHECK (public.").Append(check).Append('(').Append(QuotedName(columnName)).Append(", ")
                .Append(length.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("))");
        }

        var column = new CatalogColumn(columnName, type ?? new RsTypeInfo(RsType.Varchar), nullable, defaultText, encoding) { Identity = identity };
        return (text.ToString(), column, isDistKey, isSortKey);
    }

    /// <summary>The <c>(seed, step)</c> after IDENTITY; both default to 1 when left out (r_CREATE_TABLE_examples.md).</summary>
    private static IdentitySpec IdentityArguments(List<SqlToken> element, ref int i, bool byDefault)
    {
        int probe = i;
        while (probe < element.Count && element[probe].IsTrivia) probe++;
        if (probe >= element.Count || !element[probe].IsSymbol("("))
        {
            return new IdentitySpec(1, 1, byDefault);
        }

        int close = MatchingParen(element, probe);
        var numbers = string.Concat(element.Skip(probe + 1).Take(close - probe - 1).Select(t => t.Text))
            .Split(',', StringSplitOptions.TrimEntries);
        i = close + 1;
        long Number(int index, long fallback)
            => index < numbers.Length && long.TryParse(numbers[index], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out long n) ? n : fallback;
        long step = Number(1, 1);
        if (step == 0)
        {
            throw new EngineFailure("ERROR: IDENTITY step cannot be 0");
        }

        return new IdentitySpec(Number(0, 1), step, byDefault);
    }

    private static string QuotedName(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Redshift accepts 'Y'/'N'-style boolean literals in defaults; DuckDB does not cast them.</summary>
    private static string BooleanLiteral(string expression)
    {
        string bare = expression.Trim('(', ')', ' ', '\'').ToLowerInvariant();
        return bare switch
        {
            "y" or "yes" or "t" or "true" or "1" or "on" => "true",
            "n" or "no" or "f" or "false" or "0" or "off" => "false",
            _ => expression,
        };
    }

    /// <summary>
    /// The physical-design clauses of a CREATE TABLE AS (<c>BACKUP NO DISTSTYLE KEY DISTKEY (c) SORTKEY (a, b)</c>), which
    /// the engines cannot keep: the catalog remembers them for svv_table_info and capture.
    /// </summary>
    public static (string? DistStyle, string? DistKey, IReadOnlyList<string> SortKey, bool? Backup) ReadTableAttributes(string attributes)
    {
        var (_, distStyle, distKey, sortKey, backup) = ReadTableAttributes(SqlLexer.Tokenize(attributes), 0);
        return (distStyle, distKey, sortKey, backup);
    }

    private static (string Text, string? DistStyle, string? DistKey, List<string> SortKey, bool? Backup) ReadTableAttributes(List<SqlToken> tokens, int start)
    {
        var text = new StringBuilder();
        string? distStyle = null, distKey = null;
        bool? backup = null;
        var sortKey = new List<string>();
        int i = start;
        while (i < tokens.Count)
        {
            var t = tokens[i];
            if (t.IsWord("diststyle")) { distStyle = NextWord(tokens, ref i)?.ToUpperInvariant(); continue; }
            if (t.IsWord("distkey")) { i++; distKey = ParenthesisedNames(tokens, ref i).FirstOrDefault(); continue; }
            if (t.IsWord("compound") || t.IsWord("interleaved")) { i++; continue; }
            if (t.IsWord("sortkey"))
            {
                i++;
                int probe = i;
                while (probe < tokens.Count && tokens[probe].IsTrivia) probe++;
                if (probe < tokens.Count && tokens[probe].IsWord("auto")) i = probe + 1;
                else sortKey.AddRange(ParenthesisedNames(tokens, ref i));
                continue;
            }

            if (t.IsWord("encode")) { NextWord(tokens, ref i); continue; }
            if (t.IsWord("backup")) { backup = !string.Equals(NextWord(tokens, ref i), "no", StringComparison.OrdinalIgnoreCase); continue; }
            text.Append(t.Text);
            i++;
        }

        return (text.ToString(), distStyle, distKey, sortKey, backup);
    }

    /// <summary>For CREATE TABLE ... AS / LIKE: drop the physical-design clauses, keep the rest.</summary>
    private static string StripTableAttributes(List<SqlToken> tokens, int start)
    {
        var text = new StringBuilder();
        int i = start;
        while (i < tokens.Count)
        {
            var t = tokens[i];
            if (t.IsWord("diststyle") || t.IsWord("backup")) { NextWord(tokens, ref i); continue; }
            if (t.IsWord("distkey") || (t.IsWord("sortkey") && !NextIsWord(tokens, i, "auto"))) { i++; ParenthesisedNames(tokens, ref i); continue; }
            if (t.IsWord("sortkey")) { NextWord(tokens, ref i); continue; }
            if (t.IsWord("compound") || t.IsWord("interleaved")) { i++; continue; }
            text.Append(t.Text);
            i++;
        }

        return text.ToString();
    }

    private static bool NextIsWord(List<SqlToken> tokens, int i, string word)
    {
        i++;
        while (i < tokens.Count && tokens[i].IsTrivia) i++;
        return i < tokens.Count && tokens[i].IsWord(word);
    }

    /// <summary>Consumes the keyword at <paramref name="i"/> and the word after it, returning that word.</summary>
    private static string? NextWord(List<SqlToken> tokens, ref int i)
    {
        i++;
        while (i < tokens.Count && tokens[i].IsTrivia) i++;
        if (i >= tokens.Count) return null;
        return Identifier(tokens[i++]);
    }

    private static void SkipParenthesised(List<SqlToken> tokens, ref int i)
    {
        int probe = i;
        while (probe < tokens.Count && tokens[probe].IsTrivia) probe++;
        if (probe >= tokens.Count || !tokens[probe].IsSymbol("(")) return;
        i = MatchingParen(tokens, probe) + 1;
    }

    private static List<string> ParenthesisedNames(List<SqlToken> tokens, ref int i)
    {
        int probe = i;
        while (probe < tokens.Count && tokens[probe].IsTrivia) probe++;
        if (probe >= tokens.Count || !tokens[probe].IsSymbol("(")) return [];
        int close = MatchingParen(tokens, probe);
        var names = tokens.Skip(probe + 1).Take(close - probe - 1)
            .Where(t => t.Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier)
            .Select(Identifier).ToList();
        i = close + 1;
        return names;
    }

    private static List<(SqlToken Token, int Index)> Significant(List<SqlToken> tokens)
        => tokens.Select((t, i) => (t, i)).Where(x => !x.t.IsTrivia).ToList();

    private static (string? Schema, string? Name, int Next) ReadQualifiedName(List<(SqlToken Token, int Index)> words, int w)
    {
        if (w >= words.Count || words[w].Token.Kind is not (SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier)) return (null, null, w);
        string first = Identifier(words[w].Token);
        if (w + 2 < words.Count && words[w + 1].Token.IsSymbol("."))
        {
            return (first, Identifier(words[w + 2].Token), w + 3);
        }

        return (null, first, w + 1);
    }

    private static List<(string, string)> DroppedTables(List<(SqlToken Token, int Index)> words)
    {
        var dropped = new List<(string, string)>();
        int w = 2;
        if (w + 1 < words.Count && words[w].Token.IsWord("if") && words[w + 1].Token.IsWord("exists")) w += 2;
        while (w < words.Count)
        {
            var (schema, name, next) = ReadQualifiedName(words, w);
            if (name is null) break;
            dropped.Add((schema ?? "public", name));
            w = next;
            if (w < words.Count && words[w].Token.IsSymbol(",")) w++;
            else break;
        }

        return dropped;
    }

    /// <summary>An identifier's name: unquoted names fold to lower case (as in Redshift), quoted ones keep their text.</summary>
    public static string Identifier(SqlToken token)
        => token.Kind == SqlTokenKind.QuotedIdentifier
            ? token.Text[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal)
            : token.Text.ToLowerInvariant();

    private static int MatchingParen(List<SqlToken> tokens, int open)
    {
        int depth = 0;
        for (int i = open; i < tokens.Count; i++)
        {
            if (tokens[i].IsSymbol("(")) depth++;
            else if (tokens[i].IsSymbol(")") && --depth == 0) return i;
        }

        return tokens.Count - 1;
    }

    private static List<List<SqlToken>> SplitTopLevel(List<SqlToken> tokens, int start, int end)
    {
        var parts = new List<List<SqlToken>> { new() };
        int depth = 0;
        for (int i = start; i < end; i++)
        {
            var t = tokens[i];
            if (t.IsSymbol("(")) depth++;
            if (t.IsSymbol(")")) depth--;
            if (depth == 0 && t.IsSymbol(","))
            {
                parts.Add([]);
                continue;
            }

            parts[^1].Add(t);
        }

        return parts;
    }
}
