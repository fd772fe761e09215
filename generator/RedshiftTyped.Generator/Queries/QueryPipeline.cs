using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using RedshiftTyped.Generator.Diagnostics;
using RedshiftTyped.Generator.Model;
using RedshiftTyped.Generator.Naming;
using RedshiftTyped.Generator.Parsing;

namespace RedshiftTyped.Generator.Queries;

/// <summary>
/// The typed-query half of the generator. Inputs are AdditionalFiles: <c>.sql</c> files marked with
/// <c>RedshiftTypedQuery</c> (the path below the queries folder) and query snapshots marked
/// <c>RedshiftTypedQuerySnapshot</c>. Each file is read in a step of its own; the pairing and naming see every file
/// at once and give one plan per query, and each query's source is emitted from its own plan, so editing one query
/// file (or its snapshot) regenerates that query only. Diagnostics run on a separate branch, as for tables.
/// </summary>
internal static class QueryPipeline
{
    /// <summary>The item metadata the targets put on query files: their path below the queries folder.</summary>
    public const string QueryMetadata = "build_metadata.AdditionalFiles.RedshiftTypedQuery";

    /// <summary>The item metadata the targets put on query snapshots.</summary>
    public const string SnapshotMetadata = "build_metadata.AdditionalFiles.RedshiftTypedQuerySnapshot";

    public static void Register(IncrementalGeneratorInitializationContext context, IncrementalValueProvider<GeneratorOptions> options,
        IncrementalValueProvider<NamingPlan> tableNaming)
    {
        var files = context.AdditionalTextsProvider
            .Where(static text => text.Path.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, ct) => Metadata(pair.Right.GetOptions(pair.Left), QueryMetadata) is { Length: > 0 } key && pair.Left.GetText(ct) is { } text
                ? QueryFileReader.Read(pair.Left.Path, QueryFileReader.Key(key), text)
                : null)
            .Where(static parse => parse is not null)
            .Select(static (parse, _) => parse!)
            .WithTrackingName(TrackingNames.QueryFiles);

