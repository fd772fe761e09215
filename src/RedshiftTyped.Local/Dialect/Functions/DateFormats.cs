using System.Text;
using RedshiftTyped.Local.Dialect.Syntax;

namespace RedshiftTyped.Local.Dialect.Functions;

/// <summary>
/// Redshift's datetime format strings (https://docs.aws.amazon.com/redshift/latest/dg/r_FORMAT_strings.html, the same
/// patterns as PostgreSQL's TO_CHAR) for DuckDB, which formats with strftime: a literal format becomes an expression
/// that concatenates one piece per pattern (month and day names padded to 9 characters unless FM, case as written).
/// </summary>
internal static class DateFormats
{
    private sealed record Token(string Pattern, Func<string, string>? Piece, string? Strptime);

    private static string Strf(string x, string spec) => $"strftime({x}, '{spec}')";

    private static string Padded(string sql, bool fill) => fill ? $"rpad({sql}, 9, ' ')" : sql;

    /// <summary>Patterns, longest first; each gives a SQL piece for TO_CHAR and a strptime specifier for TO_DATE/TO_TIMESTAMP.</summary>
    private static readonly Token[] Tokens =
    [
        new("HH24", x => Strf(x, "%H"), "%H"),
        new("HH12", x => Strf(x, "%I"), "%I"),
        new("HH", x => Strf(x, "%I"), "%I"),
        new("MI", x => Strf(x, "%M"), "%M"),
        new("SS", x => Strf(x, "%S"), "%S"),
        new("MS", x => $"lpad(CAST((microsecond({x}) % 1000000) // 1000 AS VARCHAR), 3, '0')", "%g"),
        new("US", x => $"lpad(CAST(microsecond({x}) % 1000000 AS VARCHAR), 6, '0')", "%f"),
        new("AM", x => Strf(x, "%p"), "%p"),
        new("PM", x => Strf(x, "%p"), "%p"),
        new("am", x => $"lower({Strf(x, "%p")})", "%p"),
        new("pm", x => $"lower({Strf(x, "%p")})", "%p"),
        new("A.M.", x => $"replace(replace({Strf(x, "%p")}, 'AM', 'A.M.'), 'PM', 'P.M.')", null),
        new("P.M.", x => $"replace(replace({Strf(x, "%p")}, 'AM', 'A.M.'), 'PM', 'P.M.')", null),
        new("YYYY", x => Strf(x, "%Y"), "%Y"),
        new("YYY", x => $"right({Strf(x, "%Y")}, 3)", null),
        new("YY", x => Strf(x, "%y"), "%y"),
        new("Y", x => $"right({Strf(x, "%Y")}, 1)", null),
        new("MONTH", x => $"upper({{pad:{Strf(x, "%B")}}})", "%B"),
        new("Month", x => $"{{pad:{Strf(x, "%B")}}}", "%B"),
        new("month", x => $"lower({{pad:{Strf(x, "%B")}}})", "%B"),
        new("MON", x => $"upper({Strf(x, "%b")})", "%b"),
        new("Mon", x => Strf(x, "%b"), "%b"),
        new("mon", x => $"lower({Strf(x, "%b")})", "%b"),
        new("MM", x => Strf(x, "%m"), "%m"),
        new("DAY", x => $"upper({{pad:{Strf(x, "%A")}}})", "%A"),
        new("Day", x => $"{{pad:{Strf(x, "%A")}}}", "%A"),
        new("day", x => $"lower({{pad:{Strf(x, "%A")}}})", "%A"),
        new("DY", x => $"upper({Strf(x, "%a")})", "%a"),
        new("Dy", x => Strf(x, "%a"), "%a"),
        new("dy", x => $"lower({Strf(x, "%a")})", "%a"),
        new("DDD", x => Strf(x, "%j"), "%j"),
        new("DD", x => Strf(x, "%d"), "%d"),
        new("D", x => $"CAST(dayofweek({x}) + 1 AS VARCHAR)", null),
        new("ID", x => $"CAST(isodow({x}) AS VARCHAR)", null),
        new("IW", x => $"lpad(CAST(week({x}) AS VARCHAR), 2, '0')", null),
        new("WW", x => $"lpad(CAST((dayofyear({x}) - 1) // 7 + 1 AS VARCHAR), 2, '0')", null),
        new("Q", x => $"CAST(quarter({x}) AS VARCHAR)", null),
        new("CC", x => $"lpad(CAST((year({x}) - 1) // 100 + 1 AS VARCHAR), 2, '0')", null),
        new("J", x => $"CAST(julian({x}) AS BIGINT)::VARCHAR", null),
        new("TZ", _ => "'UTC'", null),
        new("tz", _ => "'utc'", null),
    ];

