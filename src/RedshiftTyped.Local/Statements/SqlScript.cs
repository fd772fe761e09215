using System.Text;

namespace RedshiftTyped.Local.Statements;

/// <summary>Splits a script into statements at semicolons outside literals and comments; empty statements are dropped.</summary>
internal static class SqlScript
{
    public static List<string> Split(string script)
    {
        var statements = new List<string>();
        var current = new StringBuilder();
        foreach (var token in SqlLexer.Tokenize(script))
        {
            if (token.IsSymbol(";"))
            {
                Flush();
                continue;
            }

            current.Append(token.Text);
        }

        Flush();
        return statements;

        void Flush()
        {
            string text = current.ToString();
            if (SqlLexer.Tokenize(text).Any(t => !t.IsTrivia))
            {
                statements.Add(text.Trim());
            }

            current.Clear();
        }
    }
}
