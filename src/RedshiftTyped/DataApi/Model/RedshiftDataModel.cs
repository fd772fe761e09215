// The Data API and Secrets Manager shapes, one to one with AWS's model (botocore): each member is documented there
// (docs.aws.amazon.com/redshift-data/latest/APIReference); XML docs here would repeat it.
#pragma warning disable CS1591

// Mirrors the redshift-data service model (botocore's data/redshift-data/2019-12-20/service-2.json), member for member, so that a move to the
// official AWS SDK package is mechanical. Member names on the wire are exactly as modelled.
using System.Text.Json.Serialization;
using RedshiftTyped.DataApi.Serialization;

namespace RedshiftTyped.DataApi.Model;

public sealed partial class BatchExecuteStatementRequest
{
    [JsonPropertyName("Sqls")]
    public List<string>? Sqls { get; set; }

    [JsonPropertyName("ClusterIdentifier")]
    public string? ClusterIdentifier { get; set; }

    [JsonPropertyName("SecretArn")]
    public string? SecretArn { get; set; }

    [JsonPropertyName("DbUser")]
    public string? DbUser { get; set; }

    [JsonPropertyName("Database")]
    public string? Database { get; set; }

    [JsonPropertyName("WithEvent")]
    public bool? WithEvent { get; set; }

    [JsonPropertyName("StatementName")]
    public string? StatementName { get; set; }

    [JsonPropertyName("Parameters")]
    public List<SqlParameter>? Parameters { get; set; }

    [JsonPropertyName("WorkgroupName")]
    public string? WorkgroupName { get; set; }

    [JsonPropertyName("ClientToken")]
    public string? ClientToken { get; set; }

    [JsonPropertyName("ResultFormat")]
    public ResultFormatString? ResultFormat { get; set; }

    [JsonPropertyName("SessionKeepAliveSeconds")]
    public int? SessionKeepAliveSeconds { get; set; }

    [JsonPropertyName("SessionId")]
    public string? SessionId { get; set; }

    [JsonPropertyName("ExecutionMode")]
    public ExecutionMode? ExecutionMode { get; set; }

    [JsonPropertyName("WaitTimeSeconds")]
    public int? WaitTimeSeconds { get; set; }
}

public sealed partial class BatchExecuteStatementResponse
{
    [JsonPropertyName("Id")]
    public string? Id { get; set; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    [JsonPropertyName("CreatedAt")]
    public DateTime? CreatedAt { get; set; }

    [JsonPropertyName("ClusterIdentifier")]
    public string? ClusterIdentifier { get; set; }

    [JsonPropertyName("DbUser")]
    public string? DbUser { get; set; }

    [JsonPropertyName("DbGroups")]
    public List<string>? DbGroups { get; set; }

    [JsonPropertyName("Database")]
    public string? Database { get; set; }

    [JsonPropertyName("SecretArn")]
    public string? SecretArn { get; set; }

    [JsonPropertyName("WorkgroupName")]
    public string? WorkgroupName { get; set; }

    [JsonPropertyName("SessionId")]
    public string? SessionId { get; set; }

    [JsonPropertyName("Status")]
    public StatusString? Status { get; set; }

    [JsonPropertyName("RedshiftPid")]
    public long? RedshiftPid { get; set; }

    [JsonPropertyName("HasResultSet")]
    public bool? HasResultSet { get; set; }
}

public sealed partial class CancelStatementRequest
{
    [JsonPropertyName("Id")]
    public string? Id { get; set; }
}

public sealed partial class CancelStatementResponse
{
    [JsonPropertyName("Status")]
    public bool? Status { get; set; }
}

public sealed partial class DescribeStatementRequest
{
    [JsonPropertyName("Id")]
    public string? Id { get; set; }

    [JsonPropertyName("WaitTimeSeconds")]
    public int? WaitTimeSeconds { get; set; }
}

public sealed partial class DescribeStatementResponse
{
    [JsonRequired]
    [JsonPropertyName("Id")]
    public string? Id { get; set; }

    [JsonPropertyName("SecretArn")]
    public string? SecretArn { get; set; }

    [JsonPropertyName("DbUser")]
    public string? DbUser { get; set; }

    [JsonPropertyName("Database")]
    public string? Database { get; set; }

