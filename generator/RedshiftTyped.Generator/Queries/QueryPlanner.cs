using System;
using System.Collections.Generic;
using System.Linq;
using RedshiftTyped.Generator.Emit;
using RedshiftTyped.Generator.Model;
using RedshiftTyped.Generator.Naming;

namespace RedshiftTyped.Generator.Queries;

/// <summary>What the planner found wrong with a pair; the diagnostics branch locates it.</summary>
internal enum QueryIssueKind
{
    MissingSnapshot,
    StaleSnapshot,
    UnknownHintColumn,
    OrphanSnapshot,
    DuplicateSnapshot,
    QueryNameCollision,
    ParameterNameCollision,
}

/// <summary>
/// One issue: <see cref="Key"/> is the query file's key, or the snapshot's path for snapshot issues;
/// <see cref="Index"/> the hint or parameter it is about.
/// </summary>
internal sealed record QueryIssue(QueryIssueKind Kind, string Key, int Index, EquatableArray<string> Arguments);

/// <summary>
/// Pairs query files with their query snapshots (by the file's path below the queries folder) and names everything,
/// deterministically: files are visited in ordinal order of that path, so names never depend on the order the compiler
/// hands files over. A query <c>tickit/top_events.sql</c> becomes <c>&lt;root&gt;.Queries.Tickit.TopEventsRow</c>,
/// <c>TopEventsParameters</c> and <c>TopEventsQuery</c>, reached as <c>&lt;root&gt;.Queries.TickitQueries.TopEvents</c>;
/// files directly in the queries folder go to <c>RootQueries</c>. Names that collide get <c>_2</c>, <c>_3</c>…
/// </summary>
internal static class QueryPlanner
{
    private const string RootEntryClass = "RootQueries";

    /// <summary>Members every class has; a nested member of that name would hide them (CS0108).</summary>
    private static readonly string[] ObjectMembers = ["Equals", "ReferenceEquals", "GetHashCode", "GetType", "ToString", "MemberwiseClone", "Finalize"];

