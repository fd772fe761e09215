using System.Text.RegularExpressions;
using RedshiftTyped.Local.Storage;

namespace RedshiftTyped.Local.Engine;

/// <summary>
/// Puts an engine's error in Redshift's words, so a caller's test sees the same failure on either backend as on
/// Redshift: DuckDB's <c>Catalog Error: Table with name x does not exist!</c> (with its "Did you mean" hint naming the
/// engine's own tables, and a caret under the engine's rewritten SQL) reads <c>relation "x" does not exist</c>.
/// Messages no rule knows keep their first line, without the engine's category prefix.
/// </summary>
internal static partial class EngineErrors
{
    /// <summary>Redshift's message for an engine's error message (without the leading <c>ERROR: </c>).</summary>
    public static string ToRedshift(string engineMessage)
    {
        string message = StorageErrors.Unwrap(engineMessage);
        string first = FirstLine(message);
        if (OrderTermOutOfRange().IsMatch(first))
        {
            // DuckDB names the range, PostgreSQL the position; the position is under the caret of DuckDB's LINE context.
            return OrderByPosition(message) is { } position
                ? $"ORDER BY position {position} is not in select list"
                : "ORDER BY position is not in select list";
        }

        foreach (var (pattern, rewrite) in Rules)
        {
            var match = pattern.Match(first);
            if (match.Success)
            {
                return rewrite(match);
            }
        }

        var category = DuckDbCategory().Match(first);
        return category.Success ? category.Groups[1].Value : first;
    }

    private static string FirstLine(string message)
    {
        int end = message.IndexOf('\n');
        return (end < 0 ? message : message[..end]).TrimEnd();
    }

    // Redshift's texts where the guide prints them (r_enable_case_sensitive_identifier.md: 'Relation
    // "mixedcasedtable2" already exists'), otherwise PostgreSQL 8's, from which Redshift's derive (NOT NULL, the one
    // constraint Redshift enforces: t_Defining_constraints.md), so both backends say the same. A table missing in a
    // missing schema reads as PostgreSQL says it.
    private static readonly (Regex Pattern, Func<Match, string> Rewrite)[] Rules =
    [
        (TableMissing(), m => $"relation \"{Unquote(m.Groups[1].Value)}\" does not exist"),
        (TableMissingSchema(), m => $"relation \"{m.Groups[1].Value}\" does not exist"),
        (ColumnMissing(), m => $"column \"{m.Groups[1].Value}\" does not exist"),
        (ColumnAmbiguous(), m => $"column reference \"{m.Groups[1].Value}\" is ambiguous"),
        (FunctionMissing(), m => $"function {m.Groups[1].Value} does not exist"),
        (RelationExists(), m => $"Relation \"{Unquote(m.Groups[1].Value)}\" already exists"),
        (PostgresRelationExists(), m => $"Relation \"{m.Groups[1].Value}\" already exists"),
        (SchemaMissing(), m => $"schema \"{m.Groups[1].Value}\" does not exist"),
        (SyntaxError(), m => $"syntax error at {m.Groups[1].Value}"),
        (NotNull(), m => $"null value in column \"{m.Groups[1].Value}\" violates not-null constraint"),
        (PostgresNotNull(), m => $"null value in column \"{m.Groups[1].Value}\" violates not-null constraint"),
        (ConversionFailed(), m => $"invalid input syntax for type {RedshiftTypeName(m.Groups[2].Value)}: \"{m.Groups[1].Value}\""),
        (ArithmeticOverflow(), m => $"{RedshiftTypeName(m.Groups[1].Value)} out of range"),
        (CastOutOfRange(), m => $"{RedshiftTypeName(m.Groups[1].Value)} out of range"),
        (DecimalOverflow(), _ => "numeric field overflow"),
        (QualifiedColumnMissing(), m => $"column {m.Groups[1].Value}.{m.Groups[2].Value} does not exist"),
        (InsertWidth(), m => InsertWidthText(m.Groups[1].Value, m.Groups[2].Value)),
        (InsertListWidth(), m => InsertWidthText(m.Groups[1].Value, m.Groups[2].Value)),
        (BadRegex(), m => $"invalid regular expression: {RegexProblem(m.Groups[1].Value)}"),
    ];

    /// <summary>PostgreSQL's words for an INSERT whose VALUES row is wider or narrower than its target columns.</summary>
    private static string InsertWidthText(string columns, string values)
        => int.Parse(values, System.Globalization.CultureInfo.InvariantCulture) > int.Parse(columns, System.Globalization.CultureInfo.InvariantCulture)
            ? "INSERT has more expressions than target columns"
            : "INSERT has more target columns than expressions";

    /// <summary>RE2's complaint (DuckDB's regex engine) in PostgreSQL's words where they have one; else RE2's own.</summary>
    private static string RegexProblem(string re2) => re2 switch
    {
        _ when re2.StartsWith("missing )", StringComparison.Ordinal) || re2.StartsWith("unexpected )", StringComparison.Ordinal) => "parentheses () not balanced",
        _ when re2.StartsWith("missing ]", StringComparison.Ordinal) => "brackets [] not balanced",
        _ when re2.StartsWith("missing argument to repetition operator", StringComparison.Ordinal)
            || re2.StartsWith("bad repetition operator", StringComparison.Ordinal)
            || re2.StartsWith("invalid nested repetition operator", StringComparison.Ordinal) => "quantifier operand invalid",
        _ when re2.StartsWith("invalid repetition size", StringComparison.Ordinal) => "invalid repetition count(s)",
        _ when re2.StartsWith("invalid escape sequence", StringComparison.Ordinal) || re2.StartsWith("trailing \\", StringComparison.Ordinal) => "invalid escape \\ sequence",
        _ when re2.StartsWith("invalid character class range", StringComparison.Ordinal) => "invalid character range",
        _ => re2,
    };

