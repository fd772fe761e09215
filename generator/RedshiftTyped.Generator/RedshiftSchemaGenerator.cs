using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using RedshiftTyped.Generator.Diagnostics;
using RedshiftTyped.Generator.Emit;
using RedshiftTyped.Generator.Model;
using RedshiftTyped.Generator.Naming;
using RedshiftTyped.Generator.Parsing;
using RedshiftTyped.Generator.Queries;

namespace RedshiftTyped.Generator;

/// <summary>
/// Turns Redshift schema snapshots (AdditionalFiles marked by the package's props) into typed records, descriptors,
/// row decoders and Arrow builders, plus one typed entry point per database; and typed query files (<c>.sql</c>) with
/// their query snapshots into typed queries (see <see cref="QueryPipeline"/>).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class RedshiftSchemaGenerator : IIncrementalGenerator
{
    /// <summary>The item metadata the props put on snapshot files (RedshiftSchema items) among the AdditionalFiles.</summary>
    public const string SchemaMetadata = "build_metadata.AdditionalFiles.RedshiftTypedSchema";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var options = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => ReadOptions(provider.GlobalOptions))
            .WithTrackingName(TrackingNames.Options);

        // Only AdditionalFiles that are .json and carry the RedshiftSchema marker; the text is read here, once.
        var files = context.AdditionalTextsProvider
            .Where(static text => text.Path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, ct) => IsSnapshot(pair.Right.GetOptions(pair.Left)) && pair.Left.GetText(ct) is { } text
                ? new SnapshotFile(pair.Left.Path, text)
                : null)
            .Where(static file => file is not null)
            .Select(static (file, _) => file!)
            .WithTrackingName(TrackingNames.SnapshotFiles);

        var parsed = files
            .Combine(options)
            .Select(static (pair, ct) => SnapshotParser.Parse(pair.Left.Path, pair.Left.Text, pair.Right, ct))
            .WithTrackingName(TrackingNames.Parsed);

        // Pipeline 1, source. Selecting the span-free model means whitespace edits stop here (Unchanged).
        var tables = parsed
            .Select(static (result, _) => result.Table)
            .Where(static table => table is not null)
            .Select(static (table, _) => table!)
            .WithTrackingName(TrackingNames.Tables);

        var naming = tables
            .Select(static (table, _) => table.Key)
            .WithTrackingName(TrackingNames.TableKeys)
            .Collect()
            .Combine(options)
            .Select(static (pair, _) => NamingPlan.Build(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Naming);

        var plans = tables
            .Combine(naming)
            .Select(static (pair, _) => TableEmitPlan.Create(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.TablePlans);

        context.RegisterSourceOutput(plans, static (spc, plan) =>
        {
            if (plan is not null)
            {
                spc.AddSource(TableEmitter.HintName(plan), SourceText.From(TableEmitter.Emit(plan), System.Text.Encoding.UTF8));
            }
        });

        context.RegisterSourceOutput(naming, static (spc, plan) =>
        {
            foreach (var (hintName, source) in DatabaseEmitter.Emit(plan))
            {
                spc.AddSource(hintName, SourceText.From(source, System.Text.Encoding.UTF8));
            }
        });

        // Pipeline 2, diagnostics only. They carry spans, so they change with every edit of a file; keeping them off
        // the source pipeline is what lets the source stay cached.
        var fileDiagnostics = parsed
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.FileDiagnostics);
        context.RegisterSourceOutput(fileDiagnostics, static (spc, diagnostics) => Report(spc, diagnostics));

        var crossFileDiagnostics = parsed
            .Select(static (result, _) => result.Table is not null && result.NameLocation is not null
                ? new LocatedTableKey(result.Table.Key, result.NameLocation)
                : null)
            .Where(static key => key is not null)
            .Collect()
            .Combine(options)
            .Select(static (pair, _) => CrossFileDiagnostics.Find(pair.Left!, pair.Right))
            .WithTrackingName(TrackingNames.CrossFileDiagnostics);
        context.RegisterSourceOutput(crossFileDiagnostics, static (spc, diagnostics) => Report(spc, diagnostics));

        // Typed queries: .sql files and their query snapshots.
        QueryPipeline.Register(context, options, naming);
    }

    private static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            context.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
    }

    private static bool IsSnapshot(AnalyzerConfigOptions options)
        => options.TryGetValue(SchemaMetadata, out string? value) && string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    internal static GeneratorOptions ReadOptions(AnalyzerConfigOptions options)
    {
        string root = options.TryGetValue("build_property.RedshiftTypedNamespace", out string? ns) && !string.IsNullOrWhiteSpace(ns)
            ? ns!.Trim()
            : options.TryGetValue("build_property.RootNamespace", out string? rootNamespace) && !string.IsNullOrWhiteSpace(rootNamespace)
                ? rootNamespace!.Trim()
                : GeneratorOptions.Default.RootNamespace;
        var naming = options.TryGetValue("build_property.RedshiftTypedNaming", out string? style)
            && string.Equals(style?.Trim(), "Keep", StringComparison.OrdinalIgnoreCase)
                ? NamingStyle.Keep
                : NamingStyle.PascalCase;
        return new GeneratorOptions(root, naming);
    }
}

/// <summary>Diagnostics that need every table at once: duplicate tables and record-name collisions.</summary>
internal static class CrossFileDiagnostics
{
    public static EquatableArray<DiagnosticInfo> Find(ImmutableArray<LocatedTableKey?> keys, GeneratorOptions options)
    {
        var locations = new Dictionary<TableKey, LocationInfo>();
        foreach (var key in keys)
        {
            if (key is not null)
            {
                locations[key.Key] = key.NameLocation;
            }
        }

        var plan = NamingPlan.Build(locations.Keys, options);
        var found = new List<DiagnosticInfo>();
        foreach (var table in plan.Tables)
        {
            var location = locations[table.Key];
            string display = table.Key.Database + "." + table.Key.Schema + "." + table.Key.Name;
            if (table.DuplicateOf is not null)
            {
                found.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateTable, location, display, table.DuplicateOf));
            }
            else if (table.CollidedRecordName is not null)
            {
                found.Add(DiagnosticInfo.Create(DiagnosticDescriptors.IdentifierCollision, location, "Table", display, table.CollidedRecordName, table.RecordName));
            }
        }

        return new EquatableArray<DiagnosticInfo>(found);
    }
}
