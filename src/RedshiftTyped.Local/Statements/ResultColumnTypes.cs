using System.Data.Common;
using System.Text.RegularExpressions;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Local.Engine;

namespace RedshiftTyped.Local.Statements;

/// <summary>
/// The columns of a query's result as Redshift reports them: Redshift's names, the engine's type of each value (how
/// to read it) and the type to report (the declared type of the table column it comes from, when exactly one table
/// the query names has a compatible column of that name; the engine's otherwise), with their ColumnMetadata. Shared by
/// results the Data API pages and by UNLOAD, so both see the same types.
/// </summary>
internal sealed partial class ResultColumnTypes
{
    private ResultColumnTypes(string[] names, RsTypeInfo[] engineTypes, RsTypeInfo[] reportTypes, List<ColumnMetadata> metadata)
    {
        Names = names;
        EngineTypes = engineTypes;
        ReportTypes = reportTypes;
        Metadata = metadata;
    }

    public IReadOnlyList<string> Names { get; }

    public RsTypeInfo[] EngineTypes { get; }

    public RsTypeInfo[] ReportTypes { get; }

    public List<ColumnMetadata> Metadata { get; }

    public static ResultColumnTypes Resolve(LocalCatalog catalog, DbDataReader reader, IReadOnlyList<(RsTypeInfo Type, bool Nullable)> described, string sql)
    {
        var referenced = catalog.ReferencedBy(SqlLexer.Tokenize(sql)
            .Where(t => t.Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier)
            .Select(RedshiftDdlTranslator.Identifier));
        int count = reader.FieldCount;
        var names = new string[count];
        var engineTypes = new RsTypeInfo[count];
        var reportTypes = new RsTypeInfo[count];
        var metadata = new List<ColumnMetadata>(count);
        for (int i = 0; i < count; i++)
        {
            string name = ColumnName(reader.GetName(i));
            names[i] = name;
            var (engineType, nullable) = described[i];
            engineTypes[i] = engineType;
            reportTypes[i] = engineType;
            var owners = referenced.Where(t => t.Column(name) is { } c && LocalCatalog.Compatible(engineType, c.Type)).ToList();
            if (owners.Count == 1 && owners[0].Column(name) is { } declared)
            {
                reportTypes[i] = declared.Type;
                metadata.Add(declared.Type.ToResultMetadata(name, declared.Nullable, owners[0].Schema, owners[0].Name));
            }
            else
            {
                metadata.Add(engineType.ToResultMetadata(name, nullable));
            }
        }

        return new ResultColumnTypes(names, engineTypes, reportTypes, metadata);
    }

    /// <summary>Redshift's column names: lower case; an unnamed expression is its function's name or <c>?column?</c>.</summary>
    private static string ColumnName(string engineName)
    {
        if (PlainIdentifier().IsMatch(engineName))
        {
            return engineName;
        }

        var function = FunctionCall().Match(engineName);
        if (function.Success)
        {
            string name = function.Groups[1].Value.ToLowerInvariant();
            return name == "count_star" ? "count" : name;
        }

        return engineName.Length == 0 || engineName.Contains('(', StringComparison.Ordinal) || engineName.Contains(' ', StringComparison.Ordinal)
            ? "?column?"
            : engineName;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_$]*$")]
    private static partial Regex PlainIdentifier();

    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_]*)\(")]
    private static partial Regex FunctionCall();
}
