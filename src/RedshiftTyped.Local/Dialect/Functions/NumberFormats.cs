using System.Text;

namespace RedshiftTyped.Local.Dialect.Functions;

/// <summary>
/// Redshift's numeric format strings for TO_CHAR (https://docs.aws.amazon.com/redshift/latest/dg/r_Numeric_formating.html,
/// PostgreSQL's patterns) on DuckDB, which has no such formatter: a literal format compiles to an expression. Supported:
/// <c>9</c> and <c>0</c> digits, <c>D</c>/<c>.</c>, <c>G</c>/<c>,</c>, <c>S</c>, <c>MI</c>, <c>PR</c>, <c>$</c>/<c>L</c>, <c>FM</c>
/// and <c>RN</c>; without a sign pattern one position before the digits holds the minus sign.
/// </summary>
internal static class NumberFormats
{
    /// <summary>The SQL for TO_CHAR(value, format), or null when the format is not one this compiler reads.</summary>
    public static string? ToCharDuckDb(string value, string format)
    {
        string f = format;
        bool fill = true;
        if (f.StartsWith("FM", StringComparison.OrdinalIgnoreCase))
        {
            fill = false;
            f = f[2..];
        }

        if (f.Equals("RN", StringComparison.OrdinalIgnoreCase))
        {
            string roman = Roman($"CAST(round({value}) AS INTEGER)");
            string text = f == "rn" ? $"lower({roman})" : roman;
            return fill ? $"lpad({text}, 15, ' ')" : text;
        }

        string prefix = "", suffix = "";
        string sign = "default";
        var integer = new List<char>();
        int fraction = 0;
        bool point = false, inDigits = false;
        for (int i = 0; i < f.Length; i++)
        {
            char c = char.ToUpperInvariant(f[i]);
            string two = i + 1 < f.Length ? f.Substring(i, 2).ToUpperInvariant() : "";
            if (c is '9' or '0')
            {
                inDigits = true;
                if (point) fraction++;
                else integer.Add(c);
            }
            else if (c is 'D' or '.')
            {
                point = true;
                inDigits = true;
            }
            else if (c is 'G' or ',')
            {
                if (point) return null;
                integer.Add(',');
            }
            else if (c == 'S')
            {
                sign = inDigits ? "trailing" : "leading";
            }
            else if (two == "MI")
            {
                sign = "minus";
                i++;
            }
            else if (two == "PR")
            {
                sign = "brackets";
                i++;
            }
            else if (c is '$' or 'L')
            {
                if (inDigits) suffix += "$";
                else prefix += "$";
            }
            else if (char.IsLetter(c))
            {
                return null;
            }
            else if (inDigits)
            {
                suffix += f[i];
            }
            else
            {
                prefix += f[i];
            }
        }

        int digits = integer.Count(c => c != ',');
        int zeros = integer.Count == 0 ? 0 : digits - integer.Where(c => c != ',').TakeWhile(c => c == '9').Count();
        string abs = $"abs(CAST({value} AS DOUBLE))";
        string formatted = $"printf('%.{fraction}f', round({abs}, {fraction}))";
        string whole = $"split_part({formatted}, '.', 1)";
        string significant = $"ltrim({whole}, '0')";
        string zeroPadded = zeros > 0 ? $"lpad({significant}, CAST(greatest(length({significant}), {zeros}) AS INTEGER), '0')" : significant;
        string padded = $"lpad({zeroPadded}, CAST(greatest(length({zeroPadded}), {digits}) AS INTEGER), ' ')";

        // The integer part position by position: digits from the padded text, group separators only after a digit.
        var body = new StringBuilder();
        int d = 0;
        var pieces = new List<string>();
        foreach (char c in integer)
        {
            if (c == ',')
            {
                pieces.Add(d == 0 ? "' '" : $"CASE WHEN substr({padded}, {d}, 1) = ' ' THEN ' ' ELSE ',' END");
            }
            else
            {
                d++;
                pieces.Add($"substr({padded}, {d}, 1)");
            }
        }

        if (point) pieces.Add("'.'");
        if (fraction > 0) pieces.Add($"split_part({formatted}, '.', 2)");
        body.Append(pieces.Count == 0 ? "''" : "(" + string.Join(" || ", pieces) + ")");
        string number = body.ToString();
        string overflow = $"length({significant}) > {digits}";
        string hashes = CallSite.Quote(new string('#', digits + (point ? 1 + fraction : 0)));
        string negative = $"CAST({value} AS DOUBLE) < 0";
        string signed = sign switch
        {
            "leading" => $"lpad(CASE WHEN {negative} THEN '-' ELSE '+' END || ltrim({number}), CAST(length({number}) + 1 AS INTEGER), ' ')",
            "trailing" => $"{number} || CASE WHEN {negative} THEN '-' ELSE '+' END",
            "minus" => $"{number} || CASE WHEN {negative} THEN '-' ELSE ' ' END",
            "brackets" => $"CASE WHEN {negative} THEN lpad('<' || ltrim({number}), CAST(length({number}) + 1 AS INTEGER), ' ') || '>' ELSE ' ' || {number} || ' ' END",
            _ => $"lpad(CASE WHEN {negative} THEN '-' ELSE ' ' END || ltrim({number}), CAST(length({number}) + 1 AS INTEGER), ' ')",
        };
        string result = $"CASE WHEN {overflow} THEN {hashes} ELSE {signed} END";
        if (!fill) result = $"trim({result})";
        if (prefix.Length > 0) result = $"{CallSite.Quote(prefix)} || {result}";
        if (suffix.Length > 0) result = $"{result} || {CallSite.Quote(suffix)}";
        return $"({result})";
    }

    private static string Roman(string n)
    {
        string Digit(string place, string[] symbols) => $"[{string.Join(", ", symbols.Select(CallSite.Quote))}][{place} + 1]";
        return $"(repeat('M', {n} // 1000) || {Digit($"({n} % 1000) // 100", ["", "C", "CC", "CCC", "CD", "D", "DC", "DCC", "DCCC", "CM"])} || "
            + $"{Digit($"({n} % 100) // 10", ["", "X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX", "XC"])} || "
            + $"{Digit($"{n} % 10", ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"])})";
    }
}
