// The Data API and Secrets Manager shapes, one to one with AWS's model (botocore): each member is documented there
// (docs.aws.amazon.com/redshift-data/latest/APIReference); XML docs here would repeat it.
#pragma warning disable CS1591

namespace RedshiftTyped.DataApi.Model;

/// <summary>
/// A request that names its cluster or workgroup, database and database credentials. Lets the client fill
/// these from the connection options in one place for every operation that has them.
/// </summary>
public interface ITargetedRequest
{
    string? ClusterIdentifier { get; set; }
    string? WorkgroupName { get; set; }
    string? Database { get; set; }
    string? DbUser { get; set; }
    string? SecretArn { get; set; }
}

public sealed partial class ExecuteStatementRequest : ITargetedRequest;
public sealed partial class BatchExecuteStatementRequest : ITargetedRequest;
public sealed partial class ListDatabasesRequest : ITargetedRequest;
public sealed partial class ListSchemasRequest : ITargetedRequest;
public sealed partial class ListTablesRequest : ITargetedRequest;
public sealed partial class DescribeTableRequest : ITargetedRequest;

public sealed partial class SqlParameter
{
    public SqlParameter()
    {
    }

    /// <summary>A named parameter: <c>:name</c> in the SQL, its value as the string Redshift casts.</summary>
    public SqlParameter(string name, string value)
    {
        Name = name;
        Value = value;
    }

    /// <summary>Shows the name only: parameter values may be personal or secret data.</summary>
    public override string ToString() => $":{Name} = <redacted>";
}

/// <summary>
/// What ExecuteStatement and BatchExecuteStatement both answer: the submitted statement's id, target and status.
/// Lets code that handles either answer (the local server builds both) do so once.
/// </summary>
public interface IStatementSubmission
{
    string? Id { get; set; }
    DateTime? CreatedAt { get; set; }
    string? ClusterIdentifier { get; set; }
    string? WorkgroupName { get; set; }
    string? Database { get; set; }
    string? DbUser { get; set; }
    string? SecretArn { get; set; }
    string? SessionId { get; set; }
    StatusString? Status { get; set; }
    long? RedshiftPid { get; set; }
    bool? HasResultSet { get; set; }
}

public sealed partial class ExecuteStatementResponse : IStatementSubmission;
public sealed partial class BatchExecuteStatementResponse : IStatementSubmission;