    [JsonPropertyName("ClusterIdentifier")]
    public string? ClusterIdentifier { get; set; }

    [JsonPropertyName("Duration")]
    public long? Duration { get; set; }

    [JsonPropertyName("Error")]
    public string? Error { get; set; }

    [JsonPropertyName("Status")]
    public StatusString? Status { get; set; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    [JsonPropertyName("CreatedAt")]
    public DateTime? CreatedAt { get; set; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    [JsonPropertyName("UpdatedAt")]
    public DateTime? UpdatedAt { get; set; }

    [JsonPropertyName("RedshiftPid")]
    public long? RedshiftPid { get; set; }

    [JsonPropertyName("HasResultSet")]
    public bool? HasResultSet { get; set; }

    [JsonPropertyName("QueryString")]
    public string? QueryString { get; set; }

    [JsonPropertyName("ResultRows")]
    public long? ResultRows { get; set; }

    [JsonPropertyName("ResultSize")]
    public long? ResultSize { get; set; }

    [JsonPropertyName("RedshiftQueryId")]
    public long? RedshiftQueryId { get; set; }

    [JsonPropertyName("QueryParameters")]
    public List<SqlParameter>? QueryParameters { get; set; }

    [JsonPropertyName("SubStatements")]
    public List<SubStatementData>? SubStatements { get; set; }

    [JsonPropertyName("WorkgroupName")]
    public string? WorkgroupName { get; set; }

    [JsonPropertyName("ResultFormat")]
    public ResultFormatString? ResultFormat { get; set; }

    [JsonPropertyName("SessionId")]
    public string? SessionId { get; set; }

    [JsonPropertyName("ExecutionMode")]
    public ExecutionMode? ExecutionMode { get; set; }
}

public sealed partial class DescribeTableRequest
{
    [JsonPropertyName("ClusterIdentifier")]
    public string? ClusterIdentifier { get; set; }

    [JsonPropertyName("SecretArn")]
    public string? SecretArn { get; set; }

    [JsonPropertyName("DbUser")]
    public string? DbUser { get; set; }

    [JsonPropertyName("Database")]
    public string? Database { get; set; }

    [JsonPropertyName("ConnectedDatabase")]
    public string? ConnectedDatabase { get; set; }

    [JsonPropertyName("Schema")]
    public string? Schema { get; set; }

    [JsonPropertyName("Table")]
    public string? Table { get; set; }

    [JsonPropertyName("NextToken")]
    public string? NextToken { get; set; }

    [JsonPropertyName("MaxResults")]
    public int? MaxResults { get; set; }

    [JsonPropertyName("WorkgroupName")]
    public string? WorkgroupName { get; set; }
}

public sealed partial class DescribeTableResponse
{
    [JsonPropertyName("TableName")]
    public string? TableName { get; set; }

    [JsonPropertyName("ColumnList")]
    public List<ColumnMetadata>? ColumnList { get; set; }

    [JsonPropertyName("NextToken")]
    public string? NextToken { get; set; }
}

public sealed partial class ExecuteStatementRequest
{
    [JsonPropertyName("Sql")]
    public string? Sql { get; set; }

    [JsonPropertyName("ClusterIdentifier")]
    public string? ClusterIdentifier { get; set; }

    [JsonPropertyName("SecretArn")]
    public string? SecretArn { get; set; }

    [JsonPropertyName("DbUser")]
    public string? DbUser { get; set; }

    [JsonPropertyName("Database")]
    public string? Database { get; set; }

    [JsonPropertyName("WithEvent")]
    public bool? WithEvent { get; set; }

    [JsonPropertyName("StatementName")]
    public string? StatementName { get; set; }

    [JsonPropertyName("Parameters")]
    public List<SqlParameter>? Parameters { get; set; }

    [JsonPropertyName("WorkgroupName")]
    public string? WorkgroupName { get; set; }

    [JsonPropertyName("ClientToken")]
    public string? ClientToken { get; set; }

    [JsonPropertyName("ResultFormat")]
    public ResultFormatString? ResultFormat { get; set; }

    [JsonPropertyName("SessionKeepAliveSeconds")]
    public int? SessionKeepAliveSeconds { get; set; }

    [JsonPropertyName("SessionId")]
    public string? SessionId { get; set; }

    [JsonPropertyName("WaitTimeSeconds")]
    public int? WaitTimeSeconds { get; set; }
}

public sealed partial class ExecuteStatementResponse
{
    [JsonPropertyName("Id")]
    public string? Id { get; set; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    [JsonPropertyName("CreatedAt")]
    public DateTime? CreatedAt { get; set; }

    [JsonPropertyName("ClusterIdentifier")]
    public string? ClusterIdentifier { get; set; }

    [JsonPropertyName("DbUser")]
    public string? DbUser { get; set; }

    [JsonPropertyName("DbGroups")]
    public List<string>? DbGroups { get; set; }

    [JsonPropertyName("Database")]
    public string? Database { get; set; }

    [JsonPropertyName("SecretArn")]
    public string? SecretArn { get; set; }

    [JsonPropertyName("WorkgroupName")]
    public string? WorkgroupName { get; set; }

    [JsonPropertyName("SessionId")]
    public string? SessionId { get; set; }

    [JsonPropertyName("Status")]
    public StatusString? Status { get; set; }

    [JsonPropertyName("RedshiftPid")]
    public long? RedshiftPid { get; set; }

    [JsonPropertyName("HasResultSet")]
    public bool? HasResultSet { get; set; }
}

public sealed partial class GetStatementResultRequest
{
    [JsonPropertyName("Id")]
    public string? Id { get; set; }

    [JsonPropertyName("NextToken")]
    public string? NextToken { get; set; }

    [JsonPropertyName("WaitTimeSeconds")]
    public int? WaitTimeSeconds { get; set; }
}

public sealed partial class GetStatementResultResponse
{
    [JsonRequired]
    [JsonPropertyName("Records")]
    public List<List<Field>>? Records { get; set; }

    [JsonPropertyName("ColumnMetadata")]
    public List<ColumnMetadata>? ColumnMetadata { get; set; }

    [JsonPropertyName("TotalNumRows")]
    public long? TotalNumRows { get; set; }

    [JsonPropertyName("NextToken")]
    public string? NextToken { get; set; }
}

public sealed partial class GetStatementResultV2Request
{
    [JsonPropertyName("Id")]
    public string? Id { get; set; }

    [JsonPropertyName("NextToken")]
    public string? NextToken { get; set; }

    [JsonPropertyName("WaitTimeSeconds")]
    public int? WaitTimeSeconds { get; set; }
}

public sealed partial class GetStatementResultV2Response
{
    [JsonRequired]
    [JsonPropertyName("Records")]
    public List<QueryRecords>? Records { get; set; }

    [JsonPropertyName("ColumnMetadata")]
    public List<ColumnMetadata>? ColumnMetadata { get; set; }

    [JsonPropertyName("TotalNumRows")]
    public long? TotalNumRows { get; set; }

    [JsonPropertyName("ResultFormat")]
    public ResultFormatString? ResultFormat { get; set; }

    [JsonPropertyName("NextToken")]
    public string? NextToken { get; set; }
}

public sealed partial class ListDatabasesRequest
{
    [JsonPropertyName("ClusterIdentifier")]
    public string? ClusterIdentifier { get; set; }

    [JsonPropertyName("Database")]
    public string? Database { get; set; }

    [JsonPropertyName("SecretArn")]
    public string? SecretArn { get; set; }

    [JsonPropertyName("DbUser")]
    public string? DbUser { get; set; }

    [JsonPropertyName("NextToken")]
    public string? NextToken { get; set; }

    [JsonPropertyName("MaxResults")]
    public int? MaxResults { get; set; }

    [JsonPropertyName("WorkgroupName")]
    public string? WorkgroupName { get; set; }
}

public sealed partial class ListDatabasesResponse
{
    [JsonPropertyName("Databases")]
    public List<string>? Databases { get; set; }

    [JsonPropertyName("NextToken")]
    public string? NextToken { get; set; }
}

public sealed partial class ListSchemasRequest
{
    [JsonPropertyName("ClusterIdentifier")]
    public string? ClusterIdentifier { get; set; }

    [JsonPropertyName("SecretArn")]
    public string? SecretArn { get; set; }

    [JsonPropertyName("DbUser")]
    public string? DbUser { get; set; }

    [JsonPropertyName("Database")]
    public string? Database { get; set; }

    [JsonPropertyName("ConnectedDatabase")]
    public string? ConnectedDatabase { get; set; }

    [JsonPropertyName("SchemaPattern")]
    public string? SchemaPattern { get; set; }

    [JsonPropertyName("NextToken")]
    public string? NextToken { get; set; }

    [JsonPropertyName("MaxResults")]
    public int? MaxResults { get; set; }

    [JsonPropertyName("WorkgroupName")]
    public string? WorkgroupName { get; set; }
}

public sealed partial class ListSchemasResponse
{
    [JsonPropertyName("Schemas")]
    public List<string>? Schemas { get; set; }

    [JsonPropertyName("NextToken")]
    public string? NextToken { get; set; }
}

public sealed partial class ListSessionsRequest
{
    [JsonPropertyName("NextToken")]
    public string? NextToken { get; set; }

    [JsonPropertyName("MaxResults")]
    public int? MaxResults { get; set; }

    [JsonPropertyName("SessionId")]
    public string? SessionId { get; set; }

    [JsonPropertyName("Status")]
    public SessionStatusString? Status { get; set; }

    [JsonPropertyName("RoleLevel")]
    public bool? RoleLevel { get; set; }

    [JsonPropertyName("ClusterIdentifier")]
    public string? ClusterIdentifier { get; set; }

    [JsonPropertyName("WorkgroupName")]
    public string? WorkgroupName { get; set; }

    [JsonPropertyName("Database")]
    public string? Database { get; set; }
}

public sealed partial class ListSessionsResponse
{
    [JsonRequired]
    [JsonPropertyName("Sessions")]
    public List<SessionData>? Sessions { get; set; }

    [JsonPropertyName("NextToken")]
    public string? NextToken { get; set; }
}

public sealed partial class ListStatementsRequest
{
    [JsonPropertyName("NextToken")]
    public string? NextToken { get; set; }

    [JsonPropertyName("MaxResults")]
    public int? MaxResults { get; set; }

    [JsonPropertyName("StatementName")]
    public string? StatementName { get; set; }

    [JsonPropertyName("Status")]
    public StatusString? Status { get; set; }

    [JsonPropertyName("RoleLevel")]
    public bool? RoleLevel { get; set; }

    [JsonPropertyName("Database")]
    public string? Database { get; set; }

    [JsonPropertyName("ClusterIdentifier")]
    public string? ClusterIdentifier { get; set; }

    [JsonPropertyName("WorkgroupName")]
    public string? WorkgroupName { get; set; }
}

public sealed partial class ListStatementsResponse
{
    [JsonRequired]
    [JsonPropertyName("Statements")]
    public List<StatementData>? Statements { get; set; }

    [JsonPropertyName("NextToken")]
    public string? NextToken { get; set; }
}

public sealed partial class ListTablesRequest
{
    [JsonPropertyName("ClusterIdentifier")]
    public string? ClusterIdentifier { get; set; }

    [JsonPropertyName("SecretArn")]
    public string? SecretArn { get; set; }

    [JsonPropertyName("DbUser")]
    public string? DbUser { get; set; }

    [JsonPropertyName("Database")]
    public string? Database { get; set; }

    [JsonPropertyName("ConnectedDatabase")]
    public string? ConnectedDatabase { get; set; }

    [JsonPropertyName("SchemaPattern")]
    public string? SchemaPattern { get; set; }

    [JsonPropertyName("TablePattern")]
    public string? TablePattern { get; set; }

    [JsonPropertyName("NextToken")]
    public string? NextToken { get; set; }

    [JsonPropertyName("MaxResults")]
    public int? MaxResults { get; set; }

    [JsonPropertyName("WorkgroupName")]
    public string? WorkgroupName { get; set; }
}

public sealed partial class ListTablesResponse
{
    [JsonPropertyName("Tables")]
    public List<TableMember>? Tables { get; set; }

    [JsonPropertyName("NextToken")]
    public string? NextToken { get; set; }
}

public sealed partial class SqlParameter
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("value")]
    public string? Value { get; set; }
}

public sealed partial class SubStatementData
{
    [JsonRequired]
    [JsonPropertyName("Id")]
    public string? Id { get; set; }