        var snapshots = context.AdditionalTextsProvider
            .Where(static text => text.Path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, _) => IsTrue(Metadata(pair.Right.GetOptions(pair.Left), SnapshotMetadata)) ? pair.Left : null)
            .Where(static text => text is not null)
            .Combine(options)
            .Select(static (pair, ct) => pair.Left!.GetText(ct) is { } text
                ? SnapshotParser.ParseQuery(pair.Left.Path, text, pair.Right, ct)
                : null)
            .Where(static parse => parse is not null)
            .Select(static (parse, _) => parse!)
            .WithTrackingName(TrackingNames.QuerySnapshots);

        // The namespaces table snapshots generate into: queries stay out of them.
        var tableNamespaces = tableNaming
            .Select(static (plan, _) => new EquatableArray<string>(
                plan.Tables.Select(t => t.Namespace.Substring(0, t.Namespace.LastIndexOf('.'))).Distinct().OrderBy(n => n, StringComparer.Ordinal)))
            .WithTrackingName(TrackingNames.QueryTableNamespaces);

        var fileModels = files.Select(static (parse, _) => parse.Model).WithTrackingName(TrackingNames.QueryFileModels).Collect();
        var snapshotModels = snapshots
            .Select(static (parse, _) => parse.Model)
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingNames.QuerySnapshotModels)
            .Collect();

        var plans = fileModels
            .Combine(snapshotModels)
            .Combine(tableNamespaces.Combine(options))
            .Select(static (pair, _) => QueryPlanner.Plan(pair.Left.Left, pair.Left.Right, pair.Right.Left, pair.Right.Right))
            .WithTrackingName(TrackingNames.QueryPlanSet);

        var queryPlans = plans.SelectMany(static (set, _) => set.Queries).WithTrackingName(TrackingNames.QueryPlans);
        context.RegisterSourceOutput(queryPlans, static (spc, plan)
            => spc.AddSource(plan.Naming.HintName, SourceText.From(QueryEmitter.Emit(plan), System.Text.Encoding.UTF8)));

        var folderPlans = plans.SelectMany(static (set, _) => set.Folders).WithTrackingName(TrackingNames.QueryFolders);
        context.RegisterSourceOutput(folderPlans, static (spc, folder)
            => spc.AddSource(folder.HintName, SourceText.From(QueryEmitter.EmitFolder(folder), System.Text.Encoding.UTF8)));

        // Diagnostics: each file's own, then those of the pairs (located through the parses, which carry the spans).
        context.RegisterSourceOutput(files.Select(static (parse, _) => parse.Diagnostics), static (spc, diagnostics) => Report(spc, diagnostics));
        context.RegisterSourceOutput(snapshots.Select(static (parse, _) => parse.Diagnostics), static (spc, diagnostics) => Report(spc, diagnostics));
        var pairDiagnostics = files.Collect()
            .Combine(snapshots.Collect())
            .Combine(tableNamespaces.Combine(options))
            .Select(static (pair, _) => PairDiagnostics(pair.Left.Left, pair.Left.Right, pair.Right.Left, pair.Right.Right))
            .WithTrackingName(TrackingNames.QueryPairDiagnostics);
        context.RegisterSourceOutput(pairDiagnostics, static (spc, diagnostics) => Report(spc, diagnostics));
    }

    private static EquatableArray<DiagnosticInfo> PairDiagnostics(ImmutableArray<QueryFileParse> files, ImmutableArray<QuerySnapshotParse> snapshots,
        EquatableArray<string> tableNamespaces, GeneratorOptions options)
    {
        var issues = new List<QueryIssue>();
        QueryPlanner.Plan(files.Select(f => f.Model), snapshots.Where(s => s.Model is not null).Select(s => s.Model!), tableNamespaces, options, issues);
        var fileByKey = new Dictionary<string, QueryFileParse>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            fileByKey[file.Model.File] = file;
        }

        var snapshotByPath = snapshots.Where(s => s.Model is not null).ToDictionary(s => s.Model!.Path, StringComparer.Ordinal);
        var found = new List<DiagnosticInfo>();
        foreach (var issue in issues)
        {
            var args = issue.Arguments.ToArray();
            switch (issue.Kind)
            {
                case QueryIssueKind.MissingSnapshot:
                    found.Add(DiagnosticInfo.Create(QueryDiagnosticDescriptors.MissingSnapshot, fileByKey[issue.Key].FileLocation, args));
                    break;
                case QueryIssueKind.StaleSnapshot:
                    found.Add(DiagnosticInfo.Create(QueryDiagnosticDescriptors.StaleSnapshot, fileByKey[issue.Key].FileLocation, args));
                    break;
                case QueryIssueKind.UnknownHintColumn:
                    found.Add(DiagnosticInfo.Create(QueryDiagnosticDescriptors.UnknownHintColumn, fileByKey[issue.Key].HintLocations[issue.Index], args));
                    break;
                case QueryIssueKind.QueryNameCollision:
                    found.Add(DiagnosticInfo.Create(DiagnosticDescriptors.IdentifierCollision, fileByKey[issue.Key].FileLocation, ["Query", .. args]));
                    break;
                case QueryIssueKind.ParameterNameCollision:
                    found.Add(DiagnosticInfo.Create(DiagnosticDescriptors.IdentifierCollision, fileByKey[issue.Key].ParameterLocations[issue.Index], ["Parameter", .. args]));
                    break;
                case QueryIssueKind.OrphanSnapshot when snapshotByPath[issue.Key].FileLocation is { } location:
                    found.Add(DiagnosticInfo.Create(QueryDiagnosticDescriptors.OrphanSnapshot, location, args));
                    break;
                case QueryIssueKind.DuplicateSnapshot when snapshotByPath[issue.Key].FileLocation is { } location:
                    found.Add(DiagnosticInfo.Create(QueryDiagnosticDescriptors.DuplicateSnapshot, location, args));
                    break;
            }
        }

        return new EquatableArray<DiagnosticInfo>(found);
    }

    private static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            context.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
    }

    private static string? Metadata(AnalyzerConfigOptions options, string key) => options.TryGetValue(key, out string? value) ? value : null;

    private static bool IsTrue(string? value) => string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
}
