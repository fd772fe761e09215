namespace RedshiftTyped.Reading;

/// <summary>
/// Checks that raw SQL given as a condition (<see cref="SnapshotFilter.Sql"/>, the pipeline's <c>where_clause</c>) is one
/// condition that cannot change the statement it is placed in: it may not close the parenthesis it is wrapped in
/// (<c>1=1) union all (select …</c>), add a statement (<c>;</c>), or leave a string, identifier or comment open. Raw SQL
/// is trusted configuration (it may read any table the caller may read); this check keeps it a condition.
/// </summary>
/// <remarks>
/// The scan follows Redshift's lexical rules where they differ from PostgreSQL's, and refuses what the two would read
/// differently: a backslash escapes the next character in a string literal (<c>'it\'s'</c>), block comments do not nest
/// (a <c>/*</c> inside one is refused), and dollar quotes (<c>$$…$$</c>) are refused.
/// </remarks>
internal static class RawCondition
{
    /// <summary>Throws <see cref="ArgumentException"/> saying what in <paramref name="sql"/> would escape its parentheses.</summary>
    public static void Validate(string sql)
    {
        if (Problem(sql) is { } problem)
        {
            throw new ArgumentException(
                $"The raw condition \"{Shorten(sql)}\" {problem}. A raw condition is placed in WHERE (…) as it stands, so it must be one " +
                "condition with balanced parentheses, closed strings and comments, and no semicolon.");
        }
    }

    /// <summary>What is wrong, or null when the text is one condition.</summary>
    internal static string? Problem(string sql)
    {
        int depth = 0;
        int i = 0;
        while (i < sql.Length)
        {
            char c = sql[i];
            char next = i + 1 < sql.Length ? sql[i + 1] : '\0';
            switch (c)
            {
                case '\'':
                    i = SkipString(sql, i);
                    if (i < 0)
                    {
                        return "leaves a string literal ('…') open";
                    }

                    continue;
                case '"':
                    i = SkipIdentifier(sql, i);
                    if (i < 0)
                    {
                        return "leaves a quoted identifier (\"…\") open";
                    }

                    continue;
                case '-' when next == '-':
                    int end = sql.IndexOf('\n', i);
                    i = end < 0 ? sql.Length : end + 1;
                    continue;
                case '/' when next == '*':
                    int close = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    if (close < 0)
                    {
                        return "leaves a /* comment open";
                    }

                    if (sql.IndexOf("/*", i + 2, close - (i + 2), StringComparison.Ordinal) >= 0)
                    {
                        return $"nests a /* comment at character {i + 1} (Redshift ends it at the first */, PostgreSQL does not)";
                    }

                    i = close + 2;
                    continue;
                case '$' when IsDollarQuote(sql, i):
                    return $"holds a dollar quote at character {i + 1}, which is not accepted in a raw condition";
                case '(':
                    depth++;
                    break;
                case ')':
                    if (--depth < 0)
                    {
                        return $"closes a parenthesis it did not open (character {i + 1}), which would end the WHERE (…) it is placed in and change the statement";
                    }

                    break;
                case ';':
                    return $"holds a semicolon (character {i + 1}), which would add a statement";
            }

            i++;
        }

        return depth > 0 ? $"leaves {depth} parenthesis open, which would take in the SQL that follows it" : null;
    }

    /// <summary>The index after a string literal starting at <paramref name="start"/>, or -1 when it never closes.</summary>
    private static int SkipString(string sql, int start)
    {
        for (int i = start + 1; i < sql.Length; i++)
        {
            if (sql[i] == '\\')
            {
                i++;
            }
            else if (sql[i] == '\'')
            {
                if (i + 1 < sql.Length && sql[i + 1] == '\'')
                {
                    i++;
                    continue;
                }

                return i + 1;
            }
        }

        return -1;
    }

    private static int SkipIdentifier(string sql, int start)
    {
        for (int i = start + 1; i < sql.Length; i++)
        {
            if (sql[i] == '"')
            {
                if (i + 1 < sql.Length && sql[i + 1] == '"')
                {
                    i++;
                    continue;
                }

                return i + 1;
            }
        }

        return -1;
    }

    /// <summary><c>$$</c> or <c>$tag$</c> not inside a name (a <c>$</c> may follow the first character of an identifier).</summary>
    private static bool IsDollarQuote(string sql, int i)
    {
        if (i > 0 && (char.IsLetterOrDigit(sql[i - 1]) || sql[i - 1] == '_'))
        {
            return false;
        }

        int j = i + 1;
        while (j < sql.Length && (char.IsLetterOrDigit(sql[j]) || sql[j] == '_'))
        {
            j++;
        }

        return j < sql.Length && sql[j] == '$' && (j == i + 1 || !char.IsDigit(sql[i + 1]));
    }

    private static string Shorten(string sql) => sql.Length <= 80 ? sql : sql[..80] + "…";
}
