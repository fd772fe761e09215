using System.Collections.Concurrent;
using RedshiftTyped.Local.Dialect;
using RedshiftTyped.Local.Engine;
using RedshiftTyped.Local.Statements;

namespace RedshiftTyped.Local.Catalog;

/// <summary>
/// A materialized view: its query, the tables it reads, and whether it is stale — a base table changed since it
/// was last refreshed, or it calls a mutable function such as GETDATE (r_STV_MV_INFO.md).
/// </summary>
internal sealed class MaterializedView(string schema, string name, string query, IReadOnlyList<TableName> baseTables, bool autoRefresh, bool mutable)
{
    private volatile bool _stale;

    public string Schema => schema;

    public string Name => name;

    /// <summary>The view's query as the engine runs it (translated by the dialect layer when the view was created).</summary>
    public string Query => query;

    public IReadOnlyList<TableName> BaseTables => baseTables;

    public bool AutoRefresh { get; set; } = autoRefresh;

    /// <summary>True when the query calls a mutable function: such a view is always stale.</summary>
    public bool Mutable => mutable;

    public bool Stale
    {
        get => _stale || mutable;
        set => _stale = value;
    }
}

/// <summary>The materialized views the server knows, by (schema, name). Thread-safe.</summary>
internal sealed class MaterializedViewRegistry
{
    private readonly ConcurrentDictionary<(string Schema, string Name), MaterializedView> _views = new();

    public void Register(MaterializedView view) => _views[(view.Schema, view.Name)] = view;

    public void Forget(string schema, string name) => _views.TryRemove((schema, name), out _);

    public MaterializedView? Find(string schema, string name) => _views.GetValueOrDefault((schema, name));

    public IReadOnlyList<MaterializedView> All => [.. _views.Values.OrderBy(v => v.Schema, StringComparer.Ordinal).ThenBy(v => v.Name, StringComparer.Ordinal)];

    /// <summary>A statement changed <paramref name="table"/>: every view reading it is stale until refreshed.</summary>
    public void BaseTableChanged(TableName table)
    {
        foreach (var view in _views.Values)
        {
            if (view.BaseTables.Any(b => b.Name == table.Name && (b.Schema is null || table.Schema is null || b.Schema == table.Schema)))
            {
                view.Stale = true;
            }
        }
    }
}

