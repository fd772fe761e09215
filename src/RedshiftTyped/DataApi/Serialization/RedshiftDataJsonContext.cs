using System.Text.Json.Serialization;
using RedshiftTyped.DataApi.Model;

namespace RedshiftTyped.DataApi.Serialization;

/// <summary>
/// Source-generated System.Text.Json metadata for every Redshift Data API request and response:
/// no reflection at run time, trimming- and AOT-safe.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ExecuteStatementRequest))]
[JsonSerializable(typeof(ExecuteStatementResponse))]
[JsonSerializable(typeof(BatchExecuteStatementRequest))]
[JsonSerializable(typeof(BatchExecuteStatementResponse))]
[JsonSerializable(typeof(DescribeStatementRequest))]
[JsonSerializable(typeof(DescribeStatementResponse))]
[JsonSerializable(typeof(GetStatementResultRequest))]
[JsonSerializable(typeof(GetStatementResultResponse))]
[JsonSerializable(typeof(GetStatementResultV2Request))]
[JsonSerializable(typeof(GetStatementResultV2Response))]
[JsonSerializable(typeof(CancelStatementRequest))]
[JsonSerializable(typeof(CancelStatementResponse))]
[JsonSerializable(typeof(ListStatementsRequest))]
[JsonSerializable(typeof(ListStatementsResponse))]
[JsonSerializable(typeof(ListSessionsRequest))]
[JsonSerializable(typeof(ListSessionsResponse))]
[JsonSerializable(typeof(ListDatabasesRequest))]
[JsonSerializable(typeof(ListDatabasesResponse))]
[JsonSerializable(typeof(ListSchemasRequest))]
[JsonSerializable(typeof(ListSchemasResponse))]
[JsonSerializable(typeof(ListTablesRequest))]
[JsonSerializable(typeof(ListTablesResponse))]
[JsonSerializable(typeof(DescribeTableRequest))]
[JsonSerializable(typeof(DescribeTableResponse))]
[JsonSerializable(typeof(AwsErrorBody))]
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed partial class RedshiftDataJsonContext : JsonSerializerContext;
