using System.Collections.Generic;
using System.Linq;
using RedshiftTyped.Generator.Emit;
using RedshiftTyped.Generator.Model;
using RedshiftTyped.Generator.Naming;
using RedshiftTyped.Generator.Parsing;
using RedshiftTyped.Queries.Syntax;

namespace RedshiftTyped.Generator.Queries;

/// <summary>
/// Writes one typed query's source: the row record (one property per result column, typed and named as table columns
/// are), the parameters record, the <c>&lt;Name&gt;Query</c> class with the descriptor, the row decoder and the Arrow
/// builder (the table emitter's), and the query's property on its folder's entry class. A pure function of the plan.
/// </summary>
internal static class QueryEmitter
{
    private const string Typed = "global::RedshiftTyped.Typed.";
    private const string Queries = "global::RedshiftTyped.Queries.";
    private const string QueryHeader = "a query file (.sql) and its query snapshot. Edit the .sql file and run redshift-typed capture";

    public static string Emit(QueryEmitPlan plan)
    {
        var naming = plan.Naming;
        var query = plan.Query;
        string row = "global::" + naming.Namespace + "." + Identifiers.Escape(naming.RowName);
        string parameters = "global::" + naming.Namespace + "." + Identifiers.Escape(naming.ParametersName);
        string queryClass = "global::" + naming.Namespace + "." + Identifiers.Escape(naming.QueryClassName);
        string descriptorType = plan.Parameters.Count == 0
            ? $"{Queries}QueryDescriptor<{row}>"
            : $"{Queries}QueryDescriptor<{parameters}, {row}>";
        string file = CSharp.Xml(query.File);

        var w = new SourceWriter();
        Header.Write(w, QueryHeader);
        w.Open("namespace " + naming.Namespace);
        WriteRow(w, plan, file);
        w.Line();
        if (plan.Parameters.Count > 0)
        {
            WriteParameters(w, plan, file);
            w.Line();
        }

        WriteQueryClass(w, plan, row, descriptorType, file);
        w.Close();
        w.Line();
        WriteEntryProperty(w, plan, row, queryClass, descriptorType, file);
        return w.ToString();
    }

    /// <summary>The entry class of a folder, with its documentation (its members come from each query's file).</summary>
    public static string EmitFolder(QueryFolderPlan folder)
    {
        var w = new SourceWriter();
        Header.Write(w, QueryHeader);
        w.Open("namespace " + folder.EntryNamespace);
        string where = folder.Folder.Length == 0 ? "the queries folder" : $"<c>{CSharp.Xml(folder.Folder)}/</c>";
        for (int i = 0; i < folder.ClassPath.Count; i++)
        {
            if (i == folder.ClassPath.Count - 1)
            {
                w.Line($"/// <summary>The typed queries of {where}, one property per <c>.sql</c> file: pass one to <c>client.QueryAsync</c>.</summary>");
                w.Line(Header.GeneratedCode);
            }

            w.Open($"public static partial class {Identifiers.Escape(folder.ClassPath[i])}");
        }

        for (int i = 0; i < folder.ClassPath.Count; i++)
        {
            w.Close();
        }

        w.Close();
        return w.ToString();
    }

    private static void WriteRow(SourceWriter w, QueryEmitPlan plan, string file)
    {
        w.Line($"/// <summary>A row of the query <c>{file}</c>.</summary>");
        if (plan.Query.Description is { Length: > 0 } description)
        {
            w.Line($"/// <remarks>{CSharp.Xml(description)}</remarks>");
        }

        w.Line(Header.GeneratedCode);
        w.Open($"public sealed partial record {Identifiers.Escape(plan.Naming.RowName)}");
        foreach (var column in plan.Columns)
        {
            TableEmitter.WriteProperty(w, column);
        }

        w.Close();
    }

    private static void WriteParameters(SourceWriter w, QueryEmitPlan plan, string file)
    {
        w.Line($"/// <summary>The parameters of the query <c>{file}</c>, sent as Data API parameters.</summary>");
        foreach (var p in plan.Parameters)
        {
            string nullability = p.Parameter.IsNullable ? "; null is written as NULL in the statement" : string.Empty;
            w.Line($"/// <param name=\"{Identifiers.Bare(p.PropertyName)}\"><c>:{CSharp.Xml(p.Parameter.Name)}</c>, <c>{CSharp.Xml(p.Parameter.DeclaredType)}</c>{nullability}.</param>");
        }

        w.Line(Header.GeneratedCode);
        string list = string.Join(", ", plan.Parameters.Select(p => ParameterType(p.Parameter) + " " + p.PropertyName));
        w.Line($"public sealed record {Identifiers.Escape(plan.Naming.ParametersName)}({list});");
    }

