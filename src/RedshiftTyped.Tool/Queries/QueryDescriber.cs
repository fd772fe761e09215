using System.Globalization;
using System.Text.RegularExpressions;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Execution;
using RedshiftTyped.Queries.Syntax;
using RedshiftTyped.Values;

namespace RedshiftTyped.Tool.Queries;

/// <summary>A query described: its snapshot, or why it could not be described (file and line first).</summary>
internal sealed record QueryDescription(QueryFile File, QuerySnapshot? Snapshot, IReadOnlyList<string> Failures);

/// <summary>
/// Asks Redshift for a query's result columns without reading a row: the file's statement runs wrapped as
/// <c>SELECT * FROM (…) AS rt_query LIMIT 0</c>, with a placeholder value of each parameter's declared type bound as a
/// Data API parameter, exactly as the runtime binds real values (the file's SQL itself is not changed). The first
/// page's ColumnMetadata is the shape. When Redshift rejects the SQL, the failure names the file and the line.
/// </summary>
internal sealed partial class QueryDescriber(RedshiftClient client)
{
    private const string Prefix = "SELECT * FROM (\n";

    /// <summary>The statement that describes a query: its SQL, wrapped to return no rows.</summary>
    public static string DescribeSql(QuerySource source) => Prefix + source.Statement + "\n) AS rt_query LIMIT 0";

    public async Task<QueryDescription> DescribeAsync(QueryFile file, string database, CancellationToken cancellationToken)
    {
        var source = file.Source;
        if (source.Problems.Count > 0)
        {
            return new QueryDescription(file, null, source.Problems.Select(p => $"{file.Where(p.Start)}: {p.Message}").ToList());
        }

        var statement = new SqlStatement(DescribeSql(source)) { StatementName = "redshift-typed capture " + file.Key };
        foreach (var parameter in source.Parameters)
        {
            statement.WithParameter(parameter.Name, QueryParameterTypes.Placeholder(parameter.Type!.Value));
        }

        CompletedStatement completed;
        try
        {
            completed = await client.ExecuteAsync(statement, cancellationToken);
        }
        catch (StatementFailedException failed)
        {
            return new QueryDescription(file, null, [$"{file.Path}:{ErrorLine(source, failed.Error)}: {OneLine(failed.Error)}"]);
        }

        IReadOnlyList<ColumnMetadata>? columns = null;
        if (completed.HasResultSet)
        {
            await foreach (var page in client.ReadPagesAsync(completed, cancellationToken))
            {
                columns = page.Columns;
                break;
            }
        }

        if (columns is null || columns.Count == 0)
        {
            return new QueryDescription(file, null,
                [$"{file.Where(source.StatementStart)}: the statement returned no result columns; a typed query must be a SELECT that returns rows."]);
        }

        return new QueryDescription(file, new QuerySnapshot
        {
            File = file.Key,
            Database = database,
            Sha256 = source.Sha256,
            Comment = source.Description,
            Parameters = source.Parameters.Select(p => new QueryParameterSnapshot(p.Name, p.DeclaredType, p.IsNullable)).ToList(),
            Columns = columns.Select((c, i) => Column(c, i + 1)).ToList(),
        }, []);
    }

    /// <summary>A result column as the service described it: the type name with its modifiers, nullability as reported.</summary>
    internal static QueryColumnSnapshot Column(ColumnMetadata column, int ordinal)
    {
        string raw = column.TypeName ?? "unknown";
        var type = RedshiftTypeNames.Parse(raw);

        // Result metadata carries a character column's length in precision (length is 0), a numeric's in precision/scale.
        int? length = type is RedshiftType.Char or RedshiftType.VarChar or RedshiftType.VarByte
            ? Sane(column.Length) ?? Sane(column.Precision)
            : null;
        int? precision = type == RedshiftType.Numeric ? Sane(column.Precision) : null;
        int? scale = precision is null ? null : column.Scale ?? 0;
        int reported = column.Nullable is 0 or 1 ? column.Nullable.Value : 2;
        return new QueryColumnSnapshot
        {
            Name = column.Name ?? column.Label ?? string.Create(CultureInfo.InvariantCulture, $"column{ordinal}"),
            Ordinal = ordinal,
            Type = RedshiftTypeNames.DeclaredName(type, length, precision, scale) ?? raw,
            TypeName = RedshiftTypeNames.ShortName(type) ?? raw.ToLowerInvariant(),
            Length = length,
            Precision = precision,
            Scale = scale,
            Nullable = reported != 0,
            ReportedNullable = reported,
        };
    }

    /// <summary>
    /// The file line Redshift's error points at: its <c>LINE n:</c> or <c>Position: n</c> when it gives one (moved back from
    /// the wrapper to the file), else the first line that holds the name the error quotes, else the statement's first line.
    /// </summary>
    internal static int ErrorLine(QuerySource source, string error)
    {
        int statementLine = source.LineOf(source.StatementStart);
        if (LinePattern().Match(error) is { Success: true } line
            && int.TryParse(line.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int wrapped) && wrapped >= 2)
        {
            return statementLine + wrapped - 2;
        }

        if (PositionPattern().Match(error) is { Success: true } position
            && int.TryParse(position.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int at)
            && at - 1 - Prefix.Length is int inStatement && inStatement >= 0 && inStatement <= source.Statement.Length)
        {
            return source.LineOf(source.StatementStart + inStatement);
        }

        if (QuotedPattern().Match(error) is { Success: true } quoted)
        {
            string name = quoted.Groups[1].Value;
            foreach (var token in SqlTokenizer.Tokenize(source.Text))
            {
                if (token.Start >= source.StatementStart && token.Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier
                    && string.Equals(token.Text(source.Text).Trim('"'), name, StringComparison.OrdinalIgnoreCase))
                {
                    return source.LineOf(token.Start);
                }
            }
        }

        return statementLine;
    }

    private static string OneLine(string error)
    {
        string first = error.Split('\n', 2)[0].Trim();
        return first.Length == 0 ? error.Trim() : first;
    }

    private static int? Sane(int? value) => value is > 0 and < int.MaxValue ? value : null;

    [GeneratedRegex(@"LINE (\d+):")]
    private static partial Regex LinePattern();

    [GeneratedRegex(@"[Pp]osition:? (\d+)")]
    private static partial Regex PositionPattern();

    [GeneratedRegex("\"([^\"]+)\"")]
    private static partial Regex QuotedPattern();
}
