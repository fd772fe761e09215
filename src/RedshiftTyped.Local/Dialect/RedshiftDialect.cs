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
/// The Redshift SQL front end both backends share: parse, analyse (names, types), emit for the engine. A statement
/// the parser does not take (DDL with column definitions, SET, COPY, …) runs as written, its quoted identifiers folded
/// and its string literals read as Redshift reads them. A feature the local server cannot emulate fails with
/// <see cref="DialectError"/>. See Dialect/README.md.
/// </summary>
internal sealed partial class RedshiftDialect(EngineKind engine, Func<RsTypeInfo, string> engineType, LocalCatalog catalog, ILogger logger, bool caseSensitiveIdentifiers = false)
{
    public EngineKind Engine => engine;

    /// <exception cref="DialectError">The statement uses a feature the local server refuses (with Redshift's error text).</exception>
    public DialectTranslation Translate(string sql)
    {
        if (UnsupportedStatements.FeatureOf(sql) is { } feature)
        {
            throw new DialectError($"ERROR: {feature} is not supported by the local server");
        }

        Statement statement;
        try
        {
            statement = Parser.Parse(sql, caseSensitiveIdentifiers);
        }
        catch (DialectSyntaxException ex)
        {
            PassedThrough(logger, ex.Message);
            return new DialectTranslation(Normalize(sql), null, false);
        }

        try
        {
            var analysis = Analyzer.Analyze(statement, catalog);
            string emitted = SqlEmitter.Emit(statement, analysis, engine, engineType, catalog);
            return new DialectTranslation(emitted, analysis.Result, true) { Creates = CreatedTable(statement, analysis) };
        }
        catch (DialectError)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A gap in the dialect layer must not break a statement that ran before it existed.
            Failed(logger, ex);
            return new DialectTranslation(Normalize(sql), null, false);
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
        return new CatalogTable(name.Schema ?? "public", name.Last.Name, declared, null, null, [], null);
    }

    /// <summary>
    /// A statement passed through, token by token: quoted identifiers fold to lower case (unless case sensitivity is
    /// on) and string literals with backslash escapes are rewritten as standard literals of the same value.
    /// </summary>
    public string Normalize(string sql)
    {
        if (!sql.Contains('"', StringComparison.Ordinal) && !sql.Contains('\\', StringComparison.Ordinal)) return sql;
        var text = new StringBuilder(sql.Length);
        foreach (var token in SqlLexer.Tokenize(sql))
        {
            if (token.Kind == SqlTokenKind.QuotedIdentifier && !caseSensitiveIdentifiers)
            {
                text.Append(token.Text.ToLowerInvariant());
            }
            else if (token.Kind == SqlTokenKind.String && token.Text.StartsWith('\'') && token.Text.Contains('\\', StringComparison.Ordinal))
            {
                text.Append(CallSite.Quote(Parser.StringValue(token.Text)));
            }
            else
            {
                text.Append(token.Text);
            }
        }

        return text.ToString();
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Debug, Message = "Dialect layer: statement passed through as written ({Reason})")]
    private static partial void PassedThrough(ILogger logger, string reason);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Dialect layer: translation failed, statement passed through as written")]
    private static partial void Failed(ILogger logger, Exception exception);
}
