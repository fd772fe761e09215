using System.Text;
using System.Text.RegularExpressions;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Local.Engine;
using RedshiftTyped.Local.Protocol;

namespace RedshiftTyped.Local.Operations;

/// <summary>
/// ListDatabases, ListSchemas, ListTables and DescribeTable: the engine's information_schema, with the declared
/// Redshift types of the server's catalog laid over it, filtered by SQL LIKE patterns and paged.
/// </summary>
internal sealed class CatalogOperations(LocalServerOptions options, IDatabaseBackend backend, LocalCatalog catalog, SecretStore secrets)
{
    private void CheckTarget(string? database, string? cluster, string? workgroup, string? secretArn, int? maxResults)
    {
        if (database is null) throw ServiceError.Required("database");
        RequestValidator.Target(cluster, workgroup, null);
        RequestValidator.MaxResults(maxResults, 1000);
        if (secretArn is not null) secrets.CheckDatabaseSecret(secretArn);
        if (database != options.Database)
        {
            throw new ServiceError("DatabaseConnectionException", 500, $"FATAL: database \"{database}\" does not exist");
        }
    }

    public ListDatabasesResponse ListDatabases(ListDatabasesRequest request)
    {
        CheckTarget(request.Database, request.ClusterIdentifier, request.WorkgroupName, request.SecretArn, request.MaxResults);
        var (page, next) = PageToken.Slice([options.Database], request.NextToken, request.MaxResults, 1000, "ListDatabases");
        return new ListDatabasesResponse { Databases = page, NextToken = next };
    }

    public async Task<ListSchemasResponse> ListSchemasAsync(ListSchemasRequest request, CancellationToken cancellationToken)
    {
        CheckTarget(request.ConnectedDatabase ?? request.Database, request.ClusterIdentifier, request.WorkgroupName, request.SecretArn, request.MaxResults);
        var like = Like(request.SchemaPattern);
        var rows = await QueryAsync(backend.ListSchemasSql, cancellationToken).ConfigureAwait(false);
        var schemas = rows.Select(r => r[0]!).Distinct().Where(name => like.IsMatch(name)).Order(StringComparer.Ordinal).ToList();
        var (page, next) = PageToken.Slice(schemas, request.NextToken, request.MaxResults, 1000, "ListSchemas|" + request.SchemaPattern);
        return new ListSchemasResponse { Schemas = page, NextToken = next };
    }

    public async Task<ListTablesResponse> ListTablesAsync(ListTablesRequest request, CancellationToken cancellationToken)
    {
        CheckTarget(request.ConnectedDatabase ?? request.Database, request.ClusterIdentifier, request.WorkgroupName, request.SecretArn, request.MaxResults);
        var schemaLike = Like(request.SchemaPattern);
        var tableLike = Like(request.TablePattern);
        var rows = await QueryAsync(backend.ListTablesSql, cancellationToken).ConfigureAwait(false);
        var tables = rows
            .Where(r => schemaLike.IsMatch(r[0]!) && tableLike.IsMatch(r[1]!))
            .Select(r => new TableMember { Schema = r[0], Name = r[1], Type = TableType(r[0]!, r[1]!, r[2]) })
            .OrderBy(t => t.Schema, StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
        var (page, next) = PageToken.Slice(tables, request.NextToken, request.MaxResults, 1000,
            "ListTables|" + request.SchemaPattern + "|" + request.TablePattern);
        return new ListTablesResponse { Tables = page, NextToken = next };
    }

    /// <summary>
    /// The type ListTables reports: the engine's, except that an external table is an <c>EXTERNAL TABLE</c> and a
    /// materialized view (stored as a table here) a <c>VIEW</c>, as Redshift's catalog has them.
    /// </summary>
    private string? TableType(string schema, string name, string? engineType)
    {
        if (schema is "pg_catalog" or "information_schema") return "SYSTEM TABLE";
        if (catalog.External.Table(schema, name) is not null) return "EXTERNAL TABLE";
        if (catalog.MaterializedViews.Find(schema, name) is not null) return "VIEW";
        return engineType;
    }

    public async Task<DescribeTableResponse> DescribeTableAsync(DescribeTableRequest request, CancellationToken cancellationToken)
    {
        CheckTarget(request.ConnectedDatabase ?? request.Database, request.ClusterIdentifier, request.WorkgroupName, request.SecretArn, request.MaxResults);
        string schema = request.Schema ?? "public";
        var rows = await QueryAsync(backend.ListColumnsSql, cancellationToken).ConfigureAwait(false);
        var columns = new List<ColumnMetadata>();
        foreach (var r in rows)
        {
            if (r[0] != schema || (request.Table is not null && r[1] != request.Table)) continue;

            // Redshift's catalog has no columns for a late-binding view: they are known only when it runs
            // (pg_get_late_binding_view_cols gives them).
            if (catalog.LateBindingViews.ContainsKey((r[0]!, r[1]!))) continue;
            var declaredTable = catalog.Find(r[0]!, r[1]!);
            var declared = declaredTable?.Column(r[2]!);
            var type = declared?.Type ?? EngineType(r[3]!);
            bool nullable = declared?.Nullable ?? r[4] == "YES";
            columns.Add(new ColumnMetadata
            {
                IsCaseSensitive = type.IsCaseSensitive,
                IsCurrency = false,
                IsSigned = type.IsSigned,
                Label = r[2],
                Name = r[2],
                Nullable = nullable ? 1 : 0,
                Precision = type.ReportedPrecision,
                Scale = type.ReportedScale,
                SchemaName = r[0],
                TableName = r[1],
                TypeName = type.TypeName,
                Length = type.Type is RsType.Varchar or RsType.Bpchar or RsType.Varbyte ? type.ReportedPrecision : 0,
                ColumnDefault = declared is not null ? declared.Default : r[5],
            });
        }

        var (page, next) = PageToken.Slice(columns, request.NextToken, request.MaxResults, 1000, $"DescribeTable|{schema}|{request.Table}");
        return new DescribeTableResponse { TableName = request.Table, ColumnList = page, NextToken = next };
    }

    /// <summary>The Redshift type of an engine information_schema type name (<c>BLOB</c>, <c>jsonb</c>, <c>character varying(30)</c>...).</summary>
    internal static RsTypeInfo EngineType(string engineType)
    {
        string lower = engineType.ToLowerInvariant();
        return RsTypeInfo.Parse(lower) ?? lower switch
        {
            "blob" or "bytea" => new RsTypeInfo(RsType.Varbyte),
            "json" or "jsonb" => new RsTypeInfo(RsType.Super),
            "tinyint" => new RsTypeInfo(RsType.Int2),
            "hugeint" => new RsTypeInfo(RsType.Numeric, Precision: 38, Scale: 0),
            _ => new RsTypeInfo(RsType.Varchar),
        };
    }

    private async Task<List<string?[]>> QueryAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await backend.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand(sql, []);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<string?[]>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = new string?[reader.FieldCount];
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>A SQL LIKE pattern (<c>%</c>, <c>_</c>, backslash escapes) as a regular expression; null matches everything.</summary>
    internal static Regex Like(string? pattern)
    {
        if (pattern is null) return new Regex("^.*$", RegexOptions.Singleline);
        var text = new StringBuilder("^");
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length) text.Append(Regex.Escape(pattern[++i].ToString()));
            else if (c == '%') text.Append(".*");
            else if (c == '_') text.Append('.');
            else text.Append(Regex.Escape(c.ToString()));
        }

        return new Regex(text.Append('$').ToString(), RegexOptions.Singleline);
    }
}