    [JsonPropertyName("Duration")]
    public long? Duration { get; set; }

    [JsonPropertyName("Error")]
    public string? Error { get; set; }

    [JsonPropertyName("Status")]
    public StatusString? Status { get; set; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    [JsonPropertyName("CreatedAt")]
    public DateTime? CreatedAt { get; set; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    [JsonPropertyName("UpdatedAt")]
    public DateTime? UpdatedAt { get; set; }

    [JsonPropertyName("QueryString")]
    public string? QueryString { get; set; }

    [JsonPropertyName("ResultRows")]
    public long? ResultRows { get; set; }

    [JsonPropertyName("ResultSize")]
    public long? ResultSize { get; set; }

    [JsonPropertyName("RedshiftQueryId")]
    public long? RedshiftQueryId { get; set; }

    [JsonPropertyName("HasResultSet")]
    public bool? HasResultSet { get; set; }
}

public sealed partial class ColumnMetadata
{
    [JsonPropertyName("isCaseSensitive")]
    public bool? IsCaseSensitive { get; set; }

    [JsonPropertyName("isCurrency")]
    public bool? IsCurrency { get; set; }

    [JsonPropertyName("isSigned")]
    public bool? IsSigned { get; set; }

    [JsonPropertyName("label")]
    public string? Label { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("nullable")]
    public int? Nullable { get; set; }

    [JsonPropertyName("precision")]
    public int? Precision { get; set; }

    [JsonPropertyName("scale")]
    public int? Scale { get; set; }

    [JsonPropertyName("schemaName")]
    public string? SchemaName { get; set; }

    [JsonPropertyName("tableName")]
    public string? TableName { get; set; }

    [JsonPropertyName("typeName")]
    public string? TypeName { get; set; }

    [JsonPropertyName("length")]
    public int? Length { get; set; }

    [JsonPropertyName("columnDefault")]
    public string? ColumnDefault { get; set; }
}

public sealed partial class QueryRecords
{
    [JsonPropertyName("CSVRecords")]
    public string? CSVRecords { get; set; }
}

public sealed partial class SessionData
{
    [JsonPropertyName("SessionId")]
    public string? SessionId { get; set; }

    [JsonPropertyName("Status")]
    public SessionStatusString? Status { get; set; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    [JsonPropertyName("CreatedAt")]
    public DateTime? CreatedAt { get; set; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    [JsonPropertyName("UpdatedAt")]
    public DateTime? UpdatedAt { get; set; }

    [JsonPropertyName("Database")]
    public string? Database { get; set; }

    [JsonPropertyName("DbUser")]
    public string? DbUser { get; set; }

    [JsonPropertyName("ClusterIdentifier")]
    public string? ClusterIdentifier { get; set; }

    [JsonPropertyName("WorkgroupName")]
    public string? WorkgroupName { get; set; }

    [JsonPropertyName("SessionAliveSeconds")]
    public int? SessionAliveSeconds { get; set; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    [JsonPropertyName("SessionTtl")]
    public DateTime? SessionTtl { get; set; }

    [JsonPropertyName("CurrentStatementId")]
    public string? CurrentStatementId { get; set; }
}

public sealed partial class StatementData
{
    [JsonRequired]
    [JsonPropertyName("Id")]
    public string? Id { get; set; }

    [JsonPropertyName("QueryString")]
    public string? QueryString { get; set; }

    [JsonPropertyName("QueryStrings")]
    public List<string>? QueryStrings { get; set; }

    [JsonPropertyName("SecretArn")]
    public string? SecretArn { get; set; }

    [JsonPropertyName("Status")]
    public StatusString? Status { get; set; }

    [JsonPropertyName("StatementName")]
    public string? StatementName { get; set; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    [JsonPropertyName("CreatedAt")]
    public DateTime? CreatedAt { get; set; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    [JsonPropertyName("UpdatedAt")]
    public DateTime? UpdatedAt { get; set; }

    [JsonPropertyName("QueryParameters")]
    public List<SqlParameter>? QueryParameters { get; set; }

    [JsonPropertyName("IsBatchStatement")]
    public bool? IsBatchStatement { get; set; }

    [JsonPropertyName("ResultFormat")]
    public ResultFormatString? ResultFormat { get; set; }

    [JsonPropertyName("SessionId")]
    public string? SessionId { get; set; }
}

public sealed partial class TableMember
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("schema")]
    public string? Schema { get; set; }
}