/// <summary>
/// CREATE / REFRESH / ALTER / DROP MATERIALIZED VIEW (materialized-view-create-sql-command.md,
/// materialized-view-refresh-sql-command.md, materialized-view-drop-sql-command.md). A materialized view is stored
/// as an engine table holding its query's rows as of its last refresh, so it reads stale data until refreshed, as
/// in Redshift; the refresh recomputes it in full (state 0 in stv_mv_info). AUTO REFRESH is recorded, but the
/// server refreshes only on REFRESH (Redshift's automatic refresh has no timing to emulate).
/// </summary>
internal static class MaterializedViewStatements
{
    private static readonly HashSet<string> MutableFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        "getdate", "sysdate", "now", "current_date", "current_time", "current_timestamp", "localtime", "localtimestamp",
        "timeofday", "random", "transaction_timestamp", "statement_timestamp", "clock_timestamp",
    };

    public static StatementPlan? TryPlan(List<SqlToken> tokens, LocalCatalog catalog, RedshiftDialect dialect)
    {
        var words = tokens.Select((t, i) => (Token: t, Index: i)).Where(x => !x.Token.IsTrivia).ToList();
        if (words.Count < 4 || !words[1].Token.IsWord("materialized") || !words[2].Token.IsWord("view"))
        {
            return null;
        }

        var w = words.Select(x => x.Token).ToList();
        if (w[0].IsWord("create"))
        {
            return Create(tokens, words, catalog, dialect);
        }

        int at = 3;
        if (w[0].IsWord("refresh"))
        {
            var name = Resolve(StatementTargets.ReadName(w, ref at));
            var view = catalog.MaterializedViews.Find(name.Schema, name.Name)
                ?? throw new EngineFailure($"ERROR: materialized view \"{name.Name}\" does not exist");
            string target = Quoted(view.Schema, view.Name);
            return new StatementPlan($"INSERT INTO {target} {view.Query}")
                .Before((connection, _) => Execute(connection, $"DELETE FROM {target}"))
                .After((_, _) => view.Stale = false);
        }

        if (w[0].IsWord("drop"))
        {
            bool ifExists = w.Count > 4 && w[3].IsWord("if") && w[4].IsWord("exists");
            at = ifExists ? 5 : 3;
            var dropped = new List<(string Schema, string Name)>();
            while (StatementTargets.ReadName(w, ref at) is { } name)
            {
                var resolved = Resolve(name);
                if (catalog.MaterializedViews.Find(resolved.Schema, resolved.Name) is null && !ifExists)
                {
                    throw new EngineFailure($"ERROR: materialized view \"{resolved.Name}\" does not exist");
                }

                dropped.Add(resolved);
                if (at >= w.Count || !w[at].IsSymbol(",")) break;
                at++;
            }

            var existing = dropped.Where(d => catalog.MaterializedViews.Find(d.Schema, d.Name) is not null).ToList();
            if (existing.Count == 0)
            {
                return new StatementPlan(null);
            }

            return new StatementPlan($"DROP TABLE {string.Join(", ", existing.Select(d => Quoted(d.Schema, d.Name)))}")
                .After((_, _) =>
                {
                    foreach (var (schema, name) in existing)
                    {
                        catalog.MaterializedViews.Forget(schema, name);
                        catalog.Drop(schema, name);
                    }
                });
        }

        if (w[0].IsWord("alter"))
        {
            var name = Resolve(StatementTargets.ReadName(w, ref at));
            var view = catalog.MaterializedViews.Find(name.Schema, name.Name)
                ?? throw new EngineFailure($"ERROR: materialized view \"{name.Name}\" does not exist");
            if (at + 2 < w.Count && w[at].IsWord("auto") && w[at + 1].IsWord("refresh"))
            {
                bool yes = w[at + 2].IsWord("yes");
                return new StatementPlan(null).After((_, _) => view.AutoRefresh = yes);
            }

            // ROW LEVEL SECURITY and the like change nothing the server shows.
            return new StatementPlan(null);
        }

        return null;
    }

    /// <summary>
    /// <c>CREATE MATERIALIZED VIEW name [BACKUP {YES|NO}] [DISTSTYLE ...] [DISTKEY (c)] [[COMPOUND] SORTKEY (c, ...)]
    /// [AUTO REFRESH {YES|NO}] AS query</c>. The query goes through the dialect layer like any other; the view's columns
    /// take the types the dialect plans for it (Redshift's names, declared lengths), where they describe what the engine
    /// stored.
    /// </summary>
    private static StatementPlan Create(List<SqlToken> tokens, List<(SqlToken Token, int Index)> words, LocalCatalog catalog, RedshiftDialect dialect)
    {
        var w = words.Select(x => x.Token).ToList();
        int at = 3;
        var name = Resolve(StatementTargets.ReadName(w, ref at));
        bool autoRefresh = false;
        int asAt = -1;
        for (int k = at; k < w.Count; k++)
        {
            if (w[k].IsWord("auto") && k + 2 < w.Count && w[k + 1].IsWord("refresh"))
            {
                autoRefresh = w[k + 2].IsWord("yes");
            }

            if (w[k].IsWord("as"))
            {
                asAt = k;
                break;
            }
        }

        if (asAt < 0)
        {
            throw new EngineFailure("ERROR: CREATE MATERIALIZED VIEW needs AS followed by the view's query");
        }

        int end = tokens.Count;
        while (end > 0 && (tokens[end - 1].IsTrivia || tokens[end - 1].IsSymbol(";"))) end--;
        int start = words[asAt].Index + 1;
        string query = string.Concat(tokens.Skip(start).Take(end - start).Select(t => t.Text)).Trim();
        var queryTokens = SqlLexer.Tokenize(query);
        var baseTables = StatementTargets.Mentioned(queryTokens).Distinct().ToList();
        bool mutable = queryTokens.Any(t => t.Kind == SqlTokenKind.Word && MutableFunctions.Contains(t.Text));
        var translation = dialect.Translate(query);
        var view = new MaterializedView(name.Schema, name.Name, translation.Sql, baseTables, autoRefresh, mutable);
        string target = Quoted(name.Schema, name.Name);
        return new StatementPlan($"CREATE TABLE {target} AS {translation.Sql}")
            .After((connection, _) =>
            {
                catalog.MaterializedViews.Register(view);
                var columns = QueryColumns.Describe(connection, $"SELECT * FROM {target} LIMIT 0", translation.Columns)
                    .Select(c => new CatalogColumn(c.Name, c.Type, true, null, null))
                    .ToList();
                catalog.Register(new CatalogTable(name.Schema, name.Name, columns, "AUTO", null, [], null));
            });
    }

    private static (string Schema, string Name) Resolve(TableName? name)
        => name is { } n ? (n.Schema ?? "public", n.Name) : throw new EngineFailure("ERROR: a materialized view name is expected");

    private static void Execute(IEngineConnection connection, string sql)
    {
        using var command = connection.CreateCommand(sql, []);
        command.ExecuteNonQuery();
    }

    private static string Quoted(string schema, string name) => PostgresBackend.Quote(schema) + "." + PostgresBackend.Quote(name);
}
