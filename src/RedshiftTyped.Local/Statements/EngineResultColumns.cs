using System.Text.RegularExpressions;
using RedshiftTyped.Local.Dialect;
using RedshiftTyped.Local.Engine;

namespace RedshiftTyped.Local.Statements;

/// <summary>
/// Result columns of a statement the dialect layer passed through: the engine's names and types, a column whose name
/// belongs to exactly one catalog table named in the SQL taking that table's declared type (a heuristic kept for these
/// statements only; translated statements get their columns from the dialect layer's analysis).
/// </summary>
internal static partial class EngineResultColumns
{
    public static IReadOnlyList<ResultColumn> Describe(LocalCatalog catalog, string sql, IReadOnlyList<string> engineNames,
        IReadOnlyList<(RsTypeInfo Type, bool Nullable)> described)
    {
        var referenced = catalog.ReferencedBy(SqlLexer.Tokenize(sql)
            .Where(t => t.Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier)
            .Select(RedshiftDdlTranslator.Identifier));
        var columns = new List<ResultColumn>(engineNames.Count);
        for (int i = 0; i < engineNames.Count; i++)
        {
            string name = ColumnName(engineNames[i]);
            var (engineType, nullable) = described[i];
            var owners = referenced.Where(t => t.Column(name) is { } c && Compatible(engineType, c.Type)).ToList();
            if (owners.Count == 1 && owners[0].Column(name) is { } declared)
            {
                columns.Add(new ResultColumn(declared.Type.ToResultMetadata(name, declared.Nullable, owners[0].Schema, owners[0].Name), declared.Type));
            }
            else
            {
                columns.Add(new ResultColumn(engineType.ToResultMetadata(name, nullable), engineType));
            }
        }

        return columns;
    }

    /// <summary>Whether the declared Redshift type can describe what the engine returned for a column of that name.</summary>
    private static bool Compatible(RsTypeInfo engine, RsTypeInfo declared)
        => engine.Type == declared.Type
           || (engine.Type == RsType.Varchar && declared.Type is RsType.Bpchar or RsType.Super or RsType.Geometry or RsType.HllSketch)
           || (engine.Type == RsType.Super && declared.Type == RsType.Super);

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
