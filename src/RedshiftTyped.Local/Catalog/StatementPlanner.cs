using Microsoft.Extensions.Logging;
using RedshiftTyped.Local.Catalog.External;
using RedshiftTyped.Local.Dialect;
using RedshiftTyped.Local.Dialect.Functions;
using RedshiftTyped.Local.Dialect.Syntax;
using RedshiftTyped.Local.Dialect.Typing;
using RedshiftTyped.Local.Engine;
using RedshiftTyped.Local.Statements;
using RedshiftTyped.Local.Storage;
using RedshiftTyped.Local.Unload;

namespace RedshiftTyped.Local.Catalog;

/// <summary>
/// The one pipeline every statement goes through: it decides what the server does before, for and after the engine
/// runs it (see <see cref="StatementPlan"/>), in this order:
/// <list type="number">
/// <item>quoted identifiers fold to lower case (Redshift's default), so every later step sees the same names;</item>
/// <item>statements the server cannot emulate fail, naming the feature (<see cref="UnsupportedStatements"/>);</item>
/// <item>statements the server answers itself or translates whole: UNLOAD (Unload/: its query planned as any SELECT, by
/// this pipeline), COMMENT ON, materialized views (their queries translated by the dialect layer), external schemas and
/// tables;</item>
/// <item>any other statement: writes to external tables are refused, system views it reads are filled and late-binding
/// view clauses dropped (<see cref="RedshiftSystemViews"/>); then the dialect layer parses it
/// (<see cref="RedshiftDialect"/>); an INSERT gets its identity values (<see cref="IdentityNumbering"/>); the dialect
/// analyses and prints it for the engine, converting written values once through the storage rules
/// (<see cref="StoredValues"/>) and planning the result columns; a statement it does not parse — DDL with column
/// definitions, ALTER, DROP — goes to <see cref="RedshiftDdlTranslator"/>; external tables it reads are reloaded when
/// their files changed; and once it succeeds the catalog follows (declared types of created tables, dropped tables and
/// columns, identity counters, late-binding views, stale materialized views).</item>
/// </list>
/// </summary>
internal sealed class StatementPlanner
{
    private readonly LocalCatalog _catalog;
    private readonly RedshiftSystemViews _systemViews;
    private readonly RedshiftDdlTranslator _translator;
    private readonly ExternalStatements _external;
    private readonly ExternalTableLoader _loader;
    private readonly RedshiftDialect _dialect;
    private readonly UnloadPlanner _unload;

    public StatementPlanner(IDatabaseBackend backend, LocalCatalog catalog, LocalServerOptions options, ILogger logger)
    {
        _catalog = catalog;
        _dialect = new RedshiftDialect(backend is PostgresBackend ? EngineKind.Postgres : EngineKind.DuckDb, backend.EngineType, catalog,
            logger, options.EnableCaseSensitiveIdentifier);
        _systemViews = new RedshiftSystemViews(backend, options.Database, _dialect);
        _translator = new RedshiftDdlTranslator(backend.EngineType, backend.NeedsBooleanLiteralDefaults);
        var locations = new ExternalLocation(options.ExternalDataFolder);
        _external = new ExternalStatements(catalog, backend.EngineType, locations);
        _loader = new ExternalTableLoader(backend, locations);
        _unload = new UnloadPlanner(backend, options, new UnloadQuerySeam(Plan));
    }

