using System.Text;
using RedshiftTyped.Execution;

namespace RedshiftTyped.Queries;

/// <summary>
/// Turns a typed query and its parameter values into the statement that is sent. Values travel as Data API
/// parameters, formatted invariantly for their type. The Data API can send neither NULL nor an empty string, so,
/// as for snapshot filters: an empty string is written as <c>''</c> in the statement, and a null is written as
/// <c>NULL</c> where the header declares the parameter <c>nullable</c> and refused, with the SQL to write, where it
/// does not. Nothing else of the SQL changes, and no value is ever spliced into it.
/// </summary>
internal static class QueryStatement
{
    public static SqlStatement Build(QueryDescriptor query, object?[] values, QueryOptions options)
    {
        if (values.Length != query.Parameters.Count)
        {
            throw new ArgumentException(
                $"{query} declares {query.Parameters.Count} parameters but {values.Length} values were given.", nameof(values));
        }

        Dictionary<string, string>? literals = null;
        var bound = new List<(string Name, object Value)>();
        for (int i = 0; i < values.Length; i++)
        {
            var parameter = query.Parameters[i];
            switch (values[i])
            {
                case null when parameter.IsNullable:
                    (literals ??= new(StringComparer.Ordinal))[parameter.Name] = "NULL";
                    break;
                case null:
                    throw new ArgumentNullException(parameter.PropertyName,
                        $"{parameter.PropertyName} (:{parameter.Name}) of {query.File} is null, but the file declares it not nullable. The Data API " +
                        $"cannot send NULL as a parameter: declare it \"-- @param {parameter.Name} {parameter.DeclaredType} nullable\" and handle " +
                        $"NULL in the SQL, e.g. (:{parameter.Name} IS NULL OR column = :{parameter.Name}), then re-capture.");
                case string { Length: 0 }:
                    (literals ??= new(StringComparer.Ordinal))[parameter.Name] = "''";
                    break;
                default:
                    bound.Add((parameter.Name, values[i]!));
                    break;
            }
        }

        var statement = new SqlStatement(literals is null ? query.Sql : Substitute(query, literals))
        {
            ResultFormat = options.ResultFormat,
            Timeout = options.Timeout,
            StatementName = options.StatementName,
        };
        foreach (var (name, value) in bound)
        {
            statement.WithParameter(name, value);
        }

        return statement;
    }

    /// <summary>The SQL with every <c>:name</c> of the given parameters replaced by its literal.</summary>
    private static string Substitute(QueryDescriptor query, Dictionary<string, string> literals)
    {
        var sql = new StringBuilder(query.Sql.Length);
        int copied = 0;
        foreach (var use in query.ParameterUses)
        {
            if (literals.TryGetValue(use.Name, out string? literal))
            {
                sql.Append(query.Sql, copied, use.Start - copied).Append(literal);
                copied = use.Start + use.Length;
            }
        }

        return sql.Append(query.Sql, copied, query.Sql.Length - copied).ToString();
    }
}
