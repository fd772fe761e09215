using System.Text;

namespace RedshiftTyped.Local.Statements;

/// <summary>Splits a script into statements at semicolons outside literals and comments; empty statements are dropped.</summary>
internal static class SqlScript
{
    public static List<string> Split(string script) => SplitWithLines(script).Select(s => s.Sql).ToList();

    /// <summary>Whether the text holds no statement at all: only comments, white space and semicolons (PostgreSQL's empty query).</summary>
    public static bool IsEmptyQuery(string sql) => SqlLexer.Tokenize(sql).All(t => t.IsTrivia || t.IsSymbol(";"));

    /// <summary>The statements with the 1-based line each starts on, for messages that point into the script.</summary>
    public static List<(string Sql, int Line)> SplitWithLines(string script)
    {
        var statements = new List<(string, int)>();
        var current = new StringBuilder();
        int line = 1;
        int start = 0;
        foreach (var token in SqlLexer.Tokenize(script))
        {
            if (token.IsSymbol(";"))
            {
                Flush();
            }
            else
            {
                if (start == 0 && !token.IsTrivia)
                {
                    start = line;
                }

                current.Append(token.Text);
            }

            line += token.Text.Count(c => c == '\n');
        }

        Flush();
        return statements;

        void Flush()
        {
            string text = current.ToString();
            if (SqlLexer.Tokenize(text).Any(t => !t.IsTrivia))
            {
                statements.Add((text.Trim(), start));
            }

            current.Clear();
            start = 0;
        }
    }
}