    /// <summary>Members the compiler gives every record; a parameter property may not take them.</summary>
    private static readonly string[] RecordMembers = ["EqualityContract", "Equals", "GetHashCode", "ToString", "PrintMembers", "Deconstruct", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals"];

    /// <param name="files">The query files read.</param>
    /// <param name="snapshots">The query snapshots parsed.</param>
    /// <param name="tableNamespaces">The namespaces the table snapshots generate into, which queries must not share.</param>
    /// <param name="options">The generator options.</param>
    /// <param name="issues">Receives what is wrong, when the caller reports diagnostics.</param>
    public static QueryPlanSet Plan(IEnumerable<QueryFileModel> files, IEnumerable<QuerySnapshotModel> snapshots,
        EquatableArray<string> tableNamespaces, GeneratorOptions options, List<QueryIssue>? issues = null)
    {
        var snapshotsByFile = PairSnapshots(snapshots, issues);
        var orderedFiles = new List<QueryFileModel>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files.OrderBy(f => f.File, StringComparer.Ordinal))
        {
            if (seen.Add(file.File))
            {
                orderedFiles.Add(file);
            }
        }

        foreach (string orphan in snapshotsByFile.Keys.Where(key => !seen.Contains(key)).OrderBy(k => k, StringComparer.Ordinal))
        {
            issues?.Add(new QueryIssue(QueryIssueKind.OrphanSnapshot, snapshotsByFile[orphan].Path, 0, new EquatableArray<string>([orphan])));
        }

        var names = new Names(RootNamespace(options.RootNamespace, tableNamespaces), options.Naming);
        var plans = new List<QueryEmitPlan>();
        foreach (var file in orderedFiles)
        {
            if (!snapshotsByFile.TryGetValue(file.File, out var snapshot))
            {
                issues?.Add(new QueryIssue(QueryIssueKind.MissingSnapshot, file.File, 0, new EquatableArray<string>([file.File])));
                continue;
            }

            if (!string.Equals(snapshot.Sha256, file.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                // Still generated (from the snapshot), so the error stands alone instead of among missing-type errors.
                issues?.Add(new QueryIssue(QueryIssueKind.StaleSnapshot, file.File, 0, new EquatableArray<string>([file.File, snapshot.Sha256, file.Sha256])));
            }

            var naming = names.ForQuery(file, issues);
            plans.Add(new QueryEmitPlan(file, snapshot.Database, ApplyHints(file, snapshot, issues), ParameterPlans(file, naming, options, issues), naming));
        }

        return new QueryPlanSet(new EquatableArray<QueryEmitPlan>(plans), new EquatableArray<QueryFolderPlan>(names.UsedFolders()));
    }

    /// <summary>
    /// <c>&lt;root&gt;.Queries</c>, unless a database's tables already generate into that namespace (a database named
    /// "queries"): then <c>Queries_2</c>, and so on.
    /// </summary>
    private static string RootNamespace(string root, EquatableArray<string> tableNamespaces)
    {
        string prefix = string.IsNullOrEmpty(root) ? string.Empty : root + ".";
        var taken = new HashSet<string>(tableNamespaces, StringComparer.Ordinal);
        for (int i = 1; ; i++)
        {
            string candidate = prefix + (i == 1 ? "Queries" : "Queries_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (!taken.Contains(candidate))
            {
                return candidate;
            }
        }
    }

    private static Dictionary<string, QuerySnapshotModel> PairSnapshots(IEnumerable<QuerySnapshotModel> snapshots, List<QueryIssue>? issues)
    {
        var byFile = new Dictionary<string, QuerySnapshotModel>(StringComparer.Ordinal);
        foreach (var snapshot in snapshots.OrderBy(s => s.Path, StringComparer.Ordinal))
        {
            if (byFile.TryGetValue(snapshot.File, out var first))
            {
                issues?.Add(new QueryIssue(QueryIssueKind.DuplicateSnapshot, snapshot.Path, 0, new EquatableArray<string>([snapshot.File, first.Path])));
                continue;
            }

            byFile.Add(snapshot.File, snapshot);
        }

        return byFile;
    }

    /// <summary>The snapshot's columns with the file's <c>@nullable</c> hints applied (a hint wins over the snapshot).</summary>
    private static EquatableArray<ColumnModel> ApplyHints(QueryFileModel file, QuerySnapshotModel snapshot, List<QueryIssue>? issues)
    {
        if (file.Hints.Count == 0)
        {
            return snapshot.Columns;
        }

        var columns = snapshot.Columns.ToList();
        for (int h = 0; h < file.Hints.Count; h++)
        {
            var hint = file.Hints[h];
            int index = columns.FindIndex(c => c.Name == hint.Column);
            if (index < 0)
            {
                issues?.Add(new QueryIssue(QueryIssueKind.UnknownHintColumn, file.File, h,
                    new EquatableArray<string>([hint.Column, string.Join(", ", columns.Select(c => c.Name))])));
                continue;
            }

            columns[index] = columns[index] with { IsNullable = hint.IsNullable };
        }

        return new EquatableArray<ColumnModel>(columns);
    }

    private static EquatableArray<QueryParameterPlan> ParameterPlans(QueryFileModel file, QueryNaming naming, GeneratorOptions options, List<QueryIssue>? issues)
    {
        var taken = new HashSet<string>(RecordMembers, StringComparer.Ordinal) { naming.ParametersName };
        var plans = new List<QueryParameterPlan>();
        for (int i = 0; i < file.Parameters.Count; i++)
        {
            var parameter = file.Parameters[i];
            string proposed = Identifiers.Create(parameter.Name, options.Naming, "Parameter" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            string unique = Identifiers.Unique(proposed, taken);
            if (unique != proposed)
            {
                issues?.Add(new QueryIssue(QueryIssueKind.ParameterNameCollision, file.File, i, new EquatableArray<string>([parameter.Name, proposed, unique])));
            }

            plans.Add(new QueryParameterPlan(parameter, Identifiers.Escape(unique)));
        }

        return new EquatableArray<QueryParameterPlan>(plans);
    }

    /// <summary>The names taken so far, per folder: its entry class's members and its namespace's types.</summary>
    private sealed class Names(string rootNamespace, NamingStyle style)
    {
        private readonly Dictionary<string, Folder> _folders = new(StringComparer.Ordinal);
        private readonly HashSet<string> _hintNames = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<QueryFolderPlan> _used = [];

        public QueryNaming ForQuery(QueryFileModel file, List<QueryIssue>? issues)
        {
            int slash = file.File.LastIndexOf('/');
            var folder = FolderOf(slash < 0 ? string.Empty : file.File.Substring(0, slash));
            string name = slash < 0 ? file.File : file.File.Substring(slash + 1);
            string stem = name.EndsWith(".sql", StringComparison.OrdinalIgnoreCase) ? name.Substring(0, name.Length - 4) : name;
            string proposed = Identifiers.Create(stem, style, "Query");
            string chosen = proposed;
            for (int i = 2; !folder.IsFree(chosen); i++)
            {
                chosen = proposed + "_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            folder.Take(chosen);
            if (chosen != proposed)
            {
                issues?.Add(new QueryIssue(QueryIssueKind.QueryNameCollision, file.File, 0, new EquatableArray<string>([file.File, proposed, chosen])));
            }

            MarkUsed(folder);
            return new QueryNaming(folder.Namespace, chosen, rootNamespace, new EquatableArray<string>(folder.ClassPath),
                HintNames.Unique(folder.Namespace + "." + chosen + "Query", _hintNames));
        }

        public IReadOnlyList<QueryFolderPlan> UsedFolders() => _used;

        /// <summary>A folder with queries gets its entry class documented, and so does every class it is nested in.</summary>
        private void MarkUsed(Folder folder)
        {
            for (var current = folder; current is not null && !current.Used; current = current.EnclosingClass)
            {
                current.Used = true;
                _used.Add(new QueryFolderPlan(current.Path, rootNamespace, new EquatableArray<string>(current.ClassPath),
                    HintNames.Unique(rootNamespace + "." + string.Join(".", current.ClassPath) + ".Queries", _hintNames)));
            }
        }

        private Folder FolderOf(string path)
        {
            if (_folders.TryGetValue(path, out var found))
            {
                return found;
            }

            Folder folder;
            if (path.Length == 0)
            {
                // The root namespace holds the entry classes and the top folders' namespaces; RootQueries is reserved.
                folder = new Folder(path, rootNamespace, [RootEntryClass], enclosingClass: null);
                folder.NamespaceNames.Add(RootEntryClass);
            }
            else
            {
                int slash = path.LastIndexOf('/');
                string parentPath = slash < 0 ? string.Empty : path.Substring(0, slash);
                var parent = FolderOf(parentPath);
                string segment = Identifiers.Create(slash < 0 ? path : path.Substring(slash + 1), style, "Folder");
                if (parentPath.Length == 0)
                {
                    // A top folder: a namespace and an entry class (<Folder>Queries) side by side in the root namespace.
                    segment = Identifiers.Unique(segment, parent.NamespaceNames);
                    string entry = Identifiers.Unique(segment + "Queries", parent.NamespaceNames);
                    folder = new Folder(path, parent.Namespace + "." + Identifiers.Escape(segment), [entry], enclosingClass: null);
                }
                else
                {
                    // A nested folder: a namespace in its parent's, and a class nested in its parent's entry class.
                    string chosen = segment;
                    for (int i = 2; parent.ClassMembers.Contains(chosen) || parent.NamespaceNames.Contains(chosen); i++)
                    {
                        chosen = segment + "_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    }

                    parent.ClassMembers.Add(chosen);
                    parent.NamespaceNames.Add(chosen);
                    folder = new Folder(path, parent.Namespace + "." + Identifiers.Escape(chosen), [.. parent.ClassPath, chosen], parent);
                }
            }

            _folders.Add(path, folder);
            return folder;
        }
    }

    private sealed class Folder
    {
        public Folder(string path, string ns, List<string> classPath, Folder? enclosingClass)
        {
            Path = path;
            EnclosingClass = enclosingClass;
            Namespace = ns;
            ClassPath = classPath;

            // A member may not share its class's name (CS0542) or hide an object member (CS0108).
            ClassMembers = new HashSet<string>(ObjectMembers, StringComparer.Ordinal) { classPath[classPath.Count - 1] };
        }

        public string Path { get; }

        /// <summary>The folder whose entry class this folder's class is nested in; null for a top folder or the root.</summary>
        public Folder? EnclosingClass { get; }

        public string Namespace { get; }

        public List<string> ClassPath { get; }

        /// <summary>Names in the folder's entry class: query properties and nested folder classes.</summary>
        public HashSet<string> ClassMembers { get; }

        /// <summary>Names in the folder's namespace: the queries' types and the nested folders' namespaces.</summary>
        public HashSet<string> NamespaceNames { get; } = new(StringComparer.Ordinal);

        public bool Used { get; set; }

        public bool IsFree(string name)
            => !ClassMembers.Contains(name) && !NamespaceNames.Contains(name + "Row") && !NamespaceNames.Contains(name + "Parameters")
                && !NamespaceNames.Contains(name + "Query");

        public void Take(string name)
        {
            ClassMembers.Add(name);
            NamespaceNames.Add(name + "Row");
            NamespaceNames.Add(name + "Parameters");
            NamespaceNames.Add(name + "Query");
        }
    }
}
