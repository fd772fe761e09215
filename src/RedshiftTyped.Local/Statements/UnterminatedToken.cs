namespace RedshiftTyped.Local.Statements;

/// <summary>What a token left open at the end of a statement's text is.</summary>
internal enum UnterminatedKind
{
    String,
    QuotedIdentifier,
    DollarQuoted,
    Comment,
}

/// <summary>
/// A string literal, quoted identifier, dollar-quoted string or <c>/*</c> comment that runs to the end of the text
/// without being closed, at <see cref="Start"/> (its first character, with a literal's <c>E</c> prefix).
/// Redshift's lexer reads <c>\'</c> inside a string as an escaped quote (r_CREATE_USER.md: <c>'\\'</c> is one
/// backslash; t_Unloading_tables.md: quotes in an UNLOAD query are escaped as <c>\'</c>), so <c>'C:\'</c> is open.
/// Without this check the statement splitter took the rest of the text as one statement and the engine, lexing it
/// its own way, ran it.
/// </summary>
internal readonly record struct UnterminatedToken(UnterminatedKind Kind, int Start)
{
    /// <summary>The longest excerpt of the text the message quotes, so that it stays one short line.</summary>
    private const int MaxExcerpt = 60;

    /// <summary>
    /// PostgreSQL's scanner message (scan.l, <c>unterminated quoted string</c> and its siblings, which Redshift gives
    /// too): <c>ERROR: unterminated quoted string at or near "'C:\'"</c>. PostgreSQL quotes the text from the token to
    /// the end; this quotes its first line, cut at <see cref="MaxExcerpt"/> characters, to keep the error one line.
    /// </summary>
    public string Message(string sql)
    {
        string what = Kind switch
        {
            UnterminatedKind.String => "quoted string",
            UnterminatedKind.QuotedIdentifier => "quoted identifier",
            UnterminatedKind.DollarQuoted => "dollar-quoted string",
            _ => "/* comment",
        };
        string near = sql[Start..].TrimEnd();
        int lineEnd = near.IndexOfAny(['\r', '\n']);
        int cut = Math.Min(lineEnd < 0 ? near.Length : lineEnd, MaxExcerpt);
        if (cut < near.Length) near = near[..cut] + "...";
        return $"ERROR: unterminated {what} at or near \"{near}\"";
    }
}