    public StatementPlan Plan(string sql, CancellationToken cancellationToken)
    {
        sql = _dialect.FoldIdentifiers(sql);
        var tokens = SqlLexer.Tokenize(sql);
        UnsupportedStatements.ThrowIfUnsupported(tokens);
        var plan = _unload.TryPlan(tokens)
            ?? Comments.TryPlan(tokens, sql, _dialect)
            ?? MaterializedViewStatements.TryPlan(tokens, _catalog, _dialect)
            ?? _external.TryPlan(tokens);
        if (plan is not null)
        {
            return plan;
        }

        var written = StatementTargets.Written(tokens);
        bool drops = tokens.FirstOrDefault(t => !t.IsTrivia).IsWord("drop");
        foreach (var target in written)
        {
            if (!drops && _catalog.External.Denoted(target).FirstOrDefault() is { } external)
            {
                throw new EngineFailure($"ERROR: writing to external table {external.Schema}.{external.Name} (files in Amazon S3) is not supported by the local server");
            }
        }

        var prepared = _systemViews.Prepare(sql);
        var (translation, translated, identity) = Translate(prepared.Sql, cancellationToken);
        plan = new StatementPlan(translated.Sql) { Columns = translation.Columns };
        if (identity is not null)
        {
            plan.Hold(identity).After((_, affected) => identity.Complete(affected));
        }

        if (prepared.Needed.Count > 0)
        {
            plan.Before((connection, _) => _systemViews.Materialize(connection, _catalog, prepared.Needed));
        }

        var read = drops ? [] : StatementTargets.Mentioned(tokens).SelectMany(_catalog.External.Denoted).Distinct().ToList();
        if (read.Count > 0)
        {
            plan.Before((_, cancel) => read.ForEach(table => _loader.Refresh(table, cancel)));
        }

        var view = prepared.LateBindingView is null ? ViewNamed(tokens) : null;
        return plan.After((_, _) =>
        {
            Commit(sql, translated, prepared.LateBindingView, written);
            // A view dropped or replaced by one with schema binding is no longer late-binding.
            if (view is { } replaced) _catalog.LateBindingViews.TryRemove((replaced.Schema ?? "public", replaced.Name), out _);
        });
    }

    /// <summary>
    /// The engine statement: the dialect layer's translation (an INSERT numbered first), or, for a statement it passes
    /// through, the DDL translator's. The identity reservation is held until the statement has ended.
    /// </summary>
    private (DialectTranslation Dialect, TranslatedSql Engine, IdentityReservation? Identity) Translate(string sql, CancellationToken cancellationToken)
    {
        var statement = _dialect.Parse(sql);
        if (statement is null)
        {
            var passed = _dialect.PassThrough(sql);
            return (passed, _translator.Translate(passed.Sql), null);
        }

        IdentityReservation? identity = null;
        if (statement is InsertStatement insert)
        {
            (statement, identity) = IdentityNumbering.Apply(insert, _catalog, cancellationToken);
        }

        try
        {
            var translation = _dialect.Translate(statement, sql);
            var engine = translation.Translated
                ? new TranslatedSql(translation.Sql, translation.Creates, [])
                : _translator.Translate(translation.Sql);
            return (translation, engine, identity);
        }
        catch
        {
            identity?.Dispose();
            throw;
        }
    }

    /// <summary>The view a CREATE [OR REPLACE] VIEW or DROP VIEW statement names.</summary>
    private static TableName? ViewNamed(List<SqlToken> tokens)
    {
        var words = StatementTargets.Significant(tokens);
        int at = words.Count > 3 && words[0].IsWord("create") && words[1].IsWord("or") && words[2].IsWord("replace") ? 3
            : words.Count > 1 && (words[0].IsWord("create") || words[0].IsWord("drop")) ? 1 : -1;
        if (at < 0 || at >= words.Count || !words[at].IsWord("view"))
        {
            return null;
        }

        at++;
        if (words.Count > at + 1 && words[at].IsWord("if") && (words[at + 1].IsWord("exists") || words[at + 1].IsWord("not"))) at += words[at + 1].IsWord("not") ? 3 : 2;
        return StatementTargets.ReadName(words, ref at);
    }

    /// <summary>Records a script's CREATE TABLE declarations in the catalog without running it (tables that already exist).</summary>
    public void RememberDeclarations(string sql)
    {
        if (_translator.Translate(_dialect.FoldIdentifiers(sql)).Creates is { } created) _catalog.Register(created);
    }

    private void Commit(string sql, TranslatedSql translated, (string Schema, string Name, string Query)? lateBindingView, IReadOnlyList<TableName> written)
    {
        if (translated.Creates is { } created) _catalog.Register(created);
        foreach (var (schema, name) in translated.Drops)
        {
            _catalog.Drop(schema, name);
            _catalog.External.Forget(schema, name);
            _catalog.MaterializedViews.Forget(schema, name);
            _catalog.LateBindingViews.TryRemove((schema, name), out _);
        }

        if (lateBindingView is var (viewSchema, viewName, query)) _catalog.LateBindingViews[(viewSchema, viewName)] = query;
        if (translated.AddsColumn is var (addSchema, addTable, addColumn)) _catalog.AddColumn(addSchema, addTable, addColumn);
        AlteredTableTracker.Apply(sql, _catalog);
        foreach (var table in written)
        {
            _catalog.MaterializedViews.BaseTableChanged(table);
        }
    }
}
