using System.Text.RegularExpressions;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Local.Protocol;

namespace RedshiftTyped.Local.Operations;

/// <summary>Checks requests against the redshift-data service model (required members, patterns, ranges, enums).</summary>
internal static partial class RequestValidator
{
    public const int MaxSqlBytes = 100 * 1024;

    public static string RequireStatementId(string? id)
    {
        if (id is null) throw ServiceError.Required("id");
        if (!StatementIdPattern().IsMatch(id))
        {
            throw ServiceError.Constraint("id", id, "Member must satisfy regular expression pattern: [a-z0-9]{8}(-[a-z0-9]{4}){3}-[a-z0-9]{12}(:\\d{0,2})?");
        }

        return id;
    }

    public static void Sql(string? sql, string member = "sql")
    {
        if (sql is null) throw ServiceError.Required(member);
        if (System.Text.Encoding.UTF8.GetByteCount(sql) > MaxSqlBytes)
        {
            throw ServiceError.Validation("Cannot process query string larger than 100kB");
        }

        if (string.IsNullOrWhiteSpace(sql))
        {
            throw ServiceError.Validation("SQL statement cannot be empty.");
        }
    }

    public static void WaitTimeSeconds(int? seconds)
    {
        if (seconds is < 1 or > 30)
        {
            throw ServiceError.Constraint("waitTimeSeconds", seconds.ToString(), "Member must have value between 1 and 30");
        }
    }

    public static void MaxResults(int? value, int max)
    {
        if (value is < 0 || value > max)
        {
            throw ServiceError.Constraint("maxResults", value.ToString(), $"Member must have value less than or equal to {max}");
        }
    }

    /// <summary>
    /// The filters of ListStatements and ListSessions: at most one of ClusterIdentifier and WorkgroupName ("When
    /// providing ClusterIdentifier, then WorkgroupName can't be specified", redshift-data service model), each
    /// matching its pattern.
    /// </summary>
    public static void OptionalTarget(string? cluster, string? workgroup)
    {
        if (cluster is null && workgroup is null)
        {
            return;
        }

        Target(cluster, workgroup, null);
    }

    /// <summary>Exactly one of ClusterIdentifier and WorkgroupName, each matching its pattern (not needed with a SessionId).</summary>
    public static void Target(string? cluster, string? workgroup, string? sessionId)
    {
        if (cluster is not null && !ClusterPattern().IsMatch(cluster))
        {
            throw ServiceError.Constraint("clusterIdentifier", cluster, "Member must satisfy regular expression pattern: [a-z][a-z0-9]*(-[a-z0-9]+)*");
        }

        if (workgroup is not null && !WorkgroupPattern().IsMatch(workgroup))
        {
            throw ServiceError.Constraint("workgroupName", workgroup, "Member must satisfy regular expression pattern: ([a-z0-9-]+)|(arn:aws[a-z-]*:redshift-serverless:[a-z0-9-]+:[0-9]{12}:workgroup/[a-z0-9-]{36})");
        }

        if (cluster is not null && workgroup is not null)
        {
            throw ServiceError.Validation("Only one of ClusterIdentifier or WorkgroupName can be specified.");
        }

        if (cluster is null && workgroup is null && sessionId is null)
        {
            throw ServiceError.Validation("Either ClusterIdentifier or WorkgroupName must be specified.");
        }
    }

    public static void Submission(string? statementName, string? clientToken, ResultFormatString? format, int? keepAlive,
        IReadOnlyList<SqlParameter>? parameters, string? sessionId)
    {
        if (statementName is { Length: > 2048 })
        {
            throw ServiceError.Constraint("statementName", statementName, "Member must have length less than or equal to 2048");
        }

        if (clientToken is { Length: < 1 or > 64 })
        {
            throw ServiceError.Constraint("clientToken", clientToken, "Member must have length between 1 and 64");
        }

        if (format is { } f && f != ResultFormatString.JSON && f != ResultFormatString.CSV)
        {
            throw ServiceError.Constraint("resultFormat", f.Value, "Member must satisfy enum value set: [JSON, CSV]");
        }

        if (keepAlive is < 0 or > 86400)
        {
            throw ServiceError.Constraint("sessionKeepAliveSeconds", keepAlive.ToString(), "Member must have value between 0 and 86400");
        }

        if (sessionId is not null && !StatementIdPattern().IsMatch(sessionId))
        {
            throw ServiceError.Constraint("sessionId", sessionId, "Member must satisfy regular expression pattern: [a-z0-9]{8}(-[a-z0-9]{4}){3}-[a-z0-9]{12}(:\\d{0,2})?");
        }

        if (parameters is null) return;
        if (parameters.Count == 0)
        {
            throw ServiceError.Constraint("parameters", "[]", "Member must have length greater than or equal to 1");
        }

        foreach (var parameter in parameters)
        {
            if (parameter?.Name is null) throw ServiceError.Required("parameters.member.name");
            if (parameter.Value is null) throw ServiceError.Required("parameters.member.value");
            if (!ParameterNamePattern().IsMatch(parameter.Name))
            {
                throw ServiceError.Constraint("parameters.member.name", parameter.Name, "Member must satisfy regular expression pattern: [0-9a-zA-Z_]+");
            }

            if (parameter.Value.Length == 0)
            {
                throw ServiceError.Constraint("parameters.member.value", parameter.Value, "Member must have length greater than or equal to 1");
            }
        }
    }

    [GeneratedRegex(@"^[a-z0-9]{8}(-[a-z0-9]{4}){3}-[a-z0-9]{12}(:\d{0,2})?$")]
    private static partial Regex StatementIdPattern();

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex ClusterPattern();

    [GeneratedRegex(@"^(([a-z0-9-]{3,63})|(arn:aws[a-z-]*:redshift-serverless:[a-z0-9-]+:[0-9]{12}:workgroup/[a-z0-9-]{36}))$")]
    private static partial Regex WorkgroupPattern();

    [GeneratedRegex("^[0-9a-zA-Z_]+$")]
    private static partial Regex ParameterNamePattern();
}
