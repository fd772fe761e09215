using RedshiftTyped.Generator.Model;
using RedshiftTyped.Queries.Syntax;

namespace RedshiftTyped.Generator.Queries;

/// <summary>A declared parameter: <c>-- @param year int</c>.</summary>
internal sealed record QueryParameterModel(string Name, string DeclaredType, QueryParameterType Type, bool IsNullable);

/// <summary>A <c>-- @nullable column false</c> hint.</summary>
internal sealed record NullabilityHintModel(string Column, bool IsNullable);

/// <summary>
/// A query file read, span-free, so that an edit which leaves the query the same (it cannot: the hash covers the text)
/// compares equal. <see cref="File"/> is the path below the queries folder, <c>tickit/top_events.sql</c>: the key that
/// pairs the file with its query snapshot and names its entry point.
/// </summary>
internal sealed record QueryFileModel(
    string File,
    string Sql,
    string Sha256,
    string? Description,
    EquatableArray<QueryParameterModel> Parameters,
    EquatableArray<NullabilityHintModel> Hints);

/// <summary>A query file read, with what the diagnostics need: its locations and problems.</summary>
internal sealed record QueryFileParse(
    QueryFileModel Model,
    LocationInfo FileLocation,
    EquatableArray<LocationInfo> ParameterLocations,
    EquatableArray<LocationInfo> HintLocations,
    EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>A query snapshot (<c>query-snapshots/tickit/top_events.json</c>), parsed: the result's columns as captured.</summary>
internal sealed record QuerySnapshotModel(
    string Path,
    string File,
    string Database,
    string Sha256,
    EquatableArray<ColumnModel> Columns);

/// <summary>A query snapshot parsed: the model (null when unusable), where its <c>file</c> is written, and its problems.</summary>
internal sealed record QuerySnapshotParse(QuerySnapshotModel? Model, LocationInfo? FileLocation, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>A parameter with the property that carries it.</summary>
internal sealed record QueryParameterPlan(QueryParameterModel Parameter, string PropertyName);

/// <summary>The C# names of one query: where its types live and how its folder's entry class reaches it.</summary>
internal sealed record QueryNaming(
    string Namespace,
    string BaseName,
    string EntryNamespace,
    EquatableArray<string> EntryClassPath,
    string HintName)
{
    public string RowName => BaseName + "Row";

    public string ParametersName => BaseName + "Parameters";

    public string QueryClassName => BaseName + "Query";
}

/// <summary>One query with everything the emitter needs: the file, its snapshot's columns (hints applied) and names.</summary>
internal sealed record QueryEmitPlan(
    QueryFileModel Query,
    string Database,
    EquatableArray<ColumnModel> Columns,
    EquatableArray<QueryParameterPlan> Parameters,
    QueryNaming Naming);

/// <summary>A folder of query files: the (nested) entry class that holds its queries' descriptors.</summary>
internal sealed record QueryFolderPlan(string Folder, string EntryNamespace, EquatableArray<string> ClassPath, string HintName);

/// <summary>Every query that generates code, and every folder's entry class.</summary>
internal sealed record QueryPlanSet(EquatableArray<QueryEmitPlan> Queries, EquatableArray<QueryFolderPlan> Folders);