    /// <summary>The number under the caret of DuckDB's <c>LINE n: …</c> context, when the message carries one.</summary>
    private static string? OrderByPosition(string message)
    {
        string[] lines = message.Split('\n');
        for (int i = 0; i + 1 < lines.Length; i++)
        {
            var line = LineContext().Match(lines[i]);
            int caret = lines[i + 1].IndexOf('^', StringComparison.Ordinal);
            if (!line.Success || caret < 0) continue;
            int at = caret - line.Groups[1].Length;
            string sql = line.Groups[2].Value;
            if (at < 0 || at >= sql.Length) return null;
            int end = at;
            while (end < sql.Length && char.IsAsciiDigit(sql[end])) end++;
            return end > at ? sql[at..end] : null;
        }

        return null;
    }

    private static string Unquote(string name) => name.Trim('"');

    private static string RedshiftTypeName(string duckDbType) => duckDbType.ToUpperInvariant() switch
    {
        "INT16" or "SMALLINT" => "smallint",
        "INT32" or "INTEGER" => "integer",
        "INT64" or "BIGINT" => "bigint",
        "FLOAT" or "REAL" => "real",
        "DOUBLE" => "double precision",
        "BOOL" or "BOOLEAN" => "boolean",
        "DATE" => "date",
        "TIMESTAMP" => "timestamp",
        "TIMESTAMP WITH TIME ZONE" => "timestamp with time zone",
        "TIME" => "time",
        var other when other.StartsWith("DECIMAL", StringComparison.Ordinal) => "numeric",
        var other => other.ToLowerInvariant(),
    };

    [GeneratedRegex(@"^Catalog Error: Table with name (""[^""]+""|\S+) does not exist!")]
    private static partial Regex TableMissing();

    [GeneratedRegex(@"^Catalog Error: Table with name ""([^""]+)"" does not exist because schema ""[^""]+"" does not exist")]
    private static partial Regex TableMissingSchema();

    [GeneratedRegex(@"^Binder Error: Referenced column ""([^""]+)"" not found")]
    private static partial Regex ColumnMissing();

    [GeneratedRegex(@"^Binder Error: Ambiguous reference to column name ""([^""]+)""")]
    private static partial Regex ColumnAmbiguous();

    [GeneratedRegex(@"^Catalog Error: (?:Scalar |Aggregate |Table )?Function with name (\S+) does not exist!")]
    private static partial Regex FunctionMissing();

    [GeneratedRegex(@"^Catalog Error: (?:Table|View) with name (""[^""]+""|\S+) already exists!")]
    private static partial Regex RelationExists();

    [GeneratedRegex(@"^relation ""([^""]+)"" already exists$")]
    private static partial Regex PostgresRelationExists();

    [GeneratedRegex(@"^Catalog Error: Schema with name ""?([^""!]+)""? does not exist!")]
    private static partial Regex SchemaMissing();

    [GeneratedRegex(@"^Parser Error: syntax error at (end of input|or near "".*"")$")]
    private static partial Regex SyntaxError();

    [GeneratedRegex(@"^Constraint Error: NOT NULL constraint failed: [^.]+\.(\S+)$")]
    private static partial Regex NotNull();

    [GeneratedRegex(@"^null value in column ""([^""]+)"" (?:of relation ""[^""]+"" )?violates not-null constraint$")]
    private static partial Regex PostgresNotNull();

    [GeneratedRegex(@"^Conversion Error: Could not convert string '(.*)' to (\S+)$")]
    private static partial Regex ConversionFailed();

    [GeneratedRegex(@"^Out of Range Error: Overflow in (?:addition|subtraction|multiplication|negation) of (INT16|INT32|INT64)\b")]
    private static partial Regex ArithmeticOverflow();

    [GeneratedRegex(@"^Conversion Error: Type \S+ with value \S+ can't be cast because the value is out of range for the destination type (INT16|INT32|INT64)")]
    private static partial Regex CastOutOfRange();

    [GeneratedRegex(@"^Conversion Error: Could not cast value \S+ to DECIMAL\(")]
    private static partial Regex DecimalOverflow();

    [GeneratedRegex(@"^Binder Error: Table ""([^""]+)"" does not have a column named ""([^""]+)""")]
    private static partial Regex QualifiedColumnMissing();

    [GeneratedRegex(@"^Binder Error: ORDER term out of range - should be between 1 and \d+")]
    private static partial Regex OrderTermOutOfRange();

    [GeneratedRegex(@"^(LINE \d+: )(.*)$")]
    private static partial Regex LineContext();

    [GeneratedRegex(@"^Binder Error: table \S+ has (\d+) columns but (\d+) values were supplied")]
    private static partial Regex InsertWidth();

    [GeneratedRegex(@"^Binder Error: Column name/value mismatch for insert on \S+: expected (\d+) columns but (\d+) values were supplied")]
    private static partial Regex InsertListWidth();

    [GeneratedRegex(@"^Invalid Input Error: ((?:missing \)|unexpected \)|missing \]|missing argument to repetition operator|bad repetition operator|invalid nested repetition operator|invalid repetition size|invalid escape sequence|trailing \\|invalid character class|invalid named capture group|invalid perl operator|invalid UTF-8|bad inline flag).*)$")]
    private static partial Regex BadRegex();

    [GeneratedRegex(@"^(?:Catalog|Binder|Parser|Conversion|Constraint|Invalid Input|Out of Range|Not implemented|Dependency|Transaction) Error: (.+)$")]
    private static partial Regex DuckDbCategory();
}