    private static void WriteQueryClass(SourceWriter w, QueryEmitPlan plan, string row, string descriptorType, string file)
    {
        string parameters = "global::" + plan.Naming.Namespace + "." + Identifiers.Escape(plan.Naming.ParametersName);
        var query = plan.Query;
        var columns = plan.Columns;
        string display = "query " + query.File;
        w.Line($"/// <summary>The compiled query <c>{file}</c>: its descriptor, and its result's columns, row decoder and Arrow builder.</summary>");
        w.Line(Header.GeneratedCode);
        w.Open($"public static class {Identifiers.Escape(plan.Naming.QueryClassName)}");
        TableEmitter.WriteColumnArray(w, display, columns);
        w.Line();
        w.Line("/// <summary>The result's columns, in order.</summary>");
        w.Line($"public static global::System.Collections.Generic.IReadOnlyList<{Typed}ColumnDescriptor> Columns => Descriptor.Columns;");
        w.Line();
        TableEmitter.WriteArrowSchema(w, columns);
        w.Line();
        w.Line($"/// <summary>The result as a column list: names, types, decoder and Arrow builder (kind <c>Query</c>).</summary>");
        w.Line($"public static {Typed}TableDescriptor<{row}> Descriptor {{ get; }} = new(");
        w.Indentation++;
        w.Line($"database: {CSharp.Literal(plan.Database)},");
        w.Line("schema: \"\",");
        w.Line($"name: {CSharp.Literal(query.File)},");
        w.Line($"kind: {Typed}TableKind.Query,");
        w.Line($"comment: {CSharp.Literal(query.Description)},");
        w.Line("columns: s_columns,");
        w.Line("primaryKey: global::System.Array.Empty<string>(),");
        w.Line($"selectList: {CSharp.Literal(TableEmitter.SelectList(columns))},");
        w.Line("decoder: new RowDecoder(),");
        w.Line("arrowSchema: ArrowSchema,");
        w.Line("createArrowBuilder: static () => new ArrowBatchBuilder());");
        w.Indentation--;
        w.Line();
        w.Line($"/// <summary>The query: its SQL, parameters and result, for <c>client.QueryAsync</c>.</summary>");
        w.Line($"public static {descriptorType} Query {{ get; }} = new(");
        w.Indentation++;
        w.Line($"file: {CSharp.Literal(query.File)},");
        w.Line($"sql: {CSharp.Literal(query.Sql)},");
        w.Line($"sha256: {CSharp.Literal(query.Sha256)},");
        w.Line($"description: {CSharp.Literal(query.Description)},");
        w.Line($"database: {CSharp.Literal(plan.Database)},");
        if (plan.Parameters.Count == 0)
        {
            w.Line("result: Descriptor);");
        }
        else
        {
            w.Open($"parameters: new {Queries}QueryParameter[]");
            foreach (var p in plan.Parameters)
            {
                var parameter = p.Parameter;
                w.Line($"new({CSharp.Literal(parameter.Name)}, {CSharp.Literal(parameter.DeclaredType)}, {CSharp.Literal(parameter.IsNullable)}, typeof({TypeOfOperand(parameter)}), {CSharp.Literal(Identifiers.Bare(p.PropertyName))}),");
            }

            w.Close(",");
            w.Line("result: Descriptor,");
            w.Line($"values: static ({parameters} p) => new object?[] {{ {string.Join(", ", plan.Parameters.Select(p => "p." + p.PropertyName))} }});");
        }

        w.Indentation--;
        w.Line();
        TableEmitter.WriteDecoder(w, columns, row);
        w.Line();
        TableEmitter.WriteArrowBuilder(w, columns, row);
        w.Close();
    }

    private static void WriteEntryProperty(SourceWriter w, QueryEmitPlan plan, string row, string queryClass, string descriptorType, string file)
    {
        var naming = plan.Naming;
        w.Open("namespace " + naming.EntryNamespace);
        foreach (string name in naming.EntryClassPath)
        {
            w.Open($"public static partial class {Identifiers.Escape(name)}");
        }

        string summary = plan.Query.Description is { Length: > 0 } description
            ? $"<c>{file}</c>: {CSharp.Xml(description)}"
            : $"The query <c>{file}</c>.";
        w.Line($"/// <summary>{summary}</summary>");
        string parameters = plan.Parameters.Count == 0
            ? "no parameters"
            : "parameters " + string.Join(", ", plan.Parameters.Select(p => $"<c>:{CSharp.Xml(p.Parameter.Name)} {CSharp.Xml(p.Parameter.DeclaredType)}{(p.Parameter.IsNullable ? " nullable" : string.Empty)}</c>"));
        w.Line($"/// <remarks>Takes {parameters}; each row is a <see cref=\"{row}\"/>.</remarks>");
        w.Line($"public static {descriptorType} {Identifiers.Escape(naming.BaseName)} => {queryClass}.Query;");
        foreach (string _ in naming.EntryClassPath)
        {
            w.Close();
        }

        w.Close();
    }

    private static string ParameterType(QueryParameterModel parameter)
        => ClrTypeName(parameter.Type) + (parameter.IsNullable ? "?" : string.Empty);

    /// <summary>typeof takes <c>int?</c> but not <c>string?</c> (CS8639).</summary>
    private static string TypeOfOperand(QueryParameterModel parameter)
        => parameter.Type is QueryParameterType.Char or QueryParameterType.VarChar ? "string" : ParameterType(parameter);

    private static string ClrTypeName(QueryParameterType type) => TypeMapping.ClrTypeName(type switch
    {
        QueryParameterType.SmallInt => ColumnValueKind.Int16,
        QueryParameterType.Integer => ColumnValueKind.Int32,
        QueryParameterType.BigInt => ColumnValueKind.Int64,
        QueryParameterType.Real => ColumnValueKind.Single,
        QueryParameterType.DoublePrecision => ColumnValueKind.Double,
        QueryParameterType.Numeric => ColumnValueKind.Decimal,
        QueryParameterType.Boolean => ColumnValueKind.Boolean,
        QueryParameterType.Date => ColumnValueKind.Date,
        QueryParameterType.Time => ColumnValueKind.Time,
        QueryParameterType.Timestamp => ColumnValueKind.Timestamp,
        QueryParameterType.TimestampTz => ColumnValueKind.TimestampTz,
        _ => ColumnValueKind.String,
    });
}
