using System.Net;
using System.Text.Json.Nodes;
using RedshiftTyped.Tool.Capture;

namespace RedshiftTyped.Tests.Infrastructure;

/// <summary>
/// A Data API answering catalog calls the way Redshift does, from tables a test describes: ListSchemas,
/// ListTables, DescribeTable, and the capture's catalog SQL (each statement answered with the rows the test
/// gives for that query text). Used through <see cref="RecordingHandler"/>, so every request is recorded.
/// </summary>
public sealed class FakeCatalog
{
    public sealed record Column(string Name, string TypeName, int Length = 0, int Precision = 0, int Scale = 0, bool Nullable = true, string? Default = null);

    public sealed record Table(string Schema, string Name, string Type, List<Column> Columns);

    public List<Table> Tables { get; } = [];

    /// <summary>Rows answered for a catalog query, by its SQL text; queries not listed answer no rows.</summary>
    public Dictionary<string, List<JsonArray>> QueryRows { get; } = [];

    /// <summary>Queries that fail in Redshift (e.g. a view an old cluster lacks), with the error text.</summary>
    public Dictionary<string, string> FailingQueries { get; } = [];

    /// <summary>Throw a dropped connection for any DescribeTable of this table (the server "dies").</summary>
    public string? DieOnDescribeOf { get; set; }

    private readonly Dictionary<string, string> _statements = [];
    private int _nextId;

    public RecordingHandler Handler() => new((request, _) => Answer(request));

    private HttpResponseMessage Answer(RecordedRequest request)
    {
        var body = request.Json;
        switch (request.Operation)
        {
            case "ListSchemas":
                return Aws.Ok(new JsonObject { ["Schemas"] = new JsonArray(Tables.Select(t => t.Schema).Distinct().Append("pg_catalog").Append("information_schema").Select(s => (JsonNode)s!).ToArray()) });
            case "ListTables":
            {
                string pattern = (string)body["SchemaPattern"]!;
                var tables = Tables.Where(t => Like(t.Schema, pattern))
                    .Select(t => (JsonNode)new JsonObject { ["name"] = t.Name, ["schema"] = t.Schema, ["type"] = t.Type }).ToArray();
                return Aws.Ok(new JsonObject { ["Tables"] = new JsonArray(tables) });
            }

            case "DescribeTable":
            {
                string schema = (string)body["Schema"]!;
                string name = (string)body["Table"]!;
                if (name == DieOnDescribeOf)
                {
                    throw new HttpRequestException("Connection refused (127.0.0.1:8790)");
                }

                var table = Tables.Single(t => t.Schema == schema && t.Name == name);
                // Late-binding views report no columns here, as in Redshift.
                var columns = table.Type == "VIEW" && QueryRows.TryGetValue(CatalogQueries.LateBindingViewColumns, out var lbv) && lbv.Any(r => (string?)r[1] == name)
                    ? []
                    : table.Columns.Select(c => (JsonNode)new JsonObject
                    {
                        ["name"] = c.Name, ["typeName"] = c.TypeName, ["length"] = c.Length, ["precision"] = c.Precision, ["scale"] = c.Scale,
                        ["nullable"] = c.Nullable ? 1 : 0, ["columnDefault"] = c.Default, ["isSigned"] = false,
                    }).ToArray();
                return Aws.Ok(new JsonObject { ["TableName"] = name, ["ColumnList"] = new JsonArray(columns) });
            }

            case "ExecuteStatement":
            {
                string id = $"00000000-0000-0000-0000-{Interlocked.Increment(ref _nextId):D12}";
                lock (_statements)
                {
                    _statements[id] = (string)body["Sql"]!;
                }

                return Aws.Ok(Aws.Submitted(id));
            }

            case "DescribeStatement":
            {
                string id = (string)body["Id"]!;
                string sql = Sql(id);
                return FailingQueries.TryGetValue(sql, out string? error)
                    ? Aws.Ok(Aws.Described(id, "FAILED", error: error))
                    : Aws.Ok(Aws.Described(id, "FINISHED", resultRows: QueryRows.GetValueOrDefault(sql)?.Count ?? 0));
            }

            case "GetStatementResult":
            {
                var rows = QueryRows.GetValueOrDefault(Sql((string)body["Id"]!)) ?? [];
                var records = new JsonArray(rows.Select(r => (JsonNode)new JsonArray(r.Select(v => (JsonNode)Field(v)).ToArray())).ToArray());
                var columns = new JsonArray(Enumerable.Range(0, rows.FirstOrDefault()?.Count ?? 0)
                    .Select(i => (JsonNode)new JsonObject { ["name"] = $"c{i}", ["typeName"] = TypeOf(rows.Select(r => r[i]).FirstOrDefault(v => v is not null)) }).ToArray());
                return Aws.Ok(new JsonObject { ["Records"] = records, ["ColumnMetadata"] = columns, ["TotalNumRows"] = rows.Count });
            }

            default:
                return Aws.Error(HttpStatusCode.BadRequest, "ValidationException", $"unexpected {request.Operation}");
        }
    }

    private string Sql(string id)
    {
        lock (_statements)
        {
            return _statements[id];
        }
    }

    private static JsonObject Field(JsonNode? value) => value switch
    {
        null => new JsonObject { ["isNull"] = true },
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number => new JsonObject { ["longValue"] = long.Parse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture) },
        JsonValue v when v.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => new JsonObject { ["booleanValue"] = v.GetValue<bool>() },
        _ => new JsonObject { ["stringValue"] = value.GetValue<string>() },
    };

    private static string TypeOf(JsonNode? sample) => sample?.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.Number => "int4",
        System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "bool",
        _ => "varchar",
    };

    private static bool Like(string value, string pattern)
        => System.Text.RegularExpressions.Regex.IsMatch(value, "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace("%", ".*").Replace("_", ".") + "$");
}
