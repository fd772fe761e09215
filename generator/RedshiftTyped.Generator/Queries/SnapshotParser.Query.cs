using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis.Text;
using RedshiftTyped.Generator.Diagnostics;
using RedshiftTyped.Generator.Model;
using RedshiftTyped.Generator.Naming;
using RedshiftTyped.Generator.Queries;

namespace RedshiftTyped.Generator.Parsing;

/// <summary>
/// Query snapshots (docs/query-snapshot.schema.json) are read by the same parser as table snapshots: the same JSON
/// reader, the same member checks, the same column reading (type mapping, overrides, naming collisions), so every
/// diagnostic of the snapshot family applies to them, located in the JSON.
/// </summary>
internal sealed partial class SnapshotParser
{
    /// <summary>The <c>kind</c> of a query snapshot.</summary>
    public const string QueryKind = "query";

    public static QuerySnapshotParse ParseQuery(string path, SourceText text, GeneratorOptions options, CancellationToken cancellationToken)
        => new SnapshotParser(path, text, options).ParseQuery(cancellationToken);

    private QuerySnapshotParse ParseQuery(CancellationToken cancellationToken)
    {
        var root = JsonReader.Parse(_text.ToString(), out var syntaxError);
        if (root is null)
        {
            Report(DiagnosticDescriptors.MalformedJson, syntaxError!.Position, syntaxError.Length, syntaxError.Message);
            return QueryResult(null, null);
        }

        if (root is not JsonObject query)
        {
            Report(DiagnosticDescriptors.MalformedJson, root.Start, root.Length, "a query snapshot is a JSON object, not " + root.Description);
            return QueryResult(null, null);
        }

        if (!CheckFormatVersion(query))
        {
            return QueryResult(null, null);
        }

        ReportDuplicateMembers(query);
        bool withinLimits = CheckTextLimits(query);
        string? kind = RequiredString(query, "kind");
        if (kind is not null and not QueryKind)
        {
            Invalid(query.Find("kind")!.Value, $"\"kind\" is \"{kind}\"; a query snapshot has \"kind\": \"query\" (table snapshots belong under schema-snapshots/)");
            kind = null;
        }

        string? file = RequiredString(query, "file");
        string? database = RequiredString(query, "database");
        string? sha256 = RequiredString(query, "sha256");
        OptionalString(query, "comment");
        var columnsNode = Required(query, "columns");
        var columns = new List<ColumnModel>();
        if (columnsNode is JsonArray { Items.Count: > RedshiftLimits.MaxColumns } tooWide)
        {
            // As for tables: a result wider than any Redshift table costs a diagnostic, not minutes of build.
            Report(DiagnosticDescriptors.BeyondRedshiftLimit, tooWide.Start, 1, RedshiftLimits.TooManyColumns(tooWide.Items.Count, "query's result"));
            withinLimits = false;
        }
        else if (columnsNode is JsonArray columnArray)
        {
            ReadQueryColumns(columnArray, columns, cancellationToken);
        }
        else if (columnsNode is not null)
        {
            Invalid(columnsNode, "\"columns\" must be an array of column objects, not " + columnsNode.Description);
        }

        withinLimits &= CheckNameLimits(query, columns);
        if (kind is null || file is null || database is null || sha256 is null || columnsNode is not JsonArray || !withinLimits)
        {
            return QueryResult(null, null);
        }

        var fileNode = query.Find("file")!.Value;
        var model = new QuerySnapshotModel(_path, QueryFileReader.Key(file), database, sha256, new EquatableArray<ColumnModel>(columns));
        return QueryResult(model, Location(fileNode.Start, fileNode.Length));
    }

    /// <summary>
    /// The result's columns: read as table columns are, except that none can be ignored (a result is read by position)
    /// and that <c>override.nullable</c> may narrow or widen what the service reported.
    /// </summary>
    private void ReadQueryColumns(JsonArray array, List<ColumnModel> columns, CancellationToken cancellationToken)
    {
        var taken = new HashSet<string>(ReservedMemberNames);
        foreach (var item in array.Items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (item is not JsonObject column)
            {
                Invalid(item, "each column must be an object, not " + item.Description);
                continue;
            }

            var parsed = ReadColumn(column);
            if (parsed is null)
            {
                continue;
            }

            var (model, ignore, nameNode, proposed, proposedNode) = parsed.Value;
            var overrides = column.Find("override")?.Value as JsonObject;
            if (ignore && overrides?.Find("ignore")?.Value is { } ignoreNode)
            {
                Report(DiagnosticDescriptors.InvalidOverride, ignoreNode.Start, ignoreNode.Length,
                    "\"ignore\" cannot leave out a column of a query's result, which is read by position; take the column out of the query's SELECT instead");
            }

            switch (overrides?.Find("nullable")?.Value)
            {
                case null or JsonNull:
                    break;
                case JsonBoolean flag:
                    model = model with { IsNullable = flag.Value };
                    break;
                case var flag:
                    Report(DiagnosticDescriptors.InvalidOverride, flag.Start, flag.Length, "\"nullable\" must be true or false");
                    break;
            }

            string unique = Identifiers.Unique(proposed, taken);
            if (unique != proposed)
            {
                var at = proposedNode ?? nameNode;
                Report(DiagnosticDescriptors.IdentifierCollision, at.Start, at.Length, "Column", model.Name, proposed, unique);
            }

            columns.Add(model with { PropertyName = Identifiers.Escape(unique) });
        }
    }

    private QuerySnapshotParse QueryResult(QuerySnapshotModel? model, LocationInfo? fileLocation)
        => new(model, fileLocation, new EquatableArray<DiagnosticInfo>(_diagnostics));
}