    /// <summary>TO_CHAR(datetime, format) on DuckDB; null when the format is not a literal (the engine then decides).</summary>
    public static string? ToCharDuckDb(string value, Expr format)
    {
        if (format is not Literal { Kind: LiteralKind.String } literal) return null;
        var pieces = new List<string>();
        var text = new StringBuilder();
        string pattern = literal.Text;
        bool fill = true;
        for (int i = 0; i < pattern.Length;)
        {
            if (pattern[i] == '"')
            {
                int close = pattern.IndexOf('"', i + 1);
                text.Append(close < 0 ? pattern[(i + 1)..] : pattern[(i + 1)..close]);
                i = close < 0 ? pattern.Length : close + 1;
                continue;
            }

            if (string.CompareOrdinal(pattern, i, "FM", 0, 2) == 0)
            {
                fill = false;
                i += 2;
                continue;
            }

            var token = Tokens.FirstOrDefault(t => string.CompareOrdinal(pattern, i, t.Pattern, 0, t.Pattern.Length) == 0);
            if (token?.Piece is null)
            {
                text.Append(pattern[i]);
                i++;
                continue;
            }

            if (text.Length > 0)
            {
                pieces.Add(CallSite.Quote(text.ToString()));
                text.Clear();
            }

            string piece = token.Piece(value);
            int pad = piece.IndexOf("{pad:", StringComparison.Ordinal);
            if (pad >= 0)
            {
                int end = piece.LastIndexOf('}');
                piece = piece[..pad] + Padded(piece[(pad + 5)..end], fill) + piece[(end + 1)..];
            }

            pieces.Add(piece);
            fill = true;
            i += token.Pattern.Length;
        }

        if (text.Length > 0) pieces.Add(CallSite.Quote(text.ToString()));
        return pieces.Count == 0 ? "''" : "(" + string.Join(" || ", pieces) + ")";
    }

    /// <summary>A Redshift format as a DuckDB strptime format (literal formats only; otherwise the text as given).</summary>
    public static string ToStrptime(CallSite site, int formatIndex)
    {
        if (site.ArgNodes[formatIndex] is not Literal { Kind: LiteralKind.String } literal) return site.Arg(formatIndex);
        var format = new StringBuilder();
        string pattern = literal.Text;
        for (int i = 0; i < pattern.Length;)
        {
            if (pattern[i] == '"')
            {
                int close = pattern.IndexOf('"', i + 1);
                format.Append((close < 0 ? pattern[(i + 1)..] : pattern[(i + 1)..close]).Replace("%", "%%", StringComparison.Ordinal));
                i = close < 0 ? pattern.Length : close + 1;
                continue;
            }

            if (string.Compare(pattern, i, "FM", 0, 2, StringComparison.OrdinalIgnoreCase) == 0)
            {
                i += 2;
                continue;
            }

            var token = Tokens.FirstOrDefault(t => t.Strptime is not null && string.Compare(pattern, i, t.Pattern, 0, t.Pattern.Length, StringComparison.OrdinalIgnoreCase) == 0);
            if (token is null)
            {
                format.Append(pattern[i] == '%' ? "%%" : pattern[i].ToString());
                i++;
                continue;
            }

            format.Append(token.Strptime);
            i += token.Pattern.Length;
        }

        return CallSite.Quote(format.ToString());
    }
}
