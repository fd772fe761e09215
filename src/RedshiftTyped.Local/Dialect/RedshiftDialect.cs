using System.Text;
using Microsoft.Extensions.Logging;
using RedshiftTyped.Local.Dialect.Emit;
using RedshiftTyped.Local.Dialect.Functions;
using RedshiftTyped.Local.Dialect.Syntax;
using RedshiftTyped.Local.Dialect.Typing;
using RedshiftTyped.Local.Engine;
using RedshiftTyped.Local.Statements;

namespace RedshiftTyped.Local.Dialect;

/// <summary>
/// A statement as the engine runs it: the SQL, and (for a query the dialect layer understood) the result columns
/// Redshift would report — names, types, nullability, source table. <see cref="Columns"/> is null when the statement
/// was passed through (the engine's names and types are reported then, as before).
/// </summary>
internal sealed record DialectTranslation(string Sql, IReadOnlyList<OutputColumn>? Columns, bool Translated)
{
    /// <summary>The table a CREATE TABLE AS or SELECT INTO makes, with the query's Redshift types (null when a type is unknown).</summary>
    public CatalogTable? Creates { get; init; }
}

/// <summary>
/// The Redshift SQL front end both backends share: parse, analyse (names, types), emit for the engine. The statement
/// planner (Catalog/StatementPlanner) calls <see cref="Parse"/>, lets the storage rules number identity columns, then
/// <see cref="Translate(Statement, string)"/>. A statement the parser does not take (DDL with column definitions, SET,
/// COPY, …) is <see cref="PassThrough"/>: its string literals read as Redshift reads them, for the DDL translator. A
/// feature the local server cannot emulate fails with <see cref="EngineFailure"/>. See Dialect/README.md.
/// </summary>
internal sealed partial class RedshiftDialect(EngineKind engine, Func<RsTypeInfo, string> engineType, LocalCatalog catalog, ILogger logger, bool caseSensitiveIdentifiers = false)
{
    public EngineKind Engine => engine;

    /// <summary>The statement's syntax tree, or null when it is not a statement the dialect layer translates.</summary>
    public Statement? Parse(string sql)
    {
        try
        {
            return Parser.Parse(sql, caseSensitiveIdentifiers);
        }
        catch (DialectSyntaxException ex)
        {
            PassedThrough(logger, ex.Message);
            return null;
        }
    }

    /// <summary>Parses and translates <paramref name="sql"/> (a statement the parser does not take is passed through).</summary>
    /// <exception cref="EngineFailure">The statement uses a feature the local server refuses (with Redshift's error text).</exception>
    public DialectTranslation Translate(string sql) => Parse(sql) is { } statement ? Translate(statement, sql) : PassThrough(sql);

    /// <summary>The engine SQL and planned result columns of a parsed statement (<paramref name="sql"/> is its text, run as written should the layer fail).</summary>
    /// <exception cref="EngineFailure">The statement uses a feature the local server refuses (with Redshift's error text).</exception>
    public DialectTranslation Translate(Statement statement, string sql)
    {
        try
        {
            var analysis = Analyzer.Analyze(statement, catalog);
            string emitted = SqlEmitter.Emit(statement, analysis, engine, engineType, catalog);
            return new DialectTranslation(emitted, analysis.Result, true) { Creates = CreatedTable(statement, analysis) };
        }
        catch (EngineFailure)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A gap in the dialect layer must not break a statement that ran before it existed.
            Failed(logger, ex);
            return PassThrough(sql);
        }
    }

    /// <summary>A statement the layer does not translate, as the engine runs it (before the DDL translator).</summary>
    public DialectTranslation PassThrough(string sql) => new(Normalize(FoldIdentifiers(sql)), null, false);

    /// <summary>
    /// The result columns a query returns as Redshift reports them, or null when the layer cannot tell (used for the
    /// columns of materialized and late-binding views).
    /// </summary>
    public IReadOnlyList<OutputColumn>? PlannedColumns(string query)
    {
        try
        {
            return Translate(query).Columns;
        }
        catch (EngineFailure)
        {
            return null;
        }
    }

    /// <summary>
    /// The declared types of a table made from a query (CREATE TABLE AS, SELECT INTO), so that DescribeTable and result
    /// metadata report them as Redshift would (the engines store VARCHAR(n) and SUPER under other types). Null when the
    /// table may already exist (IF NOT EXISTS) or a column's type is not known.
    /// </summary>
    private static CatalogTable? CreatedTable(Statement statement, Analysis analysis)
    {
        var (name, query, columns) = statement switch
        {
            CreateTableAs { IfNotExists: false } ctas => (ctas.Table, ctas.Query, ctas.Columns),
            SelectStatement { Query.Body: Select { Into: { } into } } select => (into, select.Query, (IReadOnlyList<Ident>)[]),
            _ => (null, null, []),
        };
        if (name is null || query is null || analysis.OutputsOf(query) is not { Count: > 0 } outputs) return null;
        if (outputs.Any(c => c.UnknownStar || c.Type is null)) return null;
        var declared = outputs.Select((c, i) => new CatalogColumn(i < columns.Count ? columns[i].Name : c.Name, c.Type!.Value, true, null, null)).ToList();
        var design = RedshiftDdlTranslator.ReadTableAttributes(statement is CreateTableAs { Attributes: var attributes } ? attributes : "");
        return new CatalogTable(name.Schema ?? "public", name.Last.Name, declared, design.DistStyle ?? (design.DistKey is null ? "AUTO" : "KEY"),
            design.DistKey, design.SortKey, design.Backup);
    }

    /// <summary>
    /// Quoted identifiers folded to lower case, as Redshift folds them while <c>enable_case_sensitive_identifier</c> is off
    /// (r_names.md): the planner folds every statement first, so that the catalog, the system views and the DDL
    /// translator see the names the parser sees. String literals and comments are untouched.
    /// </summary>
    public string FoldIdentifiers(string sql)
    {
        if (caseSensitiveIdentifiers || !sql.Contains('"', StringComparison.Ordinal)) return sql;
        var text = new StringBuilder(sql.Length);
        foreach (var token in SqlLexer.Tokenize(sql))
        {
            text.Append(token.Kind == SqlTokenKind.QuotedIdentifier ? token.Text.ToLowerInvariant() : token.Text);
        }

        return text.ToString();
    }

    /// <summary>A statement passed through: string literals with backslash escapes rewritten as standard literals of the same value.</summary>
    private static string Normalize(string sql)
    {
        if (!sql.Contains('\\', StringComparison.Ordinal)) return sql;
        var text = new StringBuilder(sql.Length);
        foreach (var token in SqlLexer.Tokenize(sql))
        {
            text.Append(token.Kind == SqlTokenKind.String && token.Text.StartsWith('\'') && token.Text.Contains('\\', StringComparison.Ordinal)
                ? CallSite.Quote(Parser.StringValue(token.Text))
                : token.Text);
        }

        return text.ToString();
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Debug, Message = "Dialect layer: statement passed through as written ({Reason})")]
    private static partial void PassedThrough(ILogger logger, string reason);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Dialect layer: translation failed, statement passed through as written")]
    private static partial void Failed(ILogger logger, Exception exception);
}
