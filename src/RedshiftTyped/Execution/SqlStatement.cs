using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using RedshiftTyped.DataApi.Model;

namespace RedshiftTyped.Execution;

/// <summary>
/// One SQL statement to run: its text, its <c>:name</c> parameters (sent as Data API parameters, never
/// spliced into the SQL) and how to run it.
/// </summary>
public sealed partial class SqlStatement
{
    /// <summary>The Data API rejects SQL over 100 KB ("Cannot process query string larger than 100kB").</summary>
    public const int MaxSqlBytes = 100 * 1024;

    private readonly List<SqlParameter> _parameters = [];

    /// <summary>A statement of this SQL; add values with <see cref="WithParameter"/> (<c>:name</c> placeholders).</summary>
    public SqlStatement(string sql)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        int bytes = Encoding.UTF8.GetByteCount(sql);
        if (bytes > MaxSqlBytes)
        {
            throw new ArgumentException(
                $"The SQL is {bytes:N0} bytes; the Data API accepts at most 100 KB ({MaxSqlBytes:N0} bytes). " +
                "Split the statement, or pass values as parameters instead of literals.", nameof(sql));
        }

        Sql = sql;
    }

    /// <summary>The SQL text, with <c>:name</c> placeholders for the parameters.</summary>
    public string Sql { get; }

    /// <summary>The parameters, sent as Data API parameters (never spliced into the SQL).</summary>
    public IReadOnlyList<SqlParameter> Parameters => _parameters;

    /// <summary>JSON (the default; read with GetStatementResult) or CSV (GetStatementResultV2).</summary>
    public ResultFormatString ResultFormat { get; init; } = ResultFormatString.JSON;

    /// <summary>A name to find the statement by in ListStatements.</summary>
    public string? StatementName { get; init; }

    /// <summary>Run in an existing session (temporary tables survive between its statements).</summary>
    public string? SessionId { get; init; }

    /// <summary>Keep the session alive this many seconds after the statement (0–86400), returning its SessionId.</summary>
    public int? SessionKeepAliveSeconds { get; init; }

    /// <summary>The longest the statement may run before it is cancelled on the server (default: no limit but max_poll_attempts).</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// Adds a <c>:name</c> parameter. The value is formatted invariantly (dates as <c>yyyy-MM-dd</c>, timestamps
    /// with microseconds, decimals exactly) and sent as a Data API parameter that Redshift casts.
    /// </summary>
    public SqlStatement WithParameter(string name, object value)
    {
        if (string.IsNullOrEmpty(name) || !ParameterNamePattern().IsMatch(name))
        {
            throw new ArgumentException(
                $"Parameter name \"{name}\" is not valid: use letters, digits and underscores only (write :{name} in the SQL without the colon here).",
                nameof(name));
        }

        if (_parameters.Exists(p => p.Name == name))
        {
            throw new ArgumentException($"Parameter :{name} was added twice: give each name one value.", nameof(name));
        }

        _parameters.Add(new SqlParameter(name, SqlParameterFormatter.Format(name, value)));
        return this;
    }

    [GeneratedRegex("^[0-9a-zA-Z_]+$")]
    private static partial Regex ParameterNamePattern();

    /// <summary>Shows the SQL and the parameter names; parameter values are redacted.</summary>
    public override string ToString()
        => _parameters.Count == 0 ? Sql : $"{Sql} [{string.Join(", ", _parameters)}]";
}

/// <summary>Formats .NET values as the strings the Data API sends and Redshift casts.</summary>
internal static class SqlParameterFormatter
{
    public static string Format(string name, object? value)
    {
        string text = value switch
        {
            null or DBNull => throw new ArgumentException(
                $"Parameter :{name} is null. The Data API cannot send NULL as a parameter (\"null\" would be the text 'null'): " +
                "write IS NULL in the SQL instead.", nameof(value)),
            string s => s,
            bool b => b ? "true" : "false",
            DateTime dt => dt.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
            DateTimeOffset dto => dto.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "+00",
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            TimeOnly t => t.ToString("HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
            TimeSpan ts => FormatInterval(ts),
            float f => f.ToString("R", CultureInfo.InvariantCulture),
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            byte[] => throw new ArgumentException(
                $"Parameter :{name} is a byte array; the Data API sends parameters as text. Pass a hex string and use from_hex(:{name}) in the SQL.",
                nameof(value)),
            Guid g => g.ToString("D"),
            Enum e => e.ToString(),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };

        if (text.Length == 0)
        {
            throw new ArgumentException(
                $"Parameter :{name} is an empty string, which the Data API rejects. Compare with '' in the SQL instead.", nameof(value));
        }

        return text;
    }

    /// <summary>An interval literal Redshift and PostgreSQL both cast: a whole number of microseconds.</summary>
    private static string FormatInterval(TimeSpan value)
        => string.Create(CultureInfo.InvariantCulture, $"{value.Ticks / 10} microseconds");
}
